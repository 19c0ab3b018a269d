"""Engine mechanics: vectorised == fast path, dates, parameters, aggregations, statuses."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from welzijn.rights.engine import (
    GEEN_RECHT,
    ONBEKEND,
    ONDERBESCHERMING,
    ONTVANGT,
    InputError,
    Population,
    RuleSet,
    evaluate,
    evaluate_household,
    load_rules,
)
from welzijn.rights.engine.synthetic import household_dict, random_population

DATES = [dt.date(2023, 1, 1), dt.date(2023, 6, 1), dt.date(2023, 12, 1), dt.date(2024, 6, 1)]


@settings(max_examples=15, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    date=st.sampled_from(DATES),
    missing_rate=st.sampled_from([0.0, 0.2]),
)
def test_vectorised_equals_fast_path(seed: int, date: dt.date, missing_rate: float) -> None:
    rules = load_rules()
    population = random_population(rules, 25, seed=seed, missing_rate=missing_rate)
    results = evaluate(rules, population, date)
    for right_name, right in rules.rights.items():
        status = results.status(right_name)
        entitled, known = results[right.entitled], results.known(right.entitled)
        for h in range(25):
            single = evaluate_household(rules, household_dict(rules, population, h), date)
            members = np.flatnonzero(population.household_index == h)
            rows = members if right.entity == "person" else [h]
            for i, row in enumerate(rows):
                outcome = single.right(right_name, f"p{i}" if right.entity == "person" else None)
                assert (
                    outcome.status
                    == ("ontvangt", "onderbescherming", "geen_recht", "onbekend")[status[row]]
                )
                assert outcome.entitled == (bool(entitled[row]) if known[row] else None)
                if right.amount:
                    vector_amount = results[right.amount][row]
                    assert outcome.amount == (
                        float(vector_amount) if results.known(right.amount)[row] else None
                    )


def test_formula_switches_on_its_start_date(rules: RuleSet) -> None:
    population = Population(
        household_index=np.array([0]),
        roles=np.array([0]),
        inputs={"heeft_verhoogde_tegemoetkoming": np.array([True])},
    )
    target = frozenset({"recht_op_sociaal_tarief_energie"})
    value = {
        date: bool(
            evaluate(rules, population, date, outputs=target, absent="default")[
                "recht_op_sociaal_tarief_energie"
            ][0]
        )
        for date in (
            dt.date(2021, 1, 31),
            dt.date(2021, 2, 1),
            dt.date(2023, 6, 30),
            dt.date(2023, 7, 1),
        )
    }
    assert list(value.values()) == [False, True, True, False]


def test_formula_absent_before_first_start_gives_default(rules: RuleSet) -> None:
    population = Population(
        household_index=np.array([0]),
        roles=np.array([0]),
        inputs={"in_budgetbeheer": np.array([True])},
    )
    target = frozenset({"ivago_extra_ophaalkrediet"})
    before = evaluate(rules, population, dt.date(2022, 12, 1), outputs=target, absent="default")
    after = evaluate(rules, population, dt.date(2023, 1, 1), outputs=target, absent="default")
    assert before["ivago_extra_ophaalkrediet"].tolist() == [0.0]
    assert after["ivago_extra_ophaalkrediet"].tolist() == [21.0]


def test_parameter_lookup_by_date(rules: RuleSet) -> None:
    coefficient = rules.parameters["leefloon.indexcoefficient"]
    assert coefficient.at(dt.date(2023, 10, 31)).value == 1.6406
    assert coefficient.at(dt.date(2023, 11, 1)).value == 1.6734
    found = coefficient.at(dt.date(2024, 12, 1))
    assert found.value == 1.7069 and found.start == dt.date(2024, 5, 1)
    assert "art. 14" in found.reference
    base = rules.parameters["leefloon.basisbedrag.alleenstaande"]
    assert base.at(dt.date(2023, 6, 30)).value == 8880.64
    assert base.at(dt.date(2023, 7, 1)).value == 9058.25


def test_group_aggregations_with_roles(rules: RuleSet) -> None:
    # household 0: referentiepersoon 40, kind 5, kind 19; household 1: alone, 70
    population = Population(
        household_index=np.array([0, 0, 0, 1]),
        roles=np.array(["referentiepersoon", "kind", "kind", "referentiepersoon"]),
        inputs={
            "leeftijd": np.array([40, 5, 19, 70]),
            "ontvangt_igo": np.array([False, False, False, True]),
            "ontvangt_leefloon": np.array([False, False, True, False]),
        },
    )
    results = evaluate(
        rules,
        population,
        dt.date(2023, 3, 1),
        outputs=frozenset(
            {
                "aantal_gezinsleden",
                "aantal_minderjarige_kinderen",
                "vt_automatisch",
                "heeft_kind_ten_laste",
            }
        ),
        absent="default",
    )
    assert results["aantal_gezinsleden"].tolist() == [3, 1]
    assert results["aantal_minderjarige_kinderen"].tolist() == [1, 0]
    assert results["vt_automatisch"].tolist() == [True, True]
    assert results["heeft_kind_ten_laste"].tolist() == [True, False, False, False]


def test_missing_inputs_use_three_valued_logic(rules: RuleSet) -> None:
    base = {"rol": "referentiepersoon", "leeftijd": 40}
    date = dt.date(2023, 3, 1)
    # income unknown, but a leefloon decides VT alone
    known = evaluate_household(
        rules,
        {"persons": {"a": {**base, "ontvangt_leefloon": True}}, "household": {}},
        date,
    )
    assert known.value("recht_op_verhoogde_tegemoetkoming") is True
    unknown = evaluate_household(rules, {"persons": {"a": base}, "household": {}}, date)
    assert unknown.value("recht_op_verhoogde_tegemoetkoming") is None
    assert unknown.right("verhoogde_tegemoetkoming").status == "onbekend"


def test_status_classification(rules: RuleSet) -> None:
    population = Population(
        household_index=np.arange(4),
        roles=np.zeros(4, dtype=np.int16),
        inputs={
            "bruto_belastbaar_gezinsinkomen": np.array([10_000.0, 10_000.0, 90_000.0, 0.0]),
            "heeft_verhoogde_tegemoetkoming": np.array([True, False, False, False]),
        },
        missing={"bruto_belastbaar_gezinsinkomen": np.array([False, False, False, True])},
    )
    results = evaluate(rules, population, dt.date(2023, 3, 1), absent="default")
    assert results.status("verhoogde_tegemoetkoming").tolist() == [
        ONTVANGT,
        ONDERBESCHERMING,
        GEEN_RECHT,
        ONBEKEND,
    ]


def test_amounts_are_rounded_to_cents_at_the_boundary(rules: RuleSet) -> None:
    population = Population(
        household_index=np.array([0]),
        roles=np.array([0]),
        inputs={"leeftijd": np.array([40]), "netto_bestaansmiddelen": np.array([100.004])},
    )
    results = evaluate(rules, population, dt.date(2023, 1, 1), absent="default")
    raw = results.frame.values["leefloon_bedrag"].values[0]
    # 1214.13 - (100.004 - 250 / 12): the general exemption of art. 22, § 2 KB 11 juli 2002
    assert raw == pytest.approx(1134.959333)
    assert results["leefloon_bedrag"][0] == 1134.96


def test_bad_input_is_refused(rules: RuleSet) -> None:
    with pytest.raises(InputError, match="bestaat_niet"):
        evaluate_household(
            rules,
            {"persons": {"a": {"rol": "referentiepersoon", "bestaat_niet": 1}}},
            dt.date(2023, 1, 1),
        )
    with pytest.raises(InputError, match="rol"):
        evaluate_household(rules, {"persons": {"a": {"rol": "baas"}}}, dt.date(2023, 1, 1))
    with pytest.raises(InputError, match="shape"):
        evaluate(
            rules,
            Population(np.array([0, 0]), np.array([0, 2]), {"leeftijd": np.array([1])}),
            dt.date(2023, 1, 1),
        )
