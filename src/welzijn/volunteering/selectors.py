"""Reads of the Vrijwilligerspunt: access-checked and audited."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from welzijn.core.access import Intent
from welzijn.core.audit import audit_record

from . import matching
from .access import (
    access_match,
    access_vacancy,
    access_volunteer,
    matches_visible_to,
    vacancies_visible_to,
    volunteers_visible_to,
)
from .models import Match, Vacancy, Volunteer


@transaction.atomic
def volunteer_get(*, user, volunteer_id: int, intent: Intent = Intent.VIEW) -> Volunteer:
    volunteer = access_volunteer(
        user, Volunteer.objects.select_related("person", "wijk").get(pk=volunteer_id), intent
    )
    audit_record(actor=user, action="view", obj=volunteer)
    return volunteer


@transaction.atomic
def volunteers_list(*, user, query: str = "", limit: int = 100) -> list[Volunteer]:
    volunteers = volunteers_visible_to(user).select_related("person", "wijk")
    if query:
        volunteers = volunteers.filter(person__search_name__contains=query.lower().strip())
    found = list(volunteers.order_by("-registered_on", "-pk")[:limit])
    audit_record(
        actor=user,
        action="list",
        object_type="volunteering.volunteer",
        detail={"ids": [v.pk for v in found]},
    )
    return found


@transaction.atomic
def vacancy_get(*, user, vacancy_id: int, intent: Intent = Intent.VIEW) -> Vacancy:
    vacancy = access_vacancy(
        user, Vacancy.objects.select_related("organisation", "wijk").get(pk=vacancy_id), intent
    )
    audit_record(actor=user, action="view", obj=vacancy)
    return vacancy


def vacancies_list(*, user, status: str = "", limit: int = 200) -> list[Vacancy]:
    vacancies = vacancies_visible_to(user).select_related("organisation", "wijk")
    if status:
        vacancies = vacancies.filter(status=status)
    return list(vacancies[:limit])


@transaction.atomic
def match_get(*, user, match_id: int, intent: Intent = Intent.VIEW) -> Match:
    match = access_match(
        user,
        Match.objects.select_related("volunteer__person", "vacancy__organisation").get(pk=match_id),
        intent,
    )
    audit_record(actor=user, action="view", obj=match)
    return match


@transaction.atomic
def matches_list(*, user, volunteer=None, vacancy=None, open_only=False) -> list[Match]:
    """Matches of a volunteer or a vacancy (after its own access check), or the user's
    open ones: waiting for an answer, or confirmed and not yet followed up."""
    matches = matches_visible_to(user).select_related("volunteer__person", "vacancy__organisation")
    if volunteer is not None:
        matches = matches.filter(volunteer=volunteer)
    if vacancy is not None:
        matches = matches.filter(vacancy=vacancy)
    if open_only:
        matches = matches.filter(
            Q(status=Match.Status.PROPOSED) | Q(status=Match.Status.CONFIRMED)
        ).order_by("follow_up_due", "proposed_on")
    found = list(matches[:200])
    if found:
        audit_record(
            actor=user,
            action="list",
            object_type="volunteering.match",
            detail={"ids": [m.pk for m in found]},
        )
    return found


@dataclass(frozen=True)
class Suggestion:
    """A vacancy for a volunteer, or a volunteer for a vacancy, with its score and why."""

    item: object
    score: float
    reasons: list[str]
    proposed: bool


@dataclass(frozen=True)
class Suggestions:
    ranked: list[Suggestion]
    excluded: int


def _suggestions(ranked, excluded, items: dict, proposed: set[int]) -> Suggestions:
    return Suggestions(
        [Suggestion(items[r.pk], r.score, r.reasons, r.pk in proposed) for r in ranked], excluded
    )


@transaction.atomic
def vacancies_for_volunteer(*, user, volunteer: Volunteer, today: dt.date) -> Suggestions:
    """The open vacancies ranked for a volunteer (after volunteer_get)."""
    (one,) = matching.volunteer_profiles(Volunteer.objects.filter(pk=volunteer.pk), today)
    open_vacancies = vacancies_visible_to(user).filter(status=Vacancy.Status.OPEN)
    ranked, excluded = matching.rank(
        one, matching.vacancy_profiles(open_vacancies), one_is_volunteer=True
    )
    items = Vacancy.objects.select_related("organisation", "wijk").in_bulk([r.pk for r in ranked])
    proposed = set(volunteer.matches.values_list("vacancy_id", flat=True))
    return _suggestions(ranked, excluded, items, proposed)


@transaction.atomic
def volunteers_for_vacancy(*, user, vacancy: Vacancy, today: dt.date) -> Suggestions:
    """The active volunteers ranked for a vacancy (after vacancy_get); the loket only."""
    (one,) = matching.vacancy_profiles(Vacancy.objects.filter(pk=vacancy.pk))
    volunteers = volunteers_visible_to(user).filter(active=True)
    ranked, excluded = matching.rank(
        one, matching.volunteer_profiles(volunteers, today), one_is_volunteer=False
    )
    items = Volunteer.objects.select_related("person", "wijk").in_bulk([r.pk for r in ranked])
    if items:
        audit_record(
            actor=user,
            action="list",
            object_type="volunteering.volunteer",
            reason="matching",
            detail={"ids": sorted(items)},
        )
    proposed = set(vacancy.matches.values_list("volunteer_id", flat=True))
    return _suggestions(ranked, excluded, items, proposed)
