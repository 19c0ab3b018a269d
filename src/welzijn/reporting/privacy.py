"""Privacy rules of every published figure, and Dutch number formatting.

* A count of people (persons, households, their records) from 1 to 4 is shown as "< 5".
  Zero is shown as 0: it identifies nobody.
* A share computed on fewer than 20 (persons, households, trajectories, ...) is not shown,
  nor is an average over fewer than 20 records (`Records(mean=True)`).
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


#: a unit's word for one (1 persoon, 2 personen); the first word of a unit found here turns
#: singular, whole units first
SINGULAR_UNITS = {"diensten en partners": "dienst of partner", "adviesraden (samen)": "adviesraad"}
_SINGULAR_WORDS = (
    "Huizen:Huis Cafés:Café aankopers:aankoper aansluitingen:aansluiting "
    "aanvullingen:aanvulling acties:actie adviezen:advies afspraken:afspraak bedden:bed "
    "bedrijven:bedrijf bezoekers:bezoeker conflicten:conflict deelnemers:deelnemer "
    "digivragen:digivraag documenten:document dossiers:dossier formulieren:formulier "
    "gesprekken:gesprek gezinnen:gezin hoorzittingen:hoorzitting huishoudens:huishouden "
    "incidenten:incident initiatieven:initiatief kleuters:kleuter landen:land "
    "leefstraten:leefstraat maaltijden:maaltijd meldingen:melding kruideniers:kruidenier "
    "nachten:nacht ontmoetingsactiviteiten:ontmoetingsactiviteit opdrachten:opdracht "
    "organisaties:organisatie partners:partner personen:persoon plaatsen:plaats "
    "praktijktesten:praktijktest projecten:project restaurants:restaurant ritten:rit "
    "scholen:school sectoren:sector sessies:sessie taxicheques:taxicheque "
    "tienuurtjes:tienuurtje toestellen:toestel tolkopdrachten:tolkopdracht trainers:trainer "
    "trajecten:traject tussenkomsten:tussenkomst verenigingen:vereniging verslagen:verslag "
    "vertalingen:vertaling vormingen:vorming vragen:vraag vrijwilligers:vrijwilliger "
    "werkzoekenden:werkzoekende wijken:wijk workshops:workshop"
)
SINGULAR = dict(pair.split(":", 1) for pair in _SINGULAR_WORDS.split())


def unit_for(unit: str, value: float | None) -> str:
    """The unit as it reads after the number: singular for exactly one."""
    if value != 1:
        return unit
    if unit in SINGULAR_UNITS:
        return SINGULAR_UNITS[unit]
    words = unit.split(" ")
    for i, word in enumerate(words):
        if word in SINGULAR:
            return " ".join([*words[:i], SINGULAR[word], *words[i + 1 :]])
    return unit


@dataclass(frozen=True)
class Shown:
    text: str  # what the report prints
    number: float | None  # the published number (None when suppressed or missing)
    suppressed: bool
    previous_text: str = ""
    change_text: str = ""
    unit: str = ""  # the indicator's unit after this number (1 persoon, 2 personen)


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
    if result.denominator is not None and result.denominator < MIN_BASE:  # a mean
        return Shown(HIDDEN, None, True)
    personal = ind.is_count_of_people
    text = count_text(value, personal)
    number = count_shown(value, personal)
    unit = unit_for(ind.unit, number)
    shown = Shown(text, number, number is None, unit=unit)
    if ind.compare_previous:
        prev = result.previous
        prev_text = count_text(prev, personal)
        change = ""
        prev_shown = count_shown(prev, personal)
        if number is not None and prev_shown:
            pct = (number - prev_shown) / prev_shown * 100
            change = ("+" if pct >= 0 else "−") + fmt_number(abs(pct)) + "%"
        shown = Shown(text, number, number is None, prev_text, change, unit)
    return shown


@dataclass(frozen=True)
class Cell:
    """One cell of a breakdown, as published."""

    key: object
    text: str
    number: float | None  # the published number (a count, or a share as a fraction)


def _pinned(values: list[float], limit: float) -> bool:
    """Whether hidden cells under ``limit`` could each be recovered from their sum (the total
    minus the shown cells): one cell alone, or all at 1, or all at ``limit - 1``."""
    if any(v >= limit for v in values):
        return False
    k, total = len(values), sum(values)
    return k == 1 or total in (k, k * (limit - 1))


def _complement(hidden: set, candidates: dict, limit: float) -> set:
    """Hidden cells could be recovered from the total minus the others: while they could, hide
        the smallest other cell too (``candidates``: key -> size, the cells that may be shown), or a
    zero one ('< 5' is true of 0) when no other is left."""
    hidden = set(hidden)
    while hidden and _pinned([candidates[k] for k in hidden], limit):
        rest = {k: v for k, v in candidates.items() if k not in hidden}
        if not rest:
            break
        if any(v > 0 for v in rest.values()):  # a zero only when nothing else is left
            rest = {k: v for k, v in rest.items() if v > 0}
        hidden.add(min(rest, key=lambda k: (rest[k], str(k))))
    return hidden


def count_cells(values: dict, personal: bool = True) -> list[Cell]:
    """Counts per key; with ``personal`` 1 to 4 is '< 5', and a hidden cell that could be
    recovered from the total takes another one with it (complementary suppression)."""
    hidden = {k for k, v in values.items() if personal and 0 < v < MIN_COUNT}
    hidden = _complement(hidden, values, MIN_COUNT) if personal else hidden
    return [
        Cell(k, SMALL, None) if k in hidden else Cell(k, fmt_count(v), v) for k, v in values.items()
    ]


def share_cells(shares: dict) -> list[Cell]:
    """Shares per key (key -> (hits, base)); a base under 20 hides the share, and one hidden
    share takes the next smallest base with it."""
    return _ratio_cells(shares, fmt_share, lambda r: round(r, 4))


def mean_cells(means: dict) -> list[Cell]:
    """Averages per key (key -> (sum, base)), hidden as shares are (a base under 20)."""
    return _ratio_cells(means, lambda r: fmt_count(round(r, 1)), lambda r: round(r, 1))


def _ratio_cells(ratios: dict, text, number) -> list[Cell]:
    bases = {k: base for k, (_, base) in ratios.items()}
    hidden = _complement({k for k, b in bases.items() if 0 < b < MIN_BASE}, bases, MIN_BASE)
    cells = []
    for k, (hits, base) in ratios.items():
        if k in hidden:
            cells.append(Cell(k, HIDDEN, None))
        elif not base:
            cells.append(Cell(k, NO_DATA, None))
        else:
            cells.append(Cell(k, text(hits / base), number(hits / base)))
    return cells


def withheld_cells(values: dict, units: dict, minimum: int) -> list[Cell]:
    """Sums per key (amounts) that are withheld where they add up the records of fewer than
    ``minimum`` units (associations): one withheld cell takes the next smallest with it, so
    that it is not the total minus the others."""
    hidden = {k for k, v in values.items() if v and units.get(k, 0) < minimum}
    hidden = _complement(hidden, {k: units.get(k, 0) for k in values}, minimum)
    return [
        Cell(k, HIDDEN, None) if k in hidden else Cell(k, fmt_count(v), v)
        for k, v in values.items()
    ]
