"""The report's figures of sessions with groups, counted from registered activities.

Every measure reads valid (not cancelled) sessions dated in the year of the indicator's
services, in one or two aggregate queries. Participants of a session are those counted
(``headcount``) plus those registered by name; a person at two sessions counts twice.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Coalesce, Lower

from welzijn.activities.models import Activity, Participant, Series
from welzijn.reporting.measures import Records, data_source, measure, part
from welzijn.reporting.records import during

SOURCE = " Bron: het activiteitenregister (sessies en hun deelnemers)."
#: a session is in its wijk, with the team that organises it
PLACE = {"wijk": "wijk__name", "office": "office__name"}
#: a participant is where the session is
OF_SESSION = {"wijk": "activity__wijk__name", "office": "activity__office__name"}


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def sessions_in(year: int, service_ids: list[int]) -> QuerySet[Activity]:
    return Activity.objects.valid().filter(service_id__in=service_ids, date__range=_year(year))


@measure(
    "activities.sessions",
    definition="Aantal sessies van {services} in het jaar (geannuleerde niet)." + SOURCE,
    things=True,
    keyed=True,
)
def sessions(indicator, year: int, service_ids: list[int]) -> Records:
    return Records((part(sessions_in(year, service_ids), date="date", **PLACE),))


@measure(
    "activities.participants",
    definition="Som van de deelnemers aan de sessies van {services} in het jaar: de getelde "
    "deelnemers plus wie op naam geregistreerd werd; wie twee sessies bijwoont, telt twee "
    "keer." + SOURCE,
    keyed=True,
)
def participants(indicator, year: int, service_ids: list[int]) -> Records:
    found = sessions_in(year, service_ids)
    named = Participant.objects.filter(activity__in=found)
    return Records(
        (
            part(found.exclude(headcount=None), date="date", n="headcount", **PLACE),
            part(named, date="activity__date", **OF_SESSION),
        )
    )


@measure(
    "activities.average_participants",
    definition="Gemiddeld aantal deelnemers per sessie van {services} in het jaar (getelde "
    "en op naam geregistreerde deelnemers, gedeeld door het aantal sessies); niet getoond op "
    "minder dan 20 sessies." + SOURCE,
    things=True,
    keyed=True,
)
def average_participants(indicator, year: int, service_ids: list[int]) -> Records:
    """A session adds one to the base and its headcount to the sum, a participant by name
    one to the sum: the same participants as `participants`."""
    found = sessions_in(year, service_ids)
    named = Participant.objects.filter(activity__in=found)
    return Records(
        (
            part(found, date="date", n=1, hit=Coalesce("headcount", 0), **PLACE),
            part(named, date="activity__date", n=0, hit=Value(1), **OF_SESSION),
        ),
        mean=True,
    )


@measure(
    "activities.repaired_share",
    definition="Van de voorwerpen die in het jaar naar een sessie van {services} gebracht "
    "werden: het aandeel dat hersteld werd (sessies zonder geregistreerde resultaten tellen "
    "niet mee)." + SOURCE,
    share=True,
    keyed=True,
)
def repaired_share(indicator, year: int, service_ids: list[int]) -> Records:
    found = sessions_in(year, service_ids).filter(items_brought__isnull=False)
    rows = part(found, date="date", n="items_brought", hit=Coalesce("items_repaired", 0), **PLACE)
    return Records((rows,))


@measure(
    "activities.wijken",
    definition="Aantal verschillende wijken waar in het jaar een sessie van {services} "
    "plaatsvond." + SOURCE,
    things=True,
    keyed=True,
)
def wijken(indicator, year: int, service_ids: list[int]) -> Records:
    """A wijk counts in the month and for the team of each session there."""
    found = sessions_in(year, service_ids).exclude(wijk=None)
    return Records((part(found, date="date", unit="wijk_id", **PLACE),), distinct=True)


def series_active(year: int, service_ids: list[int]) -> QuerySet[Series]:
    start, end = _year(year)
    return Series.objects.filter(service_id__in=service_ids, start_date__lte=end).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start)
    )


@measure(
    "activities.series",
    definition="Aantal reeksen (trajecten) van {services} die in het jaar liepen." + SOURCE,
    things=True,
    keyed=True,
)
def series(indicator, year: int, service_ids: list[int]) -> Records:
    active = series_active(year, service_ids)
    return Records((part(active, **during("start_date", "end_date", year), **PLACE),))


@measure(
    "activities.series_goal_reached",
    definition="Aantal reeksen (trajecten) van {services} die in het jaar afgesloten werden "
    "met het doel bereikt (bv. de Leefstraat kwam er)." + SOURCE,
    things=True,
    keyed=True,
)
def series_goal_reached(indicator, year: int, service_ids: list[int]) -> Records:
    reached = Series.objects.filter(
        service_id__in=service_ids, end_date__range=_year(year), goal_reached=True
    )
    return Records((part(reached, date="end_date", **PLACE),))


@measure(
    "activities.series_participants",
    definition="Aantal verschillende deelnemers aan sessies in het jaar van reeksen van "
    "{services} (op naam geregistreerd: een persoon of een naam per reeks)." + SOURCE,
)
def series_participants(indicator, year: int, service_ids: list[int]) -> float:
    return (
        Participant.objects.filter(
            activity__in=sessions_in(year, service_ids), activity__series__isnull=False
        )
        .annotate(who=Lower("name"))
        .values("activity__series", "person", "who")
        .distinct()
        .count()
    )


@data_source
def has_activities(year: int) -> bool:
    start, end = _year(year)
    return Activity.objects.valid().filter(date__range=(start, end)).exists()
