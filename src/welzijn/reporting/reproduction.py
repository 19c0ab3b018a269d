"""Indicators against the synth calibration targets (the seed's figures, scaled): used by the
reproduction test and by ``benchmarks/report.py``. The tolerance rules are those of
`welzijn.synth.calibration.check_all`."""

from __future__ import annotations

from dataclasses import dataclass

from welzijn.synth.generator import Target, load_targets

from . import measures
from .compute import Result


@dataclass(frozen=True)
class Row:
    name: str  # calibration target
    code: str  # indicator
    expected: float
    value: float | None
    seed_value: float
    tolerance: float
    ok: bool


def _value(target: Target, results: dict[str, Result], year: int) -> tuple[str, float | None]:
    code = target.name
    previous = False
    if code not in results and code.rsplit("_", 1)[-1].isdigit():
        code, suffix = code.rsplit("_", 1)
        previous = int(suffix) == year - 1
    res = results[code]
    value = res.previous if previous else res.value
    return code, value


def compare(results: dict[str, Result], scale: float, year: int = 2023) -> list[Row]:
    rows = []
    for target in load_targets():
        if target.name == "inwoners" or target.year not in (year, year - 1):
            continue
        code, value = _value(target, results, year)
        expected = target.expected(scale)
        if value is None:
            ok = False
        elif target.measure == "outcome_share" or (
            target.is_share and measures.get(target.measure) is not None
        ):
            # a share of n records can only be hit to within 1/(2n): at tiny scales n is small
            n = results[code].denominator or 0
            ok = abs(value - expected) <= max(target.tolerance, 0.5 / max(n, 1) + 1e-9)
        elif target.is_share:
            ok = abs(value - expected) <= target.tolerance
        else:
            ok = abs(value - expected) <= max(target.tolerance * expected, 0.5)
        rows.append(Row(target.name, code, expected, value, target.value, target.tolerance, ok))
    return rows
