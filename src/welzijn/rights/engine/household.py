"""Fast path for one household: a dict in, values and explained rights out.

`evaluate_household` runs the scalar plan of the rule set (`scalar.ScalarPlan`,
compiled once per date and targets): plain Python values, no arrays, and the
explanations built from those values (`explanation_builder`).

`evaluate_household_frame` is the same evaluation on numpy arrays of one household
(the vectorised formulas on a frame of one household); it is kept as the reference
the scalar path is tested against, value for value and explanation for explanation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .entities import PERSON, ROLE_CODES, ROLE_VARIABLE
from .errors import InputError
from .explanation import Explanation
from .explanation_builder import ExplanationBuilder, frame_builder, python_value, status_code
from .expressions import round_cents
from .ruleset import RuleSet
from .scalar import ENCODE_BOOL, ENCODE_NUMBER, Nodes, ScalarPlan, Values, caster
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


class _Result:
    """What both household results offer on top of their own storage of values."""

    rules: RuleSet
    person_ids: list[str]
    outcomes: list[RightOutcome]
    date: dt.date

    def value(self, name: str, row: int = 0) -> Any:
        raise NotImplementedError

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

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
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


class FrameHouseholdResult(_Result):
    """Result of `evaluate_household_frame` (numpy arrays of one household)."""

    def __init__(
        self,
        rules: RuleSet,
        frame: Frame,
        person_ids: list[str],
        explain: bool,
        rights: tuple[str, ...] | None = None,
    ):
        self.rules, self.frame, self.person_ids = rules, frame, person_ids
        self.date = frame.date
        self.outcomes: list[RightOutcome] = []
        self._builder: ExplanationBuilder | None = None
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
                        explanation=self.builder.explain(right, row) if explain else None,
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

    @property
    def builder(self) -> ExplanationBuilder:
        """One explanation builder per result: explanations share their sub-trees."""
        if self._builder is None:
            self._builder = frame_builder(self.rules, self.frame, 0, self.person_ids)[0]
        return self._builder

    def explain(self, name: str, person: str | None = None) -> Explanation:
        right = self.rules.rights[name]
        row = self.person_ids.index(person) if person is not None else 0
        return self.builder.explain(right, row)


def _persons(household: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    persons = household.get("persons")
    if isinstance(persons, Mapping):
        found = [(str(k), v) for k, v in persons.items()]
    elif isinstance(persons, list):
        found = [(str(p.get("id", f"persoon {i + 1}")), p) for i, p in enumerate(persons)]
    else:
        raise InputError("household needs 'persons': a mapping id → values, or a list")
    if not found:
        raise InputError("a household has at least one person")
    return found


def _select_rights(
    rules: RuleSet, rights: Iterable[str] | None
) -> tuple[tuple[str, ...] | None, frozenset[str] | None]:
    """(the asked rights, the variables they need), or (None, None) for all rights."""
    if rights is None:
        return None, None
    selected = tuple(rights)
    unknown = [name for name in selected if name not in rules.rights]
    if unknown:
        raise InputError(f"unknown right(s): {', '.join(map(repr, unknown))}")
    return selected, rules.right_variables(selected)


def _encode(rules: RuleSet, name: str, value: Any) -> Any:
    variable = rules.variables.get(name)
    if variable is None or not variable.is_input:
        raise InputError(f"{name!r} is not an input variable")
    try:
        return variable.encode(value)
    except ValueError as exc:
        raise InputError(f"{name}: {exc}") from exc


def evaluate_household_frame(
    rules: RuleSet,
    household: Mapping[str, Any],
    date: dt.date,
    *,
    absent: Absent = "missing",
    explain: bool = True,
    rights: Iterable[str] | None = None,
) -> FrameHouseholdResult:
    """`evaluate_household` on numpy arrays: the reference implementation the scalar fast
    path is tested against. Same arguments and contract."""
    selected, targets = _select_rights(rules, rights)
    plan = rules.plan(date, targets)
    persons = _persons(household)
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
    return FrameHouseholdResult(rules, frame, person_ids, explain, selected)


class HouseholdResult(_Result):
    """Values and explained rights of one household (the scalar fast path)."""

    def __init__(
        self,
        rules: RuleSet,
        plan: ScalarPlan,
        values: Values,
        nodes: Nodes,
        person_ids: list[str],
        explain: bool,
        rights: tuple[str, ...] | None = None,
    ):
        self.rules, self.plan, self.person_ids = rules, plan, person_ids
        self.date = plan.date
        self.values, self.nodes = values, nodes
        self.outcomes: list[RightOutcome] = []
        self._builder: ExplanationBuilder | None = None
        selected = rules.rights.values() if rights is None else [rules.rights[r] for r in rights]
        variables = rules.variables
        for right in selected:
            is_person = right.entity == PERSON
            entitled_values = values[right.entitled]
            receives_values = values[right.receives]
            amounts = None
            amount_variable = None
            if right.amount:
                amount_variable = variables[right.amount]
                amounts = values[right.amount]
            for row in range(len(person_ids)) if is_person else range(1):
                entitled = entitled_values[row] if is_person else entitled_values
                receives = receives_values[row] if is_person else receives_values
                amount = None
                if amount_variable is not None:
                    raw = amounts[row] if is_person else amounts  # type: ignore[index]
                    amount = python_value(amount_variable, raw)
                self.outcomes.append(
                    RightOutcome(
                        right=right.name,
                        label=right.label,
                        subject=person_ids[row] if is_person else None,
                        status=STATUS_NAMES[status_code(entitled, receives)],
                        entitled=entitled,
                        amount=amount,
                        auto_grantable=right.auto_grantable,
                        explanation=self.builder.explain(right, row) if explain else None,
                    )
                )

    def value(self, name: str, row: int = 0) -> Any:
        """Value of a variable for one row (None when unknown); amounts in cents."""
        variable = self.rules.variables[name]
        found = self.values[name]
        if variable.entity == PERSON:
            found = found[row]
        elif row not in (0, -1):
            raise IndexError(f"{name!r} is a household variable: row 0 only")
        return python_value(variable, found)

    @property
    def builder(self) -> ExplanationBuilder:
        """One explanation builder per result: explanations share their sub-trees."""
        if self._builder is None:
            self._builder = ExplanationBuilder(
                self.rules, self.plan, self.values, self.nodes, self.person_ids
            )
        return self._builder

    def explain(self, name: str, person: str | None = None) -> Explanation:
        right = self.rules.rights[name]
        row = self.person_ids.index(person) if person is not None else 0
        return self.builder.explain(right, row)


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

    Plain Python values throughout (see `scalar`); gives exactly what
    `evaluate_household_frame` gives on numpy arrays.
    """
    selected, targets = _select_rights(rules, rights)
    plan = rules.scalar_plan(date, targets)
    persons = _persons(household)
    person_ids = [pid for pid, _ in persons]
    household_values = household.get("household") or {}
    encoders = plan.encoders

    def encode(name: str, value: Any) -> Any:
        """`_encode`, then cast as stored; the common types without detour."""
        spec = encoders.get(name)
        if spec is None:
            return _encode(rules, name, value)  # raises: not an input variable
        _, kind, cast, codes = spec
        given = type(value)
        if kind == ENCODE_NUMBER:
            if given is int or given is float:
                return cast(value)
        elif kind == ENCODE_BOOL:
            if given is bool:
                return value
        elif given is str and value in codes:
            return codes[value]
        return cast(_encode(rules, name, value))

    roles = []
    encoded: list[dict[str, Any]] = []
    for pid, given in persons:
        role = given.get(ROLE_VARIABLE)
        if role not in ROLE_CODES:
            raise InputError(f"person {pid!r}: 'rol' must be one of {list(ROLE_CODES)}")
        roles.append(ROLE_CODES[role])
        encoded.append(
            {  # validates name and type
                name: encode(name, value)
                for name, value in given.items()
                if name != ROLE_VARIABLE and value is not None
            }
        )
    encoded_household = {
        name: encode(name, value) for name, value in household_values.items() if value is not None
    }
    household_names = plan.household_input_names
    for _, given in persons:
        if not household_names.isdisjoint(given):
            first = next(
                v
                for v in plan.all_inputs
                if v.entity != PERSON and any(v.name in p for _, p in persons)
            )
            raise InputError(f"{first.name!r} is a household variable, not a person one")
    values: Values = {ROLE_VARIABLE: roles}
    use_default = absent == "default"
    for variable in plan.inputs:
        name = variable.name
        if variable.entity != PERSON:
            found = encoded_household.get(name)
            if found is None and use_default and name not in household_values:
                found = caster(variable)(variable.default)
            values[name] = found
            continue
        column = []
        for (_, given), code in zip(persons, encoded, strict=True):
            found = code.get(name)
            if found is None and use_default and name not in given:
                found = caster(variable)(variable.default)
            column.append(found)
        values[name] = column
    nodes = plan.run(values, len(person_ids))
    return HouseholdResult(rules, plan, values, nodes, person_ids, explain, selected)
