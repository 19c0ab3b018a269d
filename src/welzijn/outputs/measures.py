"""The report's figures that teams report as totals, and the external figures.

A monthly figure is read from valid (not cancelled) `MonthlyOutput` rows of the kinds of
the indicator's services whose unit is the indicator's ``detail``. A flow (meals, rides,
tons) is the sum over the months of the year; a stock (subscribers, restaurants,
organisations in a network) is the figure of the last month of the year that has one, per
kind, summed over the services. Both are keyed: per month (of a stock, the stand of that
month) and per team that reports the figure; a monthly figure names no wijk. Measures ending
in ``_persons`` count people (small counts are suppressed), the others count things.
"""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery

from welzijn.outputs.models import ExternalFigure, MonthlyOutput
from welzijn.reporting.measures import External, Records, data_source, measure, part

SOURCE = " Bron: de maandcijfers die het team registreert (maandcijfers)."
SUM = (
    "Som over de maanden van het jaar van de maandcijfers ‘{detail}’ van {services} "
    "(geannuleerde niet); per maand en per team dat het cijfer rapporteert (een maandcijfer "
    "noemt geen wijk)." + SOURCE
)
STOCK = (
    "Stand op het einde van het jaar: per dienst het maandcijfer ‘{detail}’ van {services} "
    "van de laatste maand van het jaar met een cijfer (geannuleerde niet); per maand de stand "
    "van die maand, per team dat het cijfer rapporteert (een maandcijfer noemt geen "
    "wijk)." + SOURCE
)
EXTERNAL = (
    "Extern cijfer, niet berekend uit registraties van het departement. Bron: de "
    "instelling die het publiceert, zoals een analist het registreerde (bij het cijfer)."
)


def _rows(indicator, year: int, service_ids: list[int], stock: bool) -> QuerySet:
    return MonthlyOutput.objects.valid().filter(
        kind__service_id__in=service_ids,
        kind__unit=indicator.detail,
        kind__stock=stock,
        month__year=year,
    )


#: a monthly figure is the team's that reports it (a kind names no wijk)
OFFICE = "kind__office__name"


def month_sum(indicator, year: int, service_ids: list[int]) -> Records:
    rows = _rows(indicator, year, service_ids, False)
    return Records((part(rows, date="month", n="quantity", office=OFFICE),), reported=True)


def year_end(indicator, year: int, service_ids: list[int]) -> Records:
    """The stand of each kind's last month with a figure; per month, that month's stand."""
    rows = _rows(indicator, year, service_ids, True)
    last = rows.filter(kind=OuterRef("kind")).order_by("-month").values("month")[:1]
    at_end = part(rows.filter(month=Subquery(last)), date="month", n="quantity", office=OFFICE)
    monthly = part(rows, date="month", n="quantity", office=OFFICE)
    return Records((at_end,), monthly=(monthly,), reported=True)


for _suffix, _things in (("", True), ("_persons", False)):
    measure(f"outputs.sum{_suffix}", definition=SUM, things=_things, keyed=True)(month_sum)
    measure(f"outputs.stock{_suffix}", definition=STOCK, things=_things, keyed=True)(year_end)


def _external(indicator, year: int, percent: bool) -> External | None:
    figure = ExternalFigure.objects.valid().filter(key=indicator.detail, year=year).first()
    if figure is None:
        return None
    value = float(figure.value) / 100 if percent else float(figure.value)
    return External(value, f"{figure.source} ({figure.source_date:%d/%m/%Y})")


# reference=True: an outside figure is the same at every scale of Synthetic Ghent
@measure("outputs.external", definition=EXTERNAL, things=True, reference=True)
def external(indicator, year: int, service_ids: list[int]) -> External | None:
    return _external(indicator, year, percent=False)


@measure("outputs.external_share", definition=EXTERNAL, share=True, reference=True)
def external_share(indicator, year: int, service_ids: list[int]) -> External | None:
    return _external(indicator, year, percent=True)


@data_source
def has_outputs(year: int) -> bool:
    return MonthlyOutput.objects.valid().filter(month__year=year).exists()
