"""Writes of the Dienst Werk en Activering: validated, access-checked, audited, atomic."""

import datetime as dt

from django.db import transaction
from django.utils.text import slugify

from welzijn.casework.models import Trajectory
from welzijn.core.access import Intent
from welzijn.core.audit import audit_record
from welzijn.core.validation import require, validate_and_save
from welzijn.registry.models import Organisation
from welzijn.registry.selectors import person_get

from .access import access_placement, require_werk
from .models import (
    PLACEMENT_SERVICES,
    Employer,
    FollowUp,
    JobteamGuidance,
    KoopSociaalBuyer,
    Placement,
    Question,
)


@transaction.atomic
def question_register(
    *,
    actor,
    person_id: int,
    desk: str,
    asked_on: dt.date,
    channel: str,
    theme: str,
    question: str,
    note: str = "",
) -> Question:
    """A person asks a question at a desk (the werkpunt or U-Connect); it stays open until
    it is answered. Anyone may walk in: the question is the Dienst's record, it needs no
    dossier that follows the person (their identity is read, not changed)."""
    require_werk(actor)
    person = person_get(user=actor, person_id=person_id, reason="werkvraag")
    registered = validate_and_save(
        Question(
            person=person,
            desk=desk,
            asked_on=asked_on,
            channel=channel,
            theme=theme,
            question=question.strip(),
            note=note,
            registered_by=actor,
        )
    )
    audit_record(actor=actor, action="create", obj=registered)
    return registered


@transaction.atomic
def question_answer(
    *,
    actor,
    question_id: int,
    answered_on: dt.date,
    follow_up: str,
    referred_to: Organisation | None = None,
    note: str = "",
) -> Question:
    """Close a question with its follow-up (an answer, a trajectory, a referral)."""
    require_werk(actor)
    question = Question.objects.select_for_update().get(pk=question_id)
    require(question.status == Question.Status.OPEN, "follow_up", "Deze vraag is al beantwoord.")
    require(follow_up in FollowUp.values, "follow_up", "Kies hoe de vraag opgevolgd werd.")
    question.status = Question.Status.ANSWERED
    question.answered_on = answered_on
    question.follow_up = follow_up
    question.referred_to = referred_to
    if note:
        question.note = f"{question.note}\n{note}".strip()
    validate_and_save(question)
    audit_record(actor=actor, action="update", obj=question, reason="beantwoord")
    return question


def _organisation(name: str, kind: str, enterprise_number: str = "") -> Organisation:
    """The registry's organisation of that name, or a new one."""
    name = name.strip()
    require(bool(name), "name", "Geef de naam van de organisatie.")
    existing = Organisation.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing
    base = slugify(name)[:55] or "organisatie"
    code, n = base, 1
    while Organisation.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return validate_and_save(
        Organisation(code=code, name=name, kind=kind, enterprise_number=enterprise_number)
    )


@transaction.atomic
def employer_register(
    *,
    actor,
    name: str,
    sector: str,
    since: dt.date,
    enterprise_number: str = "",
    contact_name: str = "",
    contact_phone: str = "",
) -> Employer:
    """An organisation (found in the registry by name, or added as a company) starts to
    work with the Dienst."""
    require_werk(actor)
    organisation = _organisation(name, Organisation.Kind.BEDRIJF, enterprise_number)
    require(
        not Employer.objects.filter(organisation=organisation).exists(),
        "name",
        "Deze organisatie is al geregistreerd als werkgever.",
    )
    employer = validate_and_save(
        Employer(
            organisation=organisation,
            sector=sector,
            since=since,
            contact_name=contact_name,
            contact_phone=contact_phone,
        )
    )
    audit_record(actor=actor, action="create", obj=employer)
    return employer


@transaction.atomic
def placement_start(
    *,
    actor,
    trajectory_id: int,
    employer: Employer,
    sector: str,
    job: str,
    hours_per_week: int,
    start_date: dt.date,
) -> Placement:
    """A person of a running work trajectory (art. 60, werkervaring, wijk-werken, DBSE)
    starts at an employer."""
    require_werk(actor)
    trajectory = Trajectory.objects.select_related("dossier", "service").get(pk=trajectory_id)
    placement = Placement(
        trajectory=trajectory,
        employer=employer,
        sector=sector,
        job=job.strip(),
        hours_per_week=hours_per_week,
        start_date=start_date,
    )
    access_placement(actor, placement, Intent.EDIT)
    require(
        trajectory.service.code in PLACEMENT_SERVICES,
        "trajectory",
        "Een tewerkstelling hoort bij een traject artikel 60, werkervaring, wijk-werken of DBSE.",
    )
    require(
        trajectory.status == Trajectory.Status.RUNNING,
        "trajectory",
        "Het traject loopt niet (meer).",
    )
    require(
        start_date >= trajectory.start_date,
        "start_date",
        f"De tewerkstelling begint niet voor het traject ({trajectory.start_date:%d/%m/%Y}).",
    )
    validate_and_save(placement)
    audit_record(actor=actor, action="create", obj=placement)
    return placement


@transaction.atomic
def placement_end(*, actor, placement_id: int, end_date: dt.date, end_reason: str) -> Placement:
    placement = access_placement(
        actor,
        Placement.objects.select_for_update()
        .select_related("trajectory__dossier")
        .get(pk=placement_id),
        Intent.EDIT,
    )
    require(placement.end_date is None, "end_date", "Deze tewerkstelling is al beëindigd.")
    require(bool(end_reason), "end_reason", "Hoe liep de tewerkstelling af?")
    placement.end_date, placement.end_reason = end_date, end_reason
    validate_and_save(placement)
    audit_record(actor=actor, action="update", obj=placement, reason="beëindigd")
    return placement


@transaction.atomic
def jobteam_register(
    *,
    actor,
    person_id: int,
    reached_on: dt.date,
    via: str,
    intensive_from: dt.date | None = None,
    note: str = "",
) -> JobteamGuidance:
    require_werk(actor)
    person = person_get(user=actor, person_id=person_id, reason="Jobteam")
    guidance = validate_and_save(
        JobteamGuidance(
            person=person, reached_on=reached_on, via=via, intensive_from=intensive_from, note=note
        )
    )
    audit_record(actor=actor, action="create", obj=guidance)
    return guidance


#: What happens to a Jobteam guidance after the person was reached.
JOBTEAM_STEPS = (("intensief", "intensieve begeleiding begint"), ("afgesloten", "afgesloten"))


@transaction.atomic
def jobteam_step(*, actor, guidance_id: int, step: str, on: dt.date) -> JobteamGuidance:
    """The guidance becomes intensive from a date, or is closed on one."""
    require_werk(actor)
    guidance = JobteamGuidance.objects.select_for_update().get(pk=guidance_id)
    require(guidance.ended_on is None, "step", "Deze begeleiding is afgesloten.")
    if step == "intensief":
        require(guidance.intensive_from is None, "step", "De begeleiding is al intensief.")
        guidance.intensive_from = on
    else:
        require(step == "afgesloten", "step", "Kies wat er verandert.")
        guidance.ended_on = on
    validate_and_save(guidance)
    audit_record(actor=actor, action="update", obj=guidance, reason=step)
    return guidance


#: Buyers at Koop Sociaal come from governments and non-profit organisations.
BUYER_KINDS = (Organisation.Kind.OVERHEID, Organisation.Kind.PARTNER, Organisation.Kind.VERENIGING)


@transaction.atomic
def buyer_register(
    *, actor, event_date: dt.date, name: str, kind: str, contact_name: str = ""
) -> KoopSociaalBuyer:
    """A buyer of a government or non-profit organisation came to Koop Sociaal."""
    require_werk(actor)
    require(
        kind in BUYER_KINDS,
        "kind",
        "Aankopers komen van een overheid of een non-profitorganisatie.",
    )
    buyer = validate_and_save(
        KoopSociaalBuyer(
            event_date=event_date,
            organisation=_organisation(name, kind),
            contact_name=contact_name,
        )
    )
    audit_record(actor=actor, action="create", obj=buyer)
    return buyer
