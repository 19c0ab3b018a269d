"""Computing indicators from the registered data, set-based.

One aggregate query per indicator (over its `Records`), two queries for the whole client
profile. Nothing here loops over rows of people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, F, Q, QuerySet

from welzijn.casework.models import Contact, Decision, Intervention, Trajectory
from welzijn.catalog.models import Service
from welzijn.registry.models import Household, HouseholdMembership, Wijk
from welzijn.registry.selectors import member_on, memberships_on

from .indicators import INDICATORS, Indicator, Kind
from .measures import External, Share
from .records import Records, Tally, during, part, total

CLIENT_SERVICE = "maatschappelijke-begeleiding"
CLIENT_KINDS = frozenset(
    {
        Kind.CLIENT_HOUSEHOLDS,
        Kind.CLIENT_PERSONS,
        Kind.CLIENT_SHARE_SINGLE,
        Kind.CLIENT_SHARE_WITH_MINORS,
        Kind.CLIENT_SHARE_MINORS,
        Kind.CLIENT_SHARE_UNDER30,
    }
)
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-17", 0, 18),
    ("18-29", 18, 30),
    ("30-44", 30, 45),
    ("45-64", 45, 65),
    ("65+", 65, None),
)


@dataclass
class Result:
    indicator: Indicator
    value: float | None
    denominator: float | None = None  # for shares: the number the share is computed on
    previous: float | None = None  # the same figure for the year before, when compared
    source: str = ""  # of an external figure: who published it


@dataclass
class ClientProfile:
    households: int = 0
    persons: int = 0
    minors: int = 0
    under30: int = 0
    single: int = 0
    with_minors: int = 0
    composition: dict[str, int] = field(default_factory=dict)
    ages: dict[str, int] = field(default_factory=dict)


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def born_after(year: int, age: int) -> dt.date:
    """Born after this date = younger than ``age`` on 31 December of ``year``."""
    return dt.date(year - age, 12, 31)


class ServiceIds:
    """Service codes to ids, read once per computation."""

    def __init__(self) -> None:
        self._ids: dict[str, int] | None = None

    def __call__(self, codes: Iterable[str]) -> list[int]:
        if self._ids is None:
            self._ids = dict(Service.objects.values_list("code", "id"))
        return [self._ids[c] for c in codes if c in self._ids]


def interventions_in(ids: list[int], year: int) -> QuerySet[Intervention]:
    start, end = year_bounds(year)
    return Intervention.objects.valid().filter(service_id__in=ids, date__range=(start, end))


def trajectories() -> QuerySet[Trajectory]:
    """Trajectories that count: a cancelled one (planned, never run) is left out."""
    return Trajectory.objects.exclude(status=Trajectory.Status.CANCELLED)


def trajectories_active(ids: list[int], year: int) -> QuerySet[Trajectory]:
    start, end = year_bounds(year)
    return (
        trajectories()
        .filter(service_id__in=ids, start_date__lte=end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
    )


def client_households(year: int, ids: ServiceIds | None = None) -> QuerySet[Trajectory]:
    """Household ids of the client base (a subquery, never fetched)."""
    ids = ids or ServiceIds()
    return (
        trajectories_active(ids([CLIENT_SERVICE]), year).values("dossier__household_id").distinct()
    )


def client_memberships(year: int, ids: ServiceIds | None = None) -> QuerySet:
    """The memberships on 31 December of the client base's households."""
    return memberships_on(year_bounds(year)[1]).filter(household__in=client_households(year, ids))


def _born_between(year: int, lo: int, hi: int | None) -> tuple[str, list]:
    """SQL (over a column ``b``, the birth date) of an age from ``lo`` to under ``hi`` on
    31 December, with its parameters."""
    adapt = connection.ops.adapt_datefield_value
    conds, params = [], []
    if lo:
        conds.append("b <= %s")
        params.append(adapt(born_after(year, lo)))
    if hi is not None:
        conds.append("b > %s")
        params.append(adapt(born_after(year, hi)))
    return f"SUM(CASE WHEN {' AND '.join(conds)} THEN 1 ELSE 0 END)", params


def client_profile(year: int, ids: ServiceIds | None = None) -> ClientProfile:
    """The client base in one query: the distinct members on 31 December with their birth
    date (read once, a common table expression), counted per person and per household, so
    that a count per age is a plain count over those rows, not a DISTINCT of its own."""
    members = (
        client_memberships(year, ids)
        .order_by()
        .values(hh=F("household"), p=F("person"), b=F("person__birth_date"))
        .distinct()
    )
    sql, params = members.query.sql_with_params()
    ranges = [(0, 18), (0, 30), *((lo, hi) for _, lo, hi in AGE_BANDS)]  # minors, under 30
    bands = [_born_between(year, lo, hi) for lo, hi in ranges]
    minor, adult = bands[0], _born_between(year, 18, None)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH m AS ({sql}) "
            f"SELECT * FROM (SELECT COUNT(*), {', '.join(count for count, _ in bands)} "
            "FROM (SELECT DISTINCT p, b FROM m) per_person) persons, "
            "(SELECT COUNT(*), SUM(CASE WHEN size = 1 THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN kids > 0 THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN kids > 0 AND adults = 1 THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN kids > 0 AND adults > 1 THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN kids = 0 AND size > 1 THEN 1 ELSE 0 END) "
            f"FROM (SELECT COUNT(*) AS size, {minor[0]} AS kids, {adult[0]} AS adults "
            "FROM m GROUP BY hh) per_household) households",
            [*params, *(p for _, ps in bands for p in ps), *minor[1], *adult[1]],
        )
        row = [n or 0 for n in cursor.fetchone()]
    counts = iter(row)
    persons, minors, under30 = next(counts), next(counts), next(counts)
    ages = {label: next(counts) for label, _, _ in AGE_BANDS}
    households, single, with_minors, single_parent, couple_kids, adults_only = counts
    return ClientProfile(
        households=households,
        persons=persons,
        minors=minors,
        under30=under30,
        single=single,
        with_minors=with_minors,
        composition={
            "alleenstaand": single,
            "alleenstaande ouder met kinderen": single_parent,
            "meerdere volwassenen met kinderen": couple_kids,
            "meerdere volwassenen zonder kinderen": adults_only,
        },
        ages=ages,
    )


def _client_result(ind: Indicator, profile: ClientProfile) -> Result:
    k = ind.kind
    if k == Kind.CLIENT_HOUSEHOLDS:
        return Result(ind, profile.households)
    if k == Kind.CLIENT_PERSONS:
        return Result(ind, profile.persons)
    if k in (Kind.CLIENT_SHARE_SINGLE, Kind.CLIENT_SHARE_WITH_MINORS):
        n = profile.single if k == Kind.CLIENT_SHARE_SINGLE else profile.with_minors
        total = profile.households
    else:
        n = profile.minors if k == Kind.CLIENT_SHARE_MINORS else profile.under30
        total = profile.persons
    return Result(ind, n / total if total else None, denominator=total)


def members_of_household_records(
    iv: QuerySet[Intervention], tr: QuerySet[Trajectory], year: int
) -> list[QuerySet[HouseholdMembership]]:
    """A record for the whole household (no person) counts for every member: of an
    intervention, who was a member on its date; of a trajectory, who was one while it ran
    in the year. One filter() per relation, so each condition is on the same record."""
    start, end = year_bounds(year)
    on = F("household__dossiers__interventions__date")
    of_interventions = Q(household__dossiers__interventions__in=iv.filter(person=None)) & member_on(
        on
    )
    began, ended = (
        F("household__dossiers__trajectories__start_date"),
        F("household__dossiers__trajectories__end_date"),
    )
    of_trajectories = (
        Q(household__dossiers__trajectories__in=tr.filter(person=None))
        & Q(start_date__lte=end)
        & (Q(household__dossiers__trajectories__end_date__isnull=True) | Q(start_date__lte=ended))
        & (Q(end_date__isnull=True) | (Q(end_date__gte=start) & Q(end_date__gte=began)))
    )
    return [HouseholdMembership.objects.filter(q) for q in (of_interventions, of_trajectories)]


#: where a casework record is: the wijk of its household's address, its dossier's office
WIJK, OFFICE = "dossier__household__address__wijk__name", "dossier__office__name"
#: the kinds counted from casework records, each a `Records` definition below
RECORD_KINDS = frozenset(
    {
        Kind.HEARINGS,
        Kind.CONTACT_OUTCOME,
        Kind.RECORDS,
        Kind.PERSONS_STARTED,
        Kind.OUTCOME_COUNT,
        Kind.OUTCOME_SHARE,
        Kind.PERSONS,
        Kind.PERSONS_MINOR,
        Kind.HOUSEHOLDS,
    }
)


def _casework_records(ind: Indicator, year: int, ids: ServiceIds) -> Records:
    """The casework records of a record-based indicator, with their keys."""
    k = ind.kind
    svc = ids(ind.services)
    start, end = year_bounds(year)
    if k == Kind.HEARINGS:
        found = Decision.objects.valid().filter(hearing_held_on__range=(start, end))
        return Records((part(found, date="hearing_held_on", wijk=WIJK, office=OFFICE),))
    if k == Kind.CONTACT_OUTCOME:
        contacts = Contact.objects.valid().filter(
            occurred_on__range=(start, end),
            outcome__applies_to="contact",
            outcome__code=ind.detail,
        )
        return Records(
            (
                part(
                    contacts.exclude(person=None),
                    date="occurred_on",
                    wijk="household__address__wijk__name",
                    office="office__name",
                    unit="person_id",
                ),
            ),
            distinct=True,
        )
    if k in (Kind.PERSONS_STARTED, Kind.OUTCOME_COUNT, Kind.OUTCOME_SHARE):
        started = k == Kind.PERSONS_STARTED
        field = "start_date" if started else "end_date"
        found = trajectories().filter(service_id__in=svc, **{f"{field}__range": (start, end)})
        if started:
            rows = part(found.exclude(person=None), date=field, wijk=WIJK, office=OFFICE,
                        unit="person_id")  # fmt: skip
            return Records((rows,), distinct=True)
        if k == Kind.OUTCOME_COUNT:
            found = found.filter(outcome__code=ind.detail)
        hit = Q(outcome__code=ind.detail)
        return Records((part(found, date=field, wijk=WIJK, office=OFFICE, hit=hit),))
    iv, tr = interventions_in(svc, year), trajectories_active(svc, year)
    unit = {Kind.PERSONS: "person_id", Kind.PERSONS_MINOR: "person_id",
            Kind.HOUSEHOLDS: "dossier__household_id"}.get(Kind(k))  # fmt: skip
    if k == Kind.RECORDS:
        unit = None
    elif unit is None:
        raise ValueError(f"onbekende soort indicator {k!r} ({ind.code})")
    members = members_of_household_records(iv, tr, year) if unit == "person_id" else []
    if unit == "person_id":
        iv, tr = iv.exclude(person=None), tr.exclude(person=None)
    if k == Kind.PERSONS_MINOR:
        young = Q(person__birth_date__gt=born_after(year, 18))
        iv, tr = iv.filter(young), tr.filter(young)
        members = [m.filter(young) for m in members]
    keys = {"wijk": WIJK, "office": OFFICE, "unit": unit}
    trajectory = during("start_date", "end_date", year)
    parts = [part(iv, date="date", **keys), part(tr, **trajectory, **keys)]
    if members:  # the members of a household-level record, at the record's date
        of_iv, of_tr = members
        at = {
            "wijk": "household__address__wijk__name",
            "office": "household__dossiers__office__name",
            "unit": "person_id",
        }
        via = "household__dossiers__trajectories__"  # the trajectory the member is counted for
        parts += [
            part(of_iv, date="household__dossiers__interventions__date", **at),
            part(of_tr, **during(f"{via}start_date", f"{via}end_date", year), **at),
        ]
    return Records(tuple(parts), distinct=unit is not None)


def records_of(ind: Indicator, year: int, ids: ServiceIds) -> Records | None:
    """The records an indicator counts, with their keys; None for a figure without them."""
    if ind.kind in RECORD_KINDS:
        return _casework_records(ind, year, ids)
    if ind.kind == Kind.CLIENT_HOUSEHOLDS:  # the total comes from the profile, the same count
        active = trajectories_active(ids([CLIENT_SERVICE]), year)
        rows = part(active, **during("start_date", "end_date", year), wijk=WIJK, office=OFFICE,
                    unit="dossier__household_id")  # fmt: skip
        return Records((rows,), distinct=True)
    m = ind.measure
    if m is not None and m.keyed:
        got = m.count(ind, year, ids(ind.services))
        if not isinstance(got, Records):
            raise TypeError(f"maat {m.name} is keyed maar gaf geen Records ({ind.code})")
        return got
    return None


def figure(ind: Indicator, records: Records, tally_: Tally) -> tuple[float | None, float | None]:
    """(value, denominator) of an indicator from the tally of its records."""
    if records.reported and not tally_.rows:
        return None, None
    if records.min_units and tally_.units < records.min_units:
        return None, None  # withheld: one association's grant would be read from it
    if records.mean:
        return (round(tally_.hits / tally_.value, 1) if tally_.value else None), tally_.value
    if records.per_month:
        return round(tally_.value, 1), None
    if ind.is_share:
        return Share(tally_.hits, tally_.value).value, tally_.value
    return tally_.value, None


def _counted(ind: Indicator, year: int, ids: ServiceIds) -> Result:
    """An indicator counted from its records, with the year before where compared."""

    def one(y: int) -> tuple[float | None, float | None]:
        records = records_of(ind, y, ids)
        assert records is not None
        return figure(ind, records, total(records))

    value, denominator = one(year)
    previous = one(year - 1)[0] if ind.compare_previous else None
    return Result(ind, value, denominator=denominator, previous=previous)


def _measured(ind: Indicator, year: int, ids: ServiceIds) -> Result:
    """An indicator of a domain app's measure, with the year before where compared."""
    m = ind.measure
    assert m is not None
    svc = ids(ind.services)

    def one(y: int) -> tuple[float | None, float | None, str]:
        got = m.count(ind, y, svc)
        if isinstance(got, Share):
            return got.value, got.total, ""
        if isinstance(got, External):
            return got.value, None, got.source
        return got, None, ""

    value, denominator, source = one(year)
    previous = one(year - 1)[0] if ind.compare_previous else None
    return Result(ind, value, denominator=denominator, previous=previous, source=source)


def compute(
    year: int,
    indicators: Iterable[Indicator] = INDICATORS,
    *,
    profile: ClientProfile | None = None,
    ids: ServiceIds | None = None,
) -> dict[str, Result]:
    """Every indicator of the list for the year, with the previous year where compared."""
    indicators = list(indicators)
    ids = ids or ServiceIds()
    results: dict[str, Result] = {}
    if any(i.kind in CLIENT_KINDS for i in indicators):
        profile = profile or client_profile(year, ids)
        for ind in indicators:
            if ind.kind in CLIENT_KINDS:
                results[ind.code] = _client_result(ind, profile)
    for ind in indicators:
        if ind.code in results:
            continue
        if ind.kind in RECORD_KINDS or (ind.measure is not None and ind.measure.keyed):
            results[ind.code] = _counted(ind, year, ids)
        elif ind.measure is not None:
            results[ind.code] = _measured(ind, year, ids)
        else:
            raise ValueError(f"onbekende soort indicator {ind.kind!r} ({ind.code})")
    return results


# --- breakdowns: helped households per wijk and per office --------------------------------


def households_per_wijk(year: int, ids: ServiceIds | None = None) -> list[tuple[str, int, int]]:
    """(wijk, client households, persons in them), every wijk, in one query each."""
    ids = ids or ServiceIds()
    hh = dict(
        Household.objects.filter(id__in=client_households(year, ids))
        .values_list("address__wijk__name")
        .annotate(n=Count("id"))
    )
    persons = dict(
        client_memberships(year, ids)
        .values_list("household__address__wijk__name")
        .annotate(n=Count("person", distinct=True))
    )
    names = list(Wijk.objects.order_by("name").values_list("name", flat=True))
    if None in hh:
        names.append(None)
    return [(name or "onbekend", hh.get(name, 0), persons.get(name, 0)) for name in names]


def households_per_office(year: int, ids: ServiceIds | None = None) -> list[tuple[str, int, int]]:
    """(office, client households, persons in them) of the offices that follow clients; the
    persons are the households' members on 31 December, as in `client_profile`. (One query
    with the members as a left join was three times slower on SQLite at scale 1.)"""
    ids = ids or ServiceIds()
    svc = ids([CLIENT_SERVICE])
    hh = (
        trajectories_active(svc, year)
        .values_list("dossier__office__name")
        .annotate(n=Count("dossier__household", distinct=True))
        .order_by("dossier__office__name")
    )
    members = "dossier__household__memberships__"
    persons = dict(  # one filter(): both dates are of the same membership (one join)
        trajectories_active(svc, year)
        .filter(member_on(year_bounds(year)[1], members))
        .values_list("dossier__office__name")
        .annotate(n=Count(f"{members}person", distinct=True))
    )
    return [(name, n, persons.get(name, 0)) for name, n in hh]
