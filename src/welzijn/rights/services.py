"""Acting on findings: grant automatically, confirm or dismiss on the worklist."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from welzijn.casework import services as casework
from welzijn.casework.models import Dossier, Office, StaffAssignment
from welzijn.core.access import Intent
from welzijn.core.audit import audit_record
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
        StaffAssignment.objects.create(user=user, office=rights_office())
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
def finding_grant(*, actor, finding_id: int, on: dt.date) -> Finding:
    """Grant an auto-grantable right as an Intervention in the household's dossier at the
    rights team (opened when needed)."""
    finding = _lock(finding_id, Finding.Review.GRANTED)
    require(finding.right in GRANT_SERVICES, "right", "Dit recht wordt niet automatisch toegekend.")
    require(
        finding.outcome == Finding.Outcome.UNDERPROTECTED,
        "outcome",
        "Enkel een recht dat nog niet ontvangen wordt, kan toegekend worden.",
    )
    office = rights_office()
    dossier = Dossier.objects.filter(
        household_id=finding.household_id, office=office, status=Dossier.Status.OPEN
    ).first() or casework.dossier_open(
        actor=actor,
        household=finding.household,
        office=office,
        opened_on=on,
        reason="automatische toekenning van rechten",
    )
    intervention = casework.intervention_register(
        actor=actor,
        dossier_id=dossier.pk,
        service=GRANT_SERVICES[finding.right],
        date=on,
        amount=finding.amount,
        quantity=None if finding.amount else Decimal(1),
        reason=f"automatische toekenning na screening van {finding.reference_date:%d/%m/%Y}",
    )
    finding.intervention = intervention
    return _review(finding, actor=actor, to=Finding.Review.GRANTED, reason="automatisch")


@transaction.atomic
def finding_confirm(*, actor, finding_id: int, on: dt.date, reason: str = "") -> Finding:
    """A caseworker confirms an 'entitled but does not receive' finding: auto-grantable
    rights are granted, the others move on as an application started by the caseworker."""
    finding = access_finding(actor, Finding.objects.get(pk=finding_id), Intent.EDIT)
    if finding.right in GRANT_SERVICES:
        return finding_grant(actor=system_actor(), finding_id=finding.pk, on=on)
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
