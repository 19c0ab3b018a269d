"""Net discrimination and its uncertainty, as in the Ghent praktijktesten.

For a group of paired tests (a characteristic, an agent): of the pairs where at least one of
the two applicants was invited to a viewing, the share where only the control applicant was
invited minus the share where only the test applicant was:

    net = (only_control - only_test) / (both + only_control + only_test)

The 95% interval is the Wald interval of that difference of two paired proportions (Agresti,
Categorical Data Analysis, 3rd ed., §11.1.2):

    se = sqrt(only_control + only_test - (only_control - only_test)**2 / n) / n

and the test of "no unequal treatment" is McNemar's exact test on the discordant pairs with
the mid-p correction (Fagerland, Lydersen & Laake, BMC Med Res Methodol 2013, 13:91): with
k = min(only_control, only_test) of m = only_control + only_test discordant pairs,

    mid-p = 2 * P(X <= k) - P(X = k),  X ~ Binomial(m, 1/2)

Both are computed with SciPy. An agent gets an interval and a test only from
`MIN_TESTS_PER_AGENT` paired tests on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy.stats import binom, norm

MIN_TESTS_PER_AGENT = 10
CONFIDENCE = 0.95
SIGNIFICANCE = 0.05


@dataclass(frozen=True)
class NetDiscrimination:
    tests: int
    both: int
    only_control: int
    only_test: int

    @property
    def with_invitation(self) -> int:
        return self.both + self.only_control + self.only_test

    @property
    def net(self) -> float | None:
        n = self.with_invitation
        return (self.only_control - self.only_test) / n if n else None

    @property
    def interval(self) -> tuple[float, float] | None:
        n, b, c = self.with_invitation, self.only_control, self.only_test
        if not n:
            return None
        se = math.sqrt(max(b + c - (b - c) ** 2 / n, 0.0)) / n
        z = float(norm.ppf(1 - (1 - CONFIDENCE) / 2))
        net = (b - c) / n
        return max(-1.0, net - z * se), min(1.0, net + z * se)

    @property
    def mid_p(self) -> float | None:
        """McNemar's mid-p value (None without discordant pairs: nothing to test)."""
        m = self.only_control + self.only_test
        if not m:
            return None
        k = min(self.only_control, self.only_test)
        return min(1.0, float(2 * binom.cdf(k, m, 0.5) - binom.pmf(k, m, 0.5)))

    @property
    def significant(self) -> bool:
        p = self.mid_p
        return p is not None and p < SIGNIFICANCE and self.only_control > self.only_test
