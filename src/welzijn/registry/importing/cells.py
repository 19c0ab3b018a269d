"""Reading one cell: each parser returns a value or raises CellError with a Dutch message
that quotes the cell."""

import datetime as dt
import re
from decimal import Decimal

from welzijn.core.numbers import parse_amount
from welzijn.registry.search import fold


class CellError(ValueError):
    pass


_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def date_or_none(text: str) -> dt.date | None:
    """dd/mm/jjjj (also with - or . between); empty is None."""
    if not text:
        return None
    match = _DATE.fullmatch(text)
    try:
        if not match:
            raise ValueError
        day, month, year = (int(part) for part in match.groups())
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(f"'{text}' is geen geldige datum (dd/mm/jjjj)") from None


def amount_or_none(text: str) -> Decimal | None:
    if not text:
        return None
    try:
        return parse_amount(text)
    except ValueError as exc:
        raise CellError(str(exc)) from None


def year(text: str) -> int | None:
    if not text:
        return None
    if not re.fullmatch(r"(19|20)\d\d", text):
        raise CellError(f"'{text}' is geen jaartal (bv. 2023)")
    return int(text)


def choice(text: str, choices: list[tuple[str, str]]) -> str:
    """A value of a Django choices list, given as its code or its label (any case, accents)."""
    if not text:
        return ""
    wanted = fold(text)
    for code, label in choices:
        if wanted in (fold(code), fold(str(label))):
            return code
    allowed = ", ".join(code for code, _ in choices)
    raise CellError(f"'{text}' is geen geldige waarde; kies uit: {allowed}")
