"""YAML loading that remembers on which line every mapping key stands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import RuleSyntaxError


class LineDict(dict[Any, Any]):
    """A dict from YAML that knows the 1-based line of itself and of each key."""

    file: str = ""
    line: int = 0

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.key_lines: dict[Any, int] = {}

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    result = LineDict()
    result.file = loader.name
    result.line = node.start_mark.line + 1
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise RuleSyntaxError(
                f"duplicate key {key!r}", loader.name, key_node.start_mark.line + 1
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path) -> Any:
    """Load one YAML file; mappings become `LineDict`s."""
    text = path.read_text(encoding="utf-8")
    loader = _Loader(text)
    loader.name = str(path)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
        raise RuleSyntaxError(f"invalid YAML: {exc.problem}", path, line) from exc
    finally:
        loader.dispose()
