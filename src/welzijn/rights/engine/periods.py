"""Over which period an input's value is taken, relative to the evaluation date.

The law says which period counts (the verhoogde tegemoetkoming looks at the gross taxable
income of the previous calendar year); the rules say it on the input variable
(``input_period: previous_calendar_year``) and whoever supplies the inputs asks
`period_range` for the dates, so that choice is never made outside the rules.
"""

from __future__ import annotations

import datetime as dt

ON_DATE = "on_date"
CALENDAR_YEAR = "calendar_year"
PREVIOUS_CALENDAR_YEAR = "previous_calendar_year"
INPUT_PERIODS = (ON_DATE, CALENDAR_YEAR, PREVIOUS_CALENDAR_YEAR)
#: Dutch, for questions and explanations
PERIOD_LABELS = {
    ON_DATE: "op de peildatum",
    CALENDAR_YEAR: "in het kalenderjaar van de peildatum",
    PREVIOUS_CALENDAR_YEAR: "in het kalenderjaar vóór de peildatum",
}


def period_range(kind: str, date: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day (inclusive) of the period ``kind`` for an evaluation on ``date``."""
    if kind == ON_DATE:
        return date, date
    if kind == CALENDAR_YEAR:
        return dt.date(date.year, 1, 1), dt.date(date.year, 12, 31)
    if kind == PREVIOUS_CALENDAR_YEAR:
        return dt.date(date.year - 1, 1, 1), dt.date(date.year - 1, 12, 31)
    raise ValueError(f"unknown input period {kind!r}; one of {list(INPUT_PERIODS)}")
