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

from welzijn.registry.models import Person
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
        # an input the registry does not supply is unknown (None), as in the screening
        return {
            "household": {
                n: values[n][household_row] if n in values else None for n in household_vars
            },
            "persons": {
                self._person_ids[i]: {
                    "rol": self._roles[i],
                    **{n: values[n][i] if n in values else None for n in person_vars},
                }
                for i in members.tolist()
            },
        }


def person_names(person_keys) -> dict[str, str]:
    """Snapshot person keys (database ids) -> the names a caseworker reads; two members with
    the same name get a number, so an explanation never shows an internal id."""
    keys = [str(k) for k in person_keys]
    found = {
        str(pk): f"{first} {last}".strip()
        for pk, first, last in Person.objects.filter(
            pk__in=[int(k) for k in keys if k.isdigit()]
        ).values_list("pk", "first_name", "last_name")
    }
    names: dict[str, str] = {}
    used: dict[str, int] = {}
    for key in keys:
        name = found.get(key) or "een gezinslid"
        used[name] = used.get(name, 0) + 1
        names[key] = name if used[name] == 1 else f"{name} ({used[name]})"
    return names


def explain_finding(finding, names: dict[str, str] | None = None) -> Explanation:
    """Replay the rules on the finding's snapshot, with the people by name."""
    persons = finding.inputs.get("persons", {})
    names = names if names is not None else person_names(persons)
    inputs = {
        "household": finding.inputs.get("household", {}),
        "persons": {names.get(key, key): values for key, values in persons.items()},
    }
    result = evaluate_household(rules(), inputs, finding.reference_date, rights=(finding.right,))
    person = names.get(str(finding.person_id)) if finding.person_id else None
    return result.explain(finding.right, person=person)


def with_explanations(findings: list) -> list:
    """Attach, for display, the one-sentence `explanation_summary`, the `next_step` and the
    full Dutch `explanation_text` to each finding (people by name)."""
    keys = {key for f in findings if f.inputs for key in f.inputs.get("persons", {})}
    names = person_names(keys)
    for finding in findings:
        finding.explanation_summary = finding.next_step = finding.explanation_text = ""
        if not finding.inputs:
            continue
        explanation = explain_finding(finding, names)
        finding.explanation_summary = explanation.summary()
        finding.next_step = explanation.next_step()
        finding.explanation_text = explanation.as_text()
    return findings
