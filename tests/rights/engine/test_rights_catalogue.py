"""The rights in the rules: each one complete (law, periods, how to apply, tests with a source),
evaluable on every date of 2023-2026, refused with the missing parameter's name outside it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
import yaml

from welzijn.rights.engine import (
    DEFAULT_RULES_DIR,
    ParameterValueMissingError,
    Population,
    RuleSet,
    evaluate,
    evaluate_household,
)
from welzijn.rights.engine.yamltests import load_cases

CATALOG = Path(__file__).parents[3] / "src/welzijn/catalog/fixtures/catalog.yaml"
CASES = [
    case
    for path in sorted((DEFAULT_RULES_DIR / "tests").glob("*.yaml"))
    for case in load_cases(path)
]
#: The rights issues 17 and 13 ask for by name, plus the ones a Ghent social worker expects.
EXPECTED_RIGHTS = {
    "leefloon", "leefloon_student", "equivalent_leefloon", "verhoogde_tegemoetkoming", "igo",
    "maximumfactuur", "sociaal_tarief_energie", "sociaal_verwarmingsfonds",
    "groeipakket_sociale_toeslag", "schooltoeslag", "studietoelage", "vlaamse_huurpremie",
    "zorgbudget_ouderen", "zorgbudget_zwaar_zorgbehoevenden", "kinderopvang_inkomenstarief",
    "uitpas_kansentarief", "ivago_tegemoetkoming", "huurwaarborg", "de_lijn_verminderd_tarief",
    "nmbs_verhoogde_tegemoetkoming", "psychologische_hulp_eerstelijn", "dringende_medische_hulp",
    "beschermde_afnemer",  # issue 13: the LAC household's protected-customer status
}  # fmt: skip

#: One household in which every person-level and household-level condition is reachable.
HOUSEHOLD = {
    "persons": {
        "sarah": {"rol": "referentiepersoon", "leeftijd": 41, "netto_bestaansmiddelen": 600},
        "karim": {"rol": "partner", "leeftijd": 44, "verblijfsstatus": "subsidiaire_bescherming"},
        "lina": {"rol": "kind", "leeftijd": 1, "gaat_naar_kinderopvang": True},
        "noor": {"rol": "kind", "leeftijd": 9, "onderwijs": "lager"},
        "yusuf": {"rol": "kind", "leeftijd": 19, "onderwijs": "hoger"},
        "oma": {"rol": "ander", "leeftijd": 79, "bel_score": 38},
    },
    "household": {
        "woont_in_gent": True,
        "bruto_belastbaar_gezinsinkomen": 21000,
        "huurt_op_private_markt": True,
        "huurprijs_per_maand": 640,
        "jaren_op_wachtlijst_sociale_woning": 5,
        "moet_huurwaarborg_betalen": True,
        "verwarmt_met_stookolie": True,
        "brandstof_geleverd_binnen_termijn": True,
        "geleverde_liters": 900,
        "remgeld_dit_jaar": 650,
    },
}


def _catalog_codes() -> set[str]:
    rows = yaml.safe_load(CATALOG.read_text(encoding="utf-8"))
    return {row["fields"]["code"] for row in rows if row["model"] == "catalog.service"}


def test_at_least_twenty_rights_including_the_ones_the_issue_names(rules: RuleSet) -> None:
    assert len(rules.rights) >= 20
    assert set(rules.rights) >= EXPECTED_RIGHTS


@pytest.mark.parametrize("name", sorted(EXPECTED_RIGHTS))
def test_right_is_complete(rules: RuleSet, name: str) -> None:
    right = rules.rights[name]
    assert right.reference and right.explanation and right.granted_by
    assert len(right.how_to_apply) > 40, "what the person must do (where, which documents)"
    assert right.applies and right.applies_on(dt.date(2026, 6, 1))
    assert right.applies[0][0] <= dt.date(2023, 1, 1)
    if right.service is not None:
        assert right.service in _catalog_codes()
    else:
        assert right.auto_grantable, "only rights granted automatically elsewhere lack a service"


@pytest.mark.parametrize("name", sorted(EXPECTED_RIGHTS))
def test_right_has_yaml_cases_with_a_source(rules: RuleSet, name: str) -> None:
    right = rules.rights[name]
    own = {n for n in (right.entitled, right.amount) if n}
    relevant = rules.dependencies(own) - {v.name for v in rules.inputs}
    cases = [case for case in CASES if relevant & set(case.output)]
    assert cases, f"no YAML case checks {name}"
    assert any(set(case.output) & own for case in cases)
    described = [case.description for case in cases if case.description]
    assert any(
        text.startswith("Bron") or "gepubliceerd" in text or "niet gevonden" in text
        for text in described
    ), f"{name}: cite the published example, or say none was found"


@pytest.mark.parametrize("name", sorted(EXPECTED_RIGHTS))
def test_a_right_with_an_amount_has_an_amount_case_in_every_year_2023_to_2026(
    rules: RuleSet, name: str
) -> None:
    amount = rules.rights[name].amount
    if amount is None:
        pytest.skip("no amount")
    years = {case.date.year for case in CASES if amount in case.output}
    assert years >= {2023, 2024, 2025, 2026}, (name, sorted(years))


def test_every_month_of_2023_to_2026_evaluates(rules: RuleSet) -> None:
    outcomes = 0
    for year in range(2023, 2027):
        for month in range(1, 13):
            result = evaluate_household(
                rules, HOUSEHOLD, dt.date(year, month, 15), absent="default", explain=False
            )
            assert {o.right for o in result.outcomes} == set(rules.rights)
            outcomes += len(result.outcomes)
    assert outcomes > 48 * len(rules.rights)


def test_household_on_1_june_2026_for_every_right(rules: RuleSet) -> None:
    result = evaluate_household(rules, HOUSEHOLD, dt.date(2026, 6, 1))
    statuses = {(o.right, o.subject): o.status for o in result.outcomes}
    assert {right for right, _ in statuses} == set(rules.rights)
    assert all(o.explanation is not None for o in result.outcomes)
    # inputs left out are unknown: no assumption that the person is willing to work, etc.
    assert statuses[("leefloon", "sarah")] == "onbekend"
    assert statuses[("kinderopvang_inkomenstarief", "lina")] == "onbekend"
    # karim is covered by sarah's category 3 (a couple with minor children)
    assert statuses[("equivalent_leefloon", "karim")] == "geen_recht"
    # what is fully given is decided, with amounts from the 2026 parameters
    assert result.right("schooltoeslag", "noor").amount == pytest.approx(188.19)
    # the 2024 maximum in Gent (carried forward), 195.54 + 32.59 per persoon ten laste: 75 % of
    # the maximum rent less 1/55 of the income is higher
    assert result.right("vlaamse_huurpremie").amount == pytest.approx(195.54 + 3 * 32.59)
    assert result.right("maximumfactuur").amount == pytest.approx(650 - 516.92)  # 2024 ceiling
    assert result.right("sociaal_verwarmingsfonds").amount == pytest.approx(900 * 0.14)
    assert result.right("igo", "noor").status == "geen_recht"


def test_household_on_1_june_2026_with_defaults(rules: RuleSet) -> None:
    """As an OpenFisca test would: inputs left out take their declared default."""
    result = evaluate_household(rules, HOUSEHOLD, dt.date(2026, 6, 1), absent="default")
    # 600 a month of resources, less the general exemption of EUR 310 a year for a person
    # with a family (KB 11 juli 2002, art. 22, § 2)
    assert result.right("leefloon", "sarah").amount == pytest.approx(
        1811.57 - (600 - 310 / 12), abs=0.01
    )
    assert result.right("equivalent_leefloon", "karim").status == "geen_recht"
    assert result.right("igo", "oma").amount == pytest.approx(1074.65)  # samenwonend, 66+
    assert result.right("zorgbudget_zwaar_zorgbehoevenden", "oma").amount == 140
    assert result.right("studietoelage", "yusuf").status == "onderbescherming"
    assert result.right("kinderopvang_inkomenstarief", "lina").status == "onderbescherming"


def test_vectorised_evaluation_on_1_june_2026_covers_every_right(rules: RuleSet) -> None:
    persons = HOUSEHOLD["persons"]

    def default(name: str) -> object:
        variable = rules.variables[name]
        if variable.value_type == "enum":
            return variable.enum_values[variable.default]
        return variable.default

    inputs = {
        name: np.array([p.get(name, default(name)) for p in persons.values()])
        for name in {k for p in persons.values() for k in p} - {"rol"}
    }
    inputs |= {name: np.array([value]) for name, value in HOUSEHOLD["household"].items()}
    population = Population(
        household_index=np.zeros(len(persons), dtype=np.intp),
        roles=np.array([p["rol"] for p in persons.values()]),
        inputs=inputs,
    )
    results = evaluate(rules, population, dt.date(2026, 6, 1))
    for right in rules.rights:
        assert results.status(right).shape in {(1,), (len(persons),)}
    assert results.known("recht_op_schooltoeslag")[3]  # noor: everything it needs is given


@pytest.mark.parametrize("date", [dt.date(2022, 12, 31), dt.date(2027, 1, 1)])
def test_outside_2023_2026_the_error_names_the_parameter(rules: RuleSet, date: dt.date) -> None:
    with pytest.raises(ParameterValueMissingError) as raised:
        evaluate_household(rules, HOUSEHOLD, date, absent="default", explain=False)
    assert raised.value.parameter in rules.parameters
    assert f"parameter {raised.value.parameter!r} has no value on {date.isoformat()}" in str(
        raised.value
    )


RIGHT_FILE = """\
variables:
  heeft_het:
    entity: household
    type: bool
    input: true
    label: heeft het
    question: Heeft het gezin het?
  recht:
    entity: household
    type: bool
    label: recht
    formula: p.test.drempel > 50
rights:
  proef:
    label: Proef
    entitled: recht
    receives: heeft_het
    reference: Testwet art. 1
    explanation: Een proef.
    how_to_apply: Automatisch.
    applies:
      - {{from: 2023-01-01, until: {until}}}
"""


def test_applies_is_read_and_checked(make_rules) -> None:
    from welzijn.rights.engine import RuleSyntaxError, load_rules

    rules = load_rules(make_rules(RIGHT_FILE.format(until="2023-12-31")))
    right = rules.rights["proef"]
    assert right.applies == ((dt.date(2023, 1, 1), dt.date(2023, 12, 31)),)
    assert right.applies_on(dt.date(2023, 6, 1)) and not right.applies_on(dt.date(2024, 1, 1))
    assert right.how_to_apply == "Automatisch." and right.service is None
    with pytest.raises(RuleSyntaxError, match="applies ends before it starts"):
        load_rules(make_rules(RIGHT_FILE.format(until="2022-12-31")))
