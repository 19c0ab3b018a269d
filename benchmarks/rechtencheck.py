"""Rechtencheck: how many questions the adaptive self-check asks, and how fast a step is.

Loads Synthetic Ghent (default scale 0.02) into a fresh database, builds the engine's
inputs of every household from the registered data (`rights.inputs.build_population`,
the screening's own source), and lets each household go through the self-check,
answering every question truthfully from those data: "weet ik niet" where the
registry marks a value missing, the rules' declared default for an input the
registry does not hold at all (printed; e.g. whether someone lives in a reception
centre), since a citizen knows those. Prints the number of inputs the rules have, the
median and 90th percentile of questions until every right is decided (after the members
question, which is always first), the median and 95th percentile of the CPU and wall
time per step (`Interview(...)`, `next_question` and `results`, as one web request
does), and every right where the self-check's finding differs from the engine's on the
full data.

Usage: .venv/bin/python benchmarks/rechtencheck.py [--scale 0.02] [--households 400]
"""

import argparse
import datetime as dt
import json
import statistics
import time
from typing import Any

from _django import setup_django

ON = dt.date(2023, 12, 1)
RELATION = {"referentiepersoon": "ik", "partner": "partner", "kind": "kind", "ander": "ander"}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=0.02)
    parser.add_argument("--households", type=int, default=400, help="at most this many")
    args = parser.parse_args()
    setup_django()
    from django.core.management import call_command

    from welzijn.casework.reference import REFERENCE_FIXTURES
    from welzijn.rights.engine import evaluate_household, input_dependencies
    from welzijn.rights.inputs import build_population
    from welzijn.rights.selfcheck import load_interview_rules

    call_command("loaddata", *REFERENCE_FIXTURES, verbosity=0)
    call_command("synth", year=2023, scale=args.scale, seed=42, verbosity=0)
    rules = load_interview_rules()
    screening = build_population(ON)
    population = screening.population
    n = min(args.households, int(population.n_households or 0))
    applicable = [r for r in rules.rights.values() if r.applies_on(ON)]
    needed = input_dependencies(
        rules, [v for r in applicable for v in (r.entitled, r.amount) if v], ON
    )
    print(
        f"Synthetic Ghent scale {args.scale}: {n:,} of {population.n_households:,} households, "
        f"{len(applicable)} rights on {ON}"
    )
    print(
        f"inputs in the rules: {len(rules.inputs)} "
        f"({len(needed)} decide whether a right is open or its amount)"
    )

    absent = sorted(v.name for v in rules.inputs if v.name not in population.inputs)
    print(
        f"inputs the registry does not hold (answered with the rules' default): {', '.join(absent)}"
    )
    questions: list[int] = []
    asked_inputs: dict[str, int] = {}
    step_ms: dict[str, list[float]] = {"cpu": [], "wall": []}
    decided_at: dict[str, list[int]] = {r.name: [] for r in applicable}
    undecided_at_end = 0
    disagreements: list[str] = []
    for h in range(n):
        data = household_data(rules, population, h)
        interview, steps = walk(rules, data, step_ms, asked_inputs)
        questions.append(len(steps) - 1)
        final = interview.evaluate(interview.known)
        if interview.undecided(final):
            undecided_at_end += 1
        for right, at in stops(steps, interview).items():
            decided_at[right].append(at)
        truth = evaluate_household(rules, data, ON, explain=False)
        for right in applicable:
            rows = range(len(data["persons"])) if right.entity == "person" else [None]
            for row in rows:
                got = final.value(right.entitled, row or 0)
                expected = truth.value(right.entitled, row or 0)
                if got != expected:
                    who = f" (persoon {row + 1})" if row is not None else ""
                    disagreements.append(
                        f"household {h}: {right.name}{who}: self-check {got}, engine {expected}"
                    )

    print(
        f"questions (answer steps after the household step) until every right is decided: "
        f"median {statistics.median(questions):g}, 90th percentile "
        f"{percentile(questions, 0.9):g}, max {max(questions)} (goal: median <= 8, p90 <= 15); "
        f"with the household step: median {statistics.median(questions) + 1:g}, "
        f"p90 {percentile(questions, 0.9) + 1:g}"
    )
    print("per right, the step after which it is decided (median / p90; 0 = by the household):")
    for right, at in sorted(decided_at.items(), key=lambda item: statistics.median(item[1])):
        print(f"  {right:36} {statistics.median(at):4g} / {percentile(at, 0.9):g}")
    print(
        f"households that end with a right still undecided (registry has no value, "
        f"answered 'weet ik niet'): {undecided_at_end:,}"
    )
    for kind, times in step_ms.items():
        print(
            f"{kind} time per step (Interview + next_question + results): "
            f"median {statistics.median(times):.1f} ms, p95 {percentile(times, 0.95):.1f} ms "
            f"over {len(times):,} steps"
        )
    common = sorted(asked_inputs.items(), key=lambda item: -item[1])[:12]
    print("most asked: " + ", ".join(f"{name} {count / n:.2f}" for name, count in common))
    print(f"disagreements with the engine on the full data: {len(disagreements):,}")
    for line in disagreements[:20]:
        print("  " + line)


def walk(
    rules: Any,
    data: dict[str, Any],
    step_ms: dict[str, list[float]],
    asked_inputs: dict[str, int],
) -> tuple[Any, list[Any]]:
    """Answer the check as this household would, truthfully, until it asks nothing more.
    Returns the last interview and the interview after each step, the household step
    first (one citizen step, a checklist or form as well, is one question)."""
    from welzijn.rights.selfcheck import Interview

    ids = list(data["persons"])
    members = [
        {"name": f"Persoon {i + 1}", "age": p["leeftijd"], "relation": RELATION[p["rol"]]}
        for i, p in enumerate(data["persons"].values())
    ]
    answers = {"members": json.dumps(members)}
    steps = []
    while True:
        start, cpu = time.perf_counter(), time.process_time()
        interview = Interview(rules, ON, answers)
        question = interview.next_question()
        interview.results()
        step_ms["cpu"].append((time.process_time() - cpu) * 1000)
        step_ms["wall"].append((time.perf_counter() - start) * 1000)
        steps.append(interview)
        if question is None:
            return interview, steps
        for name in {f.input for f in question.fields} or {question.key.split(".")[-1]}:
            asked_inputs[name] = asked_inputs.get(name, 0) + 1
        given = answer(interview, question, data, ids)
        if answers.get(question.key) == given:  # the same step again: it would never end
            raise RuntimeError(f"step {question.key} asked again after the answer {given}")
        answers[question.key] = given


def answer(interview: Any, question: Any, data: dict[str, Any], ids: list[str]) -> str:
    """The household's truthful answer to one step, as the page would send it."""
    from welzijn.rights.selfcheck import checklist_answer

    if question.kind == "checklist":
        values = {f.key: truth(interview, f.key, data, ids) for f in question.fields}
        unsure = {f.input for f in question.fields if values[f.key] is None}
        return checklist_answer(question, {k for k, v in values.items() if v}, unsure)
    if question.kind == "form":
        return json.dumps(
            {f.key: truthful(f.kind, truth(interview, f.key, data, ids)) for f in question.fields}
        )
    return truthful(question.kind, truth(interview, question.key, data, ids))


def truth(interview: Any, key: str, data: dict[str, Any], ids: list[str]) -> Any:
    """The household's value for a question's key (a gate's truthful yes or no)."""
    slot = interview.slot(key)
    assert slot is not None, key
    gate = interview.catalogue.gates.get(slot[0])
    return gate_answer(gate, data, ids) if gate is not None else value_of(data, ids, slot)


def stops(steps: list[Any], last: Any) -> dict[str, int]:
    """Per right: the number of answer steps after which it no longer changes its being
    decided (0: decided by the household step alone)."""
    out: dict[str, int] = {}
    for number, interview in enumerate(steps):
        undecided = {v for v, _row in interview.undecided(interview.evaluate(interview.known))}
        for right in last.rights:
            r = last.rules.rights[right]
            if right not in out and not undecided & {r.entitled, r.amount}:
                out[right] = number
    for right in last.rights:
        out.setdefault(right, len(steps) - 1)
    return out


def household_data(rules: Any, population: Any, household: int) -> dict[str, Any]:
    """One household of the screening population as the engine's dict (None = unknown)."""
    import numpy as np

    members = np.flatnonzero(np.asarray(population.household_index) == household)
    roles = np.asarray(population.roles)
    persons: dict[str, dict[str, Any]] = {
        f"p{i}": {"rol": str(roles[m])} for i, m in enumerate(members)
    }
    own: dict[str, Any] = {}
    for variable in rules.inputs:
        rows = members if variable.entity == "person" else [household]
        if variable.name not in population.inputs:  # not registered: the declared default
            default = variable.default
            if variable.value_type == "enum":
                default = variable.enum_values[int(default)]
            for i, _ in enumerate(rows):
                if variable.entity == "person":
                    persons[f"p{i}"][variable.name] = default
                else:
                    own[variable.name] = default
            continue
        values = np.asarray(population.inputs[variable.name])
        mask = population.missing.get(variable.name)
        for i, row in enumerate(rows):
            value: Any = None
            if mask is None or not mask[row]:
                value = values[row].item()
                if variable.value_type == "enum" and not isinstance(value, str):
                    value = variable.enum_values[int(value)]
            if variable.entity == "person":
                persons[f"p{i}"][variable.name] = value
            else:
                own[variable.name] = value
    return {"persons": persons, "household": own}


def gate_answer(gate: Any, data: dict[str, Any], ids: list[str]) -> bool:
    """The truthful answer to a gate: "ja" unless every input of `if_no` has that value."""

    def values(name: str) -> list[Any]:
        rows = range(len(ids)) if name in data["persons"][ids[0]] else [None]
        return [value_of(data, ids, (name, row)) for row in rows]

    return any(v != settled for name, settled in gate.if_no.items() for v in values(name))


def value_of(data: dict[str, Any], ids: list[str], slot: tuple[str, int | None]) -> Any:
    name, row = slot
    if row is None:
        return data["household"].get(name)
    return data["persons"][ids[row]].get(name)


def truthful(kind: str, value: Any) -> str:
    from welzijn.rights.selfcheck import DONT_KNOW

    if value is None:
        return DONT_KNOW
    if kind == "bool":
        return "ja" if value else "nee"
    if kind == "count":
        return str(int(value))
    if kind == "money":
        return f"{value:.2f}"
    return str(value)


if __name__ == "__main__":
    main()
