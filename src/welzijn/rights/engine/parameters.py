"""Parameters: values by date with their legal reference, loaded from YAML.

Layout follows OpenFisca: a file is a node; a node holds child nodes or is a leaf
with ``values: {date: {value: ..., reference: ...}}`` and ``metadata: {unit,
reference, label}``. Directories are nodes too. The path of a leaf is its dotted
position, e.g. ``leefloon.basisbedrag.alleenstaande``.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ParameterValueMissingError, RuleSyntaxError
from .yamlsource import LineDict, load_yaml

_NODE_KEYS = {"description", "metadata", "documentation"}


@dataclass(frozen=True)
class ParameterValue:
    """One value of a parameter as it applies on a date."""

    name: str
    value: Any
    start: dt.date
    reference: str
    label: str
    unit: str | None
    file: str
    line: int


@dataclass(frozen=True)
class Parameter:
    """A leaf parameter: a value per start date (``None`` ends the parameter)."""

    name: str
    description: str
    label: str
    unit: str | None
    file: str
    line: int
    starts: tuple[dt.date, ...]
    entries: tuple[ParameterValue | None, ...]

    def at(self, date: dt.date) -> ParameterValue:
        """Value in force on ``date``; raises when there is none."""
        pos = bisect.bisect_right(self.starts, date) - 1
        entry = self.entries[pos] if pos >= 0 else None
        if entry is None:
            raise ParameterValueMissingError(self.name, self.file, self.line, date)
        return entry


def _as_date(key: Any, file: str, line: int) -> dt.date:
    if isinstance(key, dt.date) and not isinstance(key, dt.datetime):
        return key
    try:
        return dt.date.fromisoformat(str(key))
    except ValueError as exc:
        raise RuleSyntaxError(f"{key!r} is not a date (YYYY-MM-DD)", file, line) from exc


def _leaf(name: str, node: LineDict) -> Parameter:
    file = node.file
    metadata = node.get("metadata") or {}
    if not isinstance(metadata, dict):
        raise RuleSyntaxError("metadata must be a mapping", file, node.line_of("metadata"))
    values = node["values"]
    if not isinstance(values, LineDict) or not values:
        raise RuleSyntaxError(
            f"parameter {name!r}: values must be a non-empty mapping of dates",
            file,
            node.line_of("values"),
        )
    label = str(metadata.get("label") or node.get("description") or name)
    unit = metadata.get("unit")
    default_reference = metadata.get("reference")
    items: list[tuple[dt.date, ParameterValue | None]] = []
    for key, item in values.items():
        item_line = values.line_of(key)
        start = _as_date(key, file, item_line)
        if not isinstance(item, dict) or "value" not in item:
            raise RuleSyntaxError(
                f"parameter {name!r} on {start}: expected {{value: ...}}", file, item_line
            )
        if item["value"] is None:
            items.append((start, None))
            continue
        reference = item.get("reference") or default_reference
        if not reference:
            raise RuleSyntaxError(
                f"parameter {name!r} on {start}: no legal reference "
                "(give 'reference' on the value or in metadata)",
                file,
                item_line,
            )
        items.append(
            (
                start,
                ParameterValue(
                    name=name,
                    value=_check_value(item["value"], name, file, item_line),
                    start=start,
                    reference=str(reference),
                    label=label,
                    unit=str(unit) if unit is not None else None,
                    file=file,
                    line=item_line,
                ),
            )
        )
    items.sort(key=lambda pair: pair[0])
    return Parameter(
        name=name,
        description=str(node.get("description") or label),
        label=label,
        unit=str(unit) if unit is not None else None,
        file=file,
        line=node.line,
        starts=tuple(start for start, _ in items),
        entries=tuple(entry for _, entry in items),
    )


def _check_value(value: Any, name: str, file: str, line: int) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float | dict):
        raise RuleSyntaxError(
            f"parameter {name!r}: value must be a number or a table, got {value!r}", file, line
        )
    if isinstance(value, dict):
        table: dict[int, float] = {}
        for key, amount in value.items():
            if not isinstance(key, int) or not isinstance(amount, int | float):
                raise RuleSyntaxError(
                    f"parameter {name!r}: a table maps whole numbers to numbers", file, line
                )
            table[key] = float(amount)
        return table
    return float(value)


class ParameterTree:
    """All parameters of a rule set, by dotted name."""

    def __init__(self, parameters: dict[str, Parameter]):
        self.parameters = parameters

    def __contains__(self, name: str) -> bool:
        return name in self.parameters

    def __getitem__(self, name: str) -> Parameter:
        return self.parameters[name]

    def at(self, name: str, date: dt.date) -> ParameterValue:
        return self.parameters[name].at(date)


def _walk(prefix: str, node: Any, file: str, line: int, out: dict[str, Parameter]) -> None:
    if not isinstance(node, LineDict):
        raise RuleSyntaxError(f"parameter node {prefix!r} must be a mapping", file, line)
    if "values" in node:
        out[prefix] = _leaf(prefix, node)
        return
    for key, child in node.items():
        if key in _NODE_KEYS:
            continue
        _walk(f"{prefix}.{key}" if prefix else str(key), child, file, node.line_of(key), out)


def load_parameters(directory: Path) -> ParameterTree:
    """Load every ``*.yaml`` under ``directory``; the file path gives the name prefix."""
    out: dict[str, Parameter] = {}
    for path in sorted(directory.rglob("*.yaml")):
        relative = path.relative_to(directory).with_suffix("")
        prefix = ".".join(relative.parts)
        data = load_yaml(path)
        _walk(prefix, data, str(path), 1, out)
    return ParameterTree(out)
