"""Privacy rules of every published figure, and Dutch number formatting.

* A count of people (persons, households, their records) from 1 to 4 is shown as "< 5".
  Zero is shown as 0: it identifies nobody.
* A share computed on fewer than 20 (persons, households, trajectories, ...) is not shown.
* Only aggregates reach a report: no name, INSZ or address is ever read into one.
"""

from __future__ import annotations

from dataclasses import dataclass

from .compute import Result

MIN_COUNT = 5
MIN_BASE = 20
SMALL = "< 5"
HIDDEN = "niet getoond"
NO_DATA = "geen gegevens"


def fmt_number(value: float, decimals: int = 0) -> str:
    """16187 -> '16.187'; 98.7 with one decimal -> '98,7' (nl-BE)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def fmt_share(fraction: float) -> str:
    pct = fraction * 100
    decimals = 0 if abs(pct - round(pct)) < 0.05 else 1
    return fmt_number(pct, decimals) + "%"


def fmt_count(value: float) -> str:
    decimals = 0 if abs(value - round(value)) < 1e-9 else 1
    return fmt_number(value, decimals)


def count_text(value: float | None, personal: bool = True) -> str:
    if value is None:
        return NO_DATA
    if personal and 0 < value < MIN_COUNT:
        return SMALL
    return fmt_count(value)


def count_shown(value: float | None, personal: bool = True) -> float | None:
    """The number itself where it may be published, else None."""
    if value is None or (personal and 0 < value < MIN_COUNT):
        return None
    return value


@dataclass(frozen=True)
class Shown:
    text: str  # what the report prints
    number: float | None  # the published number (None when suppressed or missing)
    suppressed: bool
    previous_text: str = ""
    change_text: str = ""


def show(result: Result) -> Shown:
    ind = result.indicator
    value = result.value
    if value is None:
        return Shown(NO_DATA, None, False)
    if ind.is_share:
        base = result.denominator
        if base is not None and base < MIN_BASE:
            return Shown(HIDDEN, None, True)
        return Shown(fmt_share(value), round(value, 4), False)
    personal = ind.is_count_of_people
    text = count_text(value, personal)
    number = count_shown(value, personal)
    shown = Shown(text, number, number is None)
    if ind.compare_previous:
        prev = result.previous
        prev_text = count_text(prev, personal)
        change = ""
        prev_shown = count_shown(prev, personal)
        if number is not None and prev_shown:
            pct = (number - prev_shown) / prev_shown * 100
            change = ("+" if pct >= 0 else "−") + fmt_number(abs(pct)) + "%"
        shown = Shown(text, number, number is None, prev_text, change)
    return shown
