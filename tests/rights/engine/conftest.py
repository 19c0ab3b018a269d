from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from welzijn.rights.engine import RuleSet, load_rules


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return load_rules()


PARAMS = """\
drempel:
  description: Een drempel
  metadata: {unit: currency-EUR, label: drempel, reference: Testwet art. 1}
  values:
    2023-01-01: {value: 100}
    2024-01-01: {value: 200, reference: Testwet art. 2}
"""


@pytest.fixture
def make_rules(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a tiny rules directory (variables + parameters) and return its path."""

    def write(variables: str, parameters: str = PARAMS) -> Path:
        (tmp_path / "variables").mkdir(exist_ok=True)
        (tmp_path / "parameters").mkdir(exist_ok=True)
        (tmp_path / "variables" / "regels.yaml").write_text(textwrap.dedent(variables))
        (tmp_path / "parameters" / "test.yaml").write_text(textwrap.dedent(parameters))
        return tmp_path

    return write
