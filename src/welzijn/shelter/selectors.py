"""Reads in the shelters. What names a person is access-checked and audited; the board and
the count's totals are figures only."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from welzijn.core.access import Intent
from welzijn.core.audit import audit_record, audit_record_many
from welzijn.registry.access import access_person
from welzijn.registry.models import Person

from .access import (
    access_count_totals,
    access_facility,
    access_stay,
    access_waiting,
    facilities_visible_to,
    stays_visible_to,
)
from .models import Facility, PitCount, Stay, WaitingEntry
from .occupancy import board_figures, stays_on


@dataclass(frozen=True)
class BoardRow:
    facility: Facility
    capacity: int
    occupied: int
    free: int
    waiting: int
    refused: int

    @property
    def full(self) -> bool:
        return self.occupied >= self.capacity


def board(*, user, night: dt.date) -> list[BoardRow]:
    """Tonight's board: per facility of the user, its places and how many are taken."""
    facilities = list(facilities_visible_to(user).filter(_open_on(night)).order_by("name"))
    figures = board_figures([f.pk for f in facilities], night)
    return [BoardRow(f, **figures[f.pk]) for f in facilities]


def _open_on(night: dt.date):
    from django.db.models import Q

    return (Q(active_from__isnull=True) | Q(active_from__lte=night)) & (
        Q(active_until__isnull=True) | Q(active_until__gte=night)
    )


@transaction.atomic
def facility_get(*, user, facility_id: int, intent: Intent = Intent.VIEW) -> Facility:
    return access_facility(
        user, Facility.objects.select_related("office").get(pk=facility_id), intent
    )


@transaction.atomic
def residents_on(*, user, facility: Facility, night: dt.date) -> list[Stay]:
    """Who is in the facility on the night (after facility_get): each shown stay audited."""
    access_facility(user, facility)
    stays = list(
        stays_on(night)
        .filter(facility=facility)
        .select_related("person", "household")
        .order_by("person__last_name", "person__first_name")
    )
    audit_record_many(actor=user, action="view", objects=stays, reason="bewoners")
    return stays


@transaction.atomic
def stay_get(*, user, stay_id: int, intent: Intent = Intent.VIEW, reason: str = "") -> Stay:
    stay = Stay.objects.select_related("facility", "person", "exit_destination").get(pk=stay_id)
    access_stay(user, stay, intent)
    audit_record(actor=user, action="view", obj=stay, reason=reason)
    return stay


@transaction.atomic
def person_stays(*, user, person_id: int) -> tuple[Person, list[Stay]]:
    """A person and the stays of theirs the user may see, across facilities."""
    person = access_person(user, Person.objects.get(pk=person_id), Intent.VIEW)
    stays = list(
        stays_visible_to(user)
        .filter(person=person)
        .select_related("facility", "exit_destination")
        .order_by("-entry_date")
    )
    audit_record(actor=user, action="view", obj=person, reason="verblijven")
    audit_record_many(actor=user, action="view", objects=stays, reason="verblijven")
    return person, stays


@transaction.atomic
def waiting_list(*, user, facility: Facility) -> list[WaitingEntry]:
    access_facility(user, facility)
    entries = list(
        WaitingEntry.objects.filter(facility=facility, status="wachtend").select_related("person")
    )
    audit_record_many(actor=user, action="view", objects=entries, reason="wachtlijst")
    return entries


@transaction.atomic
def waiting_entry_get(*, user, entry_id: int, intent: Intent = Intent.VIEW) -> WaitingEntry:
    entry = WaitingEntry.objects.select_related("facility", "person").get(pk=entry_id)
    access_waiting(user, entry, intent)
    audit_record(actor=user, action="view", obj=entry)
    return entry


def count_get(*, user, count_id: int) -> PitCount:
    """A count (no personal data): for the roles that see its totals or fill it in."""
    return access_count_totals(user, PitCount.objects.get(pk=count_id))
