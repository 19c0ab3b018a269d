"""Writes to activities: access-checked, validated, atomic and audited in one transaction."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from welzijn.activities.access import (
    access_activity,
    access_organiser,
    access_participant,
    access_series,
)
from welzijn.activities.models import Activity, Participant, Series
from welzijn.casework.models import Office
from welzijn.catalog.models import Service, ServiceKind
from welzijn.core.access import Intent
from welzijn.core.audit import audit_record
from welzijn.core.transitions import lock_for_transition
from welzijn.core.validation import require, validate_and_save
from welzijn.registry.access import access_person_search
from welzijn.registry.models import Organisation, Person, Wijk
from welzijn.registry.selectors import wijk_for_street
from welzijn.registry.services import require_not_merged

#: A session is of a service of kind 'activity'; a series may also be a trajectory
#: service held as group sessions (Leefstraten, the participation trajectory).
SERIES_KINDS = frozenset({ServiceKind.ACTIVITY, ServiceKind.TRAJECTORY})
#: Fields of a session its organisers change afterwards (results come in after the session).
EDITABLE = (
    "title",
    "date",
    "partner",
    "place",
    "street",
    "number",
    "postcode",
    "wijk",
    "headcount",
    "items_brought",
    "items_repaired",
)


def _service(code_or_service: str | Service, kinds: frozenset[str]) -> Service:
    service = (
        code_or_service
        if isinstance(code_or_service, Service)
        else Service.objects.filter(code=code_or_service).first()
    )
    require(service is not None, "service", f"Onbekende dienst '{code_or_service}'.")
    require(
        service.kind in kinds and service.active,
        "service",
        f"‘{service}’ is geen dienst waarvan u sessies registreert.",
    )
    return service


def place_wijk(street: str, postcode: str, wijk: Wijk | None) -> Wijk | None:
    """The wijk chosen, else the one of the street from the street list; a street that is
    not in the list needs the wijk chosen."""
    if wijk is not None or not street.strip():
        return wijk
    require(bool(postcode.strip()), "postcode", "Vul de postcode van de straat in.")
    found = wijk_for_street(street, postcode)
    require(
        found is not None,
        "wijk",
        f"‘{street.strip()}’ staat niet in de stratenlijst bij {postcode.strip()}: kies de wijk.",
    )
    return found


@transaction.atomic
def activity_register(
    *,
    actor,
    office: Office,
    date: dt.date,
    service: str | Service | None = None,
    series: Series | None = None,
    title: str = "",
    partner: Organisation | None = None,
    place: str = "",
    street: str = "",
    number: str = "",
    postcode: str = "",
    wijk: Wijk | None = None,
    headcount: int = 0,
    items_brought: int | None = None,
    items_repaired: int | None = None,
) -> Activity:
    """Register a session of the user's team; a session of a series is of its service."""
    access_organiser(actor, office)
    if series is not None:
        access_series(actor, series, Intent.EDIT)
        require(series.office_id == office.pk, "series", "Deze reeks is van een ander team.")
        require(
            series.status == Series.Status.RUNNING,
            "series",
            "Deze reeks is afgesloten: heropen ze eerst.",
        )
        require(
            service is None or _service(service, SERIES_KINDS).pk == series.service_id,
            "service",
            "Een sessie van een reeks is van de dienst van de reeks.",
        )
        svc = series.service
    else:
        require(service is not None, "service", "Kies de dienst.")
        svc = _service(service, frozenset({ServiceKind.ACTIVITY}))
    activity = validate_and_save(
        Activity(
            service=svc,
            series=series,
            office=office,
            date=date,
            title=title.strip(),
            partner=partner,
            place=place.strip(),
            street=street.strip(),
            number=number.strip(),
            postcode=postcode.strip(),
            wijk=place_wijk(street, postcode, wijk) if series is None or wijk else series.wijk,
            headcount=headcount or 0,
            items_brought=items_brought,
            items_repaired=items_repaired,
            registered_by=actor,
        )
    )
    audit_record(actor=actor, action="create", obj=activity)
    return activity


@transaction.atomic
def activity_update(*, actor, activity_id: int, **changes) -> Activity:
    """Change a session: its place, its count, its results (Repair Café: brought/repaired)."""
    activity = Activity.objects.select_for_update().get(pk=activity_id)
    access_activity(actor, activity, Intent.EDIT)
    require(not activity.is_cancelled, "__all__", "Deze activiteit werd geannuleerd.")
    unknown = set(changes) - set(EDITABLE)
    require(not unknown, "__all__", f"Onbekende velden: {', '.join(sorted(unknown))}.")
    before = {name: getattr(activity, name) for name in changes}
    for name, value in changes.items():
        setattr(activity, name, value.strip() if isinstance(value, str) else value)
    if "headcount" in changes and changes["headcount"] is None:
        activity.headcount = 0
    if {"street", "postcode", "wijk"} & set(changes) and activity.street:
        activity.wijk = place_wijk(activity.street, activity.postcode, changes.get("wijk"))
    validate_and_save(activity)
    changed = {n: str(getattr(activity, n)) for n in changes if getattr(activity, n) != before[n]}
    audit_record(actor=actor, action="update", obj=activity, detail={"changed": sorted(changed)})
    return activity


@transaction.atomic
def activity_cancel(*, actor, activity_id: int, reason: str) -> Activity:
    """A session registered in error: cancelled with a reason, left out of the figures."""
    activity = Activity.objects.select_for_update().get(pk=activity_id)
    access_activity(actor, activity, Intent.EDIT)
    require(not activity.is_cancelled, "cancel_reason", "Dit werd al geannuleerd.")
    require(bool(reason.strip()), "cancel_reason", "Geef een reden van annulering.")
    activity.cancelled_at, activity.cancelled_by = timezone.now(), actor
    activity.cancel_reason = reason.strip()
    validate_and_save(activity)
    audit_record(
        actor=actor, action="update", obj=activity, reason=reason, detail={"cancelled": True}
    )
    return activity


@transaction.atomic
def participant_add(
    *, actor, activity_id: int, person_id: int | None = None, name: str = ""
) -> Participant:
    """Put someone on the session's list: a registered person (found through the
    registry's search) or, for a walk-in who is not registered, a name."""
    activity = Activity.objects.select_for_update().get(pk=activity_id)
    access_activity(actor, activity, Intent.EDIT)
    require(not activity.is_cancelled, "__all__", "Deze activiteit werd geannuleerd.")
    person = None
    if person_id is not None:
        access_person_search(actor)
        person = Person.objects.filter(pk=person_id).first()
        require(person is not None, "person", "Deze persoon werd niet gevonden.")
        require_not_merged(person)
        name = ""
    else:
        require(bool(name.strip()), "name", "Vul de naam van de deelnemer in.")
    participant = validate_and_save(
        Participant(activity=activity, person=person, name=name.strip(), registered_by=actor)
    )
    audit_record(actor=actor, action="create", obj=participant, detail={"activity": activity.pk})
    return participant


@transaction.atomic
def participant_remove(*, actor, participant_id: int) -> Activity:
    """Take someone off the list (put on it by mistake); the removal is audited."""
    participant = Participant.objects.select_related("activity").get(pk=participant_id)
    access_participant(actor, participant, Intent.EDIT)
    activity = participant.activity
    audit_record(actor=actor, action="delete", obj=participant, detail={"activity": activity.pk})
    participant.delete()
    return activity


@transaction.atomic
def series_create(
    *,
    actor,
    office: Office,
    service: str | Service,
    title: str,
    start_date: dt.date,
    sessions_required: int = 1,
    partner: Organisation | None = None,
    wijk: Wijk | None = None,
) -> Series:
    access_organiser(actor, office)
    series = validate_and_save(
        Series(
            service=_service(service, SERIES_KINDS),
            office=office,
            title=title.strip(),
            start_date=start_date,
            sessions_required=sessions_required or 1,
            partner=partner,
            wijk=wijk,
            registered_by=actor,
        )
    )
    audit_record(actor=actor, action="create", obj=series)
    return series


@transaction.atomic
def series_transition(
    *,
    actor,
    series_id: int,
    to: str,
    on: dt.date | None = None,
    goal_reached: bool | None = None,
) -> Series:
    """Close a series (afgerond or stopgezet, on a date, with whether its goal was reached)
    or reopen it."""
    series = lock_for_transition(
        Series.objects.all(),
        series_id,
        to=to,
        allowed=Series.TRANSITIONS,
        labels=dict(Series.Status.choices),
    )
    access_series(actor, series, Intent.EDIT)
    if to == Series.Status.RUNNING:
        series.end_date, series.goal_reached = None, None
    else:
        require(on is not None, "on", "Vul de einddatum in.")
        require(goal_reached is not None, "goal_reached", "Zeg of het doel bereikt werd.")
        require(
            on >= series.start_date,
            "on",
            f"De reeks begon op {series.start_date:%d/%m/%Y}: ze kan niet eerder eindigen.",
        )
        last = series.sessions.valid().order_by("-date").values_list("date", flat=True).first()
        if last is not None:
            require(
                on >= last,
                "on",
                f"De laatste sessie was op {last:%d/%m/%Y}: de reeks kan niet eerder eindigen.",
            )
        series.end_date, series.goal_reached = on, goal_reached
    series.status = to
    validate_and_save(series)
    audit_record(actor=actor, action="update", obj=series, detail={"status": to})
    return series
