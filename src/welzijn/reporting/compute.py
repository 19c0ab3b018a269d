"""Computing indicators from the registered data, set-based.

One aggregate query per indicator (two for ``records``), two queries for the whole client
profile. Nothing here loops over rows of people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from welzijn.casework.models import Contact, Decision, Intervention, Trajectory
from welzijn.catalog.models import Service
from welzijn.registry.models import Household, HouseholdMembership, Wijk

from .indicators import BY_CODE, INDICATORS, Indicator, Kind
from .measures import External, Share

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


def trajectories_active(ids: list[int], year: int) -> QuerySet[Trajectory]:
    start, end = year_bounds(year)
    return Trajectory.objects.filter(service_id__in=ids, start_date__lte=end).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start)
    )


def client_households(year: int, ids: ServiceIds | None = None) -> QuerySet[Trajectory]:
    """Household ids of the client base (a subquery, never fetched)."""
    ids = ids or ServiceIds()
    return (
        trajectories_active(ids([CLIENT_SERVICE]), year).values("dossier__household_id").distinct()
    )


def client_memberships(year: int, ids: ServiceIds | None = None) -> QuerySet:
    end = year_bounds(year)[1]
    return HouseholdMembership.objects.filter(
        household__in=client_households(year, ids), start_date__lte=end
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=end))


def client_profile(year: int, ids: ServiceIds | None = None) -> ClientProfile:
    """The client base in two queries: one over persons, one over households."""
    memberships = client_memberships(year, ids)
    b18, b30 = born_after(year, 18), born_after(year, 30)
    age_filters = {}
    for label, lo, hi in AGE_BANDS:
        cond = Q(person__birth_date__lte=born_after(year, lo)) if lo else Q()
        if hi is not None:
            cond &= Q(person__birth_date__gt=born_after(year, hi))
        age_filters[label] = Count("person", distinct=True, filter=cond)
    persons = memberships.aggregate(
        persons=Count("person", distinct=True),
        minors=Count("person", distinct=True, filter=Q(person__birth_date__gt=b18)),
        under30=Count("person", distinct=True, filter=Q(person__birth_date__gt=b30)),
        **{f"age_{k}": v for k, v in age_filters.items()},
    )
    per_household = (
        memberships.order_by()
        .values("household")
        .annotate(
            size=Count("person", distinct=True),
            kids=Count("person", distinct=True, filter=Q(person__birth_date__gt=b18)),
            adults=Count("person", distinct=True, filter=Q(person__birth_date__lte=b18)),
        )
    )
    hh = per_household.aggregate(
        total=Count("household"),
        single=Count("household", filter=Q(size=1)),
        with_minors=Count("household", filter=Q(kids__gt=0)),
        single_parent=Count("household", filter=Q(kids__gt=0, adults=1)),
        couple_kids=Count("household", filter=Q(kids__gt=0, adults__gt=1)),
        adults_only=Count("household", filter=Q(kids=0, size__gt=1)),
    )
    return ClientProfile(
        households=hh["total"] or 0,
        persons=persons["persons"] or 0,
        minors=persons["minors"] or 0,
        under30=persons["under30"] or 0,
        single=hh["single"] or 0,
        with_minors=hh["with_minors"] or 0,
        composition={
            "alleenstaand": hh["single"] or 0,
            "alleenstaande ouder met kinderen": hh["single_parent"] or 0,
            "meerdere volwassenen met kinderen": hh["couple_kids"] or 0,
            "meerdere volwassenen zonder kinderen": hh["adults_only"] or 0,
        },
        ages={label: persons[f"age_{label}"] or 0 for label, _, _ in AGE_BANDS},
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


def _count(ind: Indicator, year: int, ids: ServiceIds) -> float | None:
    """The value of a record-based indicator: one aggregate query (two for records)."""
    k = ind.kind
    svc = ids(ind.services)
    start, end = year_bounds(year)
    if k == Kind.HEARINGS:
        return Decision.objects.valid().filter(hearing_held_on__range=(start, end)).count()
    if k == Kind.CONTACT_OUTCOME:
        return (
            Contact.objects.valid()
            .filter(
                occurred_on__range=(start, end),
                outcome__applies_to="contact",
                outcome__code=ind.detail,
            )
            .aggregate(n=Count("person", distinct=True))["n"]
        )
    iv, tr = interventions_in(svc, year), trajectories_active(svc, year)
    if k == Kind.RECORDS:
        return iv.count() + tr.count()
    if k == Kind.PERSONS_STARTED:
        return (
            Trajectory.objects.filter(service_id__in=svc, start_date__range=(start, end))
            .exclude(person=None)
            .aggregate(n=Count("person", distinct=True))["n"]
        )
    if k == Kind.OUTCOME_COUNT:
        return Trajectory.objects.filter(
            service_id__in=svc, end_date__range=(start, end), outcome__code=ind.detail
        ).count()
    if k in (Kind.PERSONS, Kind.PERSONS_MINOR):
        iv, tr = iv.exclude(person=None), tr.exclude(person=None)
        if k == Kind.PERSONS_MINOR:
            iv = iv.filter(person__birth_date__gt=born_after(year, 18))
            tr = tr.filter(person__birth_date__gt=born_after(year, 18))
        return iv.order_by().values("person_id").union(tr.order_by().values("person_id")).count()
    if k == Kind.HOUSEHOLDS:
        return (
            iv.order_by()
            .values("dossier__household_id")
            .union(tr.order_by().values("dossier__household_id"))
            .count()
        )
    raise ValueError(f"onbekende soort indicator {k!r} ({ind.code})")


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


def _outcome_share(ind: Indicator, year: int, ids: ServiceIds) -> Result:
    start, end = year_bounds(year)
    agg = Trajectory.objects.filter(
        service_id__in=ids(ind.services), end_date__range=(start, end)
    ).aggregate(
        total=Count("id"),
        hits=Count("id", filter=Q(outcome__code=ind.detail)),
    )
    total = agg["total"] or 0
    return Result(ind, agg["hits"] / total if total else None, denominator=total)


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
        if ind.kind == Kind.OUTCOME_SHARE:
            results[ind.code] = _outcome_share(ind, year, ids)
            continue
        if ind.measure is not None:
            results[ind.code] = _measured(ind, year, ids)
            continue
        prev = _count(ind, year - 1, ids) if ind.compare_previous else None
        results[ind.code] = Result(ind, _count(ind, year, ids), previous=prev)
    # shares with a base indicator: their denominator is the base indicator's value
    for ind in indicators:
        res = results[ind.code]
        if ind.base and res.denominator is None:
            base = results.get(ind.base)
            if base is None:
                base = compute(year, [BY_CODE[ind.base]], profile=profile, ids=ids)[ind.base]
            res.denominator = base.value
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
    """(office, client households, persons in them) of the offices that follow clients."""
    ids = ids or ServiceIds()
    svc = ids([CLIENT_SERVICE])
    hh = (
        trajectories_active(svc, year)
        .values_list("dossier__office__name")
        .annotate(n=Count("dossier__household", distinct=True))
        .order_by("dossier__office__name")
    )
    end = year_bounds(year)[1]
    persons = dict(
        trajectories_active(svc, year)
        .filter(
            dossier__household__memberships__start_date__lte=end,
        )
        .filter(
            Q(dossier__household__memberships__end_date__isnull=True)
            | Q(dossier__household__memberships__end_date__gte=end)
        )
        .values_list("dossier__office__name")
        .annotate(n=Count("dossier__household__memberships__person", distinct=True))
    )
    return [(name, n, persons.get(name, 0)) for name, n in hh]
