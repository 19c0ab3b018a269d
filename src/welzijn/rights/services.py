"""Acting on findings: grant automatically, confirm or dismiss on the worklist."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from welzijn.casework import services as casework
from welzijn.casework.models import Office, StaffAssignment
from welzijn.core.access import Intent
from welzijn.core.audit import audit_record
from welzijn.core.bulk import bulk_update
from welzijn.core.roles import Role
from welzijn.core.transitions import lock_for_transition
from welzijn.core.validation import require, validate_and_save
from welzijn.rights.access import access_finding
from welzijn.rights.models import Finding

RIGHTS_OFFICE = "team-rechtendetectie"
SYSTEM_USERNAME = "rechtendetectie"
#: right -> the catalogue service through which it is granted
GRANT_SERVICES = {
    "uitpas_kansentarief": "uitpas-kansentarief",
    "ivago_tegemoetkoming": "gratis-huisvuilzakken",
}


def rights_office() -> Office:
    return Office.objects.get(code=RIGHTS_OFFICE)


@transaction.atomic
def system_actor():
    """The account automatic grants are registered under: a caseworker of the rights team
    that cannot log in, so the grants pass the same access checks and audit as any other."""
    user, created = get_user_model().objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"first_name": "Automatische", "last_name": "toekenning"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=Role.MAATSCHAPPELIJK_WERKER.value))
    StaffAssignment.objects.get_or_create(user=user, office=rights_office())
    return user


def _review(finding: Finding, *, actor, to: str, reason: str = "") -> Finding:
    finding.review, finding.review_reason = to, reason.strip()
    finding.reviewed_by, finding.reviewed_at = actor, timezone.now()
    validate_and_save(finding)
    audit_record(
        actor=actor,
        action="transition",
        obj=finding,
        reason=reason,
        detail={"right": finding.right, "to": to},
    )
    return finding


def _lock(finding_id: int, to: str) -> Finding:
    return lock_for_transition(
        Finding.objects,
        finding_id,
        to=to,
        field="review",
        allowed=Finding.REVIEW_TRANSITIONS,
        labels=dict(Finding.Review.choices),
    )


@transaction.atomic
def findings_grant(*, finding_ids: list[int], on: dt.date) -> int:
    """Grant the auto-grantable rights of these open 'entitled but does not receive'
    findings, as Interventions in each household's dossier at the rights team, registered
    under the system account. Returns how many were granted."""
    actor = system_actor()
    findings = list(
        Finding.objects.select_for_update()
        .filter(
            pk__in=finding_ids,
            review=Finding.Review.OPEN,
            outcome=Finding.Outcome.UNDERPROTECTED,
            right__in=list(GRANT_SERVICES),
        )
        .order_by("pk")
    )
    require(
        len(findings) == len(set(finding_ids)),
        "review",
        "Enkel open bevindingen van een automatisch toe te kennen recht dat nog niet "
        "ontvangen wordt, kunnen toegekend worden.",
    )
    now = timezone.now()
    updates = []
    for right, service in GRANT_SERVICES.items():
        of_right = [f for f in findings if f.right == right]
        if not of_right:
            continue
        interventions = casework.interventions_grant(
            actor=actor,
            office=rights_office(),
            service=service,
            on=on,
            grants=[
                casework.Grant(
                    f.household_id,
                    amount=f.amount,
                    quantity=None if f.amount is not None else Decimal(1),
                )
                for f in of_right
            ],
            reason=f"automatische toekenning na screening van {on:%d/%m/%Y}",
        )
        updates += [
            (Finding.Review.GRANTED.value, "automatisch", actor.pk, now, i.pk, f.pk)
            for f, i in zip(of_right, interventions, strict=True)
        ]
    bulk_update(
        Finding._meta.db_table,
        ["review", "review_reason", "reviewed_by_id", "reviewed_at", "intervention_id"],
        updates,
    )
    return len(updates)


@transaction.atomic
def finding_confirm(*, actor, finding_id: int, on: dt.date, reason: str = "") -> Finding:
    """A caseworker confirms an 'entitled but does not receive' finding: auto-grantable
    rights are granted, the others move on as an application started by the caseworker."""
    finding = access_finding(actor, Finding.objects.get(pk=finding_id), Intent.EDIT)
    if finding.right in GRANT_SERVICES:
        findings_grant(finding_ids=[finding.pk], on=on)
        finding.refresh_from_db()
        return finding
    return _review(
        _lock(finding.pk, Finding.Review.CONFIRMED),
        actor=actor,
        to=Finding.Review.CONFIRMED,
        reason=reason,
    )


@transaction.atomic
def finding_dismiss(*, actor, finding_id: int, reason: str) -> Finding:
    finding = access_finding(actor, Finding.objects.get(pk=finding_id), Intent.EDIT)
    require(bool(reason.strip()), "review_reason", "Geef een reden om af te wijzen.")
    return _review(
        _lock(finding.pk, Finding.Review.DISMISSED),
        actor=actor,
        to=Finding.Review.DISMISSED,
        reason=reason,
    )
