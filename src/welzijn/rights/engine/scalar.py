"""Scalar evaluation of one household: the formulas compiled to plain-Python closures.

For a handful of rows numpy costs more in call overhead than in arithmetic, so the
one-household fast path (`evaluate_household`) does not build arrays at all. Per
(date, targets) a `ScalarPlan` compiles every formula in force to closures over
Python scalars, with the parameters of that date folded in as constants.

Semantics are those of the vectorised path (`expressions`), value for value:

* a value is a Python scalar, or ``None`` when unknown; an unknown value never
  decides a known result there either (Kleene logic for ``and``/``or``/``all``/``any``,
  every other operation is unknown as soon as one operand is), so nothing is lost;
* a person variable is a list (one entry per person), a household one a scalar;
  person expressions are evaluated per person row, aggregations loop over the rows;
* ``/`` by zero gives ``inf``/``nan`` as numpy does, ``max``/``min`` propagate ``nan``,
  stored values are cast like ``astype`` (int truncates), amounts are rounded to
  cents at the boundary with the same formula as `round_cents`;
* a parameter missing on the date (or a table used as a number) raises the same
  error as the vectorised evaluation would, when the plan is evaluated.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from .entities import PERSON, ROLE_VARIABLE
from .errors import RuleError
from .expressions import Aggregate, Apply, Const, Expr, ParamRef, ToMembers, VarRef
from .operators import KLEENE, SELECT
from .operators import round_cents_scalar as round_cents_scalar
from .parameters import ParameterTree
from .variables import Condition, ExpressionFormula, Formula, Variable

#: ``values`` maps a variable name to a scalar (household) or a list (person).
Values = dict[str, Any]
Nodes = dict[int, list[Any]]
ExprFn = Callable[[Values, int], Any]


# -- scalar helpers (numpy semantics) ---------------------------------------------------


def _num(value: Any) -> Any:
    """numpy's ``_numeric``: booleans count as 0/1 in arithmetic."""
    return int(value) if value is True or value is False else value


def kleene_scalar(items: list[Any], conjunction: bool) -> Any:
    """Three-valued ``and``/``or`` of Python values (``None`` = unknown)."""
    unknown = False
    if conjunction:
        for item in items:
            if item is None:
                unknown = True
            elif not item:
                return False
        return None if unknown else True
    for item in items:
        if item is None:
            unknown = True
        elif item:
            return True
    return None if unknown else False


def caster(variable: Variable) -> Callable[[Any], Any]:
    """Python counterpart of ``astype(variable.dtype)`` for one value."""
    if variable.value_type == "bool":
        return bool
    if variable.value_type in ("int", "enum"):
        return int
    return float


# -- compiling expressions ----------------------------------------------------------------


class _Compiler:
    """Compiles expressions and formulas of one date; collects parameter errors in
    evaluation order (the first one is raised when the plan is evaluated)."""

    def __init__(self, parameters: ParameterTree, date: dt.date):
        self.parameters, self.date = parameters, date
        self.errors: list[Exception] = []

    def param(self, name: str) -> Any:
        try:
            return self.parameters.at(name, self.date).value
        except RuleError as exc:
            self.errors.append(exc)
            return None

    def expr(self, expr: Expr) -> ExprFn:
        kind, value = self.operand(expr)
        if kind == _CONST:  # known on this date: computed once
            return lambda values, row: value
        if isinstance(expr, VarRef):
            name = expr.name
            if expr.entity == PERSON:
                return lambda values, row: values[name][row]
            return lambda values, row: values[name]
        if isinstance(expr, ParamRef):  # missing on the date, or a table
            value = self.param(expr.name)
            if isinstance(value, dict):
                self.errors.append(
                    TypeError(f"parameter {expr.name} is a table; use table(p.{expr.name}, n)")
                )
            return lambda values, row: value
        if isinstance(expr, Apply):
            if expr.op.unknown == KLEENE:
                return self.kleene(expr)
            if expr.op.unknown == SELECT:
                return self.select(expr)
            return self.strict(expr)
        if isinstance(expr, Aggregate):
            return self.aggregate(expr)
        if isinstance(expr, ToMembers):
            return self.expr(expr.operand)  # a household value: the row does not matter
        raise TypeError(f"no scalar form for {type(expr).__name__}")

    def static(self, expr: Apply) -> tuple[bool, Any]:
        """(ready, the static argument in Python form); not ready when its parameter has
        no value on the date (the error is recorded)."""
        if expr.op.static is None:
            return True, None
        if expr.param:
            value = self.param(expr.param)
            if value is None:
                return False, None
            if not isinstance(value, dict):
                self.errors.append(TypeError(f"parameter {expr.param} is not a table"))
                return False, None
            if not value:
                return False, None
        return True, expr.static_value(lambda name: self.param(name), True)

    def strict(self, expr: Apply) -> ExprFn:
        """An operator that is unknown as soon as one operand is."""
        ready, static = self.static(expr)
        if not ready:
            return lambda values, row: None
        fn = expr.op.python
        if expr.op.static is not None:
            fn = functools.partial(fn, static)
        kinds = [self.operand(arg) for arg in expr.args]
        if len(kinds) == 1:
            return self.unary(fn, expr.args[0], kinds[0])
        if len(kinds) == 2:
            return self.binary(fn, expr.args, kinds)
        args = [self.expr(arg) for arg in expr.args]
        numeric = expr.op.numeric

        def apply(values: Values, row: int) -> Any:
            parts = []
            for arg in args:
                a = arg(values, row)
                if a is None:
                    return None
                parts.append(_num(a) if numeric else a)
            return fn(*parts)

        return apply

    def unary(self, fn: Callable[..., Any], arg: Expr, kind: tuple[int, Any]) -> ExprFn:
        if kind[0] == _PERSON_VAR:
            name = kind[1]

            def person_var(values: Values, row: int) -> Any:
                a = values[name][row]
                return None if a is None else fn(a)

            return person_var
        operand = self.expr(arg)

        def unary(values: Values, row: int) -> Any:
            a = operand(values, row)
            return None if a is None else fn(a)

        return unary

    def binary(
        self, op: Callable[[Any, Any], Any], args: list[Expr], kinds: list[tuple[int, Any]]
    ) -> ExprFn:
        left, right = self.expr(args[0]), self.expr(args[1])
        (lk, lv), (rk, rv) = kinds
        if rk == _CONST:
            if lk == _PERSON_VAR:

                def person_var_const(values: Values, row: int) -> Any:
                    a = values[lv][row]
                    return None if a is None else op(a, rv)

                return person_var_const
            if lk == _HOUSEHOLD_VAR:

                def household_var_const(values: Values, row: int) -> Any:
                    a = values[lv]
                    return None if a is None else op(a, rv)

                return household_var_const

            def fn_const(values: Values, row: int) -> Any:
                a = left(values, row)
                return None if a is None else op(a, rv)

            return fn_const
        if lk == _CONST:

            def const_fn(values: Values, row: int) -> Any:
                b = right(values, row)
                return None if b is None else op(lv, b)

            return const_fn
        if lk == _PERSON_VAR and rk == _PERSON_VAR:

            def person_vars(values: Values, row: int) -> Any:
                a = values[lv][row]
                if a is None:
                    return None
                b = values[rv][row]
                return None if b is None else op(a, b)

            return person_vars

        def binary(values: Values, row: int) -> Any:
            a = left(values, row)
            if a is None:
                return None
            b = right(values, row)
            if b is None:
                return None
            return op(a, b)

        return binary

    def operand(self, expr: Expr) -> tuple[int, Any]:
        """How an operand is read: a constant of this date (with its value), a variable
        (with its name), or through its closure."""
        if isinstance(expr, Const):
            return _CONST, expr.value.item()
        if isinstance(expr, ParamRef):
            value = self.parameters.at(expr.name, self.date).value if self._known(expr) else None
            if value is not None and not isinstance(value, dict):
                return _CONST, value
        if isinstance(expr, Apply) and expr.op.unknown not in (KLEENE, SELECT):
            folded = [self.operand(arg) for arg in expr.args]
            if all(kind == _CONST for kind, _ in folded) and (
                not expr.param or self._known_name(expr.param)
            ):
                fn = expr.op.python
                parts = [_num(v) if expr.op.numeric else v for _, v in folded]
                if expr.op.static is not None:
                    parts.insert(0, expr.static_value(self._value, True))
                return _CONST, fn(*parts)
        if isinstance(expr, VarRef):
            return (_PERSON_VAR if expr.entity == PERSON else _HOUSEHOLD_VAR), expr.name
        return _FUNCTION, None

    def _value(self, name: str) -> Any:
        return self.parameters.at(name, self.date).value

    def _known(self, expr: ParamRef) -> bool:
        return self._known_name(expr.name)

    def _known_name(self, name: str) -> bool:
        try:
            self.parameters.at(name, self.date)
        except RuleError:
            return False
        return True

    def kleene(self, expr: Apply) -> ExprFn:
        items = [self.expr(item) for item in expr.args]
        conjunction = expr.op.conjunction

        def bool_op(values: Values, row: int) -> Any:
            return kleene_scalar([item(values, row) for item in items], conjunction)

        return bool_op

    def select(self, expr: Apply) -> ExprFn:
        cond, then, other = (self.expr(arg) for arg in expr.args)

        def where(values: Values, row: int) -> Any:
            c = cond(values, row)
            if c is None:
                return None
            return then(values, row) if c else other(values, row)

        return where

    def aggregate(self, expr: Aggregate) -> ExprFn:
        reduction = expr.reduction
        args = [self.expr(arg) for arg in expr.args]
        if reduction.decides is not None:
            (operand,) = args
            decides = reduction.decides
            decided = reduction.decided_value

            def kleene_members(values: Values, row: int) -> Any:
                unknown = False
                for i in range(len(values[ROLE_VARIABLE])):
                    x = operand(values, i)
                    if x is None:
                        unknown = True
                    elif decides(x):
                        return decided
                return None if unknown else not decided

            return kleene_members
        weight = reduction.weight
        assert weight is not None
        whole = reduction.whole
        if not args:
            each = float(weight())
            if whole:
                return lambda values, row: round(each * len(values[ROLE_VARIABLE]))
            return lambda values, row: each * len(values[ROLE_VARIABLE])

        def strict_members(values: Values, row: int) -> Any:
            total = 0.0
            for i in range(len(values[ROLE_VARIABLE])):
                parts = []
                for arg in args:
                    a = arg(values, i)
                    if a is None:
                        return None
                    parts.append(a)
                total += float(weight(*parts))
            return round(total) if whole else total

        return strict_members

    def formula(self, formula: Formula) -> tuple[Any, int | None]:
        """``(fn, fid)``: an expression closure and the node id to record its results
        under, or ``(fn, None)`` for a condition closure that records its own."""
        if isinstance(formula, ExpressionFormula):
            return self.expr(formula.expr), formula.id
        assert isinstance(formula, Condition)
        fid = formula.id
        parts = [self.formula(child) for child in formula.children]
        conjunction = formula.conjunction

        def condition(values: Values, nodes: Nodes, row: int) -> Any:
            results = []
            for fn, part_id in parts:
                if part_id is None:
                    results.append(fn(values, nodes, row))
                else:
                    result = fn(values, row)
                    nodes[part_id].append(result)
                    results.append(result)
            result = kleene_scalar(results, conjunction)
            nodes[fid].append(result)
            return result

        return condition, None


_CONST, _PERSON_VAR, _HOUSEHOLD_VAR, _FUNCTION = 0, 1, 2, 3


def _formula_ids(formula: Formula) -> list[int]:
    out = [formula.id]
    if isinstance(formula, Condition):
        for child in formula.children:
            out.extend(_formula_ids(child))
    return out


ENCODE_NUMBER, ENCODE_BOOL, ENCODE_ENUM = 0, 1, 2


class ScalarPlan:
    """The compiled steps of one (date, targets): inputs to read, formulas to run."""

    def __init__(
        self,
        date: dt.date,
        plan: tuple[tuple[Variable, Formula | None], ...],
        parameters: ParameterTree,
        all_inputs: list[Variable],
    ):
        self.date = date
        #: every input variable of the rule set (not built-ins), and those the plan reads
        self.all_inputs = all_inputs
        self.inputs: list[Variable] = [v for v, _ in plan if v.is_input and not v.builtin]
        self.input_names = frozenset(v.name for v in self.inputs)
        self.household_input_names = frozenset(v.name for v in all_inputs if v.entity != PERSON)
        #: name → (variable, fast kind, cast, enum codes) to encode given values
        self.encoders: dict[str, tuple[Variable, int, Callable[[Any], Any], dict[str, int]]] = {
            v.name: (
                v,
                ENCODE_BOOL
                if v.value_type == "bool"
                else (ENCODE_ENUM if v.value_type == "enum" else ENCODE_NUMBER),
                caster(v),
                {name: code for code, name in reversed(list(enumerate(v.enum_values)))},
            )
            for v in all_inputs
        }
        #: (name, is_person, closure or None, node id (see `_Compiler.formula`), cast, default)
        self.steps: list[tuple[str, bool, Any, int | None, Callable[[Any], Any], Any]] = []
        self.formulas: dict[str, Formula | None] = {}
        node_ids: list[int] = []
        compiler = _Compiler(parameters, date)
        for variable, formula in plan:
            self.formulas[variable.name] = formula
            if variable.is_input:
                continue
            cast = caster(variable)
            compiled, fid = None, None
            if formula is not None:
                compiled, fid = compiler.formula(formula)
                node_ids.extend(_formula_ids(formula))
            self.steps.append(
                (
                    variable.name,
                    variable.entity == PERSON,
                    compiled,
                    fid,
                    cast,
                    cast(variable.default),
                )
            )
        self.node_ids = tuple(node_ids)
        #: node ids of person formulas (the others are of the household)
        self.person_node_ids = frozenset(
            fid
            for variable, formula in plan
            if formula is not None and variable.entity == PERSON and not variable.is_input
            for fid in _formula_ids(formula)
        )
        #: parameter facts of the date for explanations, filled on first use
        self.parameter_facts: dict[str, Any] = {}
        #: static parts of explanation nodes, by (formula id, amount mode)
        self.explanation_statics: dict[tuple[int, bool], Any] = {}
        #: per amount mode: variable name → closure building its explanation node
        self.explanation_nodes: dict[bool, dict[str, Any]] = {False: {}, True: {}}
        #: frozen facts shared by households with the same value (bounded)
        self.fact_cache: dict[tuple[str, Any, str | None], Any] = {}
        self.error: Exception | None = compiler.errors[0] if compiler.errors else None

    def run(self, values: Values, n_persons: int) -> Nodes:
        """Compute every step into ``values``; returns the condition-node results."""
        if self.error is not None:
            raise self.error
        nodes: Nodes = {fid: [] for fid in self.node_ids}
        rows = range(n_persons)
        for name, is_person, compiled, fid, cast, default in self.steps:
            if compiled is None:
                values[name] = [default] * n_persons if is_person else default
                continue
            if fid is None:  # a condition tree: records its nodes itself
                if is_person:
                    out = []
                    for row in rows:
                        result = compiled(values, nodes, row)
                        out.append(None if result is None else cast(result))
                    values[name] = out
                else:
                    result = compiled(values, nodes, 0)
                    values[name] = None if result is None else cast(result)
                continue
            recorded = nodes[fid]
            if is_person:
                out = []
                for row in rows:
                    result = compiled(values, row)
                    recorded.append(result)
                    out.append(None if result is None else cast(result))
                values[name] = out
            else:
                result = compiled(values, 0)
                recorded.append(result)
                values[name] = None if result is None else cast(result)
        return nodes
