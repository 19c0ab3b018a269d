"""Fast path for one household: a dict in, values and explained rights out.

It reuses the precompiled plan of the rule set (cached per date), so a call costs
building a few tiny arrays and walking the formulas once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .entities import PERSON, ROLE_CODES, ROLE_VARIABLE
from .errors import InputError
from .explanation import Explanation, _Builder, explain_right, explanation_builder
from .expressions import round_cents
from .ruleset import RuleSet
from .simulation import STATUS_NAMES, Absent, run, status_codes
from .values import Frame, Tri


@dataclass(frozen=True)
class RightOutcome:
    right: str
    label: str
    subject: str | None  # person id, or None for the household
    status: str  # ontvangt / onderbescherming / geen_recht / onbekend
    entitled: bool | None
    amount: float | None
    auto_grantable: bool
    explanation: Explanation | None


class HouseholdResult:
    def __init__(
        self,
        rules: RuleSet,
        frame: Frame,
        person_ids: list[str],
        explain: bool,
        rights: tuple[str, ...] | None = None,
    ):
        self.rules, self.frame, self.person_ids = rules, frame, person_ids
        self.outcomes: list[RightOutcome] = []
        self._builder: _Builder | None = None
        selected = rules.rights.values() if rights is None else [rules.rights[r] for r in rights]
        for right in selected:
            tri = frame.values[right.entitled]
            status = status_codes(tri, frame.values[right.receives])
            rows = range(len(person_ids)) if right.entity == PERSON else range(1)
            for row in rows:
                amount = self.value(right.amount, row) if right.amount else None
                self.outcomes.append(
                    RightOutcome(
                        right=right.name,
                        label=right.label,
                        subject=person_ids[row] if right.entity == PERSON else None,
                        status=STATUS_NAMES[int(status[row])],
                        entitled=self.value(right.entitled, row),
                        amount=amount,
                        auto_grantable=right.auto_grantable,
                        explanation=(
                            explain_right(rules, frame, right, row, person_ids, self.builder)
                            if explain
                            else None
                        ),
                    )
                )

    def value(self, name: str, row: int = 0) -> Any:
        """Value of a variable for one row (None when unknown); amounts in cents."""
        variable = self.rules.variables[name]
        tri = self.frame.values[name]
        if tri.known is not None and not tri.known[row]:
            return None
        raw = tri.values[row]
        if variable.value_type == "enum":
            return variable.enum_values[int(raw)]
        if variable.value_type == "amount":
            return float(round_cents(np.asarray(raw)))
        return raw.item() if hasattr(raw, "item") else raw

    def __getitem__(self, name: str) -> Any:
        """Household value, or ``{person_id: value}`` for a person variable."""
        if self.rules.variables[name].entity == PERSON:
            return {pid: self.value(name, i) for i, pid in enumerate(self.person_ids)}
        return self.value(name)

    def right(self, name: str, person: str | None = None) -> RightOutcome:
        for outcome in self.outcomes:
            if outcome.right == name and outcome.subject == person:
                return outcome
        raise KeyError((name, person))

    @property
    def builder(self) -> _Builder:
        """One explanation builder per result: explanations share their sub-trees."""
        if self._builder is None:
            self._builder = explanation_builder(self.rules, self.frame, self.person_ids)
        return self._builder

    def explain(self, name: str, person: str | None = None) -> Explanation:
        right = self.rules.rights[name]
        row = self.person_ids.index(person) if person is not None else 0
        return explain_right(self.rules, self.frame, right, row, self.person_ids, self.builder)

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.frame.date.isoformat(),
            "rights": [
                {
                    "right": o.right,
                    "label": o.label,
                    "subject": o.subject,
                    "status": o.status,
                    "entitled": o.entitled,
                    "amount": o.amount,
                    "auto_grantable": o.auto_grantable,
                    "explanation": o.explanation.as_dict() if o.explanation else None,
                }
                for o in self.outcomes
            ],
        }


def _persons(household: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    persons = household.get("persons")
    if isinstance(persons, Mapping):
        return [(str(k), v) for k, v in persons.items()]
    if isinstance(persons, list):
        return [(str(p.get("id", f"persoon {i + 1}")), p) for i, p in enumerate(persons)]
    raise InputError("household needs 'persons': a mapping id → values, or a list")


def _encode(rules: RuleSet, name: str, value: Any) -> Any:
    variable = rules.variables.get(name)
    if variable is None or not variable.is_input:
        raise InputError(f"{name!r} is not an input variable")
    try:
        return variable.encode(value)
    except ValueError as exc:
        raise InputError(f"{name}: {exc}") from exc


def evaluate_household(
    rules: RuleSet,
    household: Mapping[str, Any],
    date: dt.date,
    *,
    absent: Absent = "missing",
    explain: bool = True,
    rights: Iterable[str] | None = None,
) -> HouseholdResult:
    """Evaluate every right for one household.

    ``household = {"persons": {id: {"rol": "referentiepersoon", var: value, ...}},
    "household": {var: value}}``. A value ``None`` is unknown; a variable left out is
    unknown too, unless ``absent="default"``.

    ``rights`` limits the work to those rights: only the variables they need are
    computed (reading another variable then raises `KeyError`), and the outcomes (and,
    with ``explain``, the explanations) cover those rights only.
    """
    selected: tuple[str, ...] | None = None
    targets: frozenset[str] | None = None
    if rights is not None:
        selected = tuple(rights)
        unknown = [name for name in selected if name not in rules.rights]
        if unknown:
            raise InputError(f"unknown right(s): {', '.join(map(repr, unknown))}")
        targets = rules.right_variables(selected)
    plan = rules.plan(date, targets)
    persons = _persons(household)
    if not persons:
        raise InputError("a household has at least one person")
    person_ids = [pid for pid, _ in persons]
    household_values = household.get("household") or {}
    frame = Frame(
        date=date,
        n_persons=len(persons),
        n_households=1,
        household_index=np.zeros(len(persons), dtype=np.intp),
        parameters=rules.parameters,
    )
    roles = []
    encoded: list[dict[str, Any]] = []
    for pid, values in persons:
        role = values.get(ROLE_VARIABLE)
        if role not in ROLE_CODES:
            raise InputError(f"person {pid!r}: 'rol' must be one of {list(ROLE_CODES)}")
        roles.append(ROLE_CODES[role])
        encoded.append(
            {  # validates name and type
                name: _encode(rules, name, value)
                for name, value in values.items()
                if name != ROLE_VARIABLE and value is not None
            }
        )
    frame.values[ROLE_VARIABLE] = Tri(np.array(roles, dtype=np.int16))
    encoded_household = {
        name: _encode(rules, name, value)
        for name, value in household_values.items()
        if value is not None
    }
    needed = None if targets is None else {v.name for v, _ in plan if v.is_input}
    for variable in rules.inputs:
        if variable.entity != PERSON and any(variable.name in p for _, p in persons):
            raise InputError(f"{variable.name!r} is a household variable, not a person one")
        if needed is not None and variable.name not in needed:
            continue
        rows: list[Mapping[str, Any]] = (
            [values for _, values in persons] if variable.entity == PERSON else [household_values]
        )
        codes = encoded if variable.entity == PERSON else [encoded_household]
        data = []
        known = []
        for row, code in zip(rows, codes, strict=True):
            given = code.get(variable.name)
            known.append(given is not None or (absent == "default" and variable.name not in row))
            data.append(variable.default if given is None else given)
        frame.values[variable.name] = Tri(
            np.array(data, dtype=variable.dtype),
            None if all(known) else np.array(known, dtype=bool),
        )
    # without ``rights``: every variable (a household is small, and YAML tests read any)
    run(rules, frame, targets)
    return HouseholdResult(rules, frame, person_ids, explain, selected)
