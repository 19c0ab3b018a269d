"""The default schedule and register (fixtures/schedule.yaml) into an empty database."""

from __future__ import annotations

from pathlib import Path

import yaml

SCHEDULE = Path(__file__).parent / "fixtures" / "schedule.yaml"
_RULE_DEFAULTS = {"condition": {}, "unless": {}, "erase": {}, "period_published": False}


def schedule_data() -> list[dict]:
    data = yaml.safe_load(SCHEDULE.read_text(encoding="utf-8"))
    basis = f"{data['_gdpr']} {data['_archive']}"
    processing = []
    for activity in data["processing"]:
        rules = [{**_RULE_DEFAULTS, "legal_basis": basis, **rule} for rule in activity["rules"]]
        processing.append({**activity, "rules": rules})
    return processing


def schedule_load(processing_model, rule_model) -> int:
    """Create what is missing (by code); a beheerder's edits are left alone."""
    created = 0
    for activity in schedule_data():
        fields = {k: v for k, v in activity.items() if k not in ("code", "rules")}
        processing, _ = processing_model.objects.get_or_create(
            code=activity["code"], defaults=fields
        )
        for rule in activity["rules"]:
            rest = {k: v for k, v in rule.items() if k != "code"}
            _, new = rule_model.objects.get_or_create(
                code=rule["code"], defaults={**rest, "processing": processing}
            )
            created += new
    return created
