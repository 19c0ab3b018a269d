"""Variables, their formulas by start date, and condition trees.

A formula is either an expression string or a condition tree
(``all:``/``any:`` lists of conditions, each with a Dutch ``label``) whose every
node result is kept, so an explanation can say which conditions held or failed.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .entities import ENTITIES
from .errors import RuleSyntaxError
from .expressions import BOOL, ENUM, NUMBER, Compiler, Expr, Scope, VariableInfo, VarRef, kleene
from .periods import INPUT_PERIODS, ON_DATE
from .values import Frame, Tri
from .yamlsource import LineDict

VALUE_TYPES = ("bool", "int", "float", "amount", "enum")
PERIODS = ("month", "year")
_DTYPES: dict[str, type[np.generic]] = {
    "bool": np.bool_,
    "int": np.int64,
    "float": np.float64,
    "amount": np.float64,
    "enum": np.int16,
}
_ids = itertools.count(1)


class Formula:
    """Base of expression formulas and condition nodes."""

    id: int
    line: int
    label: str | None = None
    reference: str | None = None

    def evaluate(self, frame: Frame) -> Tri:
        raise NotImplementedError

    def expressions(self) -> Iterator[Expr]:
        raise NotImplementedError

    def variables(self) -> set[str]:
        return {name for expr in self.expressions() for name in expr.variables()}

    def parameters(self) -> set[str]:
        return {name for expr in self.expressions() for name in expr.parameters()}


class ExpressionFormula(Formula):
    def __init__(
        self, expr: Expr, line: int, label: str | None = None, reference: str | None = None
    ):
        self.id, self.expr, self.line = next(_ids), expr, line
        self.label, self.reference = label, reference

    def evaluate(self, frame: Frame) -> Tri:
        result = self.expr.evaluate(frame)
        frame.nodes[self.id] = result
        return result

    def expressions(self) -> Iterator[Expr]:
        yield self.expr

    @property
    def bare_variable(self) -> str | None:
        """Name of the variable if the expression is just a reference to it."""
        return self.expr.name if isinstance(self.expr, VarRef) else None


class Condition(Formula):
    """``all`` (conjunction) or ``any`` (disjunction) of conditions."""

    def __init__(
        self,
        conjunction: bool,
        children: list[Formula],
        line: int,
        label: str | None,
        reference: str | None,
    ):
        self.id, self.conjunction, self.children, self.line = (
            next(_ids),
            conjunction,
            children,
            line,
        )
        self.label, self.reference = label, reference

    def evaluate(self, frame: Frame) -> Tri:
        result = kleene([child.evaluate(frame) for child in self.children], self.conjunction)
        frame.nodes[self.id] = result
        return result

    def expressions(self) -> Iterator[Expr]:
        for child in self.children:
            yield from child.expressions()


@dataclass
class Variable:
    name: str
    entity: str
    period: str
    value_type: str
    label: str
    file: str
    line: int
    description: str = ""
    reference: str | None = None
    question: str | None = None
    unit: str | None = None
    enum_values: tuple[str, ...] = ()
    enum_labels: dict[str, str] = field(default_factory=dict)
    default: Any = None
    is_input: bool = False
    builtin: bool = False
    #: for an input: the period its value is taken over (`periods.period_range`)
    input_period: str = ON_DATE
    formulas: list[tuple[dt.date, Formula]] = field(default_factory=list)
    raw_formulas: list[tuple[dt.date, Any, int]] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return {"bool": BOOL, "enum": ENUM}.get(self.value_type, NUMBER)

    @property
    def dtype(self) -> type[np.generic]:
        return _DTYPES[self.value_type]

    @property
    def info(self) -> VariableInfo:
        return VariableInfo(self.name, self.entity, self.kind, self.enum_values)

    def formula_at(self, date: dt.date) -> Formula | None:
        if len(self.formulas) == 1:
            start, only = self.formulas[0]
            return only if start <= date else None
        starts = [start for start, _ in self.formulas]
        pos = bisect.bisect_right(starts, date) - 1
        return self.formulas[pos][1] if pos >= 0 else None

    def dependencies(self) -> set[str]:
        return {name for _, formula in self.formulas for name in formula.variables()}

    def encode(self, value: Any) -> Any:
        """Python value → stored value (enum names become codes)."""
        if self.value_type == "enum":
            if value not in self.enum_values:
                raise ValueError(f"{value!r} is not one of {list(self.enum_values)}")
            return self.enum_values.index(value)
        if self.value_type == "bool":
            if not isinstance(value, bool | np.bool_):
                raise ValueError(f"{value!r} is not true/false")
            return bool(value)
        if isinstance(value, bool) or not isinstance(value, int | float | np.number):
            raise ValueError(f"{value!r} is not a number")
        return value


def _date_key(key: Any, file: str, line: int) -> dt.date:
    if isinstance(key, dt.date):
        return key
    try:
        return dt.date.fromisoformat(str(key))
    except ValueError as exc:
        raise RuleSyntaxError(f"formula start {key!r} is not a date", file, line) from exc


def declare(name: str, spec: Any, file: str, line: int) -> Variable:
    """Read one variable declaration (formulas are compiled later)."""
    if not isinstance(spec, LineDict):
        raise RuleSyntaxError(f"variable {name!r} must be a mapping", file, line)
    known_keys = {
        "entity", "period", "type", "label", "description", "reference", "question", "unit",
        "values", "default", "input", "formula", "formulas", "input_period",
    }  # fmt: skip
    for key in spec:
        if key not in known_keys:
            raise RuleSyntaxError(
                f"variable {name!r}: unknown key {key!r}", file, spec.line_of(key)
            )
    entity = spec.get("entity")
    if entity not in ENTITIES:
        raise RuleSyntaxError(
            f"variable {name!r}: entity must be one of {list(ENTITIES)}",
            file,
            spec.line_of("entity"),
        )
    period = spec.get("period", "month")
    if period not in PERIODS:
        raise RuleSyntaxError(f"variable {name!r}: period must be month or year", file, line)
    value_type = spec.get("type")
    if value_type not in VALUE_TYPES:
        raise RuleSyntaxError(
            f"variable {name!r}: type must be one of {list(VALUE_TYPES)}",
            file,
            spec.line_of("type"),
        )
    label = spec.get("label")
    if not label:
        raise RuleSyntaxError(f"variable {name!r}: a Dutch label is required", file, line)
    variable = Variable(
        name=name,
        entity=entity,
        period=period,
        value_type=value_type,
        label=str(label),
        file=file,
        line=line,
        description=str(spec.get("description") or ""),
        reference=spec.get("reference"),
        question=spec.get("question"),
        unit=spec.get("unit") or ("EUR" if value_type == "amount" else None),
        is_input=bool(spec.get("input", False)),
    )
    if value_type == "enum":
        values = spec.get("values")
        if not isinstance(values, dict) or not values:
            raise RuleSyntaxError(
                f"variable {name!r}: an enum needs values: {{code: Dutch label}}", file, line
            )
        variable.enum_values = tuple(str(v) for v in values)
        variable.enum_labels = {str(k): str(v) for k, v in values.items()}
    default = spec.get("default", _natural_default(variable))
    try:
        variable.default = variable.encode(default)
    except ValueError as exc:
        raise RuleSyntaxError(f"variable {name!r}: default {exc}", file, line) from exc
    has_formula = "formula" in spec or "formulas" in spec
    if "input_period" in spec:
        if not variable.is_input or spec["input_period"] not in INPUT_PERIODS:
            raise RuleSyntaxError(
                f"variable {name!r}: input_period is for inputs, one of {list(INPUT_PERIODS)}",
                file,
                spec.line_of("input_period"),
            )
        variable.input_period = str(spec["input_period"])
    if variable.is_input:
        if has_formula:
            raise RuleSyntaxError(f"input variable {name!r} cannot have a formula", file, line)
        if not variable.question:
            raise RuleSyntaxError(
                f"input variable {name!r} needs a Dutch question for the questionnaire", file, line
            )
    elif not has_formula:
        raise RuleSyntaxError(
            f"variable {name!r} has no formula (or mark it input: true)", file, line
        )
    if "formula" in spec:
        variable.raw_formulas.append((dt.date.min, spec["formula"], spec.line_of("formula")))
    formulas = spec.get("formulas", LineDict())
    if not isinstance(formulas, LineDict):
        raise RuleSyntaxError(f"variable {name!r}: formulas must map dates to formulas", file, line)
    for key, body in formulas.items():
        key_line = formulas.line_of(key)
        variable.raw_formulas.append((_date_key(key, file, key_line), body, key_line))
    variable.raw_formulas.sort(key=lambda item: item[0])
    return variable


def _natural_default(variable: Variable) -> Any:
    if variable.value_type == "bool":
        return False
    if variable.value_type == "enum":
        return variable.enum_values[0]
    return 0


def compile_formula(body: Any, scope: Scope, file: str, line: int, entity: str) -> Formula:
    """Compile an expression string or a condition tree."""
    if isinstance(body, str):
        expr = Compiler(scope, file, line).compile(body)
        _check_entity(expr, entity, file, line)
        return ExpressionFormula(expr, line)
    if isinstance(body, LineDict):
        line = body.line
        label = body.get("label")
        reference = body.get("reference")
        keys = set(body) - {"label", "reference"}
        if keys == {"if"}:
            expr = Compiler(scope, file, body.line_of("if")).compile(str(body["if"]))
            _check_entity(expr, entity, file, line)
            return ExpressionFormula(expr, body.line_of("if"), label, reference)
        if keys in ({"all"}, {"any"}):
            (key,) = keys
            items = body[key]
            if not isinstance(items, list) or not items:
                raise RuleSyntaxError(f"{key}: needs a non-empty list", file, line)
            children = [
                compile_formula(item, scope, file, getattr(item, "line", line), entity)
                for item in items
            ]
            for child in children:
                if not _is_boolean(child):
                    raise RuleSyntaxError("conditions must be true/false", file, child.line)
            return Condition(key == "all", children, line, label, reference)
    if isinstance(body, bool | int | float):
        return compile_formula(str(body), scope, file, line, entity)
    raise RuleSyntaxError(
        "a formula is an expression, {if: ..., label: ...}, {all: [...]} or {any: [...]}",
        file,
        line,
    )


def _is_boolean(formula: Formula) -> bool:
    return not isinstance(formula, ExpressionFormula) or formula.expr.kind == BOOL


def _check_entity(expr: Expr, entity: str, file: str, line: int) -> None:
    from .errors import EntityMismatchError

    if expr.entity is not None and expr.entity != entity:
        raise EntityMismatchError(
            f"formula gives a {expr.entity} value for a {entity} variable", file, line
        )
