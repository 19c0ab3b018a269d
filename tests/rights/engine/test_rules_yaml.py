"""Runs every OpenFisca-style case in welzijn/rights/rules/tests/*.yaml."""

from __future__ import annotations

import pytest

from welzijn.rights.engine import DEFAULT_RULES_DIR, RuleSet
from welzijn.rights.engine.yamltests import YamlCase, load_cases, run_case

CASES = [
    case
    for path in sorted((DEFAULT_RULES_DIR / "tests").glob("*.yaml"))
    for case in load_cases(path)
]


def test_every_right_has_yaml_cases() -> None:
    text = " ".join(str(case.output) for case in CASES)
    for name in ("recht_op_leefloon", "recht_op_verhoogde_tegemoetkoming",
                 "recht_op_uitpas_kansentarief", "recht_op_ivago_tegemoetkoming",
                 "recht_op_sociaal_tarief_energie"):  # fmt: skip
        assert name in text


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_yaml_case(rules: RuleSet, case: YamlCase) -> None:
    assert run_case(rules, case) == []
