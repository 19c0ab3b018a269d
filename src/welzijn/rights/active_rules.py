"""The rule set in force, loaded once per process."""

import functools

from welzijn.rights.engine import RuleSet, load_rules


@functools.cache
def rules() -> RuleSet:
    return load_rules()


def right_label(name: str) -> str:
    right = rules().rights.get(name)
    return right.label if right else name
