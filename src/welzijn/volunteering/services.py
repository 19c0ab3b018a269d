"""Writes of the Vrijwilligerspunt: validated, access-checked, audited, atomic."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from welzijn.core.access import AccessDenied, Intent
from welzijn.core.audit import audit_record
from welzijn.core.transitions import lock_for_transition
from welzijn.core.validation import require, validate_and_save
from welzijn.registry.models import Organisation, Wijk
from welzijn.registry.services import person_build

from . import matching
from .access import (
    access_match,
    access_vacancy,
    access_volunteer,
    is_loket,
    may_keep_vacancies_of,
)
from .models import (
    LANGUAGES,
    MATCH_TRANSITIONS,
    VACANCY_TRANSITIONS,
    Cause,
    DayPart,
    Match,
    Skill,
    Vacancy,
    Volunteer,
)
from .rules import publishing_errors

#: The loket asks "did it become a real match?" this many weeks after both sides said yes.
FOLLOW_UP_WEEKS = 6

PERSON_FIELDS = ("first_name", "last_name", "birth_date", "sex", "nationality", "residence_status")
OFFER_FIELDS = (
    "wijk",
    "max_distance_km",
    "hours_per_week",
    "needs_accessible",
    "note",
    "registered_on",
)


def _require_loket(actor) -> None:
    if not is_loket(actor):
        raise AccessDenied("Dit is het werk van het Vrijwilligerspunt.")


def _check_lists(availability, languages) -> None:
    require(
        set(availability) <= set(DayPart.values),
        "availability",
        "Kies een of meer momenten uit de lijst.",
    )
    require(set(languages) <= set(LANGUAGES), "languages", "Kies talen uit de lijst.")


@transaction.atomic
def volunteer_register(
    *,
    actor,
    first_name: str,
    last_name: str,
    birth_date: dt.date,
    sex: str,
    nationality: str,
    residence_status: str,
    wijk: Wijk,
    max_distance_km: int,
    hours_per_week: int,
    registered_on: dt.date,
    availability: list[str],
    languages: list[str],
    skills: list[Skill] = (),  # type: ignore[assignment]
    causes: list[Cause] = (),  # type: ignore[assignment]
    needs_accessible: bool = False,
    note: str = "",
) -> Volunteer:
    """A person registers at the loket as a volunteer: their identity (a registry Person)
    and what they offer."""
    _require_loket(actor)
    require(bool(languages), "languages", "Welke talen spreekt de vrijwilliger?")
    require(bool(availability), "availability", "Wanneer is de vrijwilliger beschikbaar?")
    _check_lists(availability, languages)
    person = person_build(
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        sex=sex,
        nationality=nationality,
        residence_status=residence_status,
        language=languages[0],
    )
    validate_and_save(person)
    audit_record(actor=actor, action="create", obj=person, reason="vrijwilliger ingeschreven")
    volunteer = Volunteer(
        person=person,
        wijk=wijk,
        max_distance_km=max_distance_km,
        hours_per_week=hours_per_week,
        registered_on=registered_on,
        availability=sorted(set(availability)),
        languages=sorted(set(languages)),
        needs_accessible=needs_accessible,
        note=note,
    )
    validate_and_save(volunteer)
    volunteer.skills.set(skills)
    volunteer.causes.set(causes)
    audit_record(actor=actor, action="create", obj=volunteer)
    return volunteer


VACANCY_FIELDS = (
    "title",
    "task",
    "wijk",
    "place",
    "hours_per_week",
    "availability",
    "minimum_age",
    "languages",
    "accessible",
    "accessibility_note",
    "insurer",
    "policy_number",
)


@transaction.atomic
def vacancy_save(
    *,
    actor,
    vacancy_id: int | None = None,
    organisation: Organisation | None = None,
    skills=(),
    causes=(),
    **fields,
) -> Vacancy:
    """Create a vacancy for an organisation (`organisation`) or change one (`vacancy_id`).
    An open vacancy keeps what the volunteer law asks (insurance)."""
    if vacancy_id is None:
        if organisation is None or not may_keep_vacancies_of(actor, organisation.pk):
            raise AccessDenied("U houdt de vacatures van deze organisatie niet bij.")
        vacancy = Vacancy(organisation=organisation)
    else:
        vacancy = access_vacancy(
            actor, Vacancy.objects.select_for_update().get(pk=vacancy_id), Intent.EDIT
        )
    unknown = set(fields) - set(VACANCY_FIELDS)
    if unknown:
        raise TypeError(f"onbekende velden: {sorted(unknown)}")
    _check_lists(fields.get("availability", vacancy.availability), fields.get("languages", []))
    for name, value in fields.items():
        setattr(vacancy, name, sorted(set(value)) if isinstance(value, list) else value)
    if vacancy.status == Vacancy.Status.OPEN and (errors := publishing_errors(vacancy)):
        raise ValidationError(errors)
    validate_and_save(vacancy)
    vacancy.skills.set(skills)
    vacancy.causes.set(causes)
    audit_record(actor=actor, action="create" if vacancy_id is None else "update", obj=vacancy)
    return vacancy


@transaction.atomic
def vacancy_transition(*, actor, vacancy_id: int, to: str, on: dt.date) -> Vacancy:
    """Publish (open), close or reopen a vacancy. Publishing asks the insurance the volunteer
    law requires (rules/vrijwilligerswet.yaml)."""
    access_vacancy(actor, Vacancy.objects.get(pk=vacancy_id), Intent.EDIT)
    vacancy = lock_for_transition(
        Vacancy.objects.all(),
        vacancy_id,
        to=to,
        allowed=VACANCY_TRANSITIONS,
        labels=dict(Vacancy.Status.choices),
    )
    if to == Vacancy.Status.OPEN:
        if errors := publishing_errors(vacancy):
            raise ValidationError(errors)
        vacancy.published_on, vacancy.closed_on = on, None
    else:
        vacancy.closed_on = on
    vacancy.status = to
    validate_and_save(vacancy)
    audit_record(actor=actor, action="transition", obj=vacancy, detail={"to": to})
    return vacancy


@transaction.atomic
def match_propose(*, actor, volunteer_id: int, vacancy_id: int, on: dt.date) -> Match:
    """The loket proposes a volunteer for an open vacancy, with the score and its reasons."""
    _require_loket(actor)
    volunteer = access_volunteer(actor, Volunteer.objects.get(pk=volunteer_id), Intent.EDIT)
    vacancy = access_vacancy(actor, Vacancy.objects.get(pk=vacancy_id), Intent.VIEW)
    require(vacancy.status == Vacancy.Status.OPEN, "vacancy", "Deze vacature is niet open.")
    require(volunteer.active, "volunteer", "Deze vrijwilliger zoekt geen vrijwilligerswerk meer.")
    require(
        not Match.objects.filter(volunteer=volunteer, vacancy=vacancy).exists(),
        "vacancy",
        "Deze vrijwilliger werd al voor deze vacature voorgesteld.",
    )
    (one,) = matching.volunteer_profiles(Volunteer.objects.filter(pk=volunteer.pk), on)
    (other,) = matching.vacancy_profiles(Vacancy.objects.filter(pk=vacancy.pk))
    points, reasons = matching.score(one, other, matching.distances(), matching.Names())
    require(points is not None, "vacancy", f"Geen match: {'; '.join(reasons)}.")
    match = Match(
        volunteer=volunteer,
        vacancy=vacancy,
        proposed_on=on,
        proposed_by=actor,
        score=round(points or 0, 1),
        reasons=reasons,
    )
    validate_and_save(match)
    audit_record(actor=actor, action="create", obj=match)
    return match


SIDES = ("vrijwilliger", "organisatie")


@transaction.atomic
def match_answer(*, actor, match_id: int, side: str, answer: str, on: dt.date) -> Match:
    """One side accepts or declines the proposal: the loket answers for the volunteer, the
    organisation (or the loket for it) for the organisation. When both said yes the match is
    confirmed and its follow-up planned; a no declines it."""
    require(side in SIDES, "side", "Onbekende kant van de match.")
    require(answer in ("ja", "nee"), "answer", "Kies aanvaarden of afwijzen.")
    match = Match.objects.select_for_update().select_related("vacancy").get(pk=match_id)
    access_match(actor, match, Intent.EDIT)
    if side == "vrijwilliger":
        _require_loket(actor)
    require(match.status == Match.Status.PROPOSED, "answer", "Op deze match werd al geantwoord.")
    require(on >= match.proposed_on, "on", "Het antwoord komt na het voorstel.")
    setattr(match, "volunteer_answer" if side == "vrijwilliger" else "organisation_answer", answer)
    answers = {match.volunteer_answer, match.organisation_answer}
    to = (
        Match.Status.DECLINED
        if "nee" in answers
        else Match.Status.CONFIRMED
        if answers == {"ja"}
        else None
    )
    if to is not None:
        lock_for_transition(
            Match.objects.all(),
            match.pk,
            to=to,
            allowed=MATCH_TRANSITIONS,
            labels=dict(Match.Status.choices),
        )
        match.status = to
        if to == Match.Status.CONFIRMED:
            match.confirmed_on = on
            match.follow_up_due = on + dt.timedelta(weeks=FOLLOW_UP_WEEKS)
    validate_and_save(match)
    audit_record(actor=actor, action="update", obj=match, detail={"side": side, "answer": answer})
    return match


@transaction.atomic
def match_follow_up(*, actor, match_id: int, real: bool, on: dt.date, note: str = "") -> Match:
    """A few weeks after the confirmation: did it become a real match?"""
    _require_loket(actor)
    to = Match.Status.REAL if real else Match.Status.NOT_REAL
    match = lock_for_transition(
        Match.objects.all(),
        match_id,
        to=to,
        allowed=MATCH_TRANSITIONS,
        labels=dict(Match.Status.choices),
    )
    require(
        match.confirmed_on is not None and on >= match.confirmed_on,
        "on",
        "De opvolging komt na de bevestiging.",
    )
    match.status, match.followed_up_on, match.note = to, on, note
    validate_and_save(match)
    audit_record(actor=actor, action="transition", obj=match, detail={"to": to})
    return match
