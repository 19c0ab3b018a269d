"""Everything welzijn holds about one person, and who read or changed it.

A record is the person's when one of its paths to a person (`graph.Paths`) ends at them, or
when it belongs to one of their households and none of its person paths leads to someone
else: the household itself, its addresses and statuses, its dossiers and what was registered
for the household as a whole are shared data of every member; the other members' own
records (their incomes, their contacts, their memberships) are not in the export.
"""

from __future__ import annotations

import datetime as dt
import decimal
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from welzijn.core.models import AuditEvent
from welzijn.registry.models import Person
from welzijn.subjectrights.graph import Paths, personal_models

#: Fields never exported: the machinery of the records, not data about the person.
SKIPPED_FIELDS = frozenset({"search_name", "search_key", "extern_id"})
#: Events per query of the audit trail (the ids of one model per chunk).
AUDIT_CHUNK = 500


@dataclass
class Section:
    label: str
    title: str
    columns: list[tuple[str, str]]  # (field name, Dutch label)
    records: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Read:
    when: dt.datetime
    who: str
    action: str
    what: str
    object_id: str
    reason: str


@dataclass
class SubjectData:
    person: Person
    generated_at: dt.datetime
    sections: list[Section]
    reads: list[Read]

    def record_keys(self) -> set[tuple[str, int]]:
        return {(s.label, r["id"]) for s in self.sections for r in s.records}

    def as_json(self) -> dict[str, Any]:
        return {
            "persoon": {"id": self.person.pk, "naam": str(self.person)},
            "aangemaakt_op": self.generated_at.isoformat(),
            "gegevens": [
                {"model": s.label, "titel": s.title, "records": s.records} for s in self.sections
            ],
            "inzage_en_wijzigingen": [
                {
                    "wanneer": r.when.isoformat(),
                    "wie": r.who,
                    "handeling": r.action,
                    "gegeven": r.what,
                    "id": r.object_id,
                    "reden": r.reason,
                }
                for r in self.reads
            ],
        }


def _filter(paths: Paths, person_id: int, household_ids: list[int]) -> Q:
    mine = Q(pk__in=[])
    for path in paths.to_person:
        mine |= Q(**{path: person_id})
    shared = Q(pk__in=[])
    for path in paths.to_household:
        shared |= Q(**{f"{path}__in": household_ids})
    for path in paths.to_person:
        shared &= Q(**{f"{path}__isnull": True}) | Q(**{path: person_id})
    return mine | shared


def _value(obj: models.Model, model_field) -> Any:
    if model_field.is_relation:
        related = getattr(obj, model_field.name)
        return None if related is None else str(related)
    if model_field.choices:
        return getattr(obj, f"get_{model_field.name}_display")()
    value = getattr(obj, model_field.attname)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    return value


def _columns(model) -> list:
    return [f for f in model._meta.concrete_fields if f.name not in SKIPPED_FIELDS]


def _section(paths: Paths, person_id: int, household_ids: list[int]) -> Section:
    model = paths.model
    fields = _columns(model)
    relations = [f.name for f in fields if f.is_relation]
    rows = (
        model._default_manager.filter(
            pk__in=model._default_manager.filter(_filter(paths, person_id, household_ids)).values(
                "pk"
            )
        )
        .select_related(*relations)
        .order_by("pk")
    )
    section = Section(
        label=paths.label,
        title=str(model._meta.verbose_name_plural).capitalize(),
        columns=[(f.name, str(f.verbose_name)) for f in fields],
    )
    section.records = [{f.name: _value(row, f) for f in fields} for row in rows]
    return section


def _explain_findings(section: Section) -> None:
    """A finding is exported with its explanation, recomputed as the worklist shows it."""
    from welzijn.rights.models import Finding
    from welzijn.rights.snapshots import with_explanations

    findings = with_explanations(
        list(Finding.objects.filter(pk__in=[r["id"] for r in section.records]).order_by("pk"))
    )
    section.columns.append(("uitleg", "uitleg"))
    for record, finding in zip(section.records, findings, strict=True):
        record["uitleg"] = finding.explanation_text


ENRICH = {"rights.finding": _explain_findings}


def _reads(sections: list[Section]) -> list[Read]:
    titles = {s.label: str(s.title) for s in sections}
    events: list[AuditEvent] = []
    for section in sections:
        ids = [str(r["id"]) for r in section.records]
        for start in range(0, len(ids), AUDIT_CHUNK):
            events += AuditEvent.objects.filter(
                object_type=section.label, object_id__in=ids[start : start + AUDIT_CHUNK]
            )
    events.sort(key=lambda e: e.seq)
    return [
        Read(
            when=e.occurred_at,
            who=e.actor_username or "systeem",
            action=AuditEvent.Action(e.action).label if e.action in AuditEvent.Action else e.action,
            what=titles[e.object_type],
            object_id=e.object_id,
            reason=e.reason,
        )
        for e in events
    ]


def subject_data(person: Person) -> SubjectData:
    """Collect; the caller checks access and audits (`services.subject_export`)."""
    household_ids = list(person.memberships.values_list("household_id", flat=True))
    sections = []
    for paths in personal_models():
        section = _section(paths, person.pk, household_ids)
        if section.records:
            if paths.label in ENRICH:
                ENRICH[paths.label](section)
            sections.append(section)
    return SubjectData(person, timezone.now(), sections, _reads(sections))
