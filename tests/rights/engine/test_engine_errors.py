"""Load-time errors name the file and the line; evaluation errors name parameter and date."""

from __future__ import annotations

import datetime as dt

import pytest

from welzijn.rights.engine import (
    CycleError,
    EntityMismatchError,
    ParameterValueMissingError,
    RuleSyntaxError,
    UnknownParameterError,
    UnknownVariableError,
    evaluate_household,
    load_rules,
)

INPUT = """\
  inkomen:
    entity: person
    type: amount
    input: true
    label: inkomen
    question: Hoeveel?
"""


def test_unknown_variable_names_file_and_line(make_rules) -> None:
    root = make_rules(
        "variables:\n"
        + INPUT
        + """\
  arm:
    entity: person
    type: bool
    label: arm
    formula: inkomen < onbestaand
"""
    )
    with pytest.raises(UnknownVariableError) as info:
        load_rules(root)
    assert info.value.file.endswith("regels.yaml")
    assert info.value.line == 12
    assert "onbestaand" in str(info.value) and "regels.yaml:12" in str(info.value)


def test_unknown_parameter_names_file_and_line(make_rules) -> None:
    root = make_rules(
        "variables:\n"
        + INPUT
        + """\
  arm:
    entity: person
    type: bool
    label: arm
    formula:
      all:
        - if: inkomen < p.test.bestaat_niet
          label: laag
"""
    )
    with pytest.raises(UnknownParameterError) as info:
        load_rules(root)
    assert info.value.line == 14
    assert "test.bestaat_niet" in str(info.value)


def test_cycle_names_every_variable(make_rules) -> None:
    root = make_rules(
        """\
variables:
  a:
    entity: household
    type: int
    label: a
    formula: b + 1
  b:
    entity: household
    type: int
    label: b
    formula: a + 1
"""
    )
    with pytest.raises(CycleError) as info:
        load_rules(root)
    message = str(info.value)
    assert "a -> b -> a" in message or "b -> a -> b" in message
    assert "regels.yaml:2" in message and "regels.yaml:7" in message


def test_entity_mismatch(make_rules) -> None:
    root = make_rules(
        "variables:\n"
        + INPUT
        + """\
  totaal:
    entity: household
    type: amount
    label: totaal
    formula: inkomen * 2
"""
    )
    with pytest.raises(EntityMismatchError) as info:
        load_rules(root)
    assert info.value.line == 12


def test_syntax_error_and_unknown_enum_value(make_rules) -> None:
    root = make_rules("variables:\n" + INPUT + "  x:\n    entity: person\n    type: bool\n"
                      "    label: x\n    formula: inkomen <\n")  # fmt: skip
    with pytest.raises(RuleSyntaxError) as info:
        load_rules(root)
    assert info.value.line == 12
    root = make_rules("variables:\n  x:\n    entity: person\n    type: bool\n"
                      "    label: x\n    formula: rol == 'grootouder'\n")  # fmt: skip
    with pytest.raises(RuleSyntaxError, match="grootouder"):
        load_rules(root)


def test_input_without_question_is_refused(make_rules) -> None:
    root = make_rules("variables:\n  x:\n    entity: person\n    type: bool\n"
                      "    input: true\n    label: x\n")  # fmt: skip
    with pytest.raises(RuleSyntaxError, match="question") as info:
        load_rules(root)
    assert info.value.line == 2


def test_parameter_value_without_reference_is_refused(make_rules) -> None:
    params = "x:\n  metadata: {unit: EUR, label: x}\n  values:\n    2023-01-01: {value: 1}\n"
    with pytest.raises(RuleSyntaxError, match="reference") as info:
        load_rules(make_rules("variables: {}\n", params))
    assert info.value.line == 4 and info.value.file.endswith("test.yaml")


def test_parameter_missing_on_date_names_file_and_date(make_rules) -> None:
    root = make_rules(
        "variables:\n"
        + INPUT
        + """\
  arm:
    entity: person
    type: bool
    label: arm
    formula: inkomen < p.test.drempel
"""
    )
    rules = load_rules(root)
    household = {"persons": {"a": {"rol": "referentiepersoon", "inkomen": 50}}}
    assert evaluate_household(rules, household, dt.date(2023, 6, 1)).value("arm") is True
    with pytest.raises(ParameterValueMissingError) as info:
        evaluate_household(rules, household, dt.date(2022, 12, 31))
    assert info.value.date == dt.date(2022, 12, 31)
    assert info.value.file.endswith("test.yaml")
    assert "2022-12-31" in str(info.value) and "test.drempel" in str(info.value)
