"""OpenFisca side of ``benchmarks/rights.py``; runs in ``benchmarks/.venv-openfisca``.

``python -m openfisca_welzijn.runner WORKDIR`` (with ``benchmarks/`` on the path) reads
``WORKDIR/request.json``, ``population.npz`` and ``households.npz`` written by the
welzijn side, and writes ``WORKDIR/openfisca.json`` (timings, version) and
``WORKDIR/openfisca_results.npz`` (the computed values, for the agreement check).
"""

import json
import statistics
import sys
import time
from importlib.metadata import version
from pathlib import Path

import numpy as np
from openfisca_core.simulation_builder import SimulationBuilder

from .entities import ROLE_KEYS, ROLE_PLURALS
from .system import WelzijnTaxBenefitSystem

PERSON_TARGETS = ("recht_op_leefloon", "leefloon_bedrag")
HOUSEHOLD_TARGETS = ("recht_op_verhoogde_tegemoetkoming",)
TARGETS = PERSON_TARGETS + HOUSEHOLD_TARGETS


def load(path: Path) -> dict[str, np.ndarray]:
    with np.load(path) as npz:
        return {name: npz[name] for name in npz.files}


def build_vectorised(system, data, month, year):
    """A simulation built from arrays (no per-person Python loop)."""
    household_index = data["household_index"]
    builder = SimulationBuilder()
    builder.create_entities(system)
    builder.declare_person_entity("persoon", np.arange(len(household_index)))
    gezinnen = builder.declare_entity("gezin", np.arange(int(data["n_households"])))
    builder.join_with_persons(gezinnen, household_index, data["roles"])
    simulation = builder.build(system)
    for name in data:
        if name in system.variables:
            period = year if system.variables[name].definition_period == "year" else month
            simulation.set_input(name, period, data[name])
    return simulation


def situation(data, h, starts, sizes, month, year, system):
    """One household of the sample as a build_from_entities dict."""
    start, size = int(starts[h]), int(sizes[h])
    persons = {}
    members = {plural: [] for plural in ROLE_PLURALS.values()}
    for i in range(size):
        row = start + i
        pid = f"p{i}"
        members[ROLE_PLURALS[ROLE_KEYS[int(data["roles"][row])]]].append(pid)
        values = {}
        for name in data:
            variable = system.variables.get(name)
            if variable is not None and variable.entity.key == "persoon":
                value = data[name][row].item()
                if name == "verblijfsstatus":
                    value = variable.possible_values._member_names_[value]
                values[name] = {month: value}
        persons[pid] = values
    household = {k: v for k, v in members.items() if v}
    for name in data:
        variable = system.variables.get(name)
        if variable is not None and variable.entity.key == "gezin":
            period = year if variable.definition_period == "year" else month
            household[name] = {period: data[name][h].item()}
    return {"personen": persons, "gezinnen": {"g": household}}


def one_household(system, case, month, trace):
    simulation = SimulationBuilder().build_from_entities(system, case)
    simulation.trace = trace
    values = [simulation.calculate(name, month) for name in TARGETS]
    log = simulation.tracer.computation_log.lines() if trace else None
    return values, log


def main(workdir: Path) -> None:
    request = json.loads((workdir / "request.json").read_text())
    month, year = request["month"], request["year"]
    report: dict = {"openfisca_core": version("openfisca-core"), "numpy": np.__version__}
    started = time.perf_counter()
    system = WelzijnTaxBenefitSystem()
    report["load_system_s"] = time.perf_counter() - started

    # 1. vectorised
    population = load(workdir / "population.npz")
    builds, calcs = [], []
    results: dict[str, np.ndarray] = {}
    for _ in range(request["repeat"]):
        started = time.perf_counter()
        simulation = build_vectorised(system, population, month, year)
        built = time.perf_counter()
        for name in TARGETS:
            results[name] = simulation.calculate(name, month)
        builds.append(built - started)
        calcs.append(time.perf_counter() - built)
        del simulation
    totals = [b + c for b, c in zip(builds, calcs, strict=True)]
    best = int(np.argmin(totals))
    report["vector"] = {
        "build_s": builds[best],
        "calculate_s": calcs[best],
        "total_s": totals[best],
    }

    # 2. one household at a time
    sample = load(workdir / "households.npz")
    index = sample["household_index"]
    sizes = np.bincount(index, minlength=int(sample["n_households"]))
    starts = np.cumsum(sizes) - sizes
    cases = [situation(sample, h, starts, sizes, month, year, system) for h in range(len(sizes))]
    single: dict[str, list[float]] = {"plain": [], "trace": []}
    person_values = {name: [] for name in PERSON_TARGETS}
    household_values = {name: [] for name in HOUSEHOLD_TARGETS}
    log_lines = []
    for trace in (False, True):
        for case in cases[:20]:
            one_household(system, case, month, trace)  # warm-up
        for case in cases:
            started = time.perf_counter()
            values, log = one_household(system, case, month, trace)
            single["trace" if trace else "plain"].append(time.perf_counter() - started)
            if trace:
                log_lines.append(len(log))
                for name, value in zip(TARGETS, values, strict=True):
                    target = person_values if name in person_values else household_values
                    target[name].extend(value.tolist())
    report["single"] = {
        key: {"median_s": statistics.median(v), "p95_s": float(np.quantile(v, 0.95))}
        for key, v in single.items()
    }
    report["single"]["n"] = len(cases)
    report["single"]["trace_log_lines_median"] = statistics.median(log_lines)
    report["example_trace"] = one_household(system, cases[0], month, True)[1]
    np.savez(
        workdir / "openfisca_results.npz",
        **{f"vector_{k}": v for k, v in results.items()},
        **{f"single_{k}": np.array(v) for k, v in (person_values | household_values).items()},
    )
    (workdir / "openfisca.json").write_text(json.dumps(report))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
