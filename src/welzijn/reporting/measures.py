"""Indicator kinds contributed by the apps that own the records.

A team's app (shelter, meldingen, subsidies, ...) says how its figures are counted in its own
``measures.py``, with `@measure`. Reporting imports those modules once at start-up
(`autodiscover_modules("measures")`, see `ReportingConfig.ready`) and never names a domain
app: an indicator whose ``kind`` is a registered measure's name is computed by that measure.

A measure's function gets the indicator, the year and the ids of the indicator's services
and returns a count (``float``), a `Share` (hits over a base), an `External` figure (a
value with its outside source), or ``None`` (no data). It runs
one aggregate query or a few, never one per row.

A measure registered with ``keyed=True`` returns `Records` instead: the records it counts
with their keys (date, wijk, office; see `records`). The report tallies their total, and the
same definition gives the breakdown per wijk and per office and the months. A measure that
returns a number keeps working; its indicator simply has no breakdown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured

from .records import Records, part

__all__ = ["Records", "Share", "data_source", "get", "measure", "part"]

if TYPE_CHECKING:
    from .indicators import Indicator


@dataclass(frozen=True)
class Share:
    hits: float
    total: float

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass(frozen=True)
class External:
    """A figure of outside statistics, with the source the report shows next to it."""

    value: float
    source: str


Count = Callable[["Indicator", int, list[int]], "float | Share | External | Records | None"]


@dataclass(frozen=True)
class Measure:
    name: str
    count: Count
    #: how the figure is computed, in plain Dutch (``{services}`` and ``{detail}`` are filled in)
    definition: str
    share: bool = False
    #: counts things (places, sessions, reports), not people: never suppressed as a small count
    things: bool = False
    #: counts reference data (a facility's places), not registrations: the same figure at
    #: every scale of Synthetic Ghent
    reference: bool = False
    #: the function returns `Records` (with keys), so the figure has breakdowns and months
    keyed: bool = False

    def describe(self, indicator: Indicator) -> str:
        services = ", ".join(f"‘{s}’" for s in indicator.services)
        return self.definition.format(services=services, detail=indicator.detail)


MEASURES: dict[str, Measure] = {}
#: functions year -> bool: whether an app holds records for the year (the report's year menu)
DATA_SOURCES: list[Callable[[int], bool]] = []


def measure(
    name: str,
    *,
    definition: str,
    share: bool = False,
    things: bool = False,
    reference: bool = False,
    keyed: bool = False,
):
    """Register the decorated function as the measure ``name`` (``<app>.<what>``)."""

    def register(count: Count) -> Count:
        if name in MEASURES:
            raise ImproperlyConfigured(f"maat {name!r} is twee keer geregistreerd")
        MEASURES[name] = Measure(
            name,
            count,
            definition,
            share=share,
            things=things,
            reference=reference,
            keyed=keyed,
        )
        return count

    return register


def data_source(has_data: Callable[[int], bool]) -> Callable[[int], bool]:
    """Register ``has_data(year)``: the app holds records of the year."""
    DATA_SOURCES.append(has_data)
    return has_data


def get(name: str) -> Measure | None:
    return MEASURES.get(name)
