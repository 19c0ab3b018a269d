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
    source: str  # what the report counted: "registraties", or "extern" (outside statistics)


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
        n = (results[code].denominator or 0) if target.counted_share else None
        ok = value is not None and target.within(value, expected, n)
        source = "extern" if results[code].source else "registraties"
        rows.append(
            Row(target.name, code, expected, value, target.value, target.tolerance, ok, source)
        )
    return rows


def table(rows: list[Row], scale: float) -> list[str]:
    """The reproduction table, a line per target, and a summary line."""
    lines = [
        f"reproductie van het jaaroverzicht (verwacht = seedcijfer x schaal {scale:g})",
        f"  {'indicator':34} {'seed':>10} {'verwacht':>10} {'berekend':>10} {'tol.':>6}  "
        f"{'binnen':6}  geteld uit",
    ]
    for r in rows:
        value = "—" if r.value is None else f"{r.value:.4g}"
        lines.append(
            f"  {r.name:34} {r.seed_value:10.4g} {r.expected:10.4g} {value:>10} "
            f"{r.tolerance:6.3f}  {'ja' if r.ok else 'NEE':6}  {r.source}"
        )
    ok = sum(r.ok for r in rows)
    counted = sum(r.source == "registraties" for r in rows)
    lines.append(
        f"binnen de tolerantie: {ok} van {len(rows)}; uit registraties geteld: {counted} "
        f"van {len(rows)}, de andere zijn externe cijfers"
    )
    return lines
