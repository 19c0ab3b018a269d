"""The Energiecel's and the wooncoaches' writes: each checks access, validates, writes in one
transaction and leaves an audit event. Messages are Dutch and name the field."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from welzijn.casework.models import Office
from welzijn.catalog.models import Service
from welzijn.core.access import Intent
from welzijn.core.audit import audit_record
from welzijn.core.insz import normalise_insz
from welzijn.core.numbers import format_eur
from welzijn.core.roles import Role
from welzijn.core.transitions import check_transition
from welzijn.core.validation import require, validate_and_save
from welzijn.meldingen import services as meldingen
from welzijn.meldingen.models import Melding
from welzijn.registry.models import Household, HouseholdMembership

from .access import access, require_role, team_offices
from .models import (
    EnergyAid,
    EnergyScan,
    HousingTrajectory,
    LacDossier,
    LacSession,
    RentArrearsOutcome,
    RentGuarantee,
)
from .terms import term_for

#: The LAC dossier's states and the steps between them (planning moves it to the agenda,
#: recording the decision ends it; a dossier can be taken off an agenda to another one).
LAC_TRANSITIONS = {
    LacDossier.Status.INVESTIGATION: frozenset({LacDossier.Status.ON_AGENDA}),
    LacDossier.Status.ON_AGENDA: frozenset(
        {LacDossier.Status.ON_AGENDA, LacDossier.Status.DECIDED}
    ),
    LacDossier.Status.DECIDED: frozenset(),
}
#: Catalogue services of energy aid, with what the form calls them.
AID_SERVICES = {
    "tussenkomst-energie": "financiële tussenkomst energie",
    "energieschulden-ten-laste": "energieschuld ten laste genomen",
    "energiepremie-toestellen": "premie energiezuinig toestel of ingreep",
    "winterpremie": "winterpremie (budgetmeter)",
}


def _office(actor, role: Role) -> Office:
    require_role(actor, role)
    offices = sorted(team_offices(actor, role))
    require(bool(offices), "office", "U werkt voor geen team; vraag de beheerder een toewijzing.")
    return Office.objects.get(pk=offices[0])


def household_of(insz: str, on: dt.date) -> Household:
    """The current household of the person with this national number (the request names
    the customer by it)."""
    digits = normalise_insz(insz or "")
    membership = (
        HouseholdMembership.objects.filter(person__insz=digits, start_date__lte=on)
        .exclude(end_date__lt=on)
        .select_related("household")
        .order_by("-start_date")
        .first()
    )
    require(
        membership is not None,
        "insz",
        "Geen huishouden gevonden voor dit rijksregisternummer; laat de persoon eerst "
        "registreren bij het onthaal.",
    )
    return membership.household


# -- the LAC ----------------------------------------------------------------------------------


@transaction.atomic
def lac_session_plan(*, actor, held_on: dt.date, members: str, place: str = "") -> LacSession:
    session = LacSession(
        office=_office(actor, Role.ENERGIECEL),
        held_on=held_on,
        members=members.strip(),
        place=place.strip(),
        created_by=actor,
    )
    validate_and_save(session)
    audit_record(actor=actor, action="create", obj=session)
    return session


@transaction.atomic
def lac_dossier_open(
    *,
    actor,
    insz: str,
    requester: str,
    utility: str,
    trigger: str,
    amount_owed: Decimal,
    received_on: dt.date,
) -> LacDossier:
    """Register the request; its legal term follows from the utility (rules/lac.yaml)."""
    office = _office(actor, Role.ENERGIECEL)
    require(utility in LacDossier.Utility.values, "utility", "Kies de nutsvoorziening.")
    require(
        (requester == LacDossier.Requester.FARYS) <= (utility == LacDossier.Utility.WATER),
        "requester",
        "Farys vraagt advies over water, niet over elektriciteit of gas.",
    )
    require(
        (requester == LacDossier.Requester.FLUVIUS) <= (utility != LacDossier.Utility.WATER),
        "requester",
        "Fluvius vraagt advies over elektriciteit of gas, niet over water.",
    )
    term = term_for(utility)
    dossier = LacDossier(
        office=office,
        household=household_of(insz, received_on),
        service=Service.objects.get(code=term.service),
        requester=requester,
        utility=utility,
        trigger=trigger,
        amount_owed=amount_owed,
        received_on=received_on,
        advice_due_on=term.advice_due(received_on),
        registered_by=actor,
        registered_at=timezone.now(),
    )
    validate_and_save(dossier)
    audit_record(actor=actor, action="create", obj=dossier, detail={"utility": utility})
    return dossier


def _lac_locked(actor, dossier_id: int, to: str) -> LacDossier:
    dossier = LacDossier.objects.select_for_update().get(pk=dossier_id)
    access(actor, dossier, Intent.EDIT)
    check_transition(
        dossier, to=to, allowed=LAC_TRANSITIONS, labels=dict(LacDossier.Status.choices)
    )
    return dossier


@transaction.atomic
def lac_investigation_write(*, actor, dossier_id: int, text: str) -> LacDossier:
    dossier = LacDossier.objects.select_for_update().get(pk=dossier_id)
    access(actor, dossier, Intent.EDIT)
    require(dossier.status != LacDossier.Status.DECIDED, "text", "Het dossier is al beslist.")
    require(bool(text.strip()), "text", "Schrijf het verslag van het sociaal onderzoek.")
    dossier.investigation = text.strip()
    validate_and_save(dossier)
    audit_record(actor=actor, action="update", obj=dossier, detail={"part": "onderzoek"})
    return dossier


@transaction.atomic
def lac_dossier_plan(*, actor, dossier_id: int, session_id: int) -> LacDossier:
    """Put the dossier on the agenda of a planned session (after the social investigation)."""
    dossier = _lac_locked(actor, dossier_id, LacDossier.Status.ON_AGENDA)
    session = access(actor, LacSession.objects.get(pk=session_id), Intent.EDIT)
    require(session.status == LacSession.Status.PLANNED, "session", "Deze zitting is voorbij.")
    require(session.pk != dossier.session_id, "session", "Het dossier staat al op die agenda.")
    require(
        bool(dossier.investigation),
        "session",
        "Schrijf eerst het verslag van het sociaal onderzoek.",
    )
    require(
        session.held_on >= dossier.received_on,
        "session",
        "De zitting ligt vóór de ontvangst van het verzoek.",
    )
    dossier.session, dossier.status = session, LacDossier.Status.ON_AGENDA
    validate_and_save(dossier)
    audit_record(actor=actor, action="plan", obj=dossier, detail={"session": session.pk})
    return dossier


@transaction.atomic
def lac_decide(
    *, actor, dossier_id: int, decision: str, motivation: str, household_heard: bool
) -> LacDossier:
    """Record the commission's decision on the day of its session; the session is held."""
    dossier = _lac_locked(actor, dossier_id, LacDossier.Status.DECIDED)
    require(decision in LacDossier.Decision.values, "decision", "Kies de beslissing.")
    require(bool(motivation.strip()), "motivation", "Motiveer de beslissing.")
    session = LacSession.objects.select_for_update().get(pk=dossier.session_id)
    require(
        session.held_on <= timezone.localdate(),
        "decision",
        f"De zitting is pas op {session.held_on:%d/%m/%Y}.",
    )
    dossier.decision, dossier.motivation = decision, motivation.strip()
    dossier.decided_on, dossier.household_heard = session.held_on, household_heard
    dossier.status = LacDossier.Status.DECIDED
    validate_and_save(dossier)
    if session.status != LacSession.Status.HELD:
        session.status = LacSession.Status.HELD
        validate_and_save(session)
    audit_record(
        actor=actor,
        action="decide",
        obj=dossier,
        detail={"decision": decision, "late": dossier.decided_late},
    )
    return dossier


# -- energy aid and scans ---------------------------------------------------------------------


@transaction.atomic
def energy_scan_register(
    *, actor, insz: str, visited_on: dt.date, recommendations: str
) -> EnergyScan:
    scan = EnergyScan(
        office=_office(actor, Role.ENERGIECEL),
        household=household_of(insz, visited_on),
        visited_on=visited_on,
        recommendations=recommendations.strip(),
        registered_by=actor,
    )
    validate_and_save(scan)
    audit_record(actor=actor, action="create", obj=scan)
    return scan


@transaction.atomic
def energy_aid_grant(
    *,
    actor,
    service: str,
    granted_on: dt.date,
    amount: Decimal,
    lac_dossier_id: int | None = None,
    scan_id: int | None = None,
    insz: str = "",
) -> EnergyAid:
    """Grant aid from a LAC dossier or an energy scan (the household is theirs), or on its
    own for the household of ``insz`` (a winter premium, an intervention asked at the
    Energiecel). A debt is taken over from a LAC dossier; an appliance premium follows a scan."""
    require(service in AID_SERVICES, "service", "Kies de soort tussenkomst.")
    require(
        lac_dossier_id is None or scan_id is None,
        "service",
        "Een tussenkomst hoort bij een LAC-dossier of bij een energiescan, niet bij beide.",
    )
    require(
        service != "energieschulden-ten-laste" or lac_dossier_id is not None,
        "service",
        "Een energieschuld wordt ten laste genomen vanuit een LAC-dossier.",
    )
    require(
        service != "energiepremie-toestellen" or scan_id is not None,
        "service",
        "Een premie voor een toestel volgt op een energiescan.",
    )
    source: LacDossier | EnergyScan | None = None
    if lac_dossier_id is not None:
        source = LacDossier.objects.get(pk=lac_dossier_id)
    elif scan_id is not None:
        source = EnergyScan.objects.get(pk=scan_id)
    if source is not None:
        access(actor, source, Intent.EDIT)
        office, household = source.office, source.household
    else:
        office, household = _office(actor, Role.ENERGIECEL), household_of(insz, granted_on)
    aid = EnergyAid(
        office=office,
        household=household,
        service=Service.objects.get(code=service),
        granted_on=granted_on,
        amount=amount,
        lac_dossier_id=lac_dossier_id,
        scan_id=scan_id,
        registered_by=actor,
    )
    validate_and_save(aid)
    audit_record(actor=actor, action="create", obj=aid, detail={"service": service})
    return aid


# -- housing ----------------------------------------------------------------------------------


@transaction.atomic
def housing_trajectory_start(
    *,
    actor,
    insz: str,
    kind: str,
    started_on: dt.date,
    steps: str = "",
    budget: Decimal | None = None,
) -> HousingTrajectory:
    require(
        kind != HousingTrajectory.Kind.GENT_KNAPT_OP or budget is not None,
        "budget",
        "Geef het budget van de renovatie.",
    )
    trajectory = HousingTrajectory(
        office=_office(actor, Role.WOONCOACH),
        household=household_of(insz, started_on),
        kind=kind,
        started_on=started_on,
        steps=steps.strip(),
        budget=budget,
        registered_by=actor,
    )
    validate_and_save(trajectory)
    audit_record(actor=actor, action="create", obj=trajectory, detail={"kind": kind})
    return trajectory


@transaction.atomic
def housing_trajectory_end(*, actor, trajectory_id: int, end_date: dt.date) -> HousingTrajectory:
    trajectory = HousingTrajectory.objects.select_for_update().get(pk=trajectory_id)
    access(actor, trajectory, Intent.EDIT)
    require(trajectory.ended_on is None, "end_date", "Dit traject is al beëindigd.")
    trajectory.ended_on = end_date
    validate_and_save(trajectory)
    audit_record(actor=actor, action="end", obj=trajectory)
    return trajectory


@transaction.atomic
def rent_guarantee_grant(
    *,
    actor,
    insz: str,
    form: str,
    granted_on: dt.date,
    amount: Decimal,
    monthly_repayment: Decimal,
    tenants: int = 1,
) -> RentGuarantee:
    guarantee = RentGuarantee(
        office=_office(actor, Role.WOONCOACH),
        household=household_of(insz, granted_on),
        form=form,
        granted_on=granted_on,
        amount=amount,
        monthly_repayment=monthly_repayment,
        tenants=tenants,
        registered_by=actor,
    )
    validate_and_save(guarantee)
    audit_record(actor=actor, action="create", obj=guarantee)
    return guarantee


@transaction.atomic
def rent_guarantee_repay(*, actor, guarantee_id: int, amount: Decimal) -> RentGuarantee:
    guarantee = RentGuarantee.objects.select_for_update().get(pk=guarantee_id)
    access(actor, guarantee, Intent.EDIT)
    require(amount > 0, "amount", "Het bedrag is groter dan nul.")
    require(
        amount <= guarantee.outstanding,
        "amount",
        f"Er staat nog maar {format_eur(guarantee.outstanding)} open.",
    )
    guarantee.repaid += amount
    validate_and_save(guarantee)
    audit_record(actor=actor, action="update", obj=guarantee, detail={"repaid": str(amount)})
    return guarantee


@transaction.atomic
def rent_arrears_close(
    *, actor, melding_id: int, outcome: str, note: str, insz: str = ""
) -> RentArrearsOutcome:
    """End a rent-arrears melding with its outcome: the melding is closed through the
    meldingen app's own transition (same states, same reporter notice)."""
    require_role(actor, Role.WOONCOACH)
    require(outcome in RentArrearsOutcome.Outcome.values, "outcome", "Kies de uitkomst.")
    category = Melding.objects.values_list("category__code", flat=True).get(pk=melding_id)
    require(category == "huurachterstal", "outcome", "Dit is geen melding van huurachterstal.")
    melding = meldingen.melding_transition(
        actor=actor, melding_id=melding_id, to=Melding.Status.AFGEHANDELD, note=note
    )
    today = timezone.localdate()
    # A reopened melding closed again gets its new outcome.
    record = RentArrearsOutcome.objects.filter(melding=melding).first() or RentArrearsOutcome(
        melding=melding
    )
    record.outcome, record.decided_on, record.registered_by = outcome, today, actor
    record.household = household_of(insz, today) if insz.strip() else None
    validate_and_save(record)
    audit_record(actor=actor, action="create", obj=record, detail={"outcome": outcome})
    return record
