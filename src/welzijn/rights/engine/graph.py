"""Dependency graph: which inputs a right needs, most decisive first.

Ranking, so a questionnaire can stop early:

1. inputs that decide a condition alone (the condition depends on that input
   only), weighted by how high the condition sits in the tree (1 / (depth + 1));
2. then the number of conditions the input takes part in;
3. then the order of appearance in the rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .expressions import KLEENE, Apply, Expr, VarRef
from .ruleset import RuleSet
from .variables import Condition, ExpressionFormula, Formula, Variable


@dataclass
class _Score:
    alone: float = 0.0
    occurrences: int = 0
    first: int = 1 << 30


def _formula(rules: RuleSet, name: str, date: dt.date | None) -> Formula | None:
    variable = rules.variables[name]
    if date is not None:
        return variable.formula_at(date)
    return variable.formulas[-1][1] if variable.formulas else None


def input_dependencies(rules: RuleSet, names: list[str], date: dt.date | None = None) -> set[str]:
    """Input variables (not built-ins) that ``names`` need transitively."""
    seen: set[str] = set()
    stack = list(names)
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        variable = rules.variables[name]
        if date is None:
            stack.extend(variable.dependencies())
        else:
            formula = variable.formula_at(date)
            if formula is not None:
                stack.extend(formula.variables())
    return {n for n in seen if rules.variables[n].is_input and not rules.variables[n].builtin}


def inputs_for(
    rules: RuleSet, right: str, date: dt.date | None = None, *, include_amount: bool = True
) -> list[Variable]:
    """Input variables to ask for ``right`` (a right name or a variable name).

    With ``date``, only the formulas in force then count; without, the latest.
    Inputs for the amount come after those for the entitlement.
    """
    if right in rules.rights:
        spec = rules.rights[right]
        entitled, amount = spec.entitled, spec.amount
    else:
        entitled, amount = right, None
    scores: dict[str, _Score] = {}
    counter = [0]

    def visit(formula: Formula, depth: int) -> None:
        if isinstance(formula, Condition):
            for child in formula.children:
                visit(child, depth + 1)
            return
        assert isinstance(formula, ExpressionFormula)
        visit_expr(formula.expr, depth)

    def visit_expr(expr: Expr, depth: int) -> None:
        if isinstance(expr, VarRef) and not rules.variables[expr.name].is_input:
            inner = _formula(rules, expr.name, date)
            if inner is not None:
                visit(inner, depth + 1)
            return
        if (
            isinstance(expr, Apply)
            and expr.op.unknown == KLEENE
            and all(isinstance(i, VarRef) for i in expr.args)
        ):
            for item in expr.args:  # "a or b" of variables: each can decide alone
                visit_expr(item, depth + 1)
            return
        names = sorted(expr.variables())
        leaf_inputs = input_dependencies(rules, names, date)
        for name in sorted(leaf_inputs, key=lambda n: expr.text.find(n) % (1 << 20)):
            score = scores.setdefault(name, _Score())
            score.occurrences += 1
            score.first = min(score.first, counter[0])
            counter[0] += 1
            if len(leaf_inputs) == 1:
                score.alone += 1.0 / (depth + 1)

    root = _formula(rules, entitled, date)
    if root is not None:
        visit(root, 0)
    ordered = sorted(
        scores, key=lambda n: (-scores[n].alone, -scores[n].occurrences, scores[n].first)
    )
    if include_amount and amount is not None:
        extra = input_dependencies(rules, [amount], date) - set(ordered)
        ordered += sorted(extra, key=lambda n: rules.order.index(n))
    return [rules.variables[name] for name in ordered]
