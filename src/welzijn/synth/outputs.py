"""Synthetic Ghent's monthly figures and external figures: what the teams would have
registered through /maandcijfers/, month by month, never a year's total in one row.

A flow (meals, rides, tons) is spread over the twelve months so that the months add up to
the seed's figure; a stock (subscribers, restaurants) rises slowly to the seed's figure in
December. An external figure is registered once for the year, with its source."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from welzijn.outputs.models import OutputKind

if TYPE_CHECKING:
    from .generator import Generator, Target

#: Services whose figure belongs to one month (an event), not to the whole year.
EVENT_MONTH = {"dag-van-de-vrijwilliger": 12, "koop-sociaal": 10}
#: A stock's value in January, as a share of December's (assumption, not in the seed).
STOCK_START = 0.9
#: Who publishes each external figure (the 2023 report names no source for the poverty
#: figure; the police's separate hotline is named in the report itself).
EXTERNAL_SOURCES = {
    "armoede": "Aanname: het jaaroverzicht 2023 noemt de bron van ‘1 op 7’ niet (synthetisch)",
    "haatmisdrijven": "Politie Gent, apart meldpunt haatmisdrijven (synthetisch)",
}
OUTPUT_COLS = ["id", "kind_id", "month", "quantity", "source", "note", "registered_by_id",
               "registered_at"]  # fmt: skip
EXTERNAL_COLS = ["id", "key", "year", "value", "source", "source_date", "url",
                 "registered_by_id", "registered_at"]  # fmt: skip


def _months(gen: Generator, target: Target, total: int, stock: bool) -> dict[int, int]:
    """Month number -> the figure the team registers for it."""
    if stock:
        return {m: round(total * (STOCK_START + (1 - STOCK_START) * m / 12)) for m in range(1, 13)}
    event = EVENT_MONTH.get(target.services[0])
    if event is not None:
        return {event: total}
    return {m + 1: int(n) for m, n in enumerate(gen.rng.multinomial(total, [1 / 12] * 12))}


def build_outputs(gen: Generator) -> None:
    kinds = {(k.service.code, k.unit): k for k in OutputKind.objects.select_related("service")}
    outputs, externals = [], []
    for target in gen.targets:
        if not target.measure.startswith("outputs."):
            continue
        if target.measure.startswith("outputs.external"):
            share = target.measure == "outputs.external_share"
            value = target.value * 100 if share else target.value
            (pk,) = gen.ids("outputs_externalfigure", 1)
            externals.append(
                (int(pk), target.detail, target.year, f"{value:.3f}",
                 EXTERNAL_SOURCES[target.detail], f"{target.year + 1}-03-01", "", None,
                 f"{target.year + 1}-03-01 10:00:00+00:00")
            )  # fmt: skip
            continue
        kind = kinds[(target.services[0], target.detail)]
        per_month = _months(gen, target, int(target.expected(gen.scale)), kind.stock)
        ids = gen.ids("outputs_monthlyoutput", len(per_month))
        for pk, (m, quantity) in zip(ids, sorted(per_month.items()), strict=True):
            month = dt.date(target.year, m, 1)
            after = (month + dt.timedelta(days=35)).replace(day=3)
            outputs.append(
                (int(pk), kind.pk, month.isoformat(), f"{quantity}.00",
                 "registratie van het team (synthetisch)", "", None,
                 f"{after.isoformat()} 09:00:00+00:00")
            )  # fmt: skip
    gen.tables.add("outputs_monthlyoutput", OUTPUT_COLS, outputs)
    gen.tables.add("outputs_externalfigure", EXTERNAL_COLS, externals)
