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
