"""Acting on findings: grant automatically, confirm or dismiss on the worklist."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from welzijn.casework import services as casework
from welzijn.casework.models import Dossier, Office, StaffAssignment, Task
from welzijn.catalog.models import Service, ServiceKind
from welzijn.core.access import Intent
from welzijn.core.audit import audit_record, audit_record_many
from welzijn.core.bulk import bulk_update
from welzijn.core.roles import Role
from welzijn.core.transitions import check_transition, lock_for_transition
from welzijn.core.validation import require, validate_and_save
from welzijn.rights.access import access_finding
from welzijn.rights.active_rules import rules
from welzijn.rights.models import Finding

RIGHTS_OFFICE = "team-rechtendetectie"
SYSTEM_USERNAME = "rechtendetectie"
#: A confirmed finding's follow-up task is due this many days later.
FOLLOW_UP_DAYS = 14


def grant_services() -> dict[str, str]:
    """Right -> the catalogue service through which it is granted, for the rights the rules
    mark ``auto_grantable`` whose ``service`` is an active intervention in the
    catalogue. A right without such a service is never granted automatically."""
    wanted = {
        name: right.service
        for name, right in rules().rights.items()
        if right.auto_grantable and right.service
    }
    active = set(
        Service.objects.filter(
            code__in=set(wanted.values()), active=True, kind=ServiceKind.INTERVENTION
        ).values_list("code", flat=True)
    )
    return {name: code for name, code in wanted.items() if code in active}


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
    previous = finding.review
    finding.review, finding.review_reason = to, reason.strip()
    finding.reviewed_by, finding.reviewed_at = actor, timezone.now()
    validate_and_save(finding)
    audit_record(
        actor=actor,
        action="transition",
        obj=finding,
        reason=reason,
        detail={"right": finding.right, "from": previous, "to": to},
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
def findings_grant(*, finding_ids: list[int], on: dt.date, actor=None) -> int:
    """Grant the auto-grantable rights of these open 'entitled but does not receive'
    findings, as Interventions in each household's dossier: by the system account at the
    rights team (``actor`` None, after a screening), or by the caseworker who confirms them
    at the finding's office. Each finding moves open -> toegekend through the transition map,
    with one audit event per finding. Returns how many were granted."""
    services = grant_services()
    findings = list(
        Finding.objects.select_for_update()
        .filter(
            pk__in=finding_ids,
            review=Finding.Review.OPEN,
            outcome=Finding.Outcome.UNDERPROTECTED,
            right__in=list(services),
        )
        .order_by("pk")
    )
    require(
        len(findings) == len(set(finding_ids)),
        "review",
        "Enkel open bevindingen van een automatisch toe te kennen recht dat nog niet "
        "ontvangen wordt, kunnen toegekend worden.",
    )
    labels = dict(Finding.Review.choices)
    for finding in findings:
        check_transition(
            finding,
            to=Finding.Review.GRANTED,
            allowed=Finding.REVIEW_TRANSITIONS,
            labels=labels,
            field="review",
        )
    automatic = actor is None
    if automatic:
        actor = system_actor()
    reason = (
        f"automatische toekenning na screening van {on:%d/%m/%Y}"
        if automatic
        else "toegekend na bevestiging door de maatschappelijk werker"
    )
    now = timezone.now()
    updates = []
    granted: list[Finding] = []
    details = []
    groups: dict[tuple[str, int], list[Finding]] = {}
    for finding in findings:
        office_id = rights_office().pk if automatic else (finding.office_id or rights_office().pk)
        groups.setdefault((finding.right, office_id), []).append(finding)
    for (right, office_id), of_right in groups.items():
        interventions = casework.interventions_grant(
            actor=actor,
            office=Office.objects.get(pk=office_id),
            service=services[right],
            on=on,
            grants=[
                casework.Grant(
                    f.household_id,
                    amount=f.amount,
                    quantity=None if f.amount is not None else Decimal(1),
                )
                for f in of_right
            ],
            reason=reason,
        )
        for f, i in zip(of_right, interventions, strict=True):
            updates.append((Finding.Review.GRANTED.value, reason[:300], actor.pk, now, i.pk, f.pk))
            granted.append(f)
            details.append(
                {"right": f.right, "from": f.review, "to": Finding.Review.GRANTED.value,
                 "intervention": i.pk}
            )  # fmt: skip
    bulk_update(
        Finding._meta.db_table,
        ["review", "review_reason", "reviewed_by_id", "reviewed_at", "intervention_id"],
        updates,
    )
    audit_record_many(
        actor=actor, action="transition", objects=granted, reason=reason, details=details
    )
    return len(updates)


def _follow_up_dossier(actor, finding: Finding, on: dt.date) -> Dossier:
    """The household's open dossier at the finding's office, opened when there is none."""
    office = finding.office or rights_office()
    dossier = Dossier.objects.filter(
        household_id=finding.household_id, office=office, status=Dossier.Status.OPEN
    ).first()
    if dossier is None:
        dossier = casework.dossier_open(
            actor=actor,
            household=finding.household,
            office=office,
            opened_on=on,
            reason=f"opvolging bevinding {finding.right_label}",
        )
    return dossier


@transaction.atomic
def finding_confirm(*, actor, finding_id: int, on: dt.date, reason: str = "") -> Finding:
    """A caseworker confirms an 'entitled but does not receive' finding: auto-grantable
    rights are granted with the caseworker as actor; the others move on as an application
    started by the caseworker, with a follow-up task in the household's dossier."""
    finding = access_finding(actor, Finding.objects.get(pk=finding_id), Intent.EDIT)
    if finding.right in grant_services():
        findings_grant(finding_ids=[finding.pk], on=on, actor=actor)
        finding.refresh_from_db()
        return finding
    finding = _review(
        _lock(finding.pk, Finding.Review.CONFIRMED),
        actor=actor,
        to=Finding.Review.CONFIRMED,
        reason=reason,
    )
    who = finding.person or finding.household
    task = casework.task_add(
        actor=actor,
        dossier_id=_follow_up_dossier(actor, finding, on).pk,
        kind=Task.Kind.TASK,
        description=f"Aanvraag {finding.right_label} opstarten voor {who}"[:300],
        due_on=on + dt.timedelta(days=FOLLOW_UP_DAYS),
    )
    Finding.objects.filter(pk=finding.pk).update(task=task)
    finding.task = task
    return finding


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
