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
from .operators import (
    AND,
    FUNCTIONS,
    IN,
    NEG,
    NOT,
    NOT_IN,
    OR,
    REDUCTIONS,
    SAME_AS_BRANCH,
    SELECT,
    SYNTAX_BINARY,
    SYNTAX_COMPARE,
    TABLE,
    Operator,
    Reduction,
    prepare_static,
)
from .operators import BOOL as BOOL
from .operators import ENUM as ENUM
from .operators import KLEENE as KLEENE
from .operators import NUMBER as NUMBER
from .operators import round_cents as round_cents
from .values import Array, Frame, Tri, known_all

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


class Apply(Expr):
    """An operator (`operators.Operator`) applied to its arguments."""

    def __init__(self, op: Operator, args: list[Expr], static: Any = None, param: str = ""):
        self.op, self.args = op, args
        #: the static first argument (enum codes), or the table parameter's name
        self.static, self.param = static, param
        if op.result == SAME_AS_BRANCH:
            self.kind, self.enum_values = args[1].kind, args[1].enum_values
        else:
            self.kind = op.result

    def children(self) -> tuple[Expr, ...]:
        return tuple(self.args)

    def parameters(self) -> Iterator[str]:
        if self.param:
            yield self.param
        yield from super().parameters()

    def static_value(self, parameter: Callable[[str], Any], python: bool) -> Any:
        """The static argument on the evaluation date (``parameter`` reads a value)."""
        value = parameter(self.param) if self.param else self.static
        return prepare_static(self.op, value, self.param, python)

    def evaluate(self, frame: Frame) -> Tri:
        op = self.op
        parts = [arg.evaluate(frame) for arg in self.args]
        if op.unknown == KLEENE:
            return kleene(parts, op.conjunction)
        if op.unknown == SELECT:
            return _select(parts)
        values = [_numeric(p.values) for p in parts] if op.numeric else [p.values for p in parts]
        if op.static is not None:
            values.insert(0, self.static_value(lambda name: frame.param(name).value, False))
        with np.errstate(divide="ignore", invalid="ignore"):
            result = np.asarray(op.apply(*values))
        return Tri(result, known_all([p.known for p in parts]))


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


def _select(parts: list[Tri]) -> Tri:
    """``where(c, a, b)``: known where c is known and the chosen branch is."""
    c, a, b = parts
    chosen = c.values.astype(bool)
    values = np.where(chosen, a.values, b.values)
    if c.known is None and a.known is None and b.known is None:
        return Tri(values)
    ka = _TRUE if a.known is None else a.known
    kb = _TRUE if b.known is None else b.known
    kc = _TRUE if c.known is None else c.known
    return Tri(values, kc & np.where(chosen, ka, kb))


def _person_array(tri: Tri, frame: Frame) -> Tri:
    n = frame.sizes[PERSON]
    values = np.broadcast_to(tri.values, (n,))
    known = None if tri.known is None else np.broadcast_to(tri.known, (n,))
    return Tri(values, known)


def _count(frame: Frame, weights: Array) -> Array:
    return np.bincount(frame.household_index, weights=weights, minlength=frame.sizes[HOUSEHOLD])


class Aggregate(Expr):
    """Person → household by a `operators.Reduction` (with ``np.bincount``)."""

    def __init__(self, reduction: Reduction, args: list[Expr]):
        self.reduction, self.args = reduction, args
        self.entity, self.kind = HOUSEHOLD, reduction.result

    def children(self) -> tuple[Expr, ...]:
        return tuple(self.args)

    def evaluate(self, frame: Frame) -> Tri:
        reduction = self.reduction
        n_persons = frame.sizes[PERSON]
        parts = [_person_array(arg.evaluate(frame), frame) for arg in self.args]
        known_mask = known_all([p.known for p in parts])
        if reduction.decides is not None:
            k = np.ones(n_persons, dtype=bool) if known_mask is None else known_mask
            deciding = reduction.decides(parts[0].values) & k
            decided = _count(frame, deciding) > 0
            values = decided if reduction.decided_value else ~decided
            if known_mask is None:
                return Tri(values)
            unknown = _count(frame, ~k) > 0
            return Tri(values, decided | ~unknown)
        assert reduction.weight is not None
        weight = reduction.weight(*[_numeric(p.values) for p in parts])
        weights = np.broadcast_to(np.asarray(weight, dtype=np.float64), (n_persons,))
        total: Array = _count(frame, weights)
        if reduction.whole:
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
                result = Apply(NOT, [operand])
            elif isinstance(node.op, ast.USub):
                result = Apply(NEG, [operand])
            else:
                raise self.fail(RuleSyntaxError, "unsupported unary operator")
            result.entity = operand.entity
            return result
        if isinstance(node, ast.BoolOp):
            items = [self.node(v) for v in node.values]
            result = Apply(AND if isinstance(node.op, ast.And) else OR, items)
            result.entity = self.entity_of(*items)
            return result
        if isinstance(node, ast.BinOp):
            op = SYNTAX_BINARY.get(type(node.op))
            if op is None:
                raise self.fail(RuleSyntaxError, "only + - * / are allowed")
            left, right = self.node(node.left), self.node(node.right)
            result = Apply(op, [left, right])
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

    def enum_codes(self, target: Expr, node: ast.expr) -> tuple[int, ...]:
        names: list[Any]
        if isinstance(node, ast.Constant):
            names = [node.value]
        elif isinstance(node, ast.List | ast.Tuple | ast.Set):
            names = [e.value if isinstance(e, ast.Constant) else None for e in node.elts]
        else:
            raise self.fail(RuleSyntaxError, "compare an enum with a string or a list of strings")
        codes: list[int] = []
        for name in names:
            if not isinstance(name, str) or name not in target.enum_values:
                raise self.fail(
                    RuleSyntaxError,
                    f"{name!r} is not a value of this enum; allowed: {list(target.enum_values)}",
                )
            codes.append(target.enum_values.index(name))
        return tuple(codes)

    def compare(self, node: ast.Compare) -> Expr:
        parts: list[Expr] = []
        left = self.node(node.left)
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            if left.kind == ENUM:
                if not isinstance(op, ast.Eq | ast.NotEq | ast.In | ast.NotIn):
                    raise self.fail(RuleSyntaxError, "enums compare only with == != in 'not in'")
                codes = self.enum_codes(left, comparator)
                negate = isinstance(op, ast.NotEq | ast.NotIn)
                part: Expr = Apply(NOT_IN if negate else IN, [left], static=codes)
                part.entity = left.entity
                parts.append(part)
                break
            operator = SYNTAX_COMPARE.get(type(op))
            if operator is None:
                raise self.fail(RuleSyntaxError, "'in' is only for enums")
            right = self.node(comparator)
            part = Apply(operator, [left, right])
            part.entity = self.entity_of(left, right)
            parts.append(part)
            left = right
        if len(parts) == 1:
            return parts[0]
        result = Apply(AND, parts)
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
            result: Expr = Apply(TABLE, [operand], param=param.name)
            result.entity = operand.entity
            return result
        args = [self.node(a) for a in node.args]
        reduction = REDUCTIONS.get(name)
        op = FUNCTIONS.get(name)
        if reduction is None and op is None and name != "household":
            raise self.fail(RuleSyntaxError, f"unknown function {name!r}")
        low, high = reduction.arity if reduction else (op.arity if op else (1, 1))
        if not low <= len(args) <= high:
            raise self.fail(RuleSyntaxError, f"{name}() takes {low}..{high} arguments")
        if reduction is not None:
            for arg in args:
                if arg.entity == HOUSEHOLD:
                    raise self.fail(EntityMismatchError, f"{name}() takes person values")
            return Aggregate(reduction, args)
        if op is None:  # household(x)
            if args[0].entity == PERSON:
                raise self.fail(EntityMismatchError, "household() takes a household value")
            return ToMembers(args[0])
        result = Apply(op, args)
        result.entity = self.entity_of(*args)
        return result
