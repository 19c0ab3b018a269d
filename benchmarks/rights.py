"""welzijn's rules engine against OpenFisca, side by side, on the same rules and inputs.

Run: ``.venv/bin/python benchmarks/rights.py [n_households]`` (default 1,000,000).
Prints figures and ratios; asserts nothing.

openfisca-core is AGPL and never a dependency of welzijn. On first run this script
creates its own virtual environment ``benchmarks/.venv-openfisca`` (git-ignored) with
``python3 -m venv`` + ``pip install openfisca-core numpy``, then runs the OpenFisca part
(`benchmarks/openfisca_welzijn/runner.py`, an OpenFisca country package encoding the
same leefloon and verhoogde tegemoetkoming rules) there as a subprocess. Inputs go over
as ``.npz`` files in a temporary directory; timings come back as JSON, values as ``.npz``.
The two engines run one after the other, never at the same time.

Measured:

1. vectorised: ``evaluate`` on the synthetic population, for the leefloon and
   verhoogde tegemoetkoming outputs only, vs an OpenFisca simulation built from arrays
   (``join_with_persons`` + ``set_input``) and ``calculate``; build and calculation
   apart and together, best of a few runs; plus the agreement of the results.
2. one household at a time, with its explanation: ``evaluate_household`` +
   ``.explain(...).as_text()`` for leefloon (every person) and verhoogde tegemoetkoming,
   vs ``build_from_entities`` + ``calculate`` with tracing on + the computation log
   (OpenFisca's explanation); also both without explanations. Median and p95.
   welzijn's one-household path is the scalar one (plain Python, no numpy); the same
   measurement on ``evaluate_household_frame`` (the numpy arrays of one household, the
   reference the scalar path is tested against) is shown for comparison.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from welzijn.rights.engine import (
    Population,
    RuleSet,
    evaluate,
    evaluate_household,
    evaluate_household_frame,
    load_rules,
)
from welzijn.rights.engine.simulation import new_frame, run, set_inputs
from welzijn.rights.engine.synthetic import household_dict, random_population

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv-openfisca"
DATE = dt.date(2023, 6, 1)
SEED = 1
N_SINGLE = 300
REPEAT_WELZIJN = 3
REPEAT_OPENFISCA = 2
PERSON_TARGETS = ("recht_op_leefloon", "leefloon_bedrag")
HOUSEHOLD_TARGETS = ("recht_op_verhoogde_tegemoetkoming",)
TARGETS = PERSON_TARGETS + HOUSEHOLD_TARGETS
RIGHTS = ("leefloon", "verhoogde_tegemoetkoming")
#: the outputs of the two rights (entitled, amount, receives) — all welzijn computes
OUTPUTS = frozenset(
    {*TARGETS, "ontvangt_leefloon", "heeft_verhoogde_tegemoetkoming"},
)


def openfisca_python() -> Path:
    """The benchmark's own interpreter with openfisca-core, created on first use."""
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {VENV.relative_to(HERE.parent)} (openfisca-core, AGPL) ...", flush=True)
        started = time.perf_counter()
        base = shutil.which("python3") or sys.executable
        subprocess.run([base, "-m", "venv", str(VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "openfisca-core", "numpy"], check=True
        )
        print(f"  done in {time.perf_counter() - started:.0f} s", flush=True)
    return python


def needed_inputs(rules: RuleSet) -> list[str]:
    """Input variables the two rights read (what the OpenFisca package declares)."""
    names = rules.dependencies(OUTPUTS)
    return sorted(
        n for n in names if rules.variables[n].is_input and not rules.variables[n].builtin
    )


def restrict(population: Population, names: list[str]) -> Population:
    return Population(
        household_index=population.household_index,
        roles=population.roles,
        inputs={name: population.inputs[name] for name in names},
        n_households=population.n_households,
    )


def save_npz(path: Path, population: Population) -> None:
    np.savez(
        path,
        household_index=np.asarray(population.household_index),
        roles=np.asarray(population.roles),
        n_households=np.array(population.n_households),
        **{name: np.asarray(values) for name, values in population.inputs.items()},
    )


def quantile(values: list[float], q: float) -> float:
    return float(np.quantile(values, q))


# -- welzijn ---------------------------------------------------------------------------


def welzijn_vectorised(rules: RuleSet, population: Population) -> tuple[dict[str, float], Any]:
    household_index = np.asarray(population.household_index, dtype=np.intp)
    n_households = int(population.n_households or 0)
    split = []
    for _ in range(REPEAT_WELZIJN):
        started = time.perf_counter()
        frame = new_frame(rules, DATE, household_index, n_households)
        set_inputs(rules, frame, population.roles, population.inputs, {}, "default")
        built = time.perf_counter()
        run(rules, frame, OUTPUTS)
        split.append((built - started, time.perf_counter() - built))
        del frame
    totals = []
    results = None
    for _ in range(REPEAT_WELZIJN):
        started = time.perf_counter()
        results = evaluate(rules, population, DATE, outputs=OUTPUTS, absent="default")
        totals.append(time.perf_counter() - started)
    build, calc = min(split, key=sum)
    return {"build_s": build, "calculate_s": calc, "total_s": min(totals)}, results


def welzijn_single(
    rules: RuleSet, households: list[dict[str, Any]]
) -> tuple[dict[str, dict[str, float]], dict[str, list[Any]], str]:
    def once(household: dict[str, Any], explain: bool, frame: bool = False) -> Any:
        run_one = evaluate_household_frame if frame else evaluate_household
        result = run_one(rules, household, DATE, absent="default", explain=False, rights=RIGHTS)
        if explain:
            for pid in household["persons"]:
                result.explain("leefloon", person=pid).as_text()
            result.explain("verhoogde_tegemoetkoming").as_text()
        return result

    timings: dict[str, dict[str, float]] = {}
    for key, explain, frame in (
        ("plain", False, False),
        ("explain", True, False),
        ("explain_frame", True, True),
    ):
        for household in households[:20]:
            once(household, explain, frame)  # warm-up
        per_call = []
        for household in households:
            started = time.perf_counter()
            once(household, explain, frame)
            per_call.append(time.perf_counter() - started)
        timings[key] = {"median_s": statistics.median(per_call), "p95_s": quantile(per_call, 0.95)}
    values: dict[str, list[Any]] = {name: [] for name in TARGETS}
    for household in households:
        result = evaluate_household(rules, household, DATE, absent="default", explain=False)
        for name in TARGETS:
            value = result[name]
            values[name].extend(value.values() if isinstance(value, dict) else [value])
    first = evaluate_household(rules, households[0], DATE, absent="default", explain=False)
    example = first.explain("leefloon", person="p0").as_text()
    return timings, values, example


# -- comparison ------------------------------------------------------------------------


def agreement(welzijn: dict[str, np.ndarray], openfisca: dict[str, np.ndarray]) -> list[str]:
    lines = []
    for name in TARGETS:
        ours = np.asarray(welzijn[name], dtype=np.float64)
        theirs = np.asarray(openfisca[name], dtype=np.float64)
        if name.startswith("recht_op"):
            differ = int((ours.astype(bool) != theirs.astype(bool)).sum())
            lines.append(
                f"{name}: entitled welzijn {int(ours.astype(bool).sum()):,} / OpenFisca "
                f"{int(theirs.astype(bool).sum()):,} of {len(ours):,}; rows that differ: {differ}"
            )
        else:
            diff = np.abs(ours - np.round(theirs, 2))
            lines.append(
                f"{name}: total welzijn {ours.sum():,.2f} / OpenFisca {theirs.sum():,.2f} EUR; "
                f"max abs difference {diff.max():.4f} EUR; rows differing by > 0.01 EUR: "
                f"{int((diff > 0.0100001).sum())}"
            )
    return lines


def row(measure: str, ours: float, theirs: float, unit: str = "ms") -> str:
    scale = 1e3 if unit == "ms" else 1.0
    ratio = theirs / ours if ours else float("nan")
    return (
        f"| {measure:<58} | {ours * scale:>10.3f} {unit} | {theirs * scale:>10.3f} {unit} "
        f"| {ratio:>7.1f}x |"
    )


def main() -> None:
    n_households = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    wall = time.perf_counter()
    python = openfisca_python()
    rules = load_rules()
    names = needed_inputs(rules)
    population = restrict(random_population(rules, n_households, seed=SEED), names)
    n_persons = len(population.household_index)
    sample_full = random_population(rules, N_SINGLE, seed=SEED + 2)
    sample = restrict(sample_full, names)
    households = []
    for h in range(N_SINGLE):
        household = household_dict(rules, sample_full, h)
        household["persons"] = {
            pid: {k: v for k, v in person.items() if k == "rol" or k in names}
            for pid, person in household["persons"].items()
        }
        household["household"] = {k: v for k, v in household["household"].items() if k in names}
        households.append(household)
    print(
        f"inputs: {n_households:,} households / {n_persons:,} persons (seed {SEED}), "
        f"{len(names)} input variables, date {DATE.isoformat()}; "
        f"one-household sample: {N_SINGLE} households"
    )

    evaluate(rules, restrict(random_population(rules, 1000, seed=9), names), DATE)  # warm
    vector, results = welzijn_vectorised(rules, population)
    single, single_values, example = welzijn_single(rules, households)

    with tempfile.TemporaryDirectory(prefix="welzijn-vs-openfisca-") as tmp:
        work = Path(tmp)
        save_npz(work / "population.npz", population)
        save_npz(work / "households.npz", sample)
        (work / "request.json").write_text(
            json.dumps(
                {
                    "month": DATE.strftime("%Y-%m"),
                    "year": str(DATE.year),
                    "repeat": REPEAT_OPENFISCA,
                }
            )
        )
        del results.frame.values  # free memory before OpenFisca loads its own copy
        env = dict(os.environ, PYTHONPATH=str(HERE))
        subprocess.run(
            [str(python), "-m", "openfisca_welzijn.runner", str(work)], check=True, env=env
        )
        report = json.loads((work / "openfisca.json").read_text())
        with np.load(work / "openfisca_results.npz") as npz:
            of_results = {name: npz[name] for name in npz.files}

    # welzijn's vectorised values, recomputed (the frame was freed above)
    ours = evaluate(rules, population, DATE, outputs=OUTPUTS, absent="default")
    print(
        f"\nopenfisca-core {report['openfisca_core']} (numpy {report['numpy']} in its venv); "
        f"numpy {np.__version__} for welzijn; tax-benefit system loaded in "
        f"{report['load_system_s']:.2f} s"
    )
    print(f"\n| {'measure':<58} | {'welzijn':>13} | {'OpenFisca':>13} | {'ratio':>8} |")
    print(f"|{'-' * 60}|{'-' * 15}|{'-' * 15}|{'-' * 10}|")
    of_vector = report["vector"]
    print(
        row(
            f"vectorised {n_households:,} households: build (inputs)",
            vector["build_s"],
            of_vector["build_s"],
            "s",
        )
    )
    print(
        row(
            "vectorised: calculate leefloon + VT",
            vector["calculate_s"],
            of_vector["calculate_s"],
            "s",
        )
    )
    print(
        row(
            "vectorised: build + calculate (welzijn: evaluate())",
            vector["total_s"],
            of_vector["total_s"],
            "s",
        )
    )
    of_single = report["single"]
    print(
        row(
            "one household, values only: median",
            single["plain"]["median_s"],
            of_single["plain"]["median_s"],
        )
    )
    print(
        row(
            "one household, values only: p95", single["plain"]["p95_s"], of_single["plain"]["p95_s"]
        )
    )
    print(
        row(
            "one household + explanation (OpenFisca: trace): median",
            single["explain"]["median_s"],
            of_single["trace"]["median_s"],
        )
    )
    print(
        row(
            "one household + explanation (OpenFisca: trace): p95",
            single["explain"]["p95_s"],
            of_single["trace"]["p95_s"],
        )
    )
    print(
        row(
            "  same on numpy arrays (evaluate_household_frame): median",
            single["explain_frame"]["median_s"],
            of_single["trace"]["median_s"],
        )
    )
    print("(ratio = OpenFisca / welzijn: above 1 means welzijn is faster)")

    print(f"\nagreement, vectorised ({n_households:,} households):")
    for line in agreement(
        {n: ours[n] for n in TARGETS}, {n: of_results[f"vector_{n}"] for n in TARGETS}
    ):
        print("  " + line)
    print(f"agreement, one household at a time ({N_SINGLE} households):")
    for line in agreement(
        {n: np.array(single_values[n], dtype=float) for n in TARGETS},
        {n: of_results[f"single_{n}"] for n in TARGETS},
    ):
        print("  " + line)

    print("\nexample, welzijn explanation (household 0, leefloon, p0):")
    print("  " + "\n  ".join(example.splitlines()[4:14]) + "\n  ...")
    print("example, OpenFisca computation log (same household):")
    print("  " + "\n  ".join(report["example_trace"][:12]) + "\n  ...")
    print(f"\nwhole run: {time.perf_counter() - wall:.0f} s")


if __name__ == "__main__":
    main()
