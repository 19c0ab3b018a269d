"""Arrays with a mask of known entries, and the state of one evaluation.

Every computed value is a `Tri`: the values plus a boolean mask saying which entries
are known (``None`` = all known, the fast common case). Booleans follow Kleene's
three-valued logic, so ``unknown or True`` is known to be True; arithmetic and
comparisons are unknown as soon as one operand is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from .parameters import ParameterTree, ParameterValue

Array = npt.NDArray[Any]


@dataclass(frozen=True, slots=True)
class Tri:
    values: Array
    known: Array | None = None


def known_both(a: Array | None, b: Array | None) -> Array | None:
    if a is None:
        return b
    if b is None:
        return a
    return a & b


def known_all(masks: list[Array | None]) -> Array | None:
    result: Array | None = None
    for mask in masks:
        result = known_both(result, mask)
    return result


class Frame:
    """Everything one evaluation needs: sizes, membership, date, values so far."""

    def __init__(
        self,
        *,
        date: dt.date,
        n_persons: int,
        n_households: int,
        household_index: Array,
        parameters: ParameterTree,
    ):
        self.date = date
        self.sizes = {"person": n_persons, "household": n_households}
        self.household_index = household_index
        self.parameters = parameters
        self.values: dict[str, Tri] = {}
        #: results of condition nodes by node id, kept for explanations
        self.nodes: dict[int, Tri] = {}
        self._params: dict[str, ParameterValue] = {}

    def param(self, name: str) -> ParameterValue:
        found = self._params.get(name)
        if found is None:
            found = self.parameters.at(name, self.date)
            self._params[name] = found
        return found

    def members_of(self, household: int) -> Array:
        return np.flatnonzero(self.household_index == household)
