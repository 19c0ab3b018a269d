"""A small, safe expression language for formulas, compiled once to numpy closures.

Syntax is a subset of Python, parsed with `ast` (never `eval`):

* names of variables; ``p.a.b`` for the parameter ``a.b``;
* numbers, ``True``/``False``, strings only to compare with an enum
  (``verblijfsstatus in ['belg', 'eu_burger']``, ``rol == 'kind'``);
* ``+ - * /``, comparisons, ``and or not``;
* functions: ``sum_members(x[, cond])``, ``count_members([cond])``,
  ``any_member(cond)``, ``all_member(cond)`` (person → household),
  ``household(x)`` (household → each member), ``max(a, b, ...)``, ``min(...)``,
  ``where(cond, a, b)``, ``round2(x)`` (to cents), ``table(p.x, n)`` (step table).

Entities are checked at compile time: a person value never meets a household value
without an aggregation.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from .entities import HOUSEHOLD, PERSON
from .errors import (
    EntityMismatchError,
    RuleSyntaxError,
    UnknownParameterError,
    UnknownVariableError,
)
from .values import Array, Frame, Tri, known_all, known_both

BOOL, NUMBER, ENUM = "bool", "number", "enum"
_TRUE = np.True_


@dataclass(frozen=True)
class VariableInfo:
    name: str
    entity: str
    kind: str
    enum_values: tuple[str, ...] = ()


class Scope(Protocol):
    def variable(self, name: str) -> VariableInfo | None: ...

    def has_parameter(self, name: str) -> bool: ...


class Expr:
    """A compiled expression node."""

    entity: str | None = None
    kind: str = NUMBER
    enum_values: tuple[str, ...] = ()
    text: str = ""

    def evaluate(self, frame: Frame) -> Tri:
        raise NotImplementedError

    def children(self) -> tuple[Expr, ...]:
        return ()

    def variables(self) -> Iterator[str]:
        for child in self.children():
            yield from child.variables()

    def parameters(self) -> Iterator[str]:
        for child in self.children():
            yield from child.parameters()

    _variable_order: tuple[str, ...] | None = None
    _parameter_order: tuple[str, ...] | None = None

    def variable_order(self) -> tuple[str, ...]:
        """Variables read, once each, in order of appearance (computed once)."""
        if self._variable_order is None:
            self._variable_order = tuple(dict.fromkeys(self.variables()))
        return self._variable_order

    def parameter_order(self) -> tuple[str, ...]:
        """Parameters read, once each, in order of appearance (computed once)."""
        if self._parameter_order is None:
            self._parameter_order = tuple(dict.fromkeys(self.parameters()))
        return self._parameter_order


class Const(Expr):
    def __init__(self, value: Any, kind: str):
        self.value = np.asarray(value)
        self.kind = kind

    def evaluate(self, frame: Frame) -> Tri:
        return Tri(self.value)


class VarRef(Expr):
    def __init__(self, info: VariableInfo):
        self.name = info.name
        self.entity = info.entity
        self.kind = info.kind
        self.enum_values = info.enum_values

    def evaluate(self, frame: Frame) -> Tri:
        return frame.values[self.name]

    def variables(self) -> Iterator[str]:
        yield self.name


class ParamRef(Expr):
    def __init__(self, name: str):
        self.name = name

    def evaluate(self, frame: Frame) -> Tri:
        value = frame.param(self.name).value
        if isinstance(value, dict):
            raise TypeError(f"parameter {self.name} is a table; use table(p.{self.name}, n)")
        return Tri(np.asarray(value, dtype=np.float64))

    def parameters(self) -> Iterator[str]:
        yield self.name


def _numeric(values: Array) -> Array:
    return values.astype(np.int64) if values.dtype == np.bool_ else values


_ARITH: dict[type[ast.operator], Callable[[Array, Array], Array]] = {
    ast.Add: np.add,
    ast.Sub: np.subtract,
    ast.Mult: np.multiply,
    ast.Div: np.true_divide,
}
_COMPARE: dict[type[ast.cmpop], Callable[[Array, Array], Array]] = {
    ast.Eq: np.equal,
    ast.NotEq: np.not_equal,
    ast.Lt: np.less,
    ast.LtE: np.less_equal,
    ast.Gt: np.greater,
    ast.GtE: np.greater_equal,
}


class Binary(Expr):
    def __init__(self, func: Callable[[Array, Array], Array], left: Expr, right: Expr, kind: str):
        self.func, self.left, self.right, self.kind = func, left, right, kind

    def children(self) -> tuple[Expr, ...]:
        return (self.left, self.right)

    def evaluate(self, frame: Frame) -> Tri:
        a, b = self.left.evaluate(frame), self.right.evaluate(frame)
        with np.errstate(divide="ignore", invalid="ignore"):
            values = self.func(_numeric(a.values), _numeric(b.values))
        return Tri(values, known_both(a.known, b.known))


class IsIn(Expr):
    def __init__(self, operand: Expr, codes: Array, negate: bool):
        self.operand, self.codes, self.negate, self.kind = operand, codes, negate, BOOL

    def children(self) -> tuple[Expr, ...]:
        return (self.operand,)

    def evaluate(self, frame: Frame) -> Tri:
        a = self.operand.evaluate(frame)
        values = np.isin(a.values, self.codes)
        return Tri(~values if self.negate else values, a.known)


class Not(Expr):
    def __init__(self, operand: Expr):
        self.operand, self.kind = operand, BOOL

    def children(self) -> tuple[Expr, ...]:
        return (self.operand,)

    def evaluate(self, frame: Frame) -> Tri:
        a = self.operand.evaluate(frame)
        return Tri(~a.values.astype(bool), a.known)


def kleene(items: list[Tri], conjunction: bool) -> Tri:
    """``and`` (conjunction) or ``or`` of three-valued booleans."""
    values = items[0].values.astype(bool)
    for item in items[1:]:
        values = (values & item.values) if conjunction else (values | item.values)
    if all(item.known is None for item in items):
        return Tri(values)
    # known when every operand is known, or one known operand decides alone
    all_known = known_all([item.known for item in items])
    deciding: Array = np.zeros((), dtype=bool)
    for item in items:
        k = _TRUE if item.known is None else item.known
        decides = k & (~item.values.astype(bool) if conjunction else item.values.astype(bool))
        deciding = deciding | decides
    known = deciding if all_known is None else (all_known | deciding)
    return Tri(values | deciding if not conjunction else values & ~deciding, known)


class BoolOp(Expr):
    def __init__(self, items: list[Expr], conjunction: bool):
        self.items, self.conjunction, self.kind = items, conjunction, BOOL

    def children(self) -> tuple[Expr, ...]:
        return tuple(self.items)

    def evaluate(self, frame: Frame) -> Tri:
        return kleene([item.evaluate(frame) for item in self.items], self.conjunction)


def _person_array(tri: Tri, frame: Frame) -> Tri:
    n = frame.sizes[PERSON]
    values = np.broadcast_to(tri.values, (n,))
    known = None if tri.known is None else np.broadcast_to(tri.known, (n,))
    return Tri(values, known)


def _count(frame: Frame, weights: Array) -> Array:
    return np.bincount(frame.household_index, weights=weights, minlength=frame.sizes[HOUSEHOLD])


class Aggregate(Expr):
    """Person → household: sum, count, any, all (with ``np.bincount``)."""

    def __init__(self, how: str, operand: Expr | None, condition: Expr | None):
        self.how, self.operand, self.condition = how, operand, condition
        self.entity = HOUSEHOLD
        self.kind = BOOL if how in ("any", "all") else NUMBER

    def children(self) -> tuple[Expr, ...]:
        return tuple(e for e in (self.operand, self.condition) if e is not None)

    def evaluate(self, frame: Frame) -> Tri:
        n_persons = frame.sizes[PERSON]
        x = None if self.operand is None else _person_array(self.operand.evaluate(frame), frame)
        c = None if self.condition is None else _person_array(self.condition.evaluate(frame), frame)
        if self.how in ("any", "all"):
            assert x is not None
            truth = x.values.astype(bool)
            k = np.ones(n_persons, dtype=bool) if x.known is None else x.known
            deciding = (truth if self.how == "any" else ~truth) & k
            decided = _count(frame, deciding) > 0
            values = decided if self.how == "any" else ~decided
            if x.known is None:
                return Tri(values)
            unknown = _count(frame, ~k) > 0
            return Tri(values, decided | ~unknown)
        if self.how == "count":
            weights = np.ones(n_persons) if c is None else c.values.astype(np.float64)
            known_mask = None if c is None else c.known
        else:
            assert x is not None
            weights = _numeric(x.values).astype(np.float64)
            if c is not None:
                weights = weights * c.values
            known_mask = known_both(x.known, None if c is None else c.known)
        total: Array = _count(frame, weights)
        if self.how == "count":
            total = np.rint(total).astype(np.int64)
        if known_mask is None:
            return Tri(total)
        n_unknown = _count(frame, ~known_mask)
        return Tri(total, n_unknown == 0)


class ToMembers(Expr):
    """Household → each of its members."""

    def __init__(self, operand: Expr):
        self.operand = operand
        self.entity, self.kind, self.enum_values = PERSON, operand.kind, operand.enum_values

    def children(self) -> tuple[Expr, ...]:
        return (self.operand,)

    def evaluate(self, frame: Frame) -> Tri:
        a = self.operand.evaluate(frame)
        if a.values.ndim == 0:
            return a
        hh = frame.household_index
        return Tri(a.values[hh], None if a.known is None else a.known[hh])


class Elementwise(Expr):
    def __init__(self, func: Callable[[list[Array]], Array], args: list[Expr], kind: str):
        self.func, self.args, self.kind = func, args, kind

    def children(self) -> tuple[Expr, ...]:
        return tuple(self.args)

    def evaluate(self, frame: Frame) -> Tri:
        parts = [arg.evaluate(frame) for arg in self.args]
        values = self.func([_numeric(p.values) for p in parts])
        return Tri(values, known_all([p.known for p in parts]))


class Where(Expr):
    def __init__(self, cond: Expr, then: Expr, other: Expr):
        self.cond, self.then, self.other = cond, then, other
        self.kind, self.enum_values = then.kind, then.enum_values

    def children(self) -> tuple[Expr, ...]:
        return (self.cond, self.then, self.other)

    def evaluate(self, frame: Frame) -> Tri:
        c, a, b = (e.evaluate(frame) for e in (self.cond, self.then, self.other))
        chosen = c.values.astype(bool)
        values = np.where(chosen, a.values, b.values)
        if c.known is None and a.known is None and b.known is None:
            return Tri(values)
        ka = _TRUE if a.known is None else a.known
        kb = _TRUE if b.known is None else b.known
        kc = _TRUE if c.known is None else c.known
        return Tri(values, kc & np.where(chosen, ka, kb))


class Table(Expr):
    """Step table: the value of the largest key ≤ n (clamped to the first key)."""

    def __init__(self, param: str, operand: Expr):
        self.param, self.operand = param, operand

    def children(self) -> tuple[Expr, ...]:
        return (self.operand,)

    def parameters(self) -> Iterator[str]:
        yield self.param
        yield from self.operand.parameters()

    def evaluate(self, frame: Frame) -> Tri:
        table = frame.param(self.param).value
        if not isinstance(table, dict):
            raise TypeError(f"parameter {self.param} is not a table")
        keys = np.array(sorted(table), dtype=np.float64)
        amounts = np.array([table[k] for k in sorted(table)], dtype=np.float64)
        a = self.operand.evaluate(frame)
        pos = np.clip(np.searchsorted(keys, a.values, side="right") - 1, 0, len(keys) - 1)
        return Tri(amounts[pos], a.known)


def round_cents(values: Array) -> Array:
    """Round half away from zero to cents (the tiny epsilon absorbs binary noise)."""
    v = np.asarray(values, dtype=np.float64)
    return np.sign(v) * np.floor(np.abs(v) * 100.0 + 0.5 + 1e-7) / 100.0


def _max(args: list[Array]) -> Array:
    return np.asarray(np.maximum.reduce(np.broadcast_arrays(*args)))


def _min(args: list[Array]) -> Array:
    return np.asarray(np.minimum.reduce(np.broadcast_arrays(*args)))


def _round2(args: list[Array]) -> Array:
    return round_cents(args[0])


class Compiler:
    """Compiles one expression string; errors name the rule file and line."""

    def __init__(self, scope: Scope, file: str, line: int):
        self.scope, self.file, self.line = scope, file, line

    def fail(self, kind: type[Exception], message: str) -> Exception:
        return kind(message, self.file, self.line)

    def compile(self, text: str) -> Expr:
        try:
            tree = ast.parse(text.strip(), mode="eval")
        except SyntaxError as exc:
            raise self.fail(RuleSyntaxError, f"cannot parse {text.strip()!r}: {exc.msg}") from exc
        expr = self.node(tree.body)
        expr.text = text.strip()
        return expr

    def entity_of(self, *exprs: Expr) -> str | None:
        entities = {e.entity for e in exprs if e.entity is not None}
        if len(entities) > 1:
            raise self.fail(
                EntityMismatchError,
                "mixes person and household values; use sum_members/any_member/... "
                "or household(...)",
            )
        return entities.pop() if entities else None

    def node(self, node: ast.expr) -> Expr:
        result: Expr
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool):
                return Const(node.value, BOOL)
            if isinstance(node.value, int | float):
                return Const(node.value, NUMBER)
            raise self.fail(
                RuleSyntaxError, f"constant {node.value!r} only allowed to compare with an enum"
            )
        if isinstance(node, ast.Name):
            info = self.scope.variable(node.id)
            if info is None:
                raise self.fail(UnknownVariableError, f"unknown variable {node.id!r}")
            return VarRef(info)
        if isinstance(node, ast.Attribute):
            return self.parameter(node)
        if isinstance(node, ast.UnaryOp):
            operand = self.node(node.operand)
            if isinstance(node.op, ast.Not):
                result = Not(operand)
            elif isinstance(node.op, ast.USub):
                result = Binary(np.subtract, Const(0, NUMBER), operand, NUMBER)
            else:
                raise self.fail(RuleSyntaxError, "unsupported unary operator")
            result.entity = operand.entity
            return result
        if isinstance(node, ast.BoolOp):
            items = [self.node(v) for v in node.values]
            result = BoolOp(items, isinstance(node.op, ast.And))
            result.entity = self.entity_of(*items)
            return result
        if isinstance(node, ast.BinOp):
            func = _ARITH.get(type(node.op))
            if func is None:
                raise self.fail(RuleSyntaxError, "only + - * / are allowed")
            left, right = self.node(node.left), self.node(node.right)
            result = Binary(func, left, right, NUMBER)
            result.entity = self.entity_of(left, right)
            return result
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        raise self.fail(RuleSyntaxError, f"unsupported syntax: {ast.unparse(node)!r}")

    def parameter(self, node: ast.Attribute) -> Expr:
        parts: list[str] = []
        current: ast.expr = node
        while isinstance(current, ast.Attribute):
            parts.append(current.attr)
            current = current.value
        if not (isinstance(current, ast.Name) and current.id == "p"):
            raise self.fail(RuleSyntaxError, "parameters are written p.<path>")
        name = ".".join(reversed(parts))
        if not self.scope.has_parameter(name):
            raise self.fail(UnknownParameterError, f"unknown parameter {name!r}")
        return ParamRef(name)

    def enum_codes(self, target: Expr, node: ast.expr) -> Array:
        names: list[Any]
        if isinstance(node, ast.Constant):
            names = [node.value]
        elif isinstance(node, ast.List | ast.Tuple | ast.Set):
            names = [e.value if isinstance(e, ast.Constant) else None for e in node.elts]
        else:
            raise self.fail(RuleSyntaxError, "compare an enum with a string or a list of strings")
        codes = []
        for name in names:
            if not isinstance(name, str) or name not in target.enum_values:
                raise self.fail(
                    RuleSyntaxError,
                    f"{name!r} is not a value of this enum; allowed: {list(target.enum_values)}",
                )
            codes.append(target.enum_values.index(name))
        return np.array(codes, dtype=np.int16)

    def compare(self, node: ast.Compare) -> Expr:
        parts: list[Expr] = []
        left = self.node(node.left)
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            if left.kind == ENUM:
                if not isinstance(op, ast.Eq | ast.NotEq | ast.In | ast.NotIn):
                    raise self.fail(RuleSyntaxError, "enums compare only with == != in 'not in'")
                codes = self.enum_codes(left, comparator)
                part: Expr = IsIn(left, codes, isinstance(op, ast.NotEq | ast.NotIn))
                part.entity = left.entity
                parts.append(part)
                break
            func = _COMPARE.get(type(op))
            if func is None:
                raise self.fail(RuleSyntaxError, "'in' is only for enums")
            right = self.node(comparator)
            part = Binary(func, left, right, BOOL)
            part.entity = self.entity_of(left, right)
            parts.append(part)
            left = right
        if len(parts) == 1:
            return parts[0]
        result = BoolOp(parts, conjunction=True)
        result.entity = self.entity_of(*parts)
        return result

    def call(self, node: ast.Call) -> Expr:
        if not isinstance(node.func, ast.Name) or node.keywords:
            raise self.fail(RuleSyntaxError, "call a function by its name, without keywords")
        name = node.func.id
        if name == "table":
            if len(node.args) != 2 or not isinstance(node.args[0], ast.Attribute):
                raise self.fail(RuleSyntaxError, "table(p.<table>, n) takes a parameter and n")
            param = self.parameter(node.args[0])
            assert isinstance(param, ParamRef)
            operand = self.node(node.args[1])
            result: Expr = Table(param.name, operand)
            result.entity = operand.entity
            return result
        args = [self.node(a) for a in node.args]
        arity = {
            "sum_members": (1, 2),
            "count_members": (0, 1),
            "any_member": (1, 1),
            "all_member": (1, 1),
            "household": (1, 1),
            "where": (3, 3),
            "round2": (1, 1),
            "max": (2, 99),
            "min": (2, 99),
        }
        if name not in arity:
            raise self.fail(RuleSyntaxError, f"unknown function {name!r}")
        low, high = arity[name]
        if not low <= len(args) <= high:
            raise self.fail(RuleSyntaxError, f"{name}() takes {low}..{high} arguments")
        if name in ("sum_members", "count_members", "any_member", "all_member"):
            for arg in args:
                if arg.entity == HOUSEHOLD:
                    raise self.fail(EntityMismatchError, f"{name}() takes person values")
            how = {"sum_members": "sum", "count_members": "count"}.get(name, name[:3])
            if how == "count":
                return Aggregate("count", None, args[0] if args else None)
            return Aggregate(how, args[0], args[1] if len(args) > 1 else None)
        if name == "household":
            if args[0].entity == PERSON:
                raise self.fail(EntityMismatchError, "household() takes a household value")
            return ToMembers(args[0])
        if name == "where":
            result = Where(*args)
        elif name == "round2":
            result = Elementwise(_round2, args, NUMBER)
        else:
            result = Elementwise(_max if name == "max" else _min, args, NUMBER)
        result.entity = self.entity_of(*args)
        return result
