"""Exceptions of the rules engine.

Load-time errors always name the rule file and the line, so a rule author can fix
the YAML without reading engine code.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path


class RuleError(Exception):
    """Base class of every error raised by the rules engine."""


class RuleLoadError(RuleError):
    """A rule or parameter file is wrong; raised while loading the rule set."""

    def __init__(self, message: str, file: Path | str | None = None, line: int | None = None):
        self.file = str(file) if file is not None else None
        self.line = line
        self.reason = message
        where = ""
        if self.file is not None:
            where = f"{self.file}:{line}: " if line is not None else f"{self.file}: "
        super().__init__(f"{where}{message}")


class RuleSyntaxError(RuleLoadError):
    """A declaration or expression cannot be parsed or has the wrong shape."""


class UnknownVariableError(RuleLoadError):
    """A formula references a variable that is not declared."""


class UnknownParameterError(RuleLoadError):
    """A formula references a parameter that does not exist."""


class EntityMismatchError(RuleLoadError):
    """An expression mixes values of persons and households without an aggregation."""


class CycleError(RuleLoadError):
    """Variables depend on each other in a cycle."""


class ParameterValueMissingError(RuleError):
    """A parameter has no value on the date asked (raised at evaluation)."""

    def __init__(self, parameter: str, file: str, line: int | None, date: dt.date):
        self.parameter = parameter
        self.file = file
        self.line = line
        self.date = date
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: parameter {parameter!r} has no value on {date.isoformat()}")


class InputError(RuleError):
    """Input data given to an evaluation is wrong (unknown name, bad value, bad shape)."""
