"""Loading a rule set: variables, rights and parameters, checked and ordered once.

Everything that can be decided without data is decided here (names resolved,
entities checked, cycles refused, evaluation order fixed), so evaluating one
household costs only the arithmetic.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .entities import PERSON, ROLE_VARIABLE, ROLES
from .errors import CycleError, RuleSyntaxError, UnknownVariableError
from .explanation import reason_values
from .expressions import VariableInfo
from .parameters import ParameterTree, load_parameters
from .scalar import ScalarPlan
from .variables import Formula, Variable, compile_formula, declare
from .yamlsource import LineDict, load_yaml

DEFAULT_RULES_DIR = Path(__file__).resolve().parent.parent / "rules"


@dataclass(frozen=True)
class Right:
    """A social right: which variables say entitled / amount / already receives."""

    name: str
    label: str
    entity: str
    entitled: str
    receives: str
    amount: str | None
    auto_grantable: bool
    reference: str
    explanation: str
    file: str
    line: int
    #: What the person must do to get it (where, which documents), or that it is automatic.
    how_to_apply: str = ""
    #: Who decides on it (OCMW Gent, the health fund, the Groeipakket payer, ...).
    granted_by: str = ""
    #: Catalogue service (catalog fixture code) through which the department registers it.
    service: str | None = None
    #: Periods in which the right exists: (first day, last day or None while it lasts).
    applies: tuple[tuple[dt.date, dt.date | None], ...] = ()
    #: The citizen's sentence why, per outcome (`REASON_OUTCOMES`): B1 Dutch templates, the
    #: first whose values all decided the outcome is used (`Explanation.reason`); the last
    #: one names no value, so one always fits.
    reasons: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)

    def applies_on(self, date: dt.date) -> bool:
        return not self.applies or any(
            start <= date and (end is None or date <= end) for start, end in self.applies
        )


class RuleSet:
    """A loaded, validated rule set. Build it with `load_rules`."""

    def __init__(
        self,
        variables: dict[str, Variable],
        rights: dict[str, Right],
        parameters: ParameterTree,
        directory: Path,
    ):
        self.variables = variables
        self.rights = rights
        self.parameters = parameters
        self.directory = directory
        self.fingerprint = fingerprint(directory)
        self.order: tuple[str, ...] = _topological_order(variables)
        self._position = {name: i for i, name in enumerate(self.order)}
        self._plans: dict[
            tuple[dt.date, frozenset[str] | None], tuple[tuple[Variable, Formula | None], ...]
        ] = {}
        self._scalar_plans: dict[tuple[dt.date, frozenset[str] | None], ScalarPlan] = {}
        self._right_variables: dict[tuple[str, ...] | None, frozenset[str]] = {}

    # -- scope used by the compiler
    def variable(self, name: str) -> VariableInfo | None:
        found = self.variables.get(name)
        return found.info if found is not None else None

    def has_parameter(self, name: str) -> bool:
        return name in self.parameters

    @property
    def inputs(self) -> list[Variable]:
        return [v for v in self.variables.values() if v.is_input and not v.builtin]

    def dependencies(self, names: Iterable[str]) -> set[str]:
        """All variables the given ones need, transitively (themselves included)."""
        seen: set[str] = set()
        stack = list(names)
        while stack:
            name = stack.pop()
            if name in seen:
                continue
            seen.add(name)
            stack.extend(self.variables[name].dependencies())
        return seen

    def _needed_on(self, date: dt.date, targets: Iterable[str]) -> set[str]:
        """Like `dependencies`, but only through the formulas in force on ``date``."""
        seen: set[str] = set()
        stack = list(targets)
        while stack:
            name = stack.pop()
            if name not in seen:
                seen.add(name)
                formula = self.variables[name].formula_at(date)
                if formula is not None:
                    stack.extend(formula.variables())
        return seen

    def plan(
        self, date: dt.date, targets: frozenset[str] | None = None
    ) -> tuple[tuple[Variable, Formula | None], ...]:
        """Variables to compute on ``date`` in dependency order, with their formula."""
        key = (date, targets)
        found = self._plans.get(key)
        if found is None:
            needed = self._needed_on(date, targets) if targets is not None else set(self.order)
            found = tuple(
                (self.variables[name], self.variables[name].formula_at(date))
                for name in self.order
                if name in needed
            )
            self._plans[key] = found
        return found

    def scalar_plan(self, date: dt.date, targets: frozenset[str] | None = None) -> ScalarPlan:
        """`plan` compiled to plain-Python closures for one household (cached)."""
        key = (date, targets)
        found = self._scalar_plans.get(key)
        if found is None:
            found = self._scalar_plans[key] = ScalarPlan(
                date, self.plan(date, targets), self.parameters, self.inputs
            )
        return found

    def right_variables(self, rights: Iterable[str] | None = None) -> frozenset[str]:
        """Entitled, amount and receives variables of the given rights (default: all)."""
        key = tuple(rights) if rights is not None else None
        found = self._right_variables.get(key)
        if found is None:
            found = self._right_variables[key] = self._compute_right_variables(key)
        return found

    def _compute_right_variables(self, rights: tuple[str, ...] | None) -> frozenset[str]:
        names: set[str] = set()
        selected = self.rights.values() if rights is None else [self.rights[r] for r in rights]
        for right in selected:
            names.update(n for n in (right.entitled, right.amount, right.receives) if n)
        return frozenset(names)


def fingerprint(directory: Path) -> str:
    """SHA-256 over the path and bytes of every rule and parameter file: two screenings
    with the same fingerprint used the same rules."""
    digest = hashlib.sha256()
    files = sorted(directory.glob("variables/*.yaml"))
    for path in files + sorted((directory / "parameters").rglob("*.yaml")):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _role_variable() -> Variable:
    return Variable(
        name=ROLE_VARIABLE,
        entity=PERSON,
        period="month",
        value_type="enum",
        label="rol in het gezin",
        file="<ingebouwd>",
        line=0,
        question="Welke rol heeft deze persoon in het gezin?",
        enum_values=ROLES,
        enum_labels={role: role for role in ROLES},
        default=ROLES.index("ander"),
        is_input=True,
        builtin=True,
    )


def _topological_order(variables: dict[str, Variable]) -> tuple[str, ...]:
    """Depth-first order; a back edge is a cycle, reported with every file:line."""
    order: list[str] = []
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    for root in sorted(variables):
        if state.get(root) == 2:
            continue
        stack: list[tuple[str, list[str]]] = [(root, sorted(variables[root].dependencies()))]
        state[root] = 1
        path = [root]
        while stack:
            name, pending = stack[-1]
            if pending:
                dep = pending.pop()
                if state.get(dep) == 1:
                    cycle = [*path[path.index(dep) :], dep]
                    where = ", ".join(
                        f"{n} ({variables[n].file}:{variables[n].line})" for n in cycle[:-1]
                    )
                    first = variables[dep]
                    raise CycleError(
                        f"cycle between variables: {' -> '.join(cycle)}; declared at {where}",
                        first.file,
                        first.line,
                    )
                if state.get(dep) is None:
                    state[dep] = 1
                    path.append(dep)
                    stack.append((dep, sorted(variables[dep].dependencies())))
                continue
            stack.pop()
            path.pop()
            state[name] = 2
            order.append(name)
    return tuple(order)


def _read_right(
    name: str, spec: object, file: str, line: int, variables: dict[str, Variable]
) -> Right:
    if not isinstance(spec, LineDict):
        raise RuleSyntaxError(f"right {name!r} must be a mapping", file, line)
    for key in ("label", "entitled", "receives", "reference", "explanation"):
        if not spec.get(key):
            raise RuleSyntaxError(f"right {name!r}: {key!r} is required", file, line)
    for key in ("entitled", "receives", "amount"):
        ref = spec.get(key)
        if ref is not None and ref not in variables:
            raise UnknownVariableError(
                f"right {name!r}: unknown variable {ref!r}", file, spec.line_of(key)
            )
    entitled = variables[spec["entitled"]]
    receives = variables[spec["receives"]]
    if entitled.value_type != "bool" or receives.value_type != "bool":
        raise RuleSyntaxError(f"right {name!r}: entitled and receives must be bool", file, line)
    if not receives.is_input:
        raise RuleSyntaxError(f"right {name!r}: receives must be an input variable", file, line)
    if receives.entity != entitled.entity:
        raise RuleSyntaxError(
            f"right {name!r}: entitled and receives must have the same entity", file, line
        )
    return Right(
        name=name,
        label=str(spec["label"]),
        entity=entitled.entity,
        entitled=entitled.name,
        receives=receives.name,
        amount=spec.get("amount"),
        auto_grantable=bool(spec.get("auto_grantable", False)),
        reference=str(spec["reference"]),
        explanation=" ".join(str(spec["explanation"]).split()),
        file=file,
        line=line,
        how_to_apply=" ".join(str(spec.get("how_to_apply") or "").split()),
        granted_by=str(spec.get("granted_by") or ""),
        service=spec.get("service"),
        applies=_read_applies(name, spec.get("applies"), file, spec.line_of("applies")),
        reasons=_read_reasons(
            name, spec.get("reasons"), file, spec.line_of("reasons"), variables, entitled.entity
        ),
    )


#: the outcomes a right's ``reasons:`` has a sentence for
REASON_OUTCOMES = ("entitled", "not_entitled")
#: the types of the values a reason may name: amounts and counts
_REASON_VALUE_TYPES = ("amount", "int")


def _read_reasons(
    name: str, spec: object, file: str, line: int, variables: dict[str, Variable], entity: str
) -> dict[str, tuple[str, ...]]:
    """``reasons: {entitled: [...], not_entitled: [...]}``: templates with ``{variable}``
    (an amount or a count) and, for a person's right, ``{name}``."""
    if spec is None:
        return {}
    if not isinstance(spec, dict) or set(spec) - set(REASON_OUTCOMES):
        raise RuleSyntaxError(
            f"right {name!r}: reasons has only {', '.join(REASON_OUTCOMES)}", file, line
        )
    out: dict[str, tuple[str, ...]] = {}
    for outcome, templates in spec.items():
        texts = [templates] if isinstance(templates, str) else templates
        if not isinstance(texts, list) or not texts or not all(isinstance(t, str) for t in texts):
            raise RuleSyntaxError(
                f"right {name!r}: reasons.{outcome} is a list of texts", file, line
            )
        texts = [" ".join(t.split()) for t in texts]
        for text in texts:
            for value in reason_values(text):
                if value == "name" and entity == PERSON:
                    continue
                variable = variables.get(value)
                if variable is None or variable.value_type not in _REASON_VALUE_TYPES:
                    raise RuleSyntaxError(
                        f"right {name!r}: reasons.{outcome} names {{{value}}}, which is no "
                        f"amount or count variable"
                        + (" ({name} only in a person's right)" if value == "name" else ""),
                        file,
                        line,
                    )
        if any(v != "name" for v in reason_values(texts[-1])):
            raise RuleSyntaxError(
                f"right {name!r}: the last of reasons.{outcome} names no value "
                "(it is used when no other fits)",
                file,
                line,
            )
        out[str(outcome)] = tuple(texts)
    return out


def _read_applies(
    name: str, spec: object, file: str, line: int
) -> tuple[tuple[dt.date, dt.date | None], ...]:
    """``applies: [{from: 2023-07-01, until: 2025-12-31}, {from: ...}]`` (until optional)."""
    if spec is None:
        return ()
    if not isinstance(spec, list) or not all(isinstance(item, dict) for item in spec):
        raise RuleSyntaxError(f"right {name!r}: applies is a list of {{from, until}}", file, line)
    periods: list[tuple[dt.date, dt.date | None]] = []
    for item in spec:
        start, end = item.get("from"), item.get("until")
        if not isinstance(start, dt.date) or not (end is None or isinstance(end, dt.date)):
            raise RuleSyntaxError(
                f"right {name!r}: applies needs dates (YYYY-MM-DD) in from/until", file, line
            )
        if end is not None and end < start:
            raise RuleSyntaxError(f"right {name!r}: applies ends before it starts", file, line)
        periods.append((start, end))
    return tuple(periods)


def load_rules(directory: Path | str | None = None) -> RuleSet:
    """Load ``variables/*.yaml`` and ``parameters/**.yaml`` of a rules directory.

    Raises a `RuleLoadError` subclass naming file and line for anything wrong.
    """
    root = Path(directory) if directory is not None else DEFAULT_RULES_DIR
    parameters = load_parameters(root / "parameters")
    variables: dict[str, Variable] = {ROLE_VARIABLE: _role_variable()}
    right_specs: list[tuple[str, object, str, int]] = []
    for path in sorted((root / "variables").glob("*.yaml")):
        data = load_yaml(path)
        file = str(path)
        if data is None:
            continue
        if not isinstance(data, LineDict) or set(data) - {"variables", "rights"}:
            raise RuleSyntaxError("a rule file has only 'variables:' and 'rights:'", file, 1)
        declared = data.get("variables") or LineDict()
        for name, spec in declared.items():
            line = declared.line_of(name)
            if name in variables:
                other = variables[name]
                raise RuleSyntaxError(
                    f"variable {name!r} already declared at {other.file}:{other.line}", file, line
                )
            variables[name] = declare(str(name), spec, file, line)
        rights = data.get("rights") or LineDict()
        right_specs.extend(
            (str(name), spec, file, rights.line_of(name)) for name, spec in rights.items()
        )
    rules = RuleSet.__new__(RuleSet)
    rules.variables, rules.parameters = variables, parameters
    for variable in variables.values():
        variable.formulas = [
            (start, compile_formula(body, rules, variable.file, line, variable.entity))
            for start, body, line in variable.raw_formulas
        ]
        for _, formula in variable.formulas:
            _check_result_kind(variable, formula)
    rights_by_name = {
        name: _read_right(name, spec, file, line, variables)
        for name, spec, file, line in right_specs
    }
    RuleSet.__init__(rules, variables, rights_by_name, parameters, root)
    return rules


def _check_result_kind(variable: Variable, formula: Formula) -> None:
    from .variables import ExpressionFormula

    if isinstance(formula, ExpressionFormula):
        kind = formula.expr.kind
        if (variable.kind == "bool") != (kind == "bool"):
            raise RuleSyntaxError(
                f"variable {variable.name!r} is {variable.value_type} but its formula gives {kind}",
                variable.file,
                formula.line,
            )
    elif variable.kind != "bool":
        raise RuleSyntaxError(
            f"variable {variable.name!r}: all/any conditions give true/false",
            variable.file,
            formula.line,
        )
