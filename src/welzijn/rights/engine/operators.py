"""The operators of the expression language, each defined once.

An `Operator` says what it computes and how unknown values travel through it. Its
``apply`` works alike on numpy arrays (the vectorised evaluator, `expressions`) and on
Python scalars (the one-household path, `scalar`); only where numpy and Python differ
(``nan`` in ``max``, membership of a set) does it carry a Python form next to it, in
the same definition. Explanations read the variables and parameters an expression
uses, never an operator's own code, so they follow without a line per operator.

Adding an operator to the language is one entry here (plus its spelling in
`SYNTAX_BINARY`/`SYNTAX_COMPARE` or `FUNCTIONS`).
"""

from __future__ import annotations

import ast
import bisect
import math
import operator
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from typing import Any

import numpy as np
import numpy.typing as npt

BOOL, NUMBER, ENUM = "bool", "number", "enum"

#: How unknown values travel.
STRICT = "strict"  #: unknown as soon as one operand is unknown
KLEENE = "kleene"  #: and/or: one known operand can decide alone
SELECT = "select"  #: where(c, a, b): the condition and the chosen branch must be known

#: Result kinds besides BOOL and NUMBER: the kind of the second argument (where).
SAME_AS_BRANCH = "branch"


@dataclass(frozen=True)
class Operator:
    name: str
    #: the computation on arrays, and on Python scalars unless ``scalar`` is given
    apply: Callable[..., Any]
    result: str = NUMBER
    unknown: str = STRICT
    #: booleans take part as 0/1 (numpy would otherwise do logic on them)
    numeric: bool = False
    #: Python form where numpy's semantics need other code on scalars
    scalar: Callable[..., Any] | None = None
    #: a static first argument read on the evaluation date (a table, enum codes)
    static: str | None = None
    arity: tuple[int, int] = (2, 2)
    #: ``and`` (True) or ``or`` (False), for KLEENE operators
    conjunction: bool = True

    @property
    def python(self) -> Callable[..., Any]:
        return self.scalar if self.scalar is not None else self.apply


# -- computations used by more than one form ------------------------------------------


def round_cents(values: Any) -> npt.NDArray[np.float64]:
    """Round half away from zero to cents (the tiny epsilon absorbs binary noise)."""
    v = np.asarray(values, dtype=np.float64)
    rounded: npt.NDArray[np.float64] = np.sign(v) * np.floor(np.abs(v) * 100.0 + 0.5 + 1e-7)
    return rounded / 100.0


def round_cents_scalar(value: Any) -> float:
    """`round_cents` for one number, bit for bit."""
    v = float(value)
    a = abs(v) * 100.0 + 0.5 + 1e-7
    floored = float(math.floor(a)) if a != math.inf and a == a else a
    sign = 1.0 if v > 0 else (-1.0 if v < 0 else (0.0 if v == 0 else v))
    return sign * floored / 100.0


def _divide(a: Any, b: Any) -> Any:
    """``a / b`` with numpy's answer to a division by zero (``inf``, ``nan``)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.true_divide(a, b)
    try:
        return a / b
    except ZeroDivisionError:
        a = float(a)
        if a == 0 or a != a:
            return math.nan
        return math.copysign(math.inf, a) * math.copysign(1.0, float(b))


def _extreme(pick: Callable[[Any, Any], bool]) -> Callable[..., Any]:
    """Python ``max``/``min`` that propagate ``nan`` as numpy does."""

    def extreme(*args: Any) -> Any:
        best = args[0]
        for item in args[1:]:
            if item != item:
                return item
            if best == best and pick(item, best):
                best = item
        return best

    return extreme


def _is_in(lookup: npt.NDArray[np.bool_], codes: Any) -> Any:
    """Enum codes among the chosen ones: one lookup per entry in a table covering every
    int16 code (much faster than ``np.isin`` on millions of rows)."""
    codes = np.asarray(codes)
    if codes.dtype != np.int16:
        return np.isin(codes, np.flatnonzero(lookup).astype(np.int16))
    return lookup[codes.view(np.uint16)]


def _table_vector(table: tuple[Any, Any], n: Any) -> Any:
    keys, amounts = table
    pos = np.clip(np.searchsorted(keys, n, side="right") - 1, 0, len(keys) - 1)
    return amounts[pos]


def _table_scalar(table: tuple[Any, Any], n: Any) -> Any:
    keys, amounts = table
    pos = bisect.bisect_right(keys, n) - 1
    return amounts[0 if pos < 0 else (len(keys) - 1 if pos >= len(keys) else pos)]


# -- the operators ---------------------------------------------------------------------

ADD = Operator("+", lambda a, b: a + b, numeric=True)
SUB = Operator("-", lambda a, b: a - b, numeric=True)
MUL = Operator("*", lambda a, b: a * b, numeric=True)
DIV = Operator("/", _divide, numeric=True)
NEG = Operator("-x", lambda a: 0 - a, numeric=True, arity=(1, 1))
EQ = Operator("==", lambda a, b: a == b, BOOL, numeric=True)
NE = Operator("!=", lambda a, b: a != b, BOOL, numeric=True)
LT = Operator("<", lambda a, b: a < b, BOOL, numeric=True)
LE = Operator("<=", lambda a, b: a <= b, BOOL, numeric=True)
GT = Operator(">", lambda a, b: a > b, BOOL, numeric=True)
GE = Operator(">=", lambda a, b: a >= b, BOOL, numeric=True)
#: ``a == 0`` is logical negation for booleans and numbers, on arrays and scalars alike
NOT = Operator("not", lambda a: a == 0, BOOL, arity=(1, 1))
AND = Operator("and", lambda *xs: reduce(operator.and_, xs), BOOL, KLEENE, arity=(2, 99))
OR = Operator(
    "or", lambda *xs: reduce(operator.or_, xs), BOOL, KLEENE, arity=(2, 99), conjunction=False
)
IN = Operator(
    "in",
    lambda codes, a: _is_in(codes, a),
    BOOL,
    scalar=lambda codes, a: a in codes,
    static="codes",
    arity=(1, 1),
)
NOT_IN = Operator(
    "not in",
    lambda codes, a: ~_is_in(codes, a),
    BOOL,
    scalar=lambda codes, a: a not in codes,
    static="codes",
    arity=(1, 1),
)
MAX = Operator(
    "max",
    lambda *xs: np.maximum.reduce(np.broadcast_arrays(*xs)),
    numeric=True,
    scalar=_extreme(lambda a, b: a > b),
    arity=(2, 99),
)
MIN = Operator(
    "min",
    lambda *xs: np.minimum.reduce(np.broadcast_arrays(*xs)),
    numeric=True,
    scalar=_extreme(lambda a, b: a < b),
    arity=(2, 99),
)
ROUND2 = Operator("round2", round_cents, scalar=round_cents_scalar, arity=(1, 1))
WHERE = Operator("where", lambda c, a, b: np.where(c, a, b), SAME_AS_BRANCH, SELECT, arity=(3, 3))
TABLE = Operator("table", _table_vector, scalar=_table_scalar, static="table", arity=(1, 1))

SYNTAX_BINARY: dict[type[ast.operator], Operator] = {
    ast.Add: ADD,
    ast.Sub: SUB,
    ast.Mult: MUL,
    ast.Div: DIV,
}
SYNTAX_COMPARE: dict[type[ast.cmpop], Operator] = {
    ast.Eq: EQ,
    ast.NotEq: NE,
    ast.Lt: LT,
    ast.LtE: LE,
    ast.Gt: GT,
    ast.GtE: GE,
}
#: functions on values of one entity (the aggregations are in `REDUCTIONS`)
FUNCTIONS: dict[str, Operator] = {"max": MAX, "min": MIN, "round2": ROUND2, "where": WHERE}


def prepare_static(op: Operator, value: Any, name: str, python: bool) -> Any:
    """The static argument of ``op`` as its array form (or, with ``python``, its Python
    form) takes it: enum codes as an array or a set, a table as sorted keys and amounts."""
    if op.static == "codes":
        if python:
            return frozenset(int(c) for c in value)
        lookup = np.zeros(1 << 16, dtype=bool)
        lookup[np.asarray(value, dtype=np.int16).view(np.uint16)] = True
        return lookup
    if not isinstance(value, dict):
        raise TypeError(f"parameter {name} is not a table")
    keys = sorted(value)
    amounts = [float(value[k]) for k in keys]
    if python:
        return [float(k) for k in keys], amounts
    return np.array(keys, dtype=np.float64), np.array(amounts, dtype=np.float64)


# -- aggregations: person values → their household ------------------------------------


@dataclass(frozen=True)
class Reduction:
    """An aggregation over the members of a household.

    Strict reductions add up a weight per member (unknown as soon as one member's is);
    Kleene ones (any/all) look for a member that decides: one known deciding member
    decides the household, otherwise an unknown member leaves it unknown.
    """

    name: str
    arity: tuple[int, int]
    #: strict: the weight of a member from its arguments (arrays or scalars alike)
    weight: Callable[..., Any] | None = None
    #: kleene: does this member's value decide (arrays or scalars alike)
    decides: Callable[[Any], Any] | None = None
    #: kleene: the household's value when a member decides
    decided_value: bool = True
    result: str = NUMBER
    #: round the total to a whole number (counts)
    whole: bool = False


SUM = Reduction("sum_members", (1, 2), weight=lambda x, c=1: x * c)
COUNT = Reduction("count_members", (0, 1), weight=lambda c=1: c, whole=True)
ANY = Reduction("any_member", (1, 1), decides=lambda x: x != 0, decided_value=True, result=BOOL)
ALL = Reduction("all_member", (1, 1), decides=lambda x: x == 0, decided_value=False, result=BOOL)
REDUCTIONS: dict[str, Reduction] = {r.name: r for r in (SUM, COUNT, ANY, ALL)}
