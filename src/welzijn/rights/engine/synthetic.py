"""Random populations for benchmarks and property tests (not calibrated data)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .entities import ROLE_CODES
from .ruleset import RuleSet
from .simulation import Population
from .values import Array


def random_population(
    rules: RuleSet, n_households: int, seed: int = 0, missing_rate: float = 0.0
) -> Population:
    """1-6 persons per household; the first is referentiepersoon, then maybe a
    partner, then kinderen; inputs drawn per type; optionally some unknown."""
    rng = np.random.default_rng(seed)
    sizes = rng.choice(np.arange(1, 7), size=n_households, p=[0.4, 0.3, 0.13, 0.1, 0.05, 0.02])
    household_index = np.repeat(np.arange(n_households), sizes)
    starts = np.cumsum(sizes) - sizes
    position = np.arange(len(household_index)) - starts[household_index]
    has_partner = rng.random(n_households) < 0.5
    roles = np.full(len(household_index), ROLE_CODES["kind"], dtype=np.int16)
    roles[position == 0] = ROLE_CODES["referentiepersoon"]
    roles[(position == 1) & has_partner[household_index]] = ROLE_CODES["partner"]
    inputs: dict[str, Any] = {}
    missing: dict[str, Array] = {}
    for variable in rules.inputs:
        n = n_households if variable.entity == "household" else len(household_index)
        if variable.value_type == "bool":
            values: Array = rng.random(n) < 0.15
        elif variable.value_type == "enum":
            values = rng.integers(0, len(variable.enum_values), n).astype(np.int16)
        elif variable.name == "leeftijd":
            values = np.where(
                roles == ROLE_CODES["kind"], rng.integers(0, 25, n), rng.integers(18, 90, n)
            )
        elif variable.period == "year":
            values = np.round(rng.gamma(2.0, 15000.0, n), 2)
        else:
            values = np.round(rng.gamma(1.5, 700.0, n), 2)
        inputs[variable.name] = values
        if missing_rate > 0:
            missing[variable.name] = rng.random(n) < missing_rate
    return Population(
        household_index=household_index,
        roles=roles,
        inputs=inputs,
        missing=missing,
        n_households=n_households,
    )


def household_dict(rules: RuleSet, population: Population, household: int) -> dict[str, Any]:
    """One household of a population as the dict the fast path takes (None = unknown)."""
    index = np.asarray(population.household_index)
    members = np.flatnonzero(index == household)
    roles = np.asarray(population.roles)
    persons: dict[str, dict[str, Any]] = {}
    own: dict[str, Any] = {}
    for i, member in enumerate(members):
        persons[f"p{i}"] = {"rol": list(ROLE_CODES)[int(roles[member])]}
    for variable in rules.inputs:
        values = np.asarray(population.inputs[variable.name])
        mask = population.missing.get(variable.name)
        rows = members if variable.entity == "person" else [household]
        decoded: list[Any] = []
        for row in rows:
            if mask is not None and mask[row]:
                decoded.append(None)
            elif variable.value_type == "enum":
                decoded.append(variable.enum_values[int(values[row])])
            else:
                decoded.append(values[row].item())
        if variable.entity == "person":
            for i, value in enumerate(decoded):
                persons[f"p{i}"][variable.name] = value
        else:
            own[variable.name] = decoded[0]
    return {"persons": persons, "household": own}
