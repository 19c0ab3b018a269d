"""Rules-as-code engine: pure Python + numpy, no Django.

Load once, evaluate often::

    rules = load_rules()                       # welzijn/rights/rules by default
    result = evaluate_household(rules, {...}, date)
    result.right("leefloon", person="jan").explanation.as_text()
    results = evaluate(rules, Population(...), date)   # vectorised
    inputs_for(rules, "uitpas_kansentarief")           # questionnaire order
"""

from .errors import (
    CycleError,
    EntityMismatchError,
    InputError,
    ParameterValueMissingError,
    RuleError,
    RuleLoadError,
    RuleSyntaxError,
    UnknownParameterError,
    UnknownVariableError,
)
from .explanation import Explanation
from .graph import input_dependencies, inputs_for
from .household import (
    FrameHouseholdResult,
    HouseholdResult,
    RightOutcome,
    evaluate_household,
    evaluate_household_frame,
)
from .periods import period_range
from .ruleset import DEFAULT_RULES_DIR, Right, RuleSet, load_rules
from .simulation import (
    GEEN_RECHT,
    ONBEKEND,
    ONDERBESCHERMING,
    ONTVANGT,
    STATUS_NAMES,
    Population,
    Results,
    evaluate,
)

__all__ = [
    "DEFAULT_RULES_DIR",
    "GEEN_RECHT",
    "ONBEKEND",
    "ONDERBESCHERMING",
    "ONTVANGT",
    "STATUS_NAMES",
    "CycleError",
    "EntityMismatchError",
    "Explanation",
    "FrameHouseholdResult",
    "HouseholdResult",
    "InputError",
    "ParameterValueMissingError",
    "Population",
    "Results",
    "Right",
    "RightOutcome",
    "RuleError",
    "RuleLoadError",
    "RuleSet",
    "RuleSyntaxError",
    "UnknownParameterError",
    "UnknownVariableError",
    "evaluate",
    "evaluate_household",
    "evaluate_household_frame",
    "input_dependencies",
    "inputs_for",
    "load_rules",
    "period_range",
]
