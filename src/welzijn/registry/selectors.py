"""Reads from the registry. Reads of personal data by a user are access-checked and audited."""

import datetime as dt

from django.db import transaction
from django.db.models import Q, QuerySet

from welzijn.core.access import Intent
from welzijn.core.audit import audit_record
from welzijn.registry.access import access_household, access_person
from welzijn.registry.models import Address, Household, HouseholdMembership, Person, Street, Wijk
from welzijn.registry.search import street_key


def memberships_on(on: dt.date) -> QuerySet[HouseholdMembership]:
    return HouseholdMembership.objects.filter(start_date__lte=on).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=on)
    )


def is_member_on(person: Person, household: Household, on: dt.date) -> bool:
    return memberships_on(on).filter(person=person, household=household).exists()


def household_members_on(household: Household, on: dt.date) -> QuerySet[HouseholdMembership]:
    return memberships_on(on).filter(household=household).select_related("person")


def wijk_for_street(street: str, postcode: str) -> Wijk | None:
    """The wijk of a street at a postcode from the street list (reference data), tolerant of
    case, accents and 'St.' for 'Sint'; None when the street is not in the list."""
    found = (
        Street.objects.filter(search_key=street_key(street), postcode__code=postcode.strip())
        .select_related("wijk")
        .first()
    )
    return found.wijk if found else None


@transaction.atomic
def person_get(*, user, person_id: int, reason: str = "") -> Person:
    """A person's identity data for a user: access-checked, and the read is audited."""
    person = access_person(user, Person.objects.get(pk=person_id))
    audit_record(actor=user, action="view", obj=person, reason=reason)
    return person


@transaction.atomic
def household_get(
    *, user, household_id: int, intent: Intent = Intent.VIEW, reason: str = ""
) -> Household:
    """A household (name, address) for a user: access-checked, and the read is audited."""
    household = access_household(
        user, Household.objects.select_related("address").get(pk=household_id), intent
    )
    audit_record(actor=user, action="view", obj=household, reason=reason)
    return household


def person_search(*, user, query: str, on: dt.date, limit: int = 25) -> list[Person]:
    """Find persons by name (accents and word order do not matter), INSZ or address.

    Every result carries `current_membership` (or None). The search and its term are
    audited: a result list shows personal data.
    """
    from welzijn.core.insz import normalise_insz
    from welzijn.registry.search import fold

    # Control characters (a NUL byte, say) cannot be in a name and PostgreSQL refuses them.
    term = "".join(ch for ch in query if ch.isprintable()).strip()
    if len(term) < 2:
        return []
    access_person(user, Person())
    digits = normalise_insz(term)
    tokens = fold(term).split()
    words = [t for t in tokens if not t.isdigit()]
    numbers = [t for t in tokens if t.isdigit()]
    # One indexed query per way of finding someone; an OR across them defeats the indexes.
    found: list[int] = []
    if digits.isdigit() and len(digits) >= 6:
        found += Person.objects.filter(insz__startswith=digits).values_list("pk", flat=True)[:limit]
    if words:
        by_name = Person.objects.all()
        for word in words:
            by_name = by_name.filter(search_name__contains=word)
        found += by_name.order_by("last_name", "first_name").values_list("pk", flat=True)[:limit]
        addresses = Address.objects.filter(street__icontains=" ".join(words))
        if numbers:
            addresses = addresses.filter(number=numbers[0])
        found += (
            memberships_on(on)
            .filter(household__address__in=addresses.values("pk")[:limit])
            .values_list("person_id", flat=True)[:limit]
        )
    people = list(Person.objects.filter(pk__in=found).order_by("last_name", "first_name")[:limit])
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
