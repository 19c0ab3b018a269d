"""Matching volunteers and vacancies, both ways, with the reasons of each score.

A vacancy is out of the question for a volunteer (and the other way round) when the volunteer
is younger than its minimum age, needs a wheelchair-accessible place it does not have, would
travel further than they want, shares no language it asks for, or is never free when it
needs someone. What is left is ranked by points:

| what                                  | points                         |
|---------------------------------------|--------------------------------|
| each shared cause (at most 2)         | 3                              |
| each skill asked and offered (max 3)  | 2                              |
| each shared part of the week          | 1                              |
| the hours fit the volunteer's week    | 1                              |
| nearness                              | up to 2 (same wijk: 2)         |

Profiles are read in one flat query (no model instances; the causes and skills summed into
bit masks by the database), so one volunteer is scored against thousands of vacancies in a
few tens of milliseconds.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from functools import cache

from django.db.models import BigIntegerField, Func, OuterRef, QuerySet, Subquery, Sum, TextField
from django.db.models.functions import Cast

from welzijn.registry.models import Wijk

from .models import LANGUAGES, Cause, DayPart, Skill, Vacancy, Volunteer

CAUSE_POINTS, CAUSE_MAX = 3, 2
SKILL_POINTS, SKILL_MAX = 2, 3
NEAR_POINTS = 2.0
DAY_BITS = {code: 1 << i for i, code in enumerate(DayPart.values)}


@dataclass(frozen=True)
class Profile:
    """What matching compares of a volunteer or a vacancy."""

    pk: int
    causes: int  # bit mask of the causes' bits
    skills: int
    days: int  # bit mask of DayPart
    languages: frozenset[str]
    wijk_id: int | None
    hours: int
    age: int = 0  # volunteer: age today
    max_km: int = 0  # volunteer: how far they travel
    needs_accessible: bool = False
    minimum_age: int = 0  # vacancy
    accessible: bool = False


@dataclass(frozen=True)
class Ranked:
    pk: int
    score: float
    reasons: list[str]


def _days(codes) -> int:
    mask = 0
    for code in codes:
        mask |= DAY_BITS.get(code, 0)
    return mask


@cache
def _days_of(text: str) -> int:
    """The day mask of a stored JSON list (the text as the database gives it back: there are
    only a handful of distinct ones, so each is decoded once)."""
    return _days(json.loads(text))


@cache
def _languages_of(text: str) -> frozenset[str]:
    return frozenset(json.loads(text))


class Bit(Func):
    """2 ** bit as a 64-bit integer, in SQL (SQLite and PostgreSQL both shift); a cause's or
    skill's ``bit`` is at most `models.MAX_BIT`."""

    template = "(CAST(1 AS BIGINT) << CAST(%(expressions)s AS INTEGER))"
    output_field = BigIntegerField()


def _mask(through, owner: str, item: str) -> Subquery:
    """The owner's causes or skills as a bit mask, summed in the database (each pair is
    unique, so the sum of the powers of two is their bitwise or)."""
    return Subquery(
        through.objects.filter(**{owner: OuterRef("pk")})
        .order_by()
        .values(owner)
        .annotate(mask=Sum(Bit(f"{item}__bit")))
        .values("mask"),
        output_field=BigIntegerField(),
    )


def _raw(field: str) -> Cast:
    return Cast(field, TextField())


def _profile_rows(queryset, model, owner: str, *fields: str):
    return (
        queryset.order_by()
        .annotate(
            causes_mask=_mask(model.causes.through, owner, "cause"),
            skills_mask=_mask(model.skills.through, owner, "skill"),
            days_text=_raw("availability"),
            languages_text=_raw("languages"),
        )
        .values_list("pk", "causes_mask", "skills_mask", "days_text", "languages_text", *fields)
    )


def vacancy_profiles(vacancies: QuerySet[Vacancy]) -> list[Profile]:
    rows = _profile_rows(
        vacancies, Vacancy, "vacancy", "wijk_id", "hours_per_week", "minimum_age", "accessible"
    )
    return [
        Profile(
            pk=pk,
            causes=int(causes or 0),
            skills=int(skills or 0),
            days=_days_of(days),
            languages=_languages_of(languages),
            wijk_id=wijk_id,
            hours=hours,
            minimum_age=minimum_age,
            accessible=accessible,
        )
        for pk, causes, skills, days, languages, wijk_id, hours, minimum_age, accessible in rows
    ]


def _age(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def volunteer_profiles(volunteers: QuerySet[Volunteer], today: dt.date) -> list[Profile]:
    rows = _profile_rows(
        volunteers,
        Volunteer,
        "volunteer",
        "wijk_id",
        "hours_per_week",
        "person__birth_date",
        "max_distance_km",
        "needs_accessible",
    )
    return [
        Profile(
            pk=pk,
            causes=int(causes or 0),
            skills=int(skills or 0),
            days=_days_of(days),
            languages=_languages_of(languages),
            wijk_id=wijk_id,
            hours=hours,
            age=_age(born, today),
            max_km=max_km,
            needs_accessible=needs_accessible,
        )
        for pk, causes, skills, days, languages, wijk_id, hours, born, max_km, needs_accessible in (
            rows
        )
    ]


def distances() -> dict[tuple[int, int], float]:
    """Kilometres between the centres of every two wijken (as the crow flies)."""
    centres = [
        (pk, float(lat), float(lon))
        for pk, lat, lon in Wijk.objects.exclude(latitude=None)
        .exclude(longitude=None)
        .values_list("pk", "latitude", "longitude")
    ]
    result = {}
    for a, lat1, lon1 in centres:
        for b, lat2, lon2 in centres:
            p1, p2 = math.radians(lat1), math.radians(lat2)
            h = (
                math.sin((p2 - p1) / 2) ** 2
                + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
            )
            result[a, b] = 2 * 6371.0 * math.asin(math.sqrt(h))
    return result


class Names:
    """Dutch names of the bits of a mask, for the reasons."""

    def __init__(self):
        self.causes = dict(Cause.objects.values_list("bit", "name"))
        self.skills = dict(Skill.objects.values_list("bit", "name"))
        self.days = dict(DayPart.choices)

    @staticmethod
    def of(mask: int, names: dict[int, str]) -> str:
        return ", ".join(names[i] for i in sorted(names) if mask >> i & 1)

    def days_of(self, mask: int) -> str:
        return ", ".join(self.days[c] for c, bit in DAY_BITS.items() if mask & bit)


def _km(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def score(
    volunteer: Profile, vacancy: Profile, km: dict[tuple[int, int], float], names: Names | None
) -> tuple[float | None, list[str]]:
    """(points, reasons), or (None, the reason why not). Without `names` only the points
    (the reasons are written for the few results that are shown)."""
    why: list[str] = []
    if volunteer.age < vacancy.minimum_age:
        return None, [f"jonger dan de minimumleeftijd ({vacancy.minimum_age} jaar)"]
    if volunteer.needs_accessible and not vacancy.accessible:
        return None, ["de plek is niet rolstoeltoegankelijk"]
    distance = 0.0
    if vacancy.wijk_id is not None and volunteer.wijk_id is not None:
        distance = km.get((volunteer.wijk_id, vacancy.wijk_id), 0.0)
        if distance > volunteer.max_km:
            return None, [f"te ver: {_km(distance)} km (wil tot {volunteer.max_km} km)"]
    shared_languages = vacancy.languages & volunteer.languages
    if vacancy.languages and not shared_languages:
        return None, ["spreekt geen van de gevraagde talen"]
    shared_days = vacancy.days & volunteer.days
    if vacancy.days and not shared_days:
        return None, ["niet beschikbaar wanneer de organisatie iemand zoekt"]
    causes = vacancy.causes & volunteer.causes
    skills = vacancy.skills & volunteer.skills
    n_causes, n_skills = causes.bit_count(), skills.bit_count()
    points_causes = CAUSE_POINTS * min(n_causes, CAUSE_MAX)
    points_skills = SKILL_POINTS * min(n_skills, SKILL_MAX)
    points_days = shared_days.bit_count()
    hours_fit = vacancy.hours <= volunteer.hours
    near = NEAR_POINTS * (1 - distance / volunteer.max_km) if volunteer.max_km else NEAR_POINTS
    total = points_causes + points_skills + points_days + int(hours_fit) + near
    if names is None:
        return total, why
    if n_causes:
        why.append(f"+{points_causes} engagement: {names.of(causes, names.causes)}")
    if n_skills:
        why.append(f"+{points_skills} vaardigheden: {names.of(skills, names.skills)}")
    if points_days:
        why.append(f"+{points_days} beschikbaar: {names.days_of(shared_days)}")
    if hours_fit:
        why.append(f"+1 {vacancy.hours} uur per week past (wil {volunteer.hours} uur)")
    else:
        why.append(f"+0 vraagt {vacancy.hours} uur per week (wil {volunteer.hours} uur)")
    where = (
        "van thuis uit of op verschillende plaatsen"
        if vacancy.wijk_id is None
        else (f"op {_km(distance)} km")
    )
    why.append(f"+{_km(near)} nabijheid: {where}")
    if shared_languages:
        why.append("spreekt " + ", ".join(LANGUAGES.get(c, c) for c in sorted(shared_languages)))
    return total, why


def rank(
    one: Profile, others: list[Profile], *, one_is_volunteer: bool, limit: int = 20
) -> tuple[list[Ranked], int]:
    """The best `limit` of `others` for `one`, with reasons; and how many were ruled out."""
    km = distances()
    scored = []
    excluded = 0
    for other in others:
        volunteer, vacancy = (one, other) if one_is_volunteer else (other, one)
        points, _ = score(volunteer, vacancy, km, None)
        if points is None:
            excluded += 1
        else:
            scored.append((points, other))
    scored.sort(key=lambda item: (-item[0], item[1].pk))
    names = Names()
    ranked = []
    for points, other in scored[:limit]:
        volunteer, vacancy = (one, other) if one_is_volunteer else (other, one)
        ranked.append(Ranked(other.pk, round(points, 1), score(volunteer, vacancy, km, names)[1]))
    return ranked, excluded
