"""The data protection officer's acts: a subject-access export, a restriction (or an
objection) set and lifted. Each is audited; the export records who exported whom."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from welzijn.core.audit import audit_record
from welzijn.core.models import AuditEvent
from welzijn.core.validation import require, validate_and_save
from welzijn.registry.models import Person, Restriction
from welzijn.subjectrights.access import access_subject_rights
from welzijn.subjectrights.collect import SubjectData, subject_data

PDF_TEMPLATE = "subjectrights/export_pdf.html"
#: The reason of the audit event of an export (an audited read: action "view").
EXPORT_REASON = "inzage-export (art. 15 AVG)"


@transaction.atomic
def subject_export(*, actor, person_id: int) -> SubjectData:
    """Everything held about the person (the DPO only); the export is audited with what
    kinds of records it held and how many."""
    person = Person.objects.get(pk=person_id)
    access_subject_rights(actor, person)
    data = subject_data(person)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.VIEW,
        obj=person,
        reason=EXPORT_REASON,
        detail={"records": {s.label: len(s.records) for s in data.sections}},
    )
    return data


def export_json(data: SubjectData) -> str:
    return json.dumps(data.as_json(), ensure_ascii=False, indent=2, default=str)


def export_pdf(data: SubjectData) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_to_string(PDF_TEMPLATE, {"data": data})).write_pdf()


def export_write(data: SubjectData, out: Path) -> tuple[Path, Path]:
    """Write `<out>.pdf` and `<out>.json` (the suffix of `out`, if any, is replaced)."""
    pdf, js = out.with_suffix(".pdf"), out.with_suffix(".json")
    pdf.write_bytes(export_pdf(data))
    js.write_text(export_json(data), encoding="utf-8")
    return pdf, js


@transaction.atomic
def restriction_start(*, actor, person_id: int, ground: str, reason: str) -> Restriction:
    person = Person.objects.select_for_update().get(pk=person_id)
    access_subject_rights(actor, person)
    require(bool(reason.strip()), "reason", "Geef de reden van de beperking.")
    restriction = validate_and_save(
        Restriction(
            person=person,
            ground=ground,
            reason=reason.strip(),
            started_on=timezone.now(),
            started_by=actor,
        )
    )
    audit_record(
        actor=actor, action=AuditEvent.Action.CREATE, obj=restriction, reason=restriction.reason
    )
    return restriction


@transaction.atomic
def restriction_lift(*, actor, person_id: int, reason: str) -> Restriction:
    person = Person.objects.select_for_update().get(pk=person_id)
    access_subject_rights(actor, person)
    restriction = person.restrictions.filter(lifted_on__isnull=True).first()
    require(restriction is not None, "reason", "Dit dossier is niet beperkt.")
    require(bool(reason.strip()), "reason", "Geef de reden van de opheffing.")
    assert restriction is not None
    restriction.lifted_on, restriction.lifted_by = timezone.now(), actor
    restriction.lift_reason = reason.strip()
    validate_and_save(restriction)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        obj=restriction,
        reason=restriction.lift_reason,
        detail={"lifted": True},
    )
    return restriction
