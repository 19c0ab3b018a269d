"""Writes in the shelters: check-in (a stay, or a night of the night shelter), check-out with
the destination, refusals for lack of a place, the waiting list, and the count's forms.

The rules, with the reason they are here and not in a law: a person sleeps in one place a
night, so a person cannot be in two 24-hour stays, or two night shelters, on the same night;
a full facility (every place of the kind taken on that night) refuses a check-in unless the
worker marks an emergency overbooking, which is counted (Stay.overbooking). A point-in-time
count is opened, takes forms while open, is closed for entry and then published, in that
order only."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from welzijn.core.access import Intent
from welzijn.core.audit import audit_record
from welzijn.core.transitions import lock_for_transition
from welzijn.core.validation import validate_and_save
from welzijn.registry.access import access_person
from welzijn.registry.models import Household, Person
from welzijn.registry.selectors import current_household_id
from welzijn.registry.services import require_not_merged
from welzijn.webhooks.outbox import event_record

from .access import (
    access_count_entry,
    access_count_manage,
    access_facility,
    access_stay,
    access_waiting,
    count_service_of,
)
from .counting import dedup_key_of
from .models import (
    ExitDestination,
    Facility,
    PitCount,
    PitCountRecord,
    Refusal,
    Stay,
    WaitingEntry,
)
from .occupancy import capacity_on, occupied_on


def _facility_for_edit(actor, facility_id: int) -> Facility:
    """The facility row locked for the rest of the transaction: two check-ins at the same
    moment cannot both take the last bed."""
    facility = Facility.objects.select_for_update().get(pk=facility_id)
    return access_facility(actor, facility, Intent.EDIT)


def _person(actor, person_id: int) -> Person:
    person = access_person(actor, Person.objects.get(pk=person_id), Intent.VIEW)
    return require_not_merged(person)


def _conflicting_stay(person: Person, facility: Facility, entry: dt.date, exit: dt.date | None):
    """Another stay of the person of the same regime (night shelter / 24-hour) that shares a
    night with [entry, exit)."""
    overlap = Q(exit_date__isnull=True) | Q(exit_date__gt=entry)
    if exit is not None:
        overlap &= Q(entry_date__lt=exit)
    same_regime = (
        Q(facility__kind=Facility.Kind.NIGHT_SHELTER)
        if facility.nightly
        else ~Q(facility__kind=Facility.Kind.NIGHT_SHELTER)
    )
    return (
        Stay.objects.filter(overlap & same_regime, person=person)
        .select_related("facility")
        .order_by("entry_date")
        .first()
    )


def _place_kind(facility: Facility, night: dt.date, wanted: str | None) -> str:
    kinds = sorted(k for (_f, k) in capacity_on([facility.pk], night))
    if wanted:
        return wanted
    if kinds:
        return kinds[0]
    return facility.capacity_periods.values_list("place_kind", flat=True).first() or "bed"


def _full_message(facility: Facility, night: dt.date, occupied: int, places: int) -> str:
    return (
        f"{facility} is vol op {night:%d/%m/%Y}: {occupied} van {places} plaatsen bezet. "
        "Registreer een weigering, of vink noodoverboeking aan als u de persoon toch opneemt."
    )


@transaction.atomic
def stay_check_in(
    *,
    actor,
    facility_id: int,
    person_id: int,
    entry_date: dt.date,
    household_id: int | None = None,
    place_kind: str | None = None,
    place_label: str = "",
    overbooking: bool = False,
) -> Stay:
    """A person in: one night at a night shelter, else a stay from entry_date on."""
    facility = _facility_for_edit(actor, facility_id)
    person = _person(actor, person_id)
    if facility.active_until and entry_date > facility.active_until:
        raise ValidationError(
            {"entry_date": f"{facility} is gesloten sinds {facility.active_until:%d/%m/%Y}."}
        )
    if facility.active_from and entry_date < facility.active_from:
        raise ValidationError(
            {"entry_date": f"{facility} is open vanaf {facility.active_from:%d/%m/%Y}."}
        )
    exit_date = entry_date + dt.timedelta(days=1) if facility.nightly else None
    other = _conflicting_stay(person, facility, entry_date, exit_date)
    if other is not None:
        what = "een nachtopvang" if facility.nightly else "een 24/24u-verblijf"
        raise ValidationError(
            {
                "person": f"{person.first_name} {person.last_name} is die nacht al in {what}: "
                f"{other.facility} sinds {other.entry_date:%d/%m/%Y}."
            }
        )
    kind = _place_kind(facility, entry_date, place_kind)
    places = capacity_on([facility.pk], entry_date).get((facility.pk, kind), 0)
    occupied = occupied_on([facility.pk], entry_date).get((facility.pk, kind), 0)
    full = occupied >= places
    if full and not overbooking:
        message = _full_message(facility, entry_date, occupied, places)
        raise ValidationError({"overbooking": ValidationError(message, code="full")})
    if household_id is None:
        household_id = current_household_id(person, entry_date)
    household = Household.objects.get(pk=household_id) if household_id else None
    stay = validate_and_save(
        Stay(
            facility=facility,
            person=person,
            household=household,
            place_kind=kind,
            place_label=place_label.strip(),
            entry_date=entry_date,
            exit_date=exit_date,
            overbooking=full,
            registered_by=actor,
        )
    )
    audit_record(actor=actor, action="create", obj=stay, detail={"overbooking": full})
    waiting = WaitingEntry.objects.filter(facility=facility, person=person, status="wachtend")
    for entry in waiting:
        _waiting_close(actor, entry.pk, to="opgenomen", on=entry_date, note="ingecheckt")
    return stay


@transaction.atomic
def stay_check_out(
    *, actor, stay_id: int, exit_date: dt.date, destination: str | ExitDestination
) -> Stay:
    """The guest leaves on exit_date (the morning after their last night) for a
    destination. A night of the night shelter keeps its date; only the destination is set."""
    stay = Stay.objects.select_for_update().select_related("facility").get(pk=stay_id)
    access_stay(actor, stay, Intent.EDIT)
    if isinstance(destination, str):
        found = ExitDestination.objects.filter(code=destination).first()
        if found is None:
            raise ValidationError({"destination": "Kies een bestemming uit de lijst."})
        destination = found
    if stay.facility.nightly:
        exit_date = stay.exit_date or exit_date
    elif stay.exit_date is not None:
        raise ValidationError({"exit_date": "Dit verblijf is al afgesloten."})
    stay.exit_date = exit_date
    stay.exit_destination = destination
    validate_and_save(stay)
    audit_record(
        actor=actor,
        action="update",
        obj=stay,
        detail={"exit": "uitgecheckt", "to": destination.code},
    )
    event_record(
        type="stay.ended",
        obj=stay,
        office_ids=[stay.facility.office_id],
        data={
            "facility": stay.facility.code,
            "exit_date": stay.exit_date.isoformat(),
            "destination": destination.code,
        },
    )
    return stay


@transaction.atomic
def refusal_register(
    *, actor, facility_id: int, night: dt.date, person_id: int | None = None
) -> Refusal:
    """Someone asked for a place on the night and was turned away: the facility was full."""
    facility = _facility_for_edit(actor, facility_id)
    person = None
    if person_id is not None:
        person = _person(actor, person_id)
    refusal = validate_and_save(
        Refusal(facility=facility, night=night, person=person, registered_by=actor)
    )
    audit_record(actor=actor, action="create", obj=refusal)
    return refusal


@transaction.atomic
def waiting_add(
    *,
    actor,
    facility_id: int,
    person_id: int,
    registered_on: dt.date,
    priority: int = WaitingEntry.Priority.NORMAL,
    note: str = "",
) -> WaitingEntry:
    facility = _facility_for_edit(actor, facility_id)
    person = _person(actor, person_id)
    if WaitingEntry.objects.filter(facility=facility, person=person, status="wachtend").exists():
        raise ValidationError({"person": "Deze persoon staat al op de wachtlijst."})
    household_id = current_household_id(person, registered_on)
    entry = validate_and_save(
        WaitingEntry(
            facility=facility,
            person=person,
            household_id=household_id,
            registered_on=registered_on,
            priority=priority,
            note=note.strip(),
            registered_by=actor,
        )
    )
    audit_record(actor=actor, action="create", obj=entry)
    return entry


def _waiting_close(actor, entry_id: int, *, to: str, on: dt.date, note: str) -> WaitingEntry:
    entry = lock_for_transition(
        WaitingEntry.objects.select_related("facility"),
        entry_id,
        to=to,
        allowed=WaitingEntry.TRANSITIONS,
        labels=dict(WaitingEntry.Status.choices),
    )
    access_waiting(actor, entry, Intent.EDIT)
    if on < entry.registered_on:
        raise ValidationError({"on": "Deze datum ligt voor de inschrijving op de wachtlijst."})
    entry.status, entry.closed_on = to, on
    if note:
        entry.note = note.strip()[:300]
    validate_and_save(entry)
    audit_record(actor=actor, action="transition", obj=entry, detail={"to": to})
    return entry


@transaction.atomic
def waiting_close(*, actor, entry_id: int, to: str, on: dt.date, note: str = "") -> WaitingEntry:
    """The outcome of a waiting list entry: placed, helped elsewhere, withdrawn."""
    return _waiting_close(actor, entry_id, to=to, on=on, note=note)


@transaction.atomic
def pit_record_add(
    *,
    actor,
    count_id: int,
    ethos: str,
    age_group: str,
    sex: str,
    slept: str,
    with_partner: bool = False,
    children: int = 0,
    initials: str = "",
    birth_year: int | None = None,
) -> PitCountRecord:
    """One form of the count, for the actor's service (their team, or their organisation)."""
    count = access_count_entry(actor, PitCount.objects.select_for_update().get(pk=count_id))
    record = PitCountRecord(
        count=count,
        ethos=ethos,
        age_group=age_group,
        sex=sex,
        slept=slept,
        with_partner=with_partner,
        children=children,
        initials=initials.strip().replace(".", "").upper(),
        birth_year=birth_year,
        registered_by=actor,
        **count_service_of(actor),
    )
    record.dedup_key = dedup_key_of(
        count.key_fields, {name: getattr(record, name) for name in count.key_fields}
    )
    validate_and_save(record)
    audit_record(actor=actor, action="create", obj=record)
    return record


@transaction.atomic
def pit_count_open(*, actor, date: dt.date, name: str, dedup_fields: list[str]) -> PitCount:
    """Open a count on a date: from now on the teams and partners fill in its forms."""
    access_count_manage(actor)
    if date is not None and PitCount.objects.filter(date=date).exists():
        raise ValidationError({"date": f"Er is al een telling op {date:%d/%m/%Y}."})
    count = validate_and_save(
        PitCount(
            date=date,
            name=name.strip(),
            dedup_fields=",".join(dedup_fields),
            open_for_entry=True,
            opened_by=actor,
        )
    )
    audit_record(actor=actor, action="create", obj=count, detail={"key": count.dedup_fields})
    return count


def _count_for_change(actor, count_id: int) -> PitCount:
    return access_count_manage(actor, PitCount.objects.select_for_update().get(pk=count_id))


@transaction.atomic
def pit_count_close(*, actor, count_id: int) -> PitCount:
    """No more forms: the totals are provisional until they are published."""
    count = _count_for_change(actor, count_id)
    if not count.open_for_entry:
        raise ValidationError({"count": "Deze telling is niet open voor invoer."})
    count.open_for_entry, count.closed_at = False, timezone.now()
    validate_and_save(count)
    audit_record(actor=actor, action="transition", obj=count, detail={"to": "gesloten"})
    return count


@transaction.atomic
def pit_count_publish(*, actor, count_id: int, on: dt.date) -> PitCount:
    """Publish a closed count's results: they become the report's figure for its year."""
    count = _count_for_change(actor, count_id)
    if count.state != "gesloten":
        raise ValidationError(
            {"count": "Alleen een gesloten telling die nog niet gepubliceerd is, kan "
             "gepubliceerd worden: sluit eerst de invoer."}
        )  # fmt: skip
    if not count.records.exists():
        raise ValidationError({"count": "Deze telling heeft geen formulieren."})
    if on is None or on < count.date:
        raise ValidationError(
            {"on": f"Publiceer op of na de dag van de telling ({count.date:%d/%m/%Y})."}
        )
    count.published_on = on
    validate_and_save(count)
    audit_record(actor=actor, action="transition", obj=count, detail={"to": "gepubliceerd"})
    return count
