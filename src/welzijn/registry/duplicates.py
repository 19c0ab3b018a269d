"""Before a person is registered: who is probably that person already?"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from welzijn.core.audit import audit_record
from welzijn.core.insz import normalise_insz
from welzijn.registry.access import access_person
from welzijn.registry.models import Person
from welzijn.registry.search import SIMILAR, fold, name_similarity, search_key
from welzijn.registry.similar import CANDIDATES


@dataclass(frozen=True)
class LikelyDuplicate:
    person: Person
    why: str  # in Dutch, for the user
    same_insz: bool = False  # then a new registration is impossible


def _new(person: Person, found: dict) -> bool:
    return person.merged_into_id is None and person.pk not in found


def _alike(first: list[str], last: list[str], person: Person) -> bool:
    """First name like first name and last name like last name (also when the two were
    typed the wrong way round)."""

    def score(a: list[str], b: list[str]) -> float:
        return min(
            name_similarity(a, fold(person.first_name), prefixes=False),
            name_similarity(b, fold(person.last_name), prefixes=False),
        )

    return max(score(first, last), score(last, first)) >= SIMILAR


@transaction.atomic
def likely_duplicates(
    *, user, first_name: str, last_name: str, birth_date: dt.date | None, insz: str | None
) -> list[LikelyDuplicate]:
    """Persons who are probably the one about to be registered: the same INSZ; the same
    birth date and a similar name; the same name (by spelling-tolerant key) and birth year.
    Access-checked; audited, since it shows persons. Indexed lookups only."""
    access_person(user, Person())
    # Merged persons are left out in Python: see person_search on SQLite's planner.
    everyone = Person.objects.all()
    found: dict[int, LikelyDuplicate] = {}
    digits = normalise_insz(insz or "")
    if digits:
        for person in Person.objects.filter(insz=digits):
            found[person.pk] = LikelyDuplicate(person, "zelfde INSZ-nummer", same_insz=True)
    if birth_date is not None:
        first, last = fold(first_name).split(), fold(last_name).split()
        for person in everyone.filter(birth_date=birth_date).order_by("pk")[:CANDIDATES]:
            if _new(person, found) and _alike(first, last, person):
                found[person.pk] = LikelyDuplicate(
                    person, "zelfde geboortedatum en een gelijkaardige naam"
                )
        same_year = everyone.filter(
            search_key=search_key(first_name, last_name),
            birth_date__range=(dt.date(birth_date.year, 1, 1), dt.date(birth_date.year, 12, 31)),
        )
        for person in same_year.order_by("pk")[:CANDIDATES]:
            if _new(person, found):
                found[person.pk] = LikelyDuplicate(
                    person, f"zelfde naam en ook geboren in {birth_date.year}"
                )
    duplicates = list(found.values())
    audit_record(
        actor=user,
        action="list",
        object_type="registry.person",
        reason="dubbels nakijken",
        detail={"results": [d.person.pk for d in duplicates]},
    )
    return duplicates
