"""Reads from the registry. Reads of personal data by a user are access-checked and audited."""

import datetime as dt

from django.db import transaction
from django.db.models import Q, QuerySet

from welzijn.core.audit import audit_record
from welzijn.registry.access import access_person
from welzijn.registry.models import Household, HouseholdMembership, Person


def memberships_on(on: dt.date) -> QuerySet[HouseholdMembership]:
    return HouseholdMembership.objects.filter(start_date__lte=on).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=on)
    )


def is_member_on(person: Person, household: Household, on: dt.date) -> bool:
    return memberships_on(on).filter(person=person, household=household).exists()


def household_members_on(household: Household, on: dt.date) -> QuerySet[HouseholdMembership]:
    return memberships_on(on).filter(household=household).select_related("person")


@transaction.atomic
def person_get(*, user, person_id: int, reason: str = "") -> Person:
    """A person's identity data for a user: access-checked, and the read is audited."""
    person = access_person(user, Person.objects.get(pk=person_id))
    audit_record(actor=user, action="view", obj=person, reason=reason)
    return person


def person_search(*, user, query: str, on: dt.date, limit: int = 25) -> list[Person]:
    """Find persons by name (accents and word order do not matter), INSZ or address.

    Every result carries `current_membership` (or None). The search and its term are
    audited: a result list shows personal data.
    """
    from welzijn.core.insz import normalise_insz
    from welzijn.registry.search import fold

    term = query.strip()
    if len(term) < 2:
        return []
    access_person(user, Person())
    digits = normalise_insz(term)
    tokens = fold(term).split()
    words = [t for t in tokens if not t.isdigit()]
    numbers = [t for t in tokens if t.isdigit()]
    matches = Q()
    if digits.isdigit() and len(digits) >= 6:
        matches |= Q(insz__startswith=digits)
    if words:
        by_name = Q()
        for word in words:
            by_name &= Q(search_name__contains=word)
        matches |= by_name
        at_address = memberships_on(on).filter(
            household__address__street__icontains=" ".join(words)
        )
        if numbers:
            at_address = at_address.filter(household__address__number=numbers[0])
        matches |= Q(pk__in=at_address.values("person_id"))
    if not matches:
        return []
    people = list(Person.objects.filter(matches).order_by("last_name", "first_name")[:limit])
    current = {
        m.person_id: m
        for m in memberships_on(on)
        .filter(person__in=people)
        .select_related("household__address__wijk", "household__address__postcode")
    }
    for somebody in people:
        somebody.current_membership = current.get(somebody.pk)
    with transaction.atomic():
        audit_record(
            actor=user,
            action="list",
            object_type="registry.person",
            reason="zoeken",
            detail={"query": term, "results": len(people)},
        )
    return people
