"""A right's sentences why (``reasons:`` in the rules): the one whose values decided the
outcome, filled with the values the evaluation computed; checked when the rules load."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from welzijn.rights.engine import RuleSet, RuleSyntaxError, evaluate_household, load_rules

ON = dt.date(2026, 6, 1)
INCOME, FALLBACK = 0, -1


def _leefloon(rules: RuleSet, willing: bool, income: float):
    sara = {"leeftijd": 32, "werkbereid": willing, "netto_bestaansmiddelen": income}
    household = {
        "persons": {
            "Sara": {"rol": "referentiepersoon", **sara},
            "Lina": {"rol": "kind", "leeftijd": 6},
        },
        "household": {},
    }
    result = evaluate_household(rules, household, ON, absent="default")
    return result, result.explain("leefloon", "Sara")


@pytest.mark.parametrize(
    ("willing", "income", "outcome", "template"),
    [
        (True, 900, "entitled", INCOME),
        (True, 5000, "not_entitled", INCOME),
        # not willing to work, on a low income: the income did not decide it, nor is it named
        (False, 300, "not_entitled", FALLBACK),
    ],
)
def test_the_reason_is_the_one_whose_values_decided(
    rules: RuleSet, willing: bool, income: float, outcome: str, template: int
) -> None:
    result, explanation = _leefloon(rules, willing, income)
    assert explanation.entitled is (outcome == "entitled")
    templates = rules.rights["leefloon"].reasons[outcome]
    reason = explanation.reason(templates)
    assert reason is not None and reason.template == templates[template]
    values = dict(reason.values)
    assert values.pop("name", "Sara") == "Sara"
    assert values == (
        {
            name: result.value(name, 0)
            for name in ("leefloon_in_aanmerking_genomen_middelen", "leefloon_categoriebedrag")
        }
        if template == INCOME
        else {}
    )


def test_no_reason_while_the_outcome_is_unknown(rules: RuleSet) -> None:
    household = {"persons": {"Sara": {"rol": "referentiepersoon", "leeftijd": 32}}}
    result = evaluate_household(rules, household, ON, absent="unknown")
    explanation = result.explain("leefloon", "Sara")
    assert explanation.entitled is None
    assert explanation.reason(rules.rights["leefloon"].reasons["entitled"]) is None


RIGHT = """\
variables:
  heeft_het:
    entity: household
    type: bool
    input: true
    label: heeft het
    question: Heeft het gezin het?
  inkomen:
    entity: household
    type: amount
    input: true
    label: inkomen
    question: Hoeveel verdient het gezin?
  recht:
    entity: household
    type: bool
    label: recht
    formula: inkomen < p.test.drempel
rights:
  proef:
    label: Proef
    entitled: recht
    receives: heeft_het
    reference: Testwet art. 1
    explanation: Een proef.
    reasons:
      entitled:
        - "{reason}"
        - Uw gezin heeft een laag inkomen.
"""


def test_reasons_are_read(make_rules) -> None:
    rules = load_rules(make_rules(RIGHT.replace("{reason}", "Uw inkomen is {inkomen}.")))
    assert rules.rights["proef"].reasons == {
        "entitled": ("Uw inkomen is {inkomen}.", "Uw gezin heeft een laag inkomen.")
    }


@pytest.mark.parametrize(
    ("reason", "error"),
    [
        ("Uw inkomen is {inkomn}.", "names {inkomn}, which is no amount or count variable"),
        ("U hebt het: {heeft_het}.", "names {heeft_het}, which is no amount or count"),
        ("{name} heeft een laag inkomen.", "{name} only in a person's right"),
    ],
)
def test_a_reason_naming_no_amount_or_count_is_refused(make_rules, reason, error) -> None:
    with pytest.raises(RuleSyntaxError, match=re.escape(error)):
        load_rules(make_rules(RIGHT.replace("{reason}", reason)))


def test_the_last_reason_names_no_value_and_only_known_outcomes_are_read(make_rules) -> None:
    last = RIGHT.replace("- Uw gezin heeft een laag inkomen.", "- Uw inkomen is {inkomen}.")
    with pytest.raises(RuleSyntaxError, match=r"the last of reasons\.entitled names no value"):
        load_rules(make_rules(last.replace("{reason}", "Laag.")))
    other = RIGHT.replace("      entitled:", "      misschien:")
    with pytest.raises(RuleSyntaxError, match="reasons has only entitled, not_entitled"):
        load_rules(make_rules(other.replace("{reason}", "Laag.")))
