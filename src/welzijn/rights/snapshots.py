"""What a finding was based on, and its explanation on demand.

A finding stores the engine inputs its right needed for that household on the screening
date (a snapshot), not a rendered text. Replaying the rules on the snapshot gives back the
same outcome and the full Dutch explanation whenever someone looks at it, even after the
registered data changed (for instance once the right was granted). Writing 100,000
snapshots costs a second; writing 100,000 rendered explanations would cost minutes.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import numpy as np

from welzijn.rights.active_rules import rules
from welzijn.rights.engine import Explanation, RuleSet, evaluate_household, input_dependencies
from welzijn.rights.inputs import ScreeningPopulation


class InputSnapshots:
    """Builds, per right and household, the input dict `evaluate_household` takes."""

    def __init__(self, ruleset: RuleSet, screened: ScreeningPopulation, on: dt.date):
        population = screened.population
        index = np.asarray(population.household_index)
        self._order = np.argsort(index, kind="stable")
        self._bounds = np.searchsorted(
            index[self._order], np.arange(len(screened.household_ids) + 1)
        )
        self._values = {
            name: self._as_list(values, population.missing.get(name))
            for name, values in population.inputs.items()
        }
        self._roles = np.asarray(population.roles).tolist()
        self._person_ids = [str(pk) for pk in screened.person_ids.tolist()]
        self._needs: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        for name, right in ruleset.rights.items():
            targets = [right.entitled, right.receives] + ([right.amount] if right.amount else [])
            # Inputs the registry does not provide stay out: left out means unknown on replay.
            needed = input_dependencies(ruleset, targets, on) & self._values.keys()
            self._needs[name] = (
                tuple(sorted(n for n in needed if ruleset.variables[n].entity == "person")),
                tuple(sorted(n for n in needed if ruleset.variables[n].entity == "household")),
            )
        self._json: dict[tuple, str] = {}

    @staticmethod
    def _as_list(values: Any, missing: Any) -> list[Any]:
        """Python values, amounts in cents, None where unknown."""
        array = np.asarray(values)
        if array.dtype.kind == "f":
            array = np.round(array, 2)
        result = array.tolist()
        if missing is not None:
            for row in np.flatnonzero(missing).tolist():
                result[row] = None
        return result

    def as_json(self, right: str, household_row: int) -> str:
        """The snapshot as JSON; rights that need the same inputs share it."""
        key = (self._needs[right], household_row)
        cached = self._json.get(key)
        if cached is None:
            cached = self._json[key] = json.dumps(
                self.household_of_row(right, household_row), ensure_ascii=False
            )
        return cached

    def household_of_row(self, right: str, household_row: int) -> dict[str, Any]:
        person_vars, household_vars = self._needs[right]
        values = self._values
        members = self._order[self._bounds[household_row] : self._bounds[household_row + 1]]
        return {
            "household": {n: values[n][household_row] for n in household_vars},
            "persons": {
                self._person_ids[i]: {
                    "rol": self._roles[i],
                    **{n: values[n][i] for n in person_vars},
                }
                for i in members.tolist()
            },
        }


def explain_finding(finding) -> Explanation:
    """Replay the rules on the finding's snapshot."""
    result = evaluate_household(
        rules(), finding.inputs, finding.reference_date, rights=(finding.right,)
    )
    person = str(finding.person_id) if finding.person_id else None
    return result.explain(finding.right, person=person)


def with_explanations(findings: list) -> list:
    """Attach `explanation_text` (Dutch) to each finding, for display."""
    for finding in findings:
        finding.explanation_text = explain_finding(finding).as_text() if finding.inputs else ""
    return findings
