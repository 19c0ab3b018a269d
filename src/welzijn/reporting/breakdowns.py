"""An indicator per wijk, per office and per month, every cell through the privacy rules.

The figures come from the same `Records` as the indicator's total (`compute.records_of`):
one aggregate query per breakdown, never a second way of counting."""

from __future__ import annotations

from dataclasses import dataclass

from .compute import ServiceIds, records_of
from .indicators import Indicator
from .privacy import Cell, count_cells, mean_cells, share_cells, withheld_cells
from .records import Records, tally

MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
MONTH_NAMES = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
               "september", "oktober", "november", "december")  # fmt: skip
BY = {"month": "per maand", "wijk": "per wijk", "office": "per welzijnsbureau of team"}


@dataclass(frozen=True)
class Breakdown:
    by: str  # a key of `BY`
    cells: list[Cell]

    @property
    def title(self) -> str:
        return BY[self.by]


def cells_of(ind: Indicator, records: Records, by: str, months: int = 12) -> list[Cell]:
    """The cells of one breakdown, in order (months: January to ``months``; wijken and
    offices: by name), every one published under the privacy rules."""
    got = tally(records, by)
    if by == "month":
        keys: list = list(range(1, months + 1))
    else:
        keys = sorted(got, key=str)
    ratios = {k: (got[k].hits, got[k].value) if k in got else (0, 0) for k in keys}
    if records.mean:
        return mean_cells(ratios)
    if ind.is_share:
        return share_cells(ratios)
    values = {k: got[k].value if k in got else 0.0 for k in keys}
    if records.min_units:
        units = {k: got[k].units if k in got else 0 for k in keys}
        return withheld_cells(values, units, records.min_units)
    return count_cells(values, personal=ind.is_count_of_people)


def breakdowns(
    ind: Indicator, year: int, ids: ServiceIds | None = None, *, months: int = 12
) -> list[Breakdown]:
    """Every breakdown the indicator's records allow (none for a figure without records)."""
    records = records_of(ind, year, ids or ServiceIds())
    if records is None:
        return []
    return [Breakdown(by, cells_of(ind, records, by, months)) for by in BY if records.has(by)]


def month_label(key: object) -> str:
    return MONTH_NAMES[key - 1] if isinstance(key, int) and 1 <= key <= 12 else "zonder datum"
