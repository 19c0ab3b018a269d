"""Rights engine benchmark: vectorised population and one-household fast path.

Run: ``.venv/bin/python benchmarks/rights_engine.py [n_households]``. Prints figures,
asserts nothing. The OpenFisca comparison (in its own environment, AGPL) can reuse
`household_dict` below to feed the same households to both engines.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time

from welzijn.rights.engine import evaluate, evaluate_household, load_rules
from welzijn.rights.engine.synthetic import household_dict, random_population

DATE = dt.date(2023, 6, 1)


def main() -> None:
    n_households = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    started = time.perf_counter()
    rules = load_rules()
    print(
        f"load rule set: {time.perf_counter() - started:.3f} s "
        f"({len(rules.variables)} variables, {len(rules.rights)} rights)"
    )

    population = random_population(rules, n_households, seed=1, missing_rate=0.05)
    n_persons = len(population.household_index)
    evaluate(rules, random_population(rules, 1000, seed=2), DATE)  # warm the plan cache
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        results = evaluate(rules, population, DATE)
        timings.append(time.perf_counter() - started)
    best = min(timings)
    print(
        f"vectorised: {n_households:,} households / {n_persons:,} persons, all rights: "
        f"best {best:.2f} s of 3 ({n_households / best:,.0f} households/s)"
    )
    for right in rules.rights:
        counts = [int((results.status(right) == code).sum()) for code in range(4)]
        print(f"  {right}: ontvangt/onderbescherming/geen_recht/onbekend = {counts}")

    sample = random_population(rules, 500, seed=3, missing_rate=0.05)
    households = [household_dict(rules, sample, h) for h in range(500)]
    for household in households[:20]:
        evaluate_household(rules, household, DATE)  # warm-up
    for explain in (False, True):
        per_call = []
        for household in households:
            started = time.perf_counter()
            result = evaluate_household(rules, household, DATE, explain=explain)
            if explain:
                for outcome in result.outcomes:
                    assert outcome.explanation is not None
                    outcome.explanation.as_text()
            per_call.append(time.perf_counter() - started)
        label = "with explanations (structured + Dutch text)" if explain else "values only"
        print(
            f"one household, {label}: median {statistics.median(per_call) * 1e3:.3f} ms, "
            f"p95 {sorted(per_call)[int(0.95 * len(per_call))] * 1e3:.3f} ms "
            f"over {len(per_call)} households"
        )


if __name__ == "__main__":
    main()
