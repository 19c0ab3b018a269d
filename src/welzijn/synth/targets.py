"""The calibration targets: one row of ``calibration.csv`` per figure of the annual report
(the seed's value, its tolerance, how it is measured), and the one rule for "within
tolerance" that the calibration check and the reproduction table share."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from welzijn.reporting import measures

CALIBRATION_FILE = Path(__file__).with_name("calibration.csv")


@dataclass(frozen=True)
class Target:
    name: str
    value: float
    tolerance: float
    measure: str
    services: tuple[str, ...]
    year: int
    pool: str
    detail: str
    source: str

    @property
    def is_share(self) -> bool:
        domain = measures.get(self.measure)
        if domain is not None:
            return domain.share
        return self.measure.startswith("share") or self.measure == "outcome_share"

    def expected(self, scale: float) -> float:
        """The value at a scale: shares keep their value, counts scale (at least 1)."""
        domain = measures.get(self.measure)
        if domain is not None and domain.reference:
            return self.value
        if self.is_share:
            return self.value
        if self.detail.startswith("gemiddeld"):  # an average keeps its value too
            return self.value
        return float(max(1, round(self.value * scale)))

    @property
    def counted_share(self) -> bool:
        """A share over records the report counts (its denominator is known), as opposed to
        a share the generator sets by construction."""
        return self.measure == "outcome_share" or (
            self.is_share and measures.get(self.measure) is not None
        )

    def within(self, value: float, expected: float, n: float | None = None) -> bool:
        """Whether ``value`` hits ``expected`` within the tolerance: absolute for a share,
        relative for a count (and at least half a unit). A share of ``n`` records can only
        be hit to within 1/(2n): at tiny scales n is small, so that grain is allowed too."""
        if not self.is_share:
            return abs(value - expected) <= max(self.tolerance * expected, 0.5)
        grain = 0.5 / max(n, 1) + 1e-9 if n is not None else 0.0
        return abs(value - expected) <= max(self.tolerance, grain)


def load_targets(path: Path = CALIBRATION_FILE) -> list[Target]:
    with path.open(encoding="utf-8") as handle:
        return [
            Target(
                name=row["name"],
                value=float(row["value"]),
                tolerance=float(row["tolerance"]),
                measure=row["measure"],
                services=tuple(s for s in row["service"].split("+") if s),
                year=int(row["year"]),
                pool=row["pool"],
                detail=row["detail"],
                source=row["source"],
            )
            for row in csv.DictReader(handle)
        ]
