"""Writes to casework: access-checked, validated, atomic and audited in one transaction."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from welzijn.casework import documents
from welzijn.casework.access import (
    access_contact,
    access_dossier,
    access_note,
    access_office,
    access_referral,
)
from welzijn.casework.amounts import is_above_ceiling, require_plausible_amount
from welzijn.casework.models import (
    CaseNote,
    Contact,
    Decision,
    Document,
    DocumentKind,
    Dossier,
    DossierShare,
    Intervention,
    Office,
    Referral,
    StaffAssignment,
    Task,
    Trajectory,
)
from welzijn.catalog.models import Outcome, Service, ServiceKind
from welzijn.core.access import Intent
from welzijn.core.audit import audit_record, audit_record_many
from welzijn.core.transitions import lock_for_transition
from welzijn.core.validation import require, validate_and_save
from welzijn.registry.models import Household, HouseholdMembership, Organisation, Person
from welzijn.registry.selectors import is_member_on

CONTACT_OUTCOME_DOSSIER_OPENED = "dossier-geopend"
CONTACT_OUTCOME_REFERRED = "doorverwezen"


def _find_service(code_or_service: str | Service, field: str = "service") -> Service:
    service = (
        code_or_service
        if isinstance(code_or_service, Service)
        else Service.objects.filter(code=code_or_service).first()
    )
    require(service is not None, field, f"Onbekende dienst '{code_or_service}'.")
    return service


def service_of_kind(code_or_service: str | Service, kind: str, field: str = "service") -> Service:
    service = _find_service(code_or_service, field)
    require(
        service.kind == kind,
        field,
        f"'{service}' is geen {ServiceKind(kind).label} maar een {service.get_kind_display()}.",
    )
    require(service.active, field, f"'{service}' wordt niet meer aangeboden.")
    return service


def _outcome(code: str, applies_to: str, field: str = "outcome") -> Outcome:
    outcome = Outcome.objects.filter(applies_to=applies_to, code=code, active=True).first()
    require(outcome is not None, field, f"Onbekende uitkomst '{code}'.")
    return outcome


def require_member(person: Person | None, household: Household, on: dt.date) -> None:
    if person is not None:
        require(
            is_member_on(person, household, on),
            "person",
            f"{person} is op {on:%d/%m/%Y} geen lid van het huishouden '{household}'.",
        )


def _open_dossier_for_edit(actor, dossier_id: int) -> Dossier:
    dossier = access_dossier(
        actor, Dossier.objects.select_related("household").get(pk=dossier_id), Intent.EDIT
    )
    require(dossier.status == Dossier.Status.OPEN, "dossier", "Dit dossier is gesloten.")
    return dossier


@transaction.atomic
def dossier_open(
    *,
    actor,
    household: Household,
    office: Office,
    opened_on: dt.date,
    caseworker=None,
    reason: str = "",
) -> Dossier:
    access_office(actor, office)
    # Lock the household: of two people opening its dossier at the same moment, the second
    # waits and then gets the "already has an open dossier" message instead of a crash.
    Household.objects.select_for_update().filter(pk=household.pk).exists()
    dossier = validate_and_save(
        Dossier(household=household, office=office, opened_on=opened_on, caseworker=caseworker)
    )
    audit_record(actor=actor, action="create", obj=dossier, reason=reason)
    return dossier


@transaction.atomic
def dossier_transition(
    *, actor, dossier_id: int, to: str, on: dt.date, reason: str = ""
) -> Dossier:
    """Close or reopen a dossier. Closing needs a reason and no running trajectories."""
    dossier = lock_for_transition(
        Dossier.objects,
        dossier_id,
        to=to,
        allowed=Dossier.TRANSITIONS,
        labels=dict(Dossier.Status.choices),
    )
    access_dossier(actor, dossier, Intent.EDIT)
    previous = dossier.status
    if to == Dossier.Status.CLOSED:
        require(bool(reason.strip()), "close_reason", "Geef een reden om het dossier te sluiten.")
        running = dossier.trajectories.exclude(status__in=Trajectory.ENDED).exists()
        require(not running, "status", "Sluit eerst de lopende of geplande trajecten af.")
        dossier.closed_on, dossier.close_reason = on, reason.strip()
    else:
        dossier.closed_on, dossier.close_reason = None, ""
    dossier.status = to
    validate_and_save(dossier)
    audit_record(
        actor=actor,
        action="transition",
        obj=dossier,
        reason=reason,
        detail={"from": previous, "to": to, "on": on.isoformat()},
    )
    return dossier


@transaction.atomic
def dossier_share(*, actor, dossier_id: int, user, reason: str, on: dt.date) -> DossierShare:
    dossier = access_dossier(actor, Dossier.objects.get(pk=dossier_id), Intent.EDIT)
    share = validate_and_save(
        DossierShare(
            dossier=dossier, user=user, shared_by=actor, reason=reason.strip(), shared_on=on
        )
    )
    audit_record(actor=actor, action="share", obj=dossier, reason=reason, detail={"user": user.pk})
    return share


@transaction.atomic
def contact_register(
    *,
    actor,
    office: Office,
    occurred_on: dt.date,
    channel: str,
    reason: str,
    outcome: str = "",
    person: Person | None = None,
    household: Household | None = None,
    service: str | Service | None = None,
    referred_to: Organisation | None = None,
    open_dossier: bool = False,
) -> Contact:
    """Register an onthaal contact; with open_dossier, open the household's dossier too."""
    access_office(actor, office)
    if household is None and person is not None:
        membership = (
            HouseholdMembership.objects.filter(person=person, start_date__lte=occurred_on)
            .exclude(end_date__lt=occurred_on)
            .select_related("household")
            .first()
        )
        household = membership.household if membership else None
    elif household is not None:
        require_member(person, household, occurred_on)
    if open_dossier:
        outcome = CONTACT_OUTCOME_DOSSIER_OPENED
        require(household is not None, "household", "Kies het huishouden voor het dossier.")
    require(bool(outcome), "outcome", "Kies de uitkomst van het contact.")
    outcome_obj = _outcome(outcome, Outcome.AppliesTo.CONTACT)
    if outcome == CONTACT_OUTCOME_REFERRED:
        require(referred_to is not None, "referred_to", "Kies naar wie doorverwezen werd.")
    dossier = None
    if open_dossier:
        dossier = dossier_open(
            actor=actor,
            household=household,
            office=office,
            opened_on=occurred_on,
            reason="geopend bij onthaal",
        )
    contact = validate_and_save(
        Contact(
            office=office,
            occurred_on=occurred_on,
            channel=channel,
            person=person,
            household=household,
            dossier=dossier,
            reason=reason.strip(),
            service=_find_service(service) if service else None,
            outcome=outcome_obj,
            referred_to=referred_to,
            registered_by=actor,
        )
    )
    audit_record(actor=actor, action="create", obj=contact, detail={"outcome": outcome})
    if outcome == CONTACT_OUTCOME_REFERRED:
        referral = validate_and_save(Referral(contact=contact, organisation=referred_to))
        audit_record(
            actor=actor,
            action="create",
            obj=referral,
            detail={"organisation": referred_to.pk},
        )
    return contact


@transaction.atomic
def trajectory_start(
    *,
    actor,
    dossier_id: int,
    service: str | Service,
    start_date: dt.date,
    person: Person | None = None,
    planned_end_date: dt.date | None = None,
    planned: bool = False,
) -> Trajectory:
    dossier = _open_dossier_for_edit(actor, dossier_id)
    require_member(person, dossier.household, start_date)
    trajectory = validate_and_save(
        Trajectory(
            dossier=dossier,
            person=person,
            service=service_of_kind(service, ServiceKind.TRAJECTORY),
            status=Trajectory.Status.PLANNED if planned else Trajectory.Status.RUNNING,
            start_date=start_date,
            planned_end_date=planned_end_date,
        )
    )
    audit_record(actor=actor, action="create", obj=trajectory)
    return trajectory


@transaction.atomic
def trajectory_transition(
    *,
    actor,
    trajectory_id: int,
    to: str,
    on: dt.date,
    outcome: str | None = None,
    reason: str = "",
) -> Trajectory:
    """Start, complete, stop or cancel a trajectory. Ending it needs a date and, when it
    was running, an outcome."""
    trajectory = lock_for_transition(
        Trajectory.objects.select_related("dossier"),
        trajectory_id,
        to=to,
        allowed=Trajectory.TRANSITIONS,
        labels=dict(Trajectory.Status.choices),
    )
    access_dossier(actor, trajectory.dossier, Intent.EDIT)
    previous = trajectory.status
    if to in Trajectory.ENDED:
        trajectory.end_date = on
        if previous == Trajectory.Status.RUNNING:
            require(bool(outcome), "outcome", "Kies de uitkomst van het traject.")
        if outcome:
            trajectory.outcome = _outcome(outcome, Outcome.AppliesTo.TRAJECTORY)
    else:
        require(
            on >= trajectory.start_date,
            "start_date",
            "Een traject start niet voor zijn begindatum.",
        )
    trajectory.status = to
    validate_and_save(trajectory)
    audit_record(
        actor=actor,
        action="transition",
        obj=trajectory,
        reason=reason,
        detail={"from": previous, "to": to, "on": on.isoformat(), "outcome": outcome},
    )
    return trajectory


@transaction.atomic
def decision_record(
    *,
    actor,
    dossier_id: int,
    service: str | Service,
    outcome: str,
    motivation: str,
    decided_on: dt.date,
    person: Person | None = None,
) -> Decision:
    dossier = _open_dossier_for_edit(actor, dossier_id)
    require_member(person, dossier.household, decided_on)
    service_obj = _find_service(service)
    decision = validate_and_save(
        Decision(
            dossier=dossier,
            person=person,
            service=service_obj,
            outcome=outcome,
            motivation=motivation.strip(),
            decided_on=decided_on,
        )
    )
    audit_record(actor=actor, action="create", obj=decision, detail={"outcome": outcome})
    return decision


def _decision_update(actor, decision_id: int, **fields) -> Decision:
    """Record what followed a decision (hearing, appeal) on the locked row."""
    decision = Decision.objects.select_for_update().select_related("dossier").get(pk=decision_id)
    access_dossier(actor, decision.dossier, Intent.EDIT)
    require(not decision.is_cancelled, "decision", "Deze beslissing is geannuleerd.")
    for field, value in fields.items():
        setattr(decision, field, value)
    validate_and_save(decision)
    audit_record(actor=actor, action="update", obj=decision, detail=fields)
    return decision


@transaction.atomic
def decision_hearing_record(
    *, actor, decision_id: int, requested_on: dt.date, held_on: dt.date | None = None
) -> Decision:
    return _decision_update(
        actor, decision_id, hearing_requested_on=requested_on, hearing_held_on=held_on
    )


@transaction.atomic
def decision_appeal_record(
    *, actor, decision_id: int, lodged_on: dt.date, outcome: str = Decision.AppealOutcome.PENDING
) -> Decision:
    return _decision_update(actor, decision_id, appeal_lodged_on=lodged_on, appeal_outcome=outcome)


@transaction.atomic
def intervention_register(
    *,
    actor,
    dossier_id: int,
    service: str | Service,
    date: dt.date,
    amount: Decimal | None = None,
    quantity: Decimal | None = None,
    person: Person | None = None,
    decision: Decision | None = None,
    reason: str = "",
    confirmed_above_ceiling: bool = False,
) -> Intervention:
    """Register an intervention. An amount above the service's plausible maximum is refused
    (code AMOUNT_ABOVE_CEILING on "amount") unless confirmed_above_ceiling."""
    dossier = _open_dossier_for_edit(actor, dossier_id)
    require_member(person, dossier.household, date)
    service_obj = service_of_kind(service, ServiceKind.INTERVENTION)
    require_plausible_amount(service_obj, amount, confirmed=confirmed_above_ceiling)
    if decision is not None:
        require(
            decision.dossier_id == dossier.pk,
            "decision",
            "Deze beslissing hoort bij een ander dossier.",
        )
        require(
            decision.outcome == Decision.Result.GRANT,
            "decision",
            "Een tussenkomst kan niet steunen op een weigering.",
        )
        require(
            not decision.is_cancelled,
            "decision",
            "Een tussenkomst kan niet steunen op een geannuleerde beslissing.",
        )
    intervention = validate_and_save(
        Intervention(
            dossier=dossier,
            person=person,
            service=service_obj,
            date=date,
            amount=amount,
            quantity=quantity,
            unit=service_obj.unit if quantity is not None else "",
            decision=decision,
        )
    )
    audit_record(
        actor=actor,
        action="create",
        obj=intervention,
        reason=reason,
        detail={
            "service": service_obj.code,
            "amount": amount,
            "quantity": quantity,
            **_confirmed(service_obj, amount),
        },
    )
    return intervention


def _confirmed(service: Service, amount: Decimal | None) -> dict:
    """For the audit event: an amount above the plausible maximum was confirmed."""
    return {"above_ceiling_confirmed": True} if is_above_ceiling(service, amount) else {}


INTERVENTION_CORRECTABLE = ("date", "amount", "quantity", "person")


@transaction.atomic
def intervention_correct(
    *, actor, intervention_id: int, reason: str, confirmed_above_ceiling: bool = False, **changes
) -> Intervention:
    """Correct the date, amount, quantity or person of a registered intervention, with a
    reason; the same checks as registering it (membership on the date, amount or quantity,
    a new amount above the plausible maximum)."""
    unknown = set(changes) - set(INTERVENTION_CORRECTABLE)
    require(not unknown, next(iter(unknown), "__all__"), "Dit veld kan niet gewijzigd worden.")
    intervention = (
        Intervention.objects.select_for_update()
        .select_related("dossier__household", "service")
        .get(pk=intervention_id)
    )
    access_dossier(actor, intervention.dossier, Intent.EDIT)
    changed = [field for field, value in changes.items() if getattr(intervention, field) != value]
    for field in changed:
        setattr(intervention, field, changes[field])
    require_member(intervention.person, intervention.dossier.household, intervention.date)
    new_amount = intervention.amount if "amount" in changed else None
    require_plausible_amount(intervention.service, new_amount, confirmed=confirmed_above_ceiling)
    intervention.unit = intervention.service.unit if intervention.quantity is not None else ""
    validate_and_save(intervention)
    audit_record(
        actor=actor,
        action="update",
        obj=intervention,
        reason=reason,
        detail={"fields": changed, **_confirmed(intervention.service, new_amount)},
    )
    return intervention


@dataclass(frozen=True)
class Grant:
    household_id: int
    amount: Decimal | None = None
    quantity: Decimal | None = None


@transaction.atomic
def interventions_grant(
    *,
    actor,
    office: Office,
    service: str | Service,
    on: dt.date,
    grants: list[Grant],
    reason: str,
) -> list[Intervention]:
    """Grant one intervention to each of many households at once (automatic granting of
    rights): each in the household's open dossier at `office`, opened where needed. The same
    rules and audit as intervention_register, written in bulk. The plausible maximum is not
    asked here: these amounts are computed from the rules' legal parameters, not typed."""
    access_office(actor, office)
    service_obj = service_of_kind(service, ServiceKind.INTERVENTION)
    for grant in grants:
        require(
            grant.amount is not None or grant.quantity is not None,
            "amount",
            "Geef een bedrag, een hoeveelheid of beide.",
        )
        require(
            grant.amount is None or grant.amount >= 0,
            "amount",
            "Het bedrag mag niet negatief zijn.",
        )
        require(
            grant.quantity is None or grant.quantity > 0,
            "quantity",
            "De hoeveelheid moet groter zijn dan nul.",
        )
    household_ids = {grant.household_id for grant in grants}
    dossier_of = dict(
        Dossier.objects.filter(
            office=office, status=Dossier.Status.OPEN, household_id__in=household_ids
        ).values_list("household_id", "pk")
    )
    opened = Dossier.objects.bulk_create(
        [
            Dossier(household_id=hh, office=office, opened_on=on)
            for hh in sorted(household_ids - set(dossier_of))
        ]
    )
    audit_record_many(actor=actor, action="create", objects=opened, reason=reason)
    dossier_of.update({d.household_id: d.pk for d in opened})
    interventions = Intervention.objects.bulk_create(
        [
            Intervention(
                dossier_id=dossier_of[grant.household_id],
                service=service_obj,
                date=on,
                amount=grant.amount,
                quantity=grant.quantity,
                unit=service_obj.unit if grant.quantity is not None else "",
            )
            for grant in grants
        ]
    )
    audit_record_many(
        actor=actor,
        action="create",
        objects=interventions,
        reason=reason,
        details=[
            {"service": service_obj.code, "amount": i.amount, "quantity": i.quantity}
            for i in interventions
        ],
    )
    return interventions


@transaction.atomic
def referral_answer(*, actor, referral_id: int, to: str, note: str = "") -> Referral:
    """The partner accepts or declines a referral made to it."""
    referral = lock_for_transition(
        Referral.objects.select_related("contact"),
        referral_id,
        to=to,
        allowed=Referral.TRANSITIONS,
        labels=dict(Referral.Status.choices),
    )
    access_referral(actor, referral, Intent.EDIT)
    if to == Referral.Status.DECLINED:
        require(bool(note.strip()), "answer_note", "Geef een reden om te weigeren.")
    referral.status, referral.answer_note = to, note.strip()
    referral.answered_at, referral.answered_by = timezone.now(), actor
    validate_and_save(referral)
    audit_record(actor=actor, action="transition", obj=referral, reason=note, detail={"to": to})
    return referral


# --- Correcting: records entered in error are cancelled with a reason, never deleted -------


def _cancel(actor, record, reason: str):
    """Mark a locked, access-checked record as cancelled, and audit it."""
    require(not record.is_cancelled, "cancel_reason", "Dit werd al geannuleerd.")
    require(bool(reason.strip()), "cancel_reason", "Geef een reden van annulering.")
    record.cancelled_at, record.cancelled_by = timezone.now(), actor
    record.cancel_reason = reason.strip()
    validate_and_save(record)
    audit_record(
        actor=actor, action="update", obj=record, reason=reason, detail={"cancelled": True}
    )
    return record


@transaction.atomic
def contact_cancel(*, actor, contact_id: int, reason: str) -> Contact:
    contact = Contact.objects.select_for_update().get(pk=contact_id)
    access_contact(actor, contact, Intent.EDIT)
    return _cancel(actor, contact, reason)


@transaction.atomic
def intervention_cancel(*, actor, intervention_id: int, reason: str) -> Intervention:
    intervention = Intervention.objects.select_for_update().get(pk=intervention_id)
    access_dossier(actor, intervention.dossier, Intent.EDIT)
    return _cancel(actor, intervention, reason)


@transaction.atomic
def decision_cancel(*, actor, decision_id: int, reason: str) -> Decision:
    """Cancel a decision on which no valid intervention rests: those are cancelled first,
    each with its own reason, so that nothing is undone without being seen."""
    decision = Decision.objects.select_for_update().get(pk=decision_id)
    access_dossier(actor, decision.dossier, Intent.EDIT)
    resting = list(decision.interventions.valid().select_related("service"))
    require(
        not resting,
        "cancel_reason",
        "Op deze beslissing steunen nog tussenkomsten ("
        + ", ".join(f"{i.service} van {i.date:%d/%m/%Y}" for i in resting)
        + "): annuleer die eerst.",
    )
    return _cancel(actor, decision, reason)


# --- The sociaal verslag -------------------------------------------------------------------


@transaction.atomic
def note_add(
    *,
    actor,
    dossier_id: int,
    text: str,
    noted_on: dt.date,
    confidential: bool = False,
    corrects_id: int | None = None,
) -> CaseNote:
    """Add a note to the dossier's sociaal verslag (also to a closed dossier: what follows
    the closing is written down too). Notes are never edited: a correction is a new note
    that names the one it corrects, and is as confidential as that one."""
    dossier = access_dossier(
        actor, Dossier.objects.select_related("office").get(pk=dossier_id), Intent.EDIT
    )
    corrects = None
    if corrects_id is not None:
        corrects = access_note(actor, CaseNote.objects.get(pk=corrects_id), Intent.EDIT)
        require(
            corrects.dossier_id == dossier.pk,
            "corrects",
            "De gecorrigeerde notitie hoort bij een ander dossier.",
        )
        confidential = confidential or corrects.confidential
    note = validate_and_save(
        CaseNote(
            dossier=dossier,
            noted_on=noted_on,
            written_at=timezone.now(),
            author=actor,
            text=text.strip(),
            confidential=confidential,
            corrects=corrects,
        )
    )
    audit_record(
        actor=actor,
        action="create",
        obj=note,
        detail={"confidential": confidential, "corrects": corrects_id},
    )
    return note


# --- Documents -----------------------------------------------------------------------------


def _document_kind(kind: str | DocumentKind) -> DocumentKind:
    found = (
        kind if isinstance(kind, DocumentKind) else DocumentKind.objects.filter(code=kind).first()
    )
    require(found is not None, "kind", f"Onbekende soort document '{kind}'.")
    require(found.active, "kind", f"'{found}' wordt niet meer gebruikt.")
    return found


@transaction.atomic
def document_add(
    *,
    actor,
    dossier_id: int,
    kind: str | DocumentKind,
    file,
    name: str | None = None,
    decision_id: int | None = None,
) -> Document:
    """Attach a file to a dossier or to one of its decisions: checked by size and content
    (see casework.documents), stored outside the web root under a random name, its sha256
    kept. If the database refuses the row, the stored file is removed again."""
    dossier = access_dossier(actor, Dossier.objects.get(pk=dossier_id), Intent.EDIT)
    kind_obj = _document_kind(kind)
    decision = None
    if decision_id is not None:
        decision = Decision.objects.filter(pk=decision_id, dossier=dossier).first()
        require(decision is not None, "decision", "Deze beslissing hoort bij een ander dossier.")
        require(not decision.is_cancelled, "decision", "Deze beslissing is geannuleerd.")
    checked = documents.check_file(file, name if name is not None else file.name)
    storage_name, sha256 = documents.store(file)
    try:
        document = validate_and_save(
            Document(
                dossier=dossier,
                decision=decision,
                kind=kind_obj,
                original_name=checked.name,
                storage_name=storage_name,
                content_type=checked.content_type,
                size=checked.size,
                sha256=sha256,
                uploaded_at=timezone.now(),
                uploaded_by=actor,
            )
        )
        audit_record(
            actor=actor,
            action="create",
            obj=document,
            detail={"kind": kind_obj.code, "sha256": sha256, "size": checked.size},
        )
    except BaseException:
        documents.discard(storage_name)
        raise
    return document


@transaction.atomic
def document_withdraw(*, actor, document_id: int, reason: str) -> Document:
    """Withdraw a document (wrong dossier, wrong file): it stays, marked, with who, when and
    why, and can no longer be downloaded from the workplace."""
    document = Document.objects.select_for_update().get(pk=document_id)
    access_dossier(actor, document.dossier, Intent.EDIT)
    require(document.withdrawn_at is None, "withdraw_reason", "Dit document is al ingetrokken.")
    require(bool(reason.strip()), "withdraw_reason", "Geef een reden van intrekking.")
    document.withdrawn_at, document.withdrawn_by = timezone.now(), actor
    document.withdraw_reason = reason.strip()
    validate_and_save(document)
    audit_record(
        actor=actor, action="update", obj=document, reason=reason, detail={"withdrawn": True}
    )
    return document


# --- Appointments and tasks ----------------------------------------------------------------


@transaction.atomic
def task_add(
    *,
    actor,
    dossier_id: int,
    kind: str,
    description: str,
    due_on: dt.date,
    due_time: dt.time | None = None,
    place: str = "",
    assigned_to=None,
) -> Task:
    """An appointment or a task in an open dossier, for a user of the dossier's office: by
    default its caseworker, else the user who adds it."""
    dossier = _open_dossier_for_edit(actor, dossier_id)
    staff = StaffAssignment.objects.filter(office_id=dossier.office_id)
    if assigned_to is None:
        candidates = [u for u in (dossier.caseworker, actor) if u is not None]
        assigned_to = next((u for u in candidates if staff.filter(user=u).exists()), None)
        require(assigned_to is not None, "assigned_to", "Kies voor wie dit is.")
    require(
        staff.filter(user=assigned_to).exists(),
        "assigned_to",
        f"{assigned_to} werkt niet voor {dossier.office}.",
    )
    task = validate_and_save(
        Task(
            dossier=dossier,
            kind=kind,
            description=description.strip(),
            due_on=due_on,
            due_time=due_time,
            place=place.strip(),
            assigned_to=assigned_to,
            created_by=actor,
        )
    )
    audit_record(
        actor=actor, action="create", obj=task, detail={"kind": kind, "for": assigned_to.pk}
    )
    return task


@transaction.atomic
def task_complete(*, actor, task_id: int) -> Task:
    """Mark an appointment held or a task done (anyone who may edit the dossier)."""
    task = Task.objects.select_for_update().get(pk=task_id)
    access_dossier(actor, task.dossier, Intent.EDIT)
    require(task.done_at is None, "done_at", "Dit werd al afgerond.")
    task.done_at, task.done_by = timezone.now(), actor
    validate_and_save(task)
    audit_record(actor=actor, action="transition", obj=task, detail={"to": "afgerond"})
    return task
