"""Reads from the registry. Reads of personal data by a user are access-checked and audited."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Expression, F, Q, QuerySet

from welzijn.core.access import Intent
from welzijn.core.audit import audit_record
from welzijn.registry.access import (
    access_household,
    access_person,
    access_person_search,
    hidden_person_ids,
)
from welzijn.registry.models import (
    Address,
    Household,
    HouseholdAddress,
    HouseholdMembership,
    Income,
    Person,
    SocialStatus,
    Wijk,
)
from welzijn.registry.search import street_key


def member_on(on: dt.date | Expression, path: str = "") -> Q:
    """The condition that a membership runs on the day ``on`` (a date, or an expression such
    as the date of a related record); ``path`` leads to the membership from another model
    (``"household__memberships__"``), so that one filter() keeps both dates on one join."""
    return Q(**{f"{path}start_date__lte": on}) & (
        Q(**{f"{path}end_date__isnull": True}) | Q(**{f"{path}end_date__gte": on})
    )


def memberships_on(on: dt.date) -> QuerySet[HouseholdMembership]:
    return HouseholdMembership.objects.filter(member_on(on))


def is_member_on(person: Person, household: Household, on: dt.date) -> bool:
    return memberships_on(on).filter(person=person, household=household).exists()


def household_members_on(household: Household, on: dt.date) -> QuerySet[HouseholdMembership]:
    return memberships_on(on).filter(household=household).select_related("person")


def wijk_for_street(street: str, postcode: str) -> Wijk | None:
    """The wijk of a street at a postcode from the street list (reference data), tolerant of
    case, accents and 'St.' for 'Sint'; None when the street is not in the list. Reads the
    wijk alone: a street's key is unique at its postcode."""
    return Wijk.objects.filter(
        street__search_key=street_key(street), street__postcode__code=postcode.strip()
    ).first()


def current_household_id(person: Person, on: dt.date) -> int | None:
    """The id of the household the person belongs to on that day (None: none)."""
    return memberships_on(on).filter(person=person).values_list("household_id", flat=True).first()


@transaction.atomic
def person_get(*, user, person_id: int, intent: Intent = Intent.VIEW, reason: str = "") -> Person:
    """A person's identity data for a user (EDIT: for a form that changes them or what is
    registered about them): access-checked, and the read is audited."""
    person = access_person(user, Person.objects.get(pk=person_id), intent)
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
    """Find persons by name (accents, word order and common spelling variants do not
    matter: 'jansens' finds Janssens), INSZ, address or birth date ('14/03/1990', alone or
    with a name: both apply).

    Exact matches come first, by name; then names that only look alike, best first (each
    such result has `similar_name` set). Persons merged into another are not found. Every
    result carries `current_membership` (or None). The search and its term are audited: a
    result list shows personal data.
    """
    from welzijn.registry.search import search_terms

    # Control characters (a NUL byte, say) cannot be in a name and PostgreSQL refuses them.
    term = "".join(ch for ch in query if ch.isprintable()).strip()
    if len(term) < 2:
        return []
    access_person_search(user)
    terms = search_terms(term)
    if terms.impossible_date:
        found, alike = [], []
    elif terms.born is not None:
        found, alike = _born_on(terms, limit)
    else:
        found, alike = _by_insz_name_or_address(terms, on, limit)
    # Merged persons drop out here, by primary key: a "merged_into IS NULL" in the index
    # lookups above would lure SQLite's planner onto that (almost all-null) index.
    live = Person.objects.filter(merged_into__isnull=True)
    exact_people = list(live.filter(pk__in=found).order_by("last_name", "first_name")[:limit])
    rank = {pk: index for index, pk in enumerate(alike)}
    alike_people = sorted(live.filter(pk__in=set(alike) - set(found)), key=lambda p: rank[p.pk])
    for somebody in alike_people:
        somebody.similar_name = True
    people = (exact_people + alike_people)[:limit]
    current = {
        m.person_id: m
        for m in memberships_on(on)
        .filter(person__in=people)
        .select_related("household__address__wijk", "household__address__postcode")
    }
    # A restricted file is found by name and birth date only (identification at the desk).
    hidden = set(
        hidden_person_ids(user).filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True)
    )
    for somebody in people:
        somebody.restricted = somebody.pk in hidden
        somebody.current_membership = None if somebody.restricted else current.get(somebody.pk)
    with transaction.atomic():
        audit_record(
            actor=user,
            action="list",
            object_type="registry.person",
            reason="zoeken",
            detail={"query": term, "results": len(people)},
        )
    return people


def _born_on(terms, limit: int) -> tuple[list[int], list[int]]:
    """Persons born that day (an index lookup); with words, those whose name is alike,
    exact ones apart."""
    from welzijn.registry.similar import CANDIDATES, ranked

    born = Person.objects.filter(birth_date=terms.born)
    if terms.insz_digits:
        born = born.filter(insz__startswith=terms.insz_digits)
    if not terms.words:
        return list(born.values_list("pk", flat=True)[:limit]), []
    found, alike = [], []
    # A handful of people share a birthday: rank them all by name.
    for _, somebody in ranked(
        born.only("search_name", "last_name", "first_name")[:CANDIDATES], terms.words
    ):
        exact = all(word in somebody.search_name for word in terms.words)
        (found if exact else alike).append(somebody.pk)
    return found, alike


def _by_insz_name_or_address(terms, on: dt.date, limit: int) -> tuple[list[int], list[int]]:
    """One indexed query per way of finding someone (an OR across them defeats the
    indexes); names that only look alike when the exact ways leave room."""
    from welzijn.registry.similar import similar_names

    found: list[int] = []
    words, everyone = terms.words, Person.objects.all()
    if terms.insz_digits:
        found += everyone.filter(insz__startswith=terms.insz_digits).values_list("pk", flat=True)[
            :limit
        ]
    if not words:
        return found, []
    by_name = everyone
    for word in words:
        by_name = by_name.filter(search_name__contains=word)
    found += by_name.order_by("last_name", "first_name").values_list("pk", flat=True)[:limit]
    addresses = Address.objects.filter(street__icontains=" ".join(words))
    if terms.numbers:
        addresses = addresses.filter(number=terms.numbers[0])
    found += (
        memberships_on(on)
        .filter(household__address__in=addresses.values("pk")[:limit])
        .values_list("person_id", flat=True)[:limit]
    )
    if len(set(found)) >= limit:
        return found, []
    return found, similar_names(words, limit=limit, besides=set(found))


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
