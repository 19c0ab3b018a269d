"""Measure the calibration figures from the database, with ORM queries only.

Definitions (the same as in `welzijn.synth.generator`): client households are households
with a ``maatschappelijke-begeleiding`` trajectory active in the year; their persons are
the members on 31 December; a single household has exactly one member; ages are on
31 December of the year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from welzijn.casework.models import Contact, Decision, Intervention, Trajectory
from welzijn.registry.models import HouseholdMembership, Person
from welzijn.reporting import measures
from welzijn.reporting.compute import compute
from welzijn.reporting.indicators import BY_CODE

from .targets import Target, load_targets


def _active_trajectories(services, year):
    return Trajectory.objects.filter(
        service__code__in=services,
        start_date__lte=dt.date(year, 12, 31),
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=dt.date(year, 1, 1)))


def _client_memberships(year: int):
    end = dt.date(year, 12, 31)
    households = (
        _active_trajectories(["maatschappelijke-begeleiding"], year)
        .values("dossier__household")
        .distinct()
    )
    return HouseholdMembership.objects.filter(household__in=households, start_date__lte=end).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=end)
    )


def _born_after(year: int, age: int) -> dt.date:
    """Born after this date = younger than ``age`` on 31 December of ``year``."""
    return dt.date(year - age, 12, 31)


def _domain_result(target: Target):
    """A figure a domain app's measure counts: the generator wrote its records, the app's
    own query counts them (the name is the indicator's code, with ``_<year>`` for a year
    before)."""
    code = target.name if target.name in BY_CODE else target.name.rsplit("_", 1)[0]
    return compute(target.year, [BY_CODE[code]])[code]


def _by_domain_measure(target: Target) -> float:
    return float(_domain_result(target).value or 0)


def measure(target: Target) -> float:
    y, services = target.year, list(target.services)
    m = target.measure
    if measures.get(m) is not None:
        return _by_domain_measure(target)
    if m == "population_persons":
        return Person.objects.count()
    if m == "client_households":
        return _client_memberships(y).values("household").distinct().count()
    if m == "client_persons":
        return _client_memberships(y).values("person").distinct().count()
    if m in ("share_single", "share_with_minors"):
        per_household = (
            _client_memberships(y)
            .values("household")
            .annotate(
                size=Count("person", distinct=True),
                minors=Count("person", filter=Q(person__birth_date__gt=_born_after(y, 18))),
            )
        )
        total = per_household.count()
        if m == "share_single":
            return per_household.filter(size=1).count() / total
        return per_household.filter(minors__gt=0).count() / total
    if m in ("share_minors", "share_under30"):
        persons = _client_memberships(y)
        age = 18 if m == "share_minors" else 30
        return persons.filter(person__birth_date__gt=_born_after(y, age)).count() / persons.count()
    if m == "onthaal_geen_vervolg":
        return Contact.objects.filter(
            outcome__applies_to="contact",
            outcome__code="geen-vervolgtraject",
            occurred_on__year=y,
        ).count()
    if m == "hearings":
        return Decision.objects.filter(hearing_held_on__year=y).count()
    if m in ("outcome_share", "outcome_count"):
        ended = Trajectory.objects.filter(service__code__in=services, end_date__year=y)
        hits = ended.filter(outcome__code=target.detail).count()
        return hits / ended.count() if m == "outcome_share" else hits
    trajectories = _active_trajectories(services, y)
    interventions = Intervention.objects.filter(service__code__in=services, date__year=y)
    if m == "persons_started":
        return trajectories.filter(start_date__year=y).values("person").distinct().count()
    if m == "persons":
        ids = set(trajectories.values_list("person", flat=True))
        ids |= set(interventions.values_list("person", flat=True))
        ids.discard(None)
        return len(ids)
    if m == "persons_minor":
        born = _born_after(y, 18)
        ids = set(
            interventions.filter(person__birth_date__gt=born).values_list("person", flat=True)
        )
        ids |= set(
            trajectories.filter(person__birth_date__gt=born).values_list("person", flat=True)
        )
        return len(ids)
    if m == "households":
        ids = set(trajectories.values_list("dossier__household", flat=True))
        ids |= set(interventions.values_list("dossier__household", flat=True))
        return len(ids)
    if m == "records":
        return trajectories.count() + interventions.count()
    raise ValueError(f"onbekende maat {m!r} in {target.name}")


def _share_base(target: Target) -> float | None:
    """The number of records a counted share is over (None for anything else)."""
    if target.measure == "outcome_share":
        return Trajectory.objects.filter(
            service__code__in=target.services, end_date__year=target.year
        ).count()
    if target.counted_share:
        return _domain_result(target).denominator or 0
    return None


@dataclass(frozen=True)
class Check:
    target: Target
    expected: float
    generated: float
    ok: bool

    @property
    def deviation(self) -> float:
        if self.target.is_share:
            return self.generated - self.expected
        return (self.generated - self.expected) / self.expected if self.expected else 0.0


def check_all(scale: float, year: int = 2023) -> list[Check]:
    """Every calibration target of the year (and the previous year) against the database."""
    checks = []
    for target in load_targets():
        if target.year not in (year, year - 1):
            continue
        expected = target.expected(scale)
        generated = measure(target)
        ok = target.within(generated, expected, _share_base(target))
        checks.append(Check(target, expected, generated, ok))
    return checks
