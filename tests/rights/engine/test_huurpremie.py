"""The Vlaamse huurpremie's conditions the registry does not hold stay unknown: a household
whose waiting-list years or income are not given is "onbekend", never entitled or refused."""

from __future__ import annotations

import datetime as dt

import pytest

from welzijn.rights.engine import RuleSet, evaluate_household

ON = dt.date(2024, 6, 1)
KNOWN = {
    "woont_in_gent": True,
    "ontvangt_huurpremie": False,
    "huurt_op_private_markt": True,
    "huurprijs_per_maand": 600,
    "jaren_op_wachtlijst_sociale_woning": 5,
    "bruto_belastbaar_gezinsinkomen": 15000,
}


def _status(rules: RuleSet, household: dict) -> str:
    person = {"rol": "referentiepersoon", "ontvangt_tegemoetkoming_handicap": False}
    result = evaluate_household(rules, {"persons": {"a": person}, "household": household}, ON)
    return result.right("vlaamse_huurpremie").status


def test_all_conditions_given_is_decided(rules: RuleSet) -> None:
    assert _status(rules, KNOWN) not in ("onbekend", "geen_recht")


@pytest.mark.parametrize(
    "left_out", ["jaren_op_wachtlijst_sociale_woning", "bruto_belastbaar_gezinsinkomen"]
)
def test_a_condition_left_out_is_unknown(rules: RuleSet, left_out: str) -> None:
    household = {name: value for name, value in KNOWN.items() if name != left_out}
    assert _status(rules, household) == "onbekend"


def test_a_condition_that_fails_decides_even_with_the_income_unknown(rules: RuleSet) -> None:
    household = {**KNOWN, "jaren_op_wachtlijst_sociale_woning": 3}
    del household["bruto_belastbaar_gezinsinkomen"]
    assert _status(rules, household) == "geen_recht"
