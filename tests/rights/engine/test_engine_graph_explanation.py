"""Dependency graph (questionnaire order) and the Dutch explanation."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from welzijn.rights.engine import RuleSet, evaluate_household, inputs_for


def test_inputs_for_a_right_are_transitive_and_ordered(rules: RuleSet) -> None:
    names = [v.name for v in inputs_for(rules, "uitpas_kansentarief")]
    # decisive alone at the top of the tree first
    assert names[0] == "woont_in_gent"
    assert names.index("heeft_verhoogde_tegemoetkoming") < names.index("ontvangt_igo")
    # transitive: through the verhoogde tegemoetkoming income test
    assert "bruto_belastbaar_gezinsinkomen" in names
    # never asks what the right does not need, nor the built-in role
    assert "netto_bestaansmiddelen" not in names and "rol" not in names
    assert all(rules.variables[n].question for n in names)


def test_inputs_for_depend_on_the_date(rules: RuleSet) -> None:
    before = {v.name for v in inputs_for(rules, "sociaal_tarief_energie", dt.date(2023, 6, 1))}
    after = {v.name for v in inputs_for(rules, "sociaal_tarief_energie", dt.date(2023, 7, 1))}
    assert before - after == {"heeft_verhoogde_tegemoetkoming"}


def test_amount_inputs_come_after_entitlement_inputs(rules: RuleSet) -> None:
    names = [v.name for v in inputs_for(rules, "leefloon")]
    assert names[0] == "leeftijd"
    assert set(names) == {
        "leeftijd",
        "ontvoogd",
        "zwanger",
        "verblijfsstatus",
        "woont_in_belgie",
        "werkbereid",
        "netto_bestaansmiddelen",
        "netto_arbeidsinkomen",
        "gpmi_student",
        "heeft_studietoelage",
    }


def test_dutch_explanation_names_conditions_values_parameters(rules: RuleSet) -> None:
    household = {
        "persons": {
            "jan": {
                "rol": "referentiepersoon",
                "leeftijd": 40,
                "netto_bestaansmiddelen": 1500,
                "ontvangt_leefloon": False,
            }
        },
    }
    result = evaluate_household(rules, household, dt.date(2023, 12, 1), absent="default")
    explanation = result.explain("leefloon", "jan")
    text = explanation.as_text()
    assert explanation.status == "geen_recht"
    assert "Leefloon — jan, op 1 december 2023: geen recht." in text
    assert (
        "[✗] bestaansmiddelen (met die van de partner, na vrijstellingen) lager dan het "
        "leefloonbedrag van de categorie: niet voldaan" in text
    )
    assert "bestaansmiddelen die meetellen voor het leefloon, per maand = 1.479,17 EUR" in text
    assert "netto bestaansmiddelen per maand = 1.500,00 EUR" in text
    assert "leefloonbedrag van de categorie, per maand = 1.263,17 EUR" in text
    assert "indexcoëfficiënt = 1,6734 (van kracht sinds 1 november 2023" in text
    assert "Wet 26 mei 2002" in text
    data = explanation.as_dict()
    json.dumps(data)  # structured form is JSON-serialisable
    assert data["status"] == "geen_recht" and data["entitled"] is False


def test_explanation_lists_missing_inputs_and_auto_grant(rules: RuleSet) -> None:
    household = {
        "persons": {"a": {"rol": "referentiepersoon"}},
        "household": {"woont_in_gent": True},
    }
    result = evaluate_household(rules, household, dt.date(2023, 5, 1))
    explanation = result.explain("ivago_tegemoetkoming")
    text = explanation.as_text()
    assert explanation.status == "onbekend"
    assert "Ontbrekende gegevens:" in text and "in budgetbeheer" in text
    assert "automatisch worden toegekend" in text
    assert result.right("ivago_tegemoetkoming").auto_grantable is True
    assert result.right("leefloon", "a").auto_grantable is False


def test_onderbescherming_is_explained(rules: RuleSet) -> None:
    household = {
        "persons": {"a": {"rol": "referentiepersoon"}},
        "household": {"heeft_verhoogde_tegemoetkoming": True, "heeft_uitpas_kansentarief": False},
    }
    result = evaluate_household(rules, household, dt.date(2023, 5, 1), absent="default")
    outcome = result.right("uitpas_kansentarief")
    assert outcome.status == "onderbescherming"
    assert outcome.explanation is not None
    assert "onderbescherming" in outcome.explanation.as_text()


def test_evaluate_household_limited_to_rights_matches_full(rules: RuleSet) -> None:
    from welzijn.rights.engine.synthetic import household_dict, random_population

    date = dt.date(2023, 12, 1)
    population = random_population(rules, 40, seed=11, missing_rate=0.1)
    asked = ("leefloon", "verhoogde_tegemoetkoming")
    for h in range(40):
        household = household_dict(rules, population, h)
        full = evaluate_household(rules, household, date)
        limited = evaluate_household(rules, household, date, rights=asked)
        assert {o.right for o in limited.outcomes} == set(asked)
        for outcome in limited.outcomes:
            same = full.right(outcome.right, outcome.subject)
            assert outcome.status == same.status
            assert outcome.amount == same.amount
            assert outcome.explanation is not None and same.explanation is not None
            assert outcome.explanation.as_dict() == same.explanation.as_dict()
            subject = outcome.subject
            assert limited.explain(outcome.right, subject).as_text() == (
                full.explain(outcome.right, subject).as_text()
            )
        with pytest.raises(KeyError):
            limited["recht_op_uitpas_kansentarief"]  # not computed: not needed by the asked rights


def test_evaluate_household_unknown_right_is_refused(rules: RuleSet) -> None:
    from welzijn.rights.engine import InputError

    household = {"persons": {"a": {"rol": "referentiepersoon"}}}
    with pytest.raises(InputError, match="onbestaand"):
        evaluate_household(rules, household, dt.date(2023, 6, 1), rights=["onbestaand"])


def test_the_first_sentence_names_the_person_and_the_right_in_between(rules: RuleSet) -> None:
    household = {
        "persons": {
            "Sarah": {"rol": "referentiepersoon", "leeftijd": 35, "ontvangt_leefloon": True},
            "Lina": {"rol": "kind", "leeftijd": 4},
        },
        "household": {"heeft_verhoogde_tegemoetkoming": False},
    }
    result = evaluate_household(rules, household, dt.date(2026, 6, 1), absent="default")
    assert result.explain("verhoogde_tegemoetkoming").summary() == (
        "Sarah ontvangt een leefloon, dus het gezin heeft recht op verhoogde tegemoetkoming "
        "(ziekenfonds)."
    )
    assert result.explain("uitpas_kansentarief").summary() == (
        "Sarah ontvangt een leefloon, dus het gezin heeft recht op verhoogde tegemoetkoming "
        "(ziekenfonds), en daardoor automatisch op UiTPAS kansentarief Gent."
    )
    # the status itself (not a right found now) opens it: nothing in between
    household["persons"]["Sarah"]["ontvangt_leefloon"] = False
    household["household"] = {
        "heeft_verhoogde_tegemoetkoming": True,
        "bruto_belastbaar_gezinsinkomen": 90000,
    }
    result = evaluate_household(rules, household, dt.date(2026, 6, 1), absent="default")
    summary = result.explain("uitpas_kansentarief").summary()
    assert summary.endswith("dus het gezin heeft automatisch recht op UiTPAS kansentarief Gent.")
    assert "en daardoor" not in summary


def test_a_vectorised_result_is_explained_as_its_household_alone(rules: RuleSet) -> None:
    """`Results.explain` reads one household out of the population's frame into the one
    explanation builder: the same text as that household evaluated on its own."""
    import numpy as np

    from welzijn.rights.engine import Population, evaluate

    date = dt.date(2026, 6, 1)
    population = Population(
        household_index=np.array([0, 1, 1, 1]),
        roles=np.array([0, 0, 1, 2], dtype=np.int16),
        inputs={
            "leeftijd": np.array([70, 38, 36, 6]),
            "netto_bestaansmiddelen": np.array([0.0, 300.0, 0.0, 0.0]),
            "bruto_belastbaar_gezinsinkomen": np.array([9000.0, 21000.0]),
        },
        n_households=2,
    )
    results = evaluate(rules, population, date, absent="default")
    alone = evaluate_household(
        rules,
        {
            "persons": {
                "persoon 2": {
                    "rol": "referentiepersoon",
                    "leeftijd": 38,
                    "netto_bestaansmiddelen": 300,
                },
                "persoon 3": {"rol": "partner", "leeftijd": 36},
                "persoon 4": {"rol": "kind", "leeftijd": 6},
            },
            "household": {"bruto_belastbaar_gezinsinkomen": 21000},
        },
        date,
        absent="default",
    )
    person = results.explain("leefloon", 1)
    assert person.status == "onderbescherming" and person.amount
    assert person.as_text() == alone.explain("leefloon", "persoon 2").as_text()
    household = results.explain("verhoogde_tegemoetkoming", 1)
    assert household.as_text() == alone.explain("verhoogde_tegemoetkoming").as_text()
