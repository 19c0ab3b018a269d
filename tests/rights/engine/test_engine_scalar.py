"""The scalar one-household path gives exactly what the numpy evaluation gives.

`evaluate_household` (plain Python values) is compared with `evaluate_household_frame`
(the vectorised formulas on a frame of one household) and with `evaluate` on the
whole population: values, known masks, statuses, amounts, explanation dicts and text.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from welzijn.rights.engine import (
    STATUS_NAMES,
    RuleSet,
    evaluate,
    evaluate_household,
    evaluate_household_frame,
    load_rules,
)
from welzijn.rights.engine.expressions import round_cents
from welzijn.rights.engine.scalar import round_cents_scalar
from welzijn.rights.engine.synthetic import household_dict, random_population

RULES = load_rules()
N_HOUSEHOLDS = 12

dates_2023_2024 = st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2024, 12, 31))


def _same(a: Any, b: Any) -> bool:
    """Equal, with nan equal to nan and the sign of zero counted."""
    if isinstance(a, float) and isinstance(b, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
    return type(a) is type(b) and a == b


def check_household(
    rules: RuleSet,
    household: dict[str, Any],
    date: dt.date,
    absent: str,
    rights: tuple[str, ...] | None,
) -> None:
    kwargs: dict[str, Any] = {"absent": absent, "rights": rights}
    scalar = evaluate_household(rules, household, date, **kwargs)
    frame = evaluate_household_frame(rules, household, date, **kwargs)
    assert scalar.person_ids == frame.person_ids
    for name in frame.frame.values:
        ours, theirs = scalar[name], frame[name]
        if isinstance(theirs, dict):
            assert ours.keys() == theirs.keys()
            assert all(_same(ours[k], theirs[k]) for k in theirs), name
        else:
            assert _same(ours, theirs), name
    assert len(scalar.outcomes) == len(frame.outcomes)
    for ours, theirs in zip(scalar.outcomes, frame.outcomes, strict=True):
        assert (ours.right, ours.subject, ours.status, ours.entitled) == (
            theirs.right,
            theirs.subject,
            theirs.status,
            theirs.entitled,
        )
        assert _same(ours.amount, theirs.amount) or ours.amount == theirs.amount
        assert ours.explanation is not None and theirs.explanation is not None
        assert ours.explanation.as_dict() == theirs.explanation.as_dict()
        assert ours.explanation.as_text() == theirs.explanation.as_text()
        assert ours.explanation == theirs.explanation
    assert scalar.as_dict() == frame.as_dict()


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 100_000),
    date=dates_2023_2024,
    missing_rate=st.sampled_from([0.0, 0.1, 0.4]),
    absent=st.sampled_from(["missing", "default"]),
    limited=st.booleans(),
)
def test_scalar_path_equals_numpy_household_path(
    seed: int, date: dt.date, missing_rate: float, absent: str, limited: bool
) -> None:
    population = random_population(RULES, N_HOUSEHOLDS, seed=seed, missing_rate=missing_rate)
    rights = ("leefloon", "verhoogde_tegemoetkoming") if limited else None
    for h in range(N_HOUSEHOLDS):
        household = household_dict(RULES, population, h)
        if absent == "default":  # leave some inputs out instead of unknown
            for person in household["persons"].values():
                for name in [k for k, v in person.items() if v is None]:
                    del person[name]
        check_household(RULES, household, date, absent, rights)


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 100_000),
    date=dates_2023_2024,
    missing_rate=st.sampled_from([0.0, 0.2]),
)
def test_scalar_path_equals_vectorised_evaluate(
    seed: int, date: dt.date, missing_rate: float
) -> None:
    population = random_population(RULES, N_HOUSEHOLDS, seed=seed, missing_rate=missing_rate)
    results = evaluate(RULES, population, date, outputs=None)
    index = np.asarray(population.household_index)
    for h in range(N_HOUSEHOLDS):
        single = evaluate_household(RULES, household_dict(RULES, population, h), date)
        members = np.flatnonzero(index == h)
        for name, variable in RULES.variables.items():
            if variable.builtin or name not in results.frame.values:
                continue
            values, known = results[name], results.known(name)
            rows = members if variable.entity == "person" else [h]
            for i, row in enumerate(rows):
                ours = single.value(name, i if variable.entity == "person" else 0)
                if not known[row]:
                    assert ours is None, name
                elif variable.value_type == "enum":
                    assert ours == variable.enum_values[int(values[row])], name
                else:
                    assert _same(ours, values[row].item()), name
        for right_name, right in RULES.rights.items():
            status = results.status(right_name)
            rows = members if right.entity == "person" else [h]
            for i, row in enumerate(rows):
                subject = f"p{i}" if right.entity == "person" else None
                outcome = single.right(right_name, subject)
                assert outcome.status == STATUS_NAMES[int(status[row])]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.floats(min_value=-1e6, max_value=1e6).map(lambda x: round(x, 3)),
        st.integers(-(10**6), 10**6).map(lambda x: x / 1000 + 0.005),
    )
)
def test_round_cents_scalar_matches_numpy(value: float) -> None:
    with np.errstate(over="ignore", invalid="ignore"):
        expected = float(round_cents(np.asarray(value)))
    assert _same(round_cents_scalar(value), expected)


@pytest.mark.parametrize(
    ("formula", "inputs"),
    [
        ("x / y", {"x": 1.0, "y": 0.0}),
        ("x / y", {"x": -1.0, "y": 0.0}),
        ("x / y", {"x": 0.0, "y": 0.0}),
        ("max(x / y, 0)", {"x": 0.0, "y": 0.0}),
        ("min(0, x / y)", {"x": 0.0, "y": 0.0}),
        ("round2(0 - x)", {"x": 0.001, "y": 1.0}),
        ("where(x > y, x, 0)", {"x": 2.5, "y": 1.0}),
    ],
)
def test_scalar_edge_arithmetic_matches_numpy(
    make_rules: Any, formula: str, inputs: dict[str, float]
) -> None:
    directory = make_rules(
        f"""\
        variables:
          x: {{entity: household, type: float, input: true, label: x, question: 'x'}}
          y: {{entity: household, type: float, input: true, label: y, question: 'y'}}
          z: {{entity: household, type: float, label: z, formula: "{formula}"}}
        """
    )
    rules = load_rules(directory)
    household = {"persons": {"a": {"rol": "referentiepersoon"}}, "household": inputs}
    date = dt.date(2023, 6, 1)
    scalar = evaluate_household(rules, household, date)
    frame = evaluate_household_frame(rules, household, date)
    assert _same(scalar["z"], frame["z"])
