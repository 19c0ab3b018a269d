"""Reading one cell: each parser returns a value or raises CellError with a Dutch message
that quotes the cell."""

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal

from welzijn.core.numbers import parse_amount, parse_decimal
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
    """An amount: 1214,13, 1.214,13 or 1214.13 (see welzijn.core.numbers); empty is None."""
    return _number_or_none(text, parse_amount)


def decimal_or_none(text: str) -> Decimal | None:
    """A quantity, in the same notation as an amount; empty is None."""
    return _number_or_none(text, parse_decimal)


def _number_or_none(text: str, parse: Callable[[str], Decimal]) -> Decimal | None:
    if not text:
        return None
    try:
        return parse(text)
    except ValueError as exc:
        raise CellError(str(exc)) from None


def yes_or_no(text: str) -> bool:
    """'ja' or 'nee' (any case); empty is no."""
    answer = fold(text)
    if answer in ("ja", "nee", ""):
        return answer == "ja"
    raise CellError(f"'{text}' is geen geldige waarde; kies uit: ja, nee")


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
