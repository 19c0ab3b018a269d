"""A month as the team writes it: ``03/2023``, ``2023-03`` or ``maart 2023``."""

import datetime as dt
import re

MONTH_NAMES = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
MONTH_HINT = "mm/jjjj, bv. 03/2023"


def parse_month(text: str | dt.date) -> dt.date:
    """The first day of the month; ValueError with a Dutch message otherwise."""
    if isinstance(text, dt.datetime):  # a spreadsheet cell holding a date
        text = text.date()
    if isinstance(text, dt.date):
        return text.replace(day=1)
    value = str(text).strip().lower()
    found = re.fullmatch(r"(\d{1,2})[/-](\d{4})", value)
    if found:
        month, year = int(found[1]), int(found[2])
    elif found := re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?", value):
        year, month = int(found[1]), int(found[2])
    elif found := re.fullmatch(r"([a-z]+)\s+(\d{4})", value):
        if found[1] not in MONTH_NAMES:
            raise ValueError(f"‘{text}’ is geen maand ({MONTH_HINT}).")
        month, year = MONTH_NAMES.index(found[1]) + 1, int(found[2])
    else:
        raise ValueError(f"‘{text}’ is geen maand ({MONTH_HINT}).")
    if not 1 <= month <= 12:
        raise ValueError(f"‘{text}’: een maand loopt van 1 tot 12.")
    if year < 1:
        raise ValueError(f"‘{text}’ is geen maand ({MONTH_HINT}).")
    return dt.date(year, month, 1)


def month_name(day: dt.date) -> str:
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"
