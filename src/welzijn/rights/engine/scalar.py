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

import bisect
import datetime as dt
import math
from collections.abc import Callable
from typing import Any

import numpy as np

from .entities import PERSON, ROLE_VARIABLE
from .errors import RuleError
from .expressions import (
    Aggregate,
    Binary,
    BoolOp,
    Const,
    Elementwise,
    Expr,
    IsIn,
    Not,
    ParamRef,
    Table,
    ToMembers,
    VarRef,
    Where,
    _max,
    _min,
    _round2,
)
from .parameters import ParameterTree
from .variables import Condition, ExpressionFormula, Formula, Variable

#: ``values`` maps a variable name to a scalar (household) or a list (person).
Values = dict[str, Any]
Nodes = dict[int, list[Any]]
ExprFn = Callable[[Values, int], Any]

_INF = math.inf
_NAN = math.nan


# -- scalar helpers (numpy semantics) ---------------------------------------------------


def round_cents_scalar(value: Any) -> float:
    """`expressions.round_cents` for one number, bit for bit."""
    v = float(value)
    a = abs(v) * 100.0 + 0.5 + 1e-7
    floored = float(math.floor(a)) if a != _INF and a == a else a
    sign = 1.0 if v > 0 else (-1.0 if v < 0 else (0.0 if v == 0 else v))
    return sign * floored / 100.0


def _div(a: Any, b: Any) -> Any:
    try:
        return a / b
    except ZeroDivisionError:
        a = float(a)
        if a == 0 or a != a:
            return _NAN
        return math.copysign(_INF, a) * math.copysign(1.0, float(b))


def _num(value: Any) -> Any:
    """numpy's ``_numeric``: booleans count as 0/1 in arithmetic."""
    return int(value) if value is True or value is False else value


def _max_scalar(args: list[Any]) -> Any:
    best = args[0]
    for item in args[1:]:
        if item != item:
            return item
        if best == best and item > best:
            best = item
    return best


def _min_scalar(args: list[Any]) -> Any:
    best = args[0]
    for item in args[1:]:
        if item != item:
            return item
        if best == best and item < best:
            best = item
    return best


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
        fn = self._expr(expr)
        if isinstance(expr, Binary | Elementwise):
            kind, value = self.operand(expr)
            if kind == _CONST:  # known on this date: computed once
                return lambda values, row: value
        return fn

    def _expr(self, expr: Expr) -> ExprFn:
        if isinstance(expr, Const):
            const = expr.value.item()
            return lambda values, row: const
        if isinstance(expr, VarRef):
            name = expr.name
            if expr.entity == PERSON:
                return lambda values, row: values[name][row]
            return lambda values, row: values[name]
        if isinstance(expr, ParamRef):
            value = self.param(expr.name)
            if isinstance(value, dict):
                self.errors.append(
                    TypeError(f"parameter {expr.name} is a table; use table(p.{expr.name}, n)")
                )
            return lambda values, row: value
        if isinstance(expr, Binary):
            return self.binary(expr)
        if isinstance(expr, IsIn):
            operand = self.expr(expr.operand)
            codes = frozenset(int(c) for c in expr.codes.tolist())
            negate = expr.negate

            kind, name = self.operand(expr.operand)
            if kind == _PERSON_VAR:

                def person_is_in(values: Values, row: int) -> Any:
                    a = values[name][row]
                    if a is None:
                        return None
                    return (a not in codes) if negate else (a in codes)

                return person_is_in

            def is_in(values: Values, row: int) -> Any:
                a = operand(values, row)
                if a is None:
                    return None
                return (a not in codes) if negate else (a in codes)

            return is_in
        if isinstance(expr, Not):
            operand = self.expr(expr.operand)

            def negation(values: Values, row: int) -> Any:
                a = operand(values, row)
                return None if a is None else not a

            return negation
        if isinstance(expr, BoolOp):
            items = [self.expr(item) for item in expr.items]
            conjunction = expr.conjunction

            def bool_op(values: Values, row: int) -> Any:
                return kleene_scalar([item(values, row) for item in items], conjunction)

            return bool_op
        if isinstance(expr, Aggregate):
            return self.aggregate(expr)
        if isinstance(expr, ToMembers):
            return self.expr(expr.operand)  # a household value: the row does not matter
        if isinstance(expr, Elementwise):
            return self.elementwise(expr)
        if isinstance(expr, Where):
            return self.where(expr)
        if isinstance(expr, Table):
            return self.table(expr)
        raise TypeError(f"no scalar form for {type(expr).__name__}")

    def binary(self, expr: Binary) -> ExprFn:
        left, right = self.expr(expr.left), self.expr(expr.right)
        op = _BINARY_OPS.get(expr.func)
        if op is None:
            raise TypeError(f"no scalar form for {expr.func!r}")
        lk, lv = self.operand(expr.left)
        rk, rv = self.operand(expr.right)
        if lk == _CONST and rk == _CONST:
            folded = op(lv, rv)  # both known on this date: computed once
            return lambda values, row: folded
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
        if isinstance(expr, Elementwise) and expr.func is _round2:
            kind, value = self.operand(expr.args[0])
            if kind == _CONST and value is not None:
                return _CONST, round_cents_scalar(value)
        if isinstance(expr, Binary):
            kind_left, left = self.operand(expr.left)
            kind_right, right = self.operand(expr.right)
            if kind_left == _CONST and kind_right == _CONST:
                return _CONST, _BINARY_OPS[expr.func](left, right)
        if isinstance(expr, VarRef):
            return (_PERSON_VAR if expr.entity == PERSON else _HOUSEHOLD_VAR), expr.name
        return _FUNCTION, None

    def _known(self, expr: ParamRef) -> bool:
        try:
            self.parameters.at(expr.name, self.date)
        except RuleError:
            return False
        return True

    def aggregate(self, expr: Aggregate) -> ExprFn:
        how = expr.how
        operand = None if expr.operand is None else self.expr(expr.operand)
        condition = None if expr.condition is None else self.expr(expr.condition)

        if how in ("any", "all"):
            assert operand is not None
            look_for = how == "any"

            def any_all(values: Values, row: int) -> Any:
                unknown = False
                for i in range(len(values[ROLE_VARIABLE])):
                    x = operand(values, i)
                    if x is None:
                        unknown = True
                    elif bool(x) is look_for:
                        return look_for
                return None if unknown else not look_for

            return any_all
        if how == "count":
            if condition is None:
                return lambda values, row: len(values[ROLE_VARIABLE])
            cond = condition

            def count(values: Values, row: int) -> Any:
                total = 0.0
                unknown = False
                for i in range(len(values[ROLE_VARIABLE])):
                    c = cond(values, i)
                    if c is None:
                        unknown = True
                    elif not unknown:
                        total += float(c)
                return None if unknown else round(total)

            return count
        assert operand is not None
        x_fn = operand

        def total_of(values: Values, row: int) -> Any:
            total = 0.0
            for i in range(len(values[ROLE_VARIABLE])):
                x = x_fn(values, i)
                if x is None:
                    return None
                weight = float(x)
                if condition is not None:
                    c = condition(values, i)
                    if c is None:
                        return None
                    weight = weight * c
                total += weight
            return total

        return total_of

    def elementwise(self, expr: Elementwise) -> ExprFn:
        args = [self.expr(arg) for arg in expr.args]
        if expr.func is _round2:
            (only,) = args

            def round2(values: Values, row: int) -> Any:
                a = only(values, row)
                return None if a is None else round_cents_scalar(a)

            return round2
        if expr.func is _max:
            reduce = _max_scalar
        elif expr.func is _min:
            reduce = _min_scalar
        else:
            raise TypeError(f"no scalar form for {expr.func!r}")

        def extreme(values: Values, row: int) -> Any:
            parts = []
            for arg in args:
                a = arg(values, row)
                if a is None:
                    return None
                parts.append(_num(a))
            return reduce(parts)

        return extreme

    def where(self, expr: Where) -> ExprFn:
        cond, then, other = self.expr(expr.cond), self.expr(expr.then), self.expr(expr.other)

        def where(values: Values, row: int) -> Any:
            c = cond(values, row)
            if c is None:
                return None
            return then(values, row) if c else other(values, row)

        return where

    def table(self, expr: Table) -> ExprFn:
        table = self.param(expr.param)
        operand = self.expr(expr.operand)
        if table is not None and not isinstance(table, dict):
            self.errors.append(TypeError(f"parameter {expr.param} is not a table"))
        if not isinstance(table, dict) or not table:
            return lambda values, row: None
        keys = [float(k) for k in sorted(table)]
        amounts = [float(table[k]) for k in sorted(table)]
        last = len(keys) - 1

        def lookup(values: Values, row: int) -> Any:
            a = operand(values, row)
            if a is None:
                return None
            pos = bisect.bisect_right(keys, a) - 1
            return amounts[0 if pos < 0 else (last if pos > last else pos)]

        return lookup

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


def _add(a: Any, b: Any) -> Any:
    return _num(a) + _num(b)


def _sub(a: Any, b: Any) -> Any:
    return _num(a) - _num(b)


def _mul(a: Any, b: Any) -> Any:
    return _num(a) * _num(b)


def _truediv(a: Any, b: Any) -> Any:
    return _div(_num(a), _num(b))


def _eq(a: Any, b: Any) -> Any:
    return a == b


def _ne(a: Any, b: Any) -> Any:
    return a != b


def _lt(a: Any, b: Any) -> Any:
    return a < b


def _le(a: Any, b: Any) -> Any:
    return a <= b


def _gt(a: Any, b: Any) -> Any:
    return a > b


def _ge(a: Any, b: Any) -> Any:
    return a >= b


_BINARY_OPS: dict[Any, Callable[[Any, Any], Any]] = {
    np.add: _add,
    np.subtract: _sub,
    np.multiply: _mul,
    np.true_divide: _truediv,
    np.equal: _eq,
    np.not_equal: _ne,
    np.less: _lt,
    np.less_equal: _le,
    np.greater: _gt,
    np.greater_equal: _ge,
}
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
