"""Reads of the monthly figures, through the access rule of `outputs.access`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.shortcuts import get_object_or_404

from welzijn.core.access import AccessDenied
from welzijn.outputs.access import (
    access_external_figures,
    access_monthly_output,
    access_output_kind,
    kinds_visible_to,
)
from welzijn.outputs.models import ExternalFigure, MonthlyOutput, OutputKind


def kinds_of(*, user) -> list[OutputKind]:
    return list(kinds_visible_to(user).filter(active=True).select_related("service", "office"))


def kind_get(*, user, kind_id: int) -> OutputKind:
    kind = get_object_or_404(OutputKind.objects.select_related("service", "office"), pk=kind_id)
    return access_output_kind(user, kind)


def output_get(*, user, output_id: int) -> MonthlyOutput:
    output = get_object_or_404(MonthlyOutput.objects.select_related("kind__service"), pk=output_id)
    return access_monthly_output(user, output)


@dataclass
class Month:
    month: dt.date
    output: MonthlyOutput | None
    cancelled: list[MonthlyOutput]


@dataclass
class YearOverview:
    kind: OutputKind
    year: int
    months: list[Month]
    #: the year's figure as the report counts it: the sum, or for a stock the last month
    figure: Decimal | None

    @property
    def registered(self) -> int:
        return sum(1 for m in self.months if m.output is not None)


def year_overview(*, user, kind_id: int, year: int) -> YearOverview:
    """The twelve months of a kind in a year, with what was cancelled."""
    kind = kind_get(user=user, kind_id=kind_id)
    rows = MonthlyOutput.objects.filter(kind=kind, month__year=year).select_related("registered_by")
    valid: dict[dt.date, MonthlyOutput] = {}
    cancelled: dict[dt.date, list[MonthlyOutput]] = {}
    for row in rows:
        if row.is_cancelled:
            cancelled.setdefault(row.month, []).append(row)
        else:
            valid[row.month] = row
    months = [
        Month(
            dt.date(year, m, 1),
            valid.get(dt.date(year, m, 1)),
            cancelled.get(dt.date(year, m, 1), []),
        )
        for m in range(1, 13)
    ]
    figure: Decimal | None = None
    if valid:
        figure = (
            valid[max(valid)].quantity
            if kind.stock
            else sum((o.quantity for o in valid.values()), Decimal(0))
        )
    return YearOverview(kind, year, months, figure)


def external_figures(*, user) -> list[ExternalFigure]:
    access_external_figures(user)
    return list(ExternalFigure.objects.select_related("registered_by").order_by("-year", "key"))


def external_figure_get(*, user, figure_id: int) -> ExternalFigure:
    access_external_figures(user)
    figure = ExternalFigure.objects.filter(pk=figure_id).first()
    if figure is None:
        raise AccessDenied("Dit externe cijfer bestaat niet.")
    return figure
