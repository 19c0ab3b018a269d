"""The analist's dashboard: the year so far per month, per chapter, next to the annual report,
and one indicator in detail with its breakdowns per month, wijk and office.

Every figure is the report's own (`compute`, `breakdowns`) after the privacy rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial

from django.utils.safestring import SafeString, mark_safe

from . import charts, concurrent
from .breakdowns import MONTHS, Breakdown, breakdowns, cells_of, month_label
from .compute import ServiceIds, compute, records_of
from .indicators import CHAPTERS, Indicator, by_chapter
from .privacy import Cell, Shown, show


@dataclass
class Row:
    indicator: Indicator
    shown: Shown
    months: list[Cell]
    spark: SafeString


@dataclass
class ChapterRows:
    code: str
    name: str
    rows: list[Row] = field(default_factory=list)


def months_so_far(year: int, today: dt.date | None = None) -> int:
    """12 for a past year; for this year the months begun so far."""
    today = today or dt.date.today()
    return today.month if year == today.year else 12


def overview(year: int, *, today: dt.date | None = None) -> list[ChapterRows]:
    """Per chapter, every indicator that has records: the year so far and its months, computed
    on two database connections at once where they can (`concurrent`)."""
    months = months_so_far(year, today)
    labels = list(MONTHS[:months])
    ids = ServiceIds()
    ids([])  # the service ids read once, before the connections share them
    groups = by_chapter()
    keyed = {}
    tasks: dict = {}
    for code, _ in CHAPTERS:
        found = ((ind, records_of(ind, year, ids)) for ind in groups[code])
        keyed[code] = [(ind, records) for ind, records in found if records is not None]
        for first, part in concurrent.parts([ind for ind, _ in keyed[code]]):
            tasks[("figures", code, first)] = partial(compute, year, part, ids=ids)
        for ind, records in keyed[code]:
            tasks[("months", ind.code)] = partial(cells_of, ind, records, "month", months)
    timed = concurrent.run_timed(tasks)
    results = {}
    for key, t in timed.items():
        if key[0] == "figures":
            results.update(t.value)
    out = []
    for code, name in CHAPTERS:
        chapter = ChapterRows(code, name)
        for ind, _ in keyed[code]:
            cells = timed[("months", ind.code)].value
            spark = charts.sparkline([c.number for c in cells], labels, f"{ind.label} per maand")
            chapter.rows.append(Row(ind, show(results[ind.code]), cells, mark_safe(spark)))
        if chapter.rows:
            out.append(chapter)
    return out


HEADS = {"month": "Maand", "wijk": "Wijk", "office": "Welzijnsbureau of team"}


@dataclass
class Panel:
    """One breakdown as the page shows it: a chart and its table."""

    title: str
    head: str
    chart: SafeString
    rows: list[tuple[str, str]]  # (month, wijk or office; the published figure)


@dataclass
class Detail:
    indicator: Indicator
    shown: Shown
    panels: list[Panel]


def _panel(ind: Indicator, b: Breakdown) -> Panel:
    labels = [month_label(c.key) if b.by == "month" else str(c.key) for c in b.cells]
    values = [c.number for c in b.cells]
    if b.by == "month":
        short = [MONTHS[c.key - 1] for c in b.cells]
        svg = charts.bars_vertical(short, values, percent=ind.is_share)
    else:
        svg = charts.bars_horizontal(labels, values, percent=ind.is_share)
    rows = [(label, c.text) for label, c in zip(labels, b.cells, strict=True)]
    title = f"{ind.label} {b.title}"
    return Panel(title, HEADS[b.by], mark_safe(charts.titled(svg, title)), rows)


def detail(ind: Indicator, year: int, *, today: dt.date | None = None) -> Detail:
    """One indicator: its figure, and every breakdown as a table and a chart."""
    ids = ServiceIds()
    found = breakdowns(ind, year, ids, months=months_so_far(year, today))
    result = compute(year, [ind], ids=ids)[ind.code]
    return Detail(ind, show(result), [_panel(ind, b) for b in found])
