"""Reads from the registry. Reads of personal data by a user are access-checked and audited."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q, QuerySet

from welzijn.core.access import Intent
from welzijn.core.audit import audit_record
from welzijn.registry.access import access_household, access_person
from welzijn.registry.models import (
    Address,
    Household,
    HouseholdAddress,
    HouseholdMembership,
    Income,
    Person,
    SocialStatus,
)


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


@transaction.atomic
def membership_get(
    *, user, membership_id: int, intent: Intent = Intent.VIEW, reason: str = ""
) -> HouseholdMembership:
    """A membership (who, in which household, when): access-checked on the household, and
    the read is audited."""
    membership = HouseholdMembership.objects.select_related("household", "person").get(
        pk=membership_id
    )
    access_household(user, membership.household, intent)
    audit_record(actor=user, action="view", obj=membership, reason=reason)
    return membership


@transaction.atomic
def income_get(*, user, income_id: int, intent: Intent = Intent.VIEW, reason: str = "") -> Income:
    income = Income.objects.select_related("person").get(pk=income_id)
    access_person(user, income.person, intent)
    audit_record(actor=user, action="view", obj=income, reason=reason)
    return income


@transaction.atomic
def status_get(
    *, user, status_id: int, intent: Intent = Intent.VIEW, reason: str = ""
) -> SocialStatus:
    status = SocialStatus.objects.select_related("kind", "person", "household").get(pk=status_id)
    if status.person_id:
        access_person(user, status.person, intent)
    else:
        access_household(user, status.household, intent)
    audit_record(actor=user, action="view", obj=status, reason=reason)
    return status


@dataclass
class Situation:
    """What the rights screening reads about a person: incomes and statuses over time."""

    incomes: list[Income]
    statuses: list[SocialStatus]


def person_situation(person: Person) -> Situation:
    """The situation of a person already read through `person_get` (access-checked and
    audited there), newest first."""
    return Situation(
        incomes=list(person.incomes.order_by("-start_date", "-pk")),
        statuses=list(person.statuses.select_related("kind").order_by("-start_date", "-pk")),
    )


@dataclass
class HouseholdHistory:
    memberships: list[HouseholdMembership]
    addresses: list[HouseholdAddress]
    statuses: list[SocialStatus]


def household_history(household: Household) -> HouseholdHistory:
    """Members, addresses and statuses of a household already read through
    `household_get`, over time. A current address registered before the address history
    existed is listed with an unknown start."""
    addresses = list(
        household.addresses.select_related("address__wijk", "address__postcode").order_by(
            F("start_date").desc(nulls_last=True), "-pk"
        )
    )
    if household.address_id and not any(a.end_date is None for a in addresses):
        addresses.insert(0, HouseholdAddress(household=household, address=household.address))
    return HouseholdHistory(
        memberships=list(
            household.memberships.select_related("person").order_by(
                F("end_date").desc(nulls_first=True), "start_date", "pk"
            )
        ),
        addresses=addresses,
        statuses=list(household.statuses.select_related("kind").order_by("-start_date", "-pk")),
    )
