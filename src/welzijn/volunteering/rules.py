"""The volunteer law's conditions for publishing a vacancy, read from data
(`rules/vrijwilligerswet.yaml`, with its articles)."""

from functools import cache
from pathlib import Path

import yaml

RULES_FILE = Path(__file__).with_name("rules") / "vrijwilligerswet.yaml"


@cache
def volunteer_law() -> dict:
    with RULES_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def publishing_errors(vacancy) -> dict[str, str]:
    """Fields that must be filled in before the vacancy may be published, with the message."""
    insurance = volunteer_law()["insurance"]
    message = " ".join(insurance["message"].split())
    return {
        field: message
        for field in insurance["required_to_publish"]
        if not str(getattr(vacancy, field) or "").strip()
    }
