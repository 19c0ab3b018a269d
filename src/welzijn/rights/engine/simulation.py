"""Vectorised evaluation over whole populations.

Persons and households have dense integer ids; ``household_index[i]`` is the
household of person ``i``. Group operations use ``np.bincount`` on that index,
so there is no hashing and no Python loop per person or household.

Money is computed in float64 and rounded to cents (half away from zero) only at
the output boundary (`Results.__getitem__`); the Django side turns those into
``Decimal(str(value))``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from .entities import HOUSEHOLD, PERSON, ROLE_VARIABLE
from .errors import InputError
from .expressions import round_cents
from .ruleset import RuleSet
from .values import Array, Frame, Tri

Absent = Literal["missing", "default"]

#: Screening status codes, as returned by `Results.status`.
ONTVANGT, ONDERBESCHERMING, GEEN_RECHT, ONBEKEND = 0, 1, 2, 3
STATUS_NAMES = ("ontvangt", "onderbescherming", "geen_recht", "onbekend")


@dataclass
class Population:
    """Input of a vectorised evaluation.

    ``inputs`` maps input variable names to arrays (one entry per person or per
    household, by the variable's entity; enums as codes or strings); ``missing``
    maps names to boolean arrays, True where the value is unknown.
    """

    household_index: Array
    roles: Array
    inputs: Mapping[str, Any] = field(default_factory=dict)
    missing: Mapping[str, Array] = field(default_factory=dict)
    n_households: int | None = None


def _as_array(rules: RuleSet, name: str, raw: Any, size: int) -> Array:
    variable = rules.variables[name]
    values = np.asarray(raw)
    if values.shape != (size,):
        raise InputError(
            f"input {name!r} has shape {values.shape}, expected ({size},) for {variable.entity}"
        )
    if variable.value_type == "enum" and values.dtype.kind in "UOS":
        lookup = {label: code for code, label in enumerate(variable.enum_values)}
        try:
            return np.array([lookup[v] for v in values.tolist()], dtype=np.int16)
        except KeyError as exc:
            raise InputError(f"input {name!r}: unknown value {exc.args[0]!r}") from exc
    return values.astype(variable.dtype, copy=False)


def new_frame(rules: RuleSet, date: dt.date, household_index: Array, n_households: int) -> Frame:
    return Frame(
        date=date,
        n_persons=len(household_index),
        n_households=n_households,
        household_index=household_index,
        parameters=rules.parameters,
    )


def set_inputs(
    rules: RuleSet,
    frame: Frame,
    roles: Array,
    inputs: Mapping[str, Any],
    missing: Mapping[str, Array],
    absent: Absent,
) -> None:
    for name in inputs:
        variable = rules.variables.get(name)
        if variable is None or not variable.is_input:
            raise InputError(f"{name!r} is not an input variable")
    frame.values[ROLE_VARIABLE] = Tri(_as_array(rules, ROLE_VARIABLE, roles, frame.sizes[PERSON]))
    for variable in rules.inputs:
        size = frame.sizes[variable.entity]
        mask = missing.get(variable.name)
        if variable.name in inputs:
            values = _as_array(rules, variable.name, inputs[variable.name], size)
            known = None if mask is None else ~np.asarray(mask, dtype=bool)
        else:
            values = np.full(size, variable.default, dtype=variable.dtype)
            known = np.zeros(size, dtype=bool) if absent == "missing" else None
        frame.values[variable.name] = Tri(values, known)


def run(rules: RuleSet, frame: Frame, targets: frozenset[str] | None) -> None:
    """Compute every non-input variable the targets need, in dependency order."""
    for variable, formula in rules.plan(frame.date, targets):
        if variable.is_input:
            continue
        size = frame.sizes[variable.entity]
        if formula is None:
            frame.values[variable.name] = Tri(np.full(size, variable.default, variable.dtype))
            continue
        result = formula.evaluate(frame)
        values = result.values
        if values.shape != (size,):
            values = np.broadcast_to(values, (size,))
        values = values.astype(variable.dtype, copy=False)
        known = result.known
        if known is not None and known.shape != (size,):
            known = np.broadcast_to(known, (size,))
        frame.values[variable.name] = Tri(values, known)


def status_codes(entitled: Tri, receives: Tri) -> Array:
    """Screening status per entity: ontvangt / onderbescherming / geen_recht / onbekend."""
    ent = entitled.values.astype(bool)
    rec = receives.values.astype(bool)
    k_ent = np.ones_like(ent) if entitled.known is None else entitled.known
    k_rec = np.ones_like(rec) if receives.known is None else receives.known
    status = np.full(ent.shape, ONBEKEND, dtype=np.int8)
    status[k_ent & ~ent] = GEEN_RECHT
    status[k_ent & ent & k_rec & ~rec] = ONDERBESCHERMING
    status[k_rec & rec] = ONTVANGT
    return status


class Results:
    """Values of a population evaluation, by variable name."""

    def __init__(self, rules: RuleSet, frame: Frame):
        self.rules = rules
        self.frame = frame

    def __getitem__(self, name: str) -> Array:
        values = self.frame.values[name].values
        if self.rules.variables[name].value_type == "amount":
            return round_cents(values)
        return values

    def known(self, name: str) -> Array:
        tri = self.frame.values[name]
        if tri.known is None:
            return np.ones(self.frame.sizes[self.rules.variables[name].entity], dtype=bool)
        return tri.known

    def status(self, right: str) -> Array:
        spec = self.rules.rights[right]
        return status_codes(self.frame.values[spec.entitled], self.frame.values[spec.receives])

    def explain(self, right: str, row: int) -> Any:
        """Explanation of one right for one person/household (by dense id)."""
        from .explanation_builder import frame_builder

        spec = self.rules.rights[right]
        person = spec.entity == PERSON
        household = int(self.frame.household_index[row]) if person else row
        builder, members = frame_builder(self.rules, self.frame, household)
        return builder.explain(spec, members.index(row) if person else 0)


def evaluate(
    rules: RuleSet,
    population: Population,
    date: dt.date,
    *,
    outputs: frozenset[str] | None = None,
    absent: Absent = "missing",
) -> Results:
    """Evaluate a whole population on ``date``.

    ``outputs`` limits the work to those variables (default: every right's
    variables). Inputs not given are unknown (``absent="missing"``) or take their
    declared default (``absent="default"``, as OpenFisca does).
    """
    household_index = np.asarray(population.household_index, dtype=np.intp)
    n_households = population.n_households
    if n_households is None:
        n_households = int(household_index.max()) + 1 if len(household_index) else 0
    if len(household_index) and (
        household_index.min() < 0 or household_index.max() >= n_households
    ):
        raise InputError("household_index must hold dense ids 0..n_households-1")
    frame = new_frame(rules, date, household_index, n_households)
    set_inputs(rules, frame, population.roles, population.inputs, population.missing, absent)
    run(rules, frame, outputs if outputs is not None else rules.right_variables())
    return Results(rules, frame)


__all__ = [
    "GEEN_RECHT",
    "HOUSEHOLD",
    "ONBEKEND",
    "ONDERBESCHERMING",
    "ONTVANGT",
    "STATUS_NAMES",
    "Population",
    "Results",
    "evaluate",
]
