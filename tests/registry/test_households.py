"""Households through the services: starting one, members over time, moving house."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from factories import household, person, user

from welzijn.core.access import AccessDenied
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.registry import services as registry
from welzijn.registry.models import Household, HouseholdAddress
from welzijn.registry.selectors import household_history, memberships_on

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def worker():
    return user(Role.ONTHAAL)


def _move(actor, hh, on, street="Bevrijdingslaan", number="12", wijk="brugse-poort-rooigem"):
    return registry.household_move(
        actor=actor,
        household_id=hh.pk,
        street=street,
        number=number,
        postcode="9000",
        wijk=wijk,
        on=on,
    )


def test_a_household_starts_with_its_referentiepersoon(worker):
    alone = person(worker)
    hh = registry.household_start(
        actor=worker, person_id=alone.pk, name="Gezin Alleen", start_date=D(2023, 3, 1)
    )
    membership = hh.memberships.get()
    assert (membership.person, membership.role, membership.start_date) == (
        alone,
        "referentiepersoon",
        D(2023, 3, 1),
    )
    assert AuditEvent.objects.filter(object_type="registry.household", action="create").exists()


def test_starting_a_household_while_in_another_is_refused_unless_ended(worker):
    member = person(worker)
    old = household(worker, member, start=D(2020, 1, 1))
    with pytest.raises(ValidationError) as refused:
        registry.household_start(
            actor=worker, person_id=member.pk, name="Gezin Nieuw", start_date=D(2023, 5, 1)
        )
    assert "al lid van huishouden 'Gezin Test'" in refused.value.message_dict["start_date"][0]
    assert not Household.objects.filter(name="Gezin Nieuw").exists()  # nothing half-written
    new = registry.household_start(
        actor=worker,
        person_id=member.pk,
        name="Gezin Nieuw",
        start_date=D(2023, 5, 1),
        end_current=True,
    )
    assert old.memberships.get().end_date == D(2023, 4, 30)
    assert [m.household for m in memberships_on(D(2023, 4, 30)).filter(person=member)] == [old]
    assert [m.household for m in memberships_on(D(2023, 5, 1)).filter(person=member)] == [new]


def test_members_join_and_leave_without_overlapping(worker):
    first, second = person(worker), person(worker)
    a = household(worker, first)
    b = household(worker, person(worker), name="Gezin B")
    joined = registry.household_member_add(
        actor=worker, household=a, person=second, role="partner", start_date=D(2022, 1, 1)
    )
    with pytest.raises(ValidationError) as refused:
        registry.household_member_add(
            actor=worker, household=b, person=second, role="ander", start_date=D(2023, 1, 1)
        )
    assert "al lid van huishouden 'Gezin Test'" in str(refused.value)
    registry.household_member_end(actor=worker, membership_id=joined.pk, end_date=D(2022, 12, 31))
    registry.household_member_add(
        actor=worker, household=b, person=second, role="ander", start_date=D(2023, 1, 1)
    )
    with pytest.raises(ValidationError) as again:
        registry.household_member_end(actor=worker, membership_id=joined.pk, end_date=D(2023, 1, 5))
    assert "al beëindigd" in again.value.message_dict["end_date"][0]


def test_moving_house_keeps_the_address_history(worker):
    hh = household(worker, person(worker))
    first = _move(worker, hh, D(2021, 6, 1))
    second = _move(
        worker, hh, D(2023, 2, 15), street="Rabotstraat", number="3", wijk="rabot-blaisantvest"
    )
    hh.refresh_from_db()
    assert hh.address == second.address  # the current address, for code that reads only it
    first.refresh_from_db()
    assert (first.start_date, first.end_date) == (D(2021, 6, 1), D(2023, 2, 14))
    assert (second.start_date, second.end_date) == (D(2023, 2, 15), None)
    history = household_history(hh)
    assert [a.address.street for a in history.addresses] == ["Rabotstraat", "Bevrijdingslaan"]
    assert (
        AuditEvent.objects.filter(
            object_type="registry.household", object_id=str(hh.pk), action="update"
        ).count()
        == 2
    )


def test_a_move_before_the_current_address_started_is_refused(worker):
    hh = household(worker, person(worker))
    _move(worker, hh, D(2023, 2, 15))
    with pytest.raises(ValidationError) as refused:
        _move(worker, hh, D(2023, 2, 15), street="Rabotstraat")
    assert "na 15/02/2023" in refused.value.message_dict["on"][0]
    assert HouseholdAddress.objects.filter(household=hh).count() == 1


def test_an_address_from_before_the_history_is_kept_with_unknown_start(worker):
    legacy = registry.address_create(
        actor=worker, street="Oude Baan", number="1", postcode="9000", wijk="rabot-blaisantvest"
    )
    hh = registry.household_create(actor=worker, name="Gezin Oud", address=legacy)
    assert household_history(hh).addresses[0].address == legacy  # shown, start unknown
    _move(worker, hh, D(2023, 1, 1))
    old = HouseholdAddress.objects.get(household=hh, address=legacy)
    assert (old.start_date, old.end_date) == (None, D(2022, 12, 31))


def test_an_unknown_wijk_or_postcode_is_named(worker):
    hh = household(worker, person(worker))
    with pytest.raises(ValidationError) as refused:
        _move(worker, hh, D(2023, 1, 1), wijk="nergens")
    assert "Onbekende wijk" in refused.value.message_dict["wijk"][0]
    assert not HouseholdAddress.objects.filter(household=hh).exists()


def test_an_analist_cannot_move_a_household(worker):
    hh = household(worker, person(worker))
    with pytest.raises(AccessDenied):
        _move(user(Role.ANALIST, None), hh, D(2023, 1, 1))
