"""Run OpenFisca-style YAML test cases (name, description, period, input, output,
absolute_error_margin) against a rule set, one household per case. The description
cites where a published example comes from, or says that none was found."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .entities import PERSON
from .errors import RuleSyntaxError
from .household import evaluate_household
from .ruleset import RuleSet
from .yamlsource import LineDict, load_yaml


@dataclass(frozen=True)
class YamlCase:
    name: str
    date: dt.date
    input: dict[str, Any]
    output: dict[str, Any]
    margin: float
    file: str
    line: int
    description: str = ""

    @property
    def id(self) -> str:
        return f"{Path(self.file).stem}:{self.line}:{self.name}"


def parse_period(value: Any) -> dt.date:
    """``2023``, ``2023-06`` or ``2023-06-15`` → a date (first day of the period)."""
    if isinstance(value, dt.date):
        return value
    text = str(value)
    parts = text.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 1
    day = int(parts[2]) if len(parts) > 2 else 1
    return dt.date(year, month, day)


def load_cases(path: Path) -> list[YamlCase]:
    data = load_yaml(path)
    if not isinstance(data, list):
        raise RuleSyntaxError("a YAML test file is a list of cases", path, 1)
    cases = []
    for item in data:
        if not isinstance(item, LineDict) or not {"name", "period", "input", "output"} <= set(item):
            raise RuleSyntaxError(
                "a test case needs name, period, input and output", path, getattr(item, "line", 1)
            )
        cases.append(
            YamlCase(
                name=str(item["name"]),
                date=parse_period(item["period"]),
                input=dict(item["input"]),
                output=dict(item["output"]),
                margin=float(item.get("absolute_error_margin", 0.005)),
                file=str(path),
                line=item.line,
                description=" ".join(str(item.get("description") or "").split()),
            )
        )
    return cases


def _matches(expected: Any, actual: Any, margin: float) -> bool:
    if isinstance(expected, bool) or isinstance(actual, bool) or actual is None:
        return bool(expected == actual)
    if isinstance(expected, int | float):
        return abs(float(actual) - float(expected)) <= margin
    return bool(expected == actual)


def run_case(rules: RuleSet, case: YamlCase) -> list[str]:
    """Differences between expected and computed outputs (empty when it passes)."""
    result = evaluate_household(rules, case.input, case.date, absent="default", explain=False)
    problems = []
    for name, expected in case.output.items():
        if name not in rules.variables:
            problems.append(f"unknown output variable {name!r}")
            continue
        actual = result[name]
        if rules.variables[name].entity == PERSON:
            ids = result.person_ids
            if isinstance(expected, list):
                expected = dict(zip(ids, expected, strict=False))
            elif not isinstance(expected, dict):
                expected = dict.fromkeys(ids, expected)
            for pid, value in expected.items():
                if not _matches(value, actual.get(str(pid)), case.margin):
                    problems.append(f"{name}[{pid}]: expected {value!r}, got {actual.get(pid)!r}")
        elif not _matches(expected, actual, case.margin):
            problems.append(f"{name}: expected {expected!r}, got {actual!r}")
    return problems
