"""The report against the seed: every calibration target (the seed's figure, scaled) next to
the indicator the report computes from the records Synthetic Ghent wrote. A development
check, so it lives here: synth may read the report, the report never reads synth. Used by
the reproduction test and ``benchmarks/reproduction.py``; "within tolerance" is
`Target.within`, the rule the calibration check uses too."""

from __future__ import annotations

from dataclasses import dataclass

from welzijn.reporting.compute import Result

from .targets import Target, load_targets


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
    if value is not None and target.measure == "volume" and target.detail.startswith("%"):
        value *= 100  # the indicator is a fraction, the target a percentage
    return code, value


def compare(results: dict[str, Result], scale: float, year: int = 2023) -> list[Row]:
    rows = []
    for target in load_targets():
        if target.name == "inwoners" or target.year not in (year, year - 1):
            continue
        code, value = _value(target, results, year)
        expected = target.expected(scale)
        n = (results[code].denominator or 0) if target.counted_share else None
        ok = value is not None and target.within(value, expected, n)
        rows.append(Row(target.name, code, expected, value, target.value, target.tolerance, ok))
    return rows
