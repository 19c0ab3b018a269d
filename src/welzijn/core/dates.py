"""Dates as people at a Belgian desk type them: dag/maand/jaar (14/03/1990, 4/3/1990).

Shared by the forms (`BelgianDateField`) and the person search (a birth date in the search
box). A two-digit year is refused: 14/03/90 could be 1890, 1990 or 2090.
"""

import datetime as dt
import re

_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")

#: The format to show and to ask for, in the words of the user.
BELGIAN_DATE_HINT = "dd/mm/jjjj"


class NotADate(ValueError):
    """The text is not a date in an accepted format, or the day does not exist; the
    message is Dutch and fit for the user."""


def looks_like_date(text: str) -> bool:
    """The text has the shape of a date (a day that may still not exist, 31/02/2023)."""
    text = text.strip()
    return bool(_DAY_MONTH_YEAR.fullmatch(text) or _ISO.fullmatch(text))


def parse_belgian_date(text: str) -> dt.date:
    """dd/mm/jjjj or d/m/jjjj, with / or - or . between (the same one twice); also
    jjjj-mm-dd, the form in which browsers and files send a date."""
    text = text.strip()
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        day, _, month, year = match.groups()
    elif match := _ISO.fullmatch(text):
        year, month, day = match.groups()
    else:
        raise NotADate(f"Geef de datum als {BELGIAN_DATE_HINT}, bijvoorbeeld 14/03/1990.")
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise NotADate(f"De datum {text} bestaat niet.") from None
