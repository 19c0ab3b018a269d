"""Every operator's array form and Python form agree, entry for entry: the one definition
in `operators` is what both evaluators run."""

from __future__ import annotations

import math

import numpy as np
import pytest

from welzijn.rights.engine import operators as ops

VALUES = [0.0, -0.0, 1.0, -2.5, 3.0, 1e308, math.inf, -math.inf, math.nan, 7.0, 0.125]
STRICT = [
    op
    for op in vars(ops).values()
    if isinstance(op, ops.Operator) and op.unknown == ops.STRICT and op.static is None
]


def same(a: object, b: object) -> bool:
    a, b = float(a), float(b)  # type: ignore[arg-type]
    return (math.isnan(a) and math.isnan(b)) or a == b


@pytest.mark.parametrize("op", STRICT, ids=lambda op: op.name)
def test_array_and_python_forms_agree(op: ops.Operator) -> None:
    rng = np.random.default_rng(7)
    n = op.arity[0] if op.arity[0] == op.arity[1] else 3
    columns = [np.array(rng.choice(VALUES, 200)) for _ in range(n)]
    with np.errstate(all="ignore"):
        vector = np.broadcast_to(np.asarray(op.apply(*columns)), (200,))
    for row in range(200):
        scalar = op.python(*[float(c[row]) for c in columns])
        assert same(vector[row], scalar), (op.name, [c[row] for c in columns])


@pytest.mark.parametrize("op", [ops.IN, ops.NOT_IN], ids=lambda op: op.name)
def test_enum_membership_agrees(op: ops.Operator) -> None:
    codes = (1, 3)
    values = np.array([0, 1, 2, 3, 4, -1, 300], dtype=np.int16)
    vector = op.apply(ops.prepare_static(op, codes, "", python=False), values)
    python = ops.prepare_static(op, codes, "", python=True)
    assert vector.tolist() == [op.python(python, int(v)) for v in values]


def test_table_forms_agree() -> None:
    table = {1: 10.0, 3: 30.0, 5: 50.0}
    n = np.array([-1.0, 0.0, 1.0, 2.0, 3.0, 4.5, 5.0, 99.0])
    vector = ops.TABLE.apply(ops.prepare_static(ops.TABLE, table, "t", python=False), n)
    python = ops.prepare_static(ops.TABLE, table, "t", python=True)
    assert vector.tolist() == [ops.TABLE.python(python, float(v)) for v in n]
    assert vector.tolist() == [10.0, 10.0, 10.0, 10.0, 30.0, 30.0, 50.0, 50.0]
