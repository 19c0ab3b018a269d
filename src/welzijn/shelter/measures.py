"""The shelter's figures of the annual report, counted from stays, capacity and the count.

A stay is "in the year" when it shares a night with it: entered on or before 31 December,
not gone before 1 January (exit_date is the morning after the last night)."""

from __future__ import annotations

import datetime as dt

from django.db.models import ExpressionWrapper, F, IntegerField, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest, Least

from welzijn.reporting.measures import Records, Share, data_source, measure, part
from welzijn.reporting.records import Days, Part, during, months, on, total

from . import counting
from .models import CapacityPeriod, PitCount, Refusal, Stay

SOURCE = " Bron: verblijven geregistreerd in de opvang."
#: a stay is where its facility is, with the facility's team
PLACE = {"wijk": "facility__address__wijk__name", "office": "facility__office__name"}


def _bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def stays_in_year(year: int, service_ids: list[int]) -> QuerySet[Stay]:
    start, end = _bounds(year)
    return Stay.objects.filter(
        Q(exit_date__isnull=True) | Q(exit_date__gt=start),
        facility__service_id__in=service_ids,
        entry_date__lte=end,
    )


def left_in_year(year: int, **where) -> QuerySet[Stay]:
    """Stays that ended in the year (the last night in it), night shelter nights excepted;
    ``where`` narrows them (facility__service_id__in=..., facility=...)."""
    start, end = _bounds(year)
    return Stay.objects.filter(
        exit_date__gt=start, exit_date__lte=end + dt.timedelta(days=1), **where
    ).exclude(facility__kind="nachtopvang")


def durable_share(left: QuerySet[Stay]) -> Share:
    return Share(hits=left.filter(exit_destination__group="permanent").count(), total=left.count())


def _left_in_year(year: int, service_ids: list[int]) -> QuerySet[Stay]:
    return left_in_year(year, facility__service_id__in=service_ids)


@measure(
    "shelter.persons",
    definition="Aantal verschillende personen met een verblijf in het jaar in de "
    "voorzieningen van {services}." + SOURCE,
    keyed=True,
)
def persons(indicator, year, service_ids):
    return _in_year(stays_in_year(year, service_ids), year, "person_id")


def _in_year(stays: QuerySet[Stay], year: int, unit: str) -> Records:
    """Stays of the year, counted once per ``unit``, in every month they ran."""
    period = during("entry_date", "exit_date", year)
    return Records((part(stays, **period, unit=unit, **PLACE),), True)


@measure(
    "shelter.minors",
    definition="Aantal verschillende personen jonger dan 18 op 31 december met een verblijf "
    "in het jaar in de voorzieningen van {services}." + SOURCE,
    keyed=True,
)
def minors(indicator, year, service_ids):
    born_after = dt.date(year - 18, 12, 31)
    stays = stays_in_year(year, service_ids).filter(person__birth_date__gt=born_after)
    return _in_year(stays, year, "person_id")


@measure(
    "shelter.entrants",
    definition="Aantal verschillende personen van wie een verblijf in de voorzieningen van "
    "{services} in het jaar begon." + SOURCE,
    keyed=True,
)
def entrants(indicator, year, service_ids):
    stays = Stay.objects.filter(facility__service_id__in=service_ids, entry_date__year=year)
    return Records((part(stays, date="entry_date", unit="person_id", **PLACE),), True)


@measure(
    "shelter.households",
    definition="Aantal verschillende huishoudens met een verblijf in het jaar in de "
    "voorzieningen van {services}." + SOURCE,
    keyed=True,
)
def households(indicator, year, service_ids):
    stays = stays_in_year(year, service_ids).exclude(household=None)
    return _in_year(stays, year, "household_id")


@measure(
    "shelter.households_left",
    definition="Aantal verschillende huishoudens van wie het verblijf in de voorzieningen "
    "van {services} in het jaar eindigde." + SOURCE,
    keyed=True,
)
def households_left(indicator, year, service_ids):
    return _left(_left_in_year(year, service_ids).exclude(household=None), "household_id")


def _left(stays: QuerySet[Stay], unit: str | None = None, hit: Q | None = None) -> Records:
    """Stays that ended in the year; their month is that of the exit."""
    rows = part(stays, date="exit_date", unit=unit, hit=hit, **PLACE)
    return Records((rows,), distinct=unit is not None)


@measure(
    "shelter.households_to_housing",
    definition="Aantal verschillende huishoudens van wie het verblijf in de voorzieningen van "
    "{services} in het jaar eindigde met een duurzame woonoplossing (bestemming in de groep "
    "‘duurzaam wonen’)." + SOURCE,
    keyed=True,
)
def households_to_housing(indicator, year, service_ids):
    stays = _left_in_year(year, service_ids).filter(exit_destination__group="permanent")
    return _left(stays.exclude(household=None), "household_id")


@measure(
    "shelter.durable_outflow",
    definition="Van de verblijven in de voorzieningen van {services} die in het jaar "
    "eindigden: het aandeel met een bestemming in de groep ‘duurzaam wonen’ (sociale of "
    "private huur, eigen woning, begeleid wonen, Housing First). Een verblijf zonder "
    "bestemming telt mee als niet duurzaam." + SOURCE,
    share=True,
    keyed=True,
)
def durable_outflow(indicator, year, service_ids):
    return _left(_left_in_year(year, service_ids), hit=Q(exit_destination__group="permanent"))


def _capacity(year: int, service_ids: list[int]) -> QuerySet[CapacityPeriod]:
    start, end = _bounds(year)
    return CapacityPeriod.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start),
        facility__service_id__in=service_ids,
        start_date__lte=end,
    )


def _covering(periods: QuerySet[CapacityPeriod], day: dt.date) -> QuerySet[CapacityPeriod]:
    return periods.filter(Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day)


@measure(
    "shelter.places",
    definition="Aantal plaatsen op 31 december (of op de laatste dag van het jaar dat de "
    "voorziening open was) in de voorzieningen van {services}; per maand de plaatsen op de "
    "laatste dag van de maand, per wijk en team van de voorziening. Bron: de capaciteit per "
    "periode van de voorzieningen.",
    things=True,
    reference=True,
    keyed=True,
)
def places(indicator, year, service_ids) -> Records:
    """A stand: the places on the year's last open day, and on each month's last day."""
    periods = _capacity(year, service_ids)
    end = _bounds(year)[1]
    last_open = end
    if not _covering(periods, end).exists():
        closed = periods.exclude(end_date=None).order_by("-end_date").first()
        last_open = closed.end_date if closed is not None else end

    def stand(day: dt.date, month_of: dt.date) -> Part:
        return part(_covering(periods, day), date=on(month_of), n="places", **PLACE)

    monthly = tuple(stand(following - dt.timedelta(days=1), first)
                    for _, first, following in months(year))  # fmt: skip
    return Records((stand(last_open, last_open),), monthly=monthly, reported=True)


@measure(
    "shelter.nights",
    definition="Aantal nachten in het jaar in de voorzieningen van {services}: per verblijf "
    "de nachten die in het jaar vallen." + SOURCE,
    things=True,
    keyed=True,
)
def nights(indicator, year, service_ids):
    """Per month the stays' nights in it (a stay over three months adds to each), and the
    facility's wijk and team: one part per month, each over the stays that share a night
    with it."""
    return Records(tuple(_nights(year, service_ids)))


def _nights(year: int, service_ids: list[int], *, as_hits: bool = False) -> list[Part]:
    """The nights per month; ``as_hits``: as a share's hits (the occupancy rate)."""
    parts = []
    for _, first, following in months(year):
        stays = stays_in_year(year, service_ids).filter(
            Q(exit_date__isnull=True) | Q(exit_date__gt=first), entry_date__lt=following
        )
        since = Greatest(F("entry_date"), on(first))
        until = Least(Coalesce(F("exit_date"), on(following)), on(following))
        days = Days(until, since)
        counted = {"n": 0, "hit": days} if as_hits else {"n": days}
        parts.append(part(stays, date=since, **counted, **PLACE))
    return parts


def nights_in(year: int, service_ids: list[int]) -> int:
    """The nights of the year as one number (the facility page)."""
    return int(total(nights(None, year, service_ids)).value)


def _capacity_nights(year: int, service_ids: list[int]) -> list[Part]:
    """Per month the places times the nights of the month they existed (a share's base)."""
    parts = []
    periods = _capacity(year, service_ids)
    for _, first, following in months(year):
        last = following - dt.timedelta(days=1)
        in_month = periods.filter(Q(end_date__isnull=True) | Q(end_date__gte=first),
                                  start_date__lte=last)  # fmt: skip
        since = Greatest(F("start_date"), on(first))
        until = Least(Coalesce(F("end_date"), on(last)), on(last))
        days = ExpressionWrapper(F("places") * (Days(until, since) + 1), IntegerField())
        parts.append(part(in_month, date=since, n=days, **PLACE))
    return parts


@measure(
    "shelter.occupancy",
    definition="Bezettingsgraad van de voorzieningen van {services} in het jaar: de nachten "
    "van de verblijven gedeeld door de plaatsen maal de nachten dat die plaatsen er waren "
    "(capaciteit per periode); per maand, en per wijk en team van de voorziening. "
    "Noodoverboekingen tellen mee, dus de graad kan boven 100% gaan. Zonder één "
    "geregistreerde nacht: geen gegevens (geen 0%)." + SOURCE,
    share=True,
    keyed=True,
)
def occupancy_measure(indicator, year, service_ids) -> Records:
    """The nights are the hits, the places' nights the base; without a stay in the year no
    base either (places alone are reference data, not registrations)."""
    nights_ = _nights(year, service_ids, as_hits=True)
    if not stays_in_year(year, service_ids).exists():
        return Records(tuple(nights_))
    return Records((*nights_, *_capacity_nights(year, service_ids)))


def occupancy(year: int, service_ids: list[int]) -> Share:
    """Nights in the year over the places' nights (the facility page's occupancy rate)."""
    got = total(occupancy_measure(None, year, service_ids))
    return Share(hits=got.hits, total=got.value)


@measure(
    "shelter.refusals",
    definition="Aantal keer dat iemand in het jaar geweigerd werd in de voorzieningen van "
    "{services} omdat er geen plaats vrij was (per persoon en per nacht geregistreerd, met "
    "of zonder naam). Bron: de weigeringen geregistreerd in de opvang.",
    keyed=True,
)
def refusals(indicator, year, service_ids):
    """Per month of the night, and the facility's wijk and team."""
    start, end = _bounds(year)
    rows = Refusal.objects.filter(facility__service_id__in=service_ids, night__range=(start, end))
    return Records((part(rows, date="night", **PLACE),))


@measure(
    "shelter.overbookings",
    definition="Aantal verblijven in de voorzieningen van {services} die in het jaar begonnen "
    "terwijl de voorziening vol was (noodoverboeking; in de nachtopvang: per nacht)." + SOURCE,
    keyed=True,
)
def overbookings(indicator, year, service_ids):
    """Per month of entry, and the facility's wijk and team."""
    rows = Stay.objects.filter(
        facility__service_id__in=service_ids, entry_date__year=year, overbooking=True
    )
    return Records((part(rows, date="entry_date", **PLACE),))


@measure(
    "shelter.housing_retained",
    definition="Van de personen met een verblijf in de voorzieningen van {services} dat in "
    "het jaar liep: het aandeel dat op 31 december nog in de woning woonde of ze verliet "
    "voor een andere duurzame woonst (bestemming in de groep ‘duurzaam wonen’). Wie "
    "vertrok zonder bestemming, telt als niet behouden." + SOURCE,
    share=True,
)
def housing_retained(indicator, year, service_ids):
    stays = stays_in_year(year, service_ids)
    after = dt.date(year + 1, 1, 1)
    kept = Q(exit_date__isnull=True) | Q(exit_date__gte=after)
    kept |= Q(exit_destination__group="permanent")
    total = stays.values("person_id").distinct().count()
    hits = stays.filter(kept).values("person_id").distinct().count()
    return Share(hits=hits, total=total)


@measure(
    "shelter.countries",
    definition="Aantal verschillende nationaliteiten van de personen met een verblijf in het "
    "jaar in de voorzieningen van {services}." + SOURCE,
    things=True,
    keyed=True,
)
def countries(indicator, year, service_ids):
    stays = stays_in_year(year, service_ids).exclude(person__nationality="")
    return _in_year(stays, year, "person__nationality")


@measure(
    "shelter.count_total",
    definition="Aantal dak- en thuisloze personen (volwassenen en kinderen in dezelfde "
    "situatie) in de dak- en thuisloosheidstelling van het jaar, na het weglaten van "
    "dubbeltellingen met de sleutel van de telling; een telling telt mee zodra haar "
    "resultaten gepubliceerd zijn. Bron: de formulieren van de telling.",
)
def count_total(indicator, year, service_ids):
    published = PitCount.objects.filter(date__year=year).exclude(published_on=None)
    held = published.order_by("-date").first()
    if held is None or not held.records.exists():
        return None
    return counting.count_totals(held).total


@data_source
def has_stays(year: int) -> bool:
    """A stay that began or ended in the year (not one that merely ran through it)."""
    start, end = _bounds(year)
    return Stay.objects.filter(
        Q(entry_date__range=(start, end)) | Q(exit_date__range=(start, end))
    ).exists()
