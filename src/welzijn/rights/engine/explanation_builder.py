"""The explanation builder: one definition of the trees, for both evaluation paths.

Nodes are built from plain Python values (``None`` for unknown), as the one-household
path (`scalar.ScalarPlan.run`) computes them; a vectorised evaluation (a numpy `Frame`)
is explained through the same builder by reading one household's rows out of it
(`frame_builder`). What does not depend on the household (parameter facts of the date,
the static parts of each formula node) is computed once per plan and shared.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from .entities import HOUSEHOLD, PERSON
from .explanation import (
    Explanation,
    Fact,
    Node,
    ParameterFact,
    decided_path,
    dutch_date,
    dutch_number,
)
from .ruleset import Right, RuleSet
from .scalar import Nodes, ScalarPlan, Values, round_cents_scalar
from .simulation import GEEN_RECHT, ONBEKEND, ONDERBESCHERMING, ONTVANGT, STATUS_NAMES
from .values import Frame, Tri
from .variables import Condition, ExpressionFormula, Formula, Variable


def status_code(entitled: Any, receives: Any) -> int:
    """`simulation.status_codes` for one row (``None`` = unknown)."""
    if receives is not None and receives:
        return ONTVANGT
    if entitled is None:
        return ONBEKEND
    if not entitled:
        return GEEN_RECHT
    if receives is not None:
        return ONDERBESCHERMING
    return ONBEKEND


def _python(tri: Tri, row: int) -> Any:
    """Entry ``row`` of a frame's array as the scalar path holds it (``None`` unknown)."""
    known = tri.known
    if known is not None and not (known if known.ndim == 0 else known[row]):
        return None
    value = tri.values if tri.values.ndim == 0 else tri.values[row]
    return value.item() if hasattr(value, "item") else value


def frame_builder(
    rules: RuleSet, frame: Frame, household: int, person_ids: list[str] | None = None
) -> tuple[ExplanationBuilder, list[int]]:
    """The builder for one household of an evaluated frame, and the frame rows of its
    members (in order). People are named ``person_ids``, or 'persoon <row + 1>'."""
    members = [int(m) for m in frame.members_of(household)]
    plan = rules.scalar_plan(frame.date)
    values: Values = {}
    for name, column in frame.values.items():
        if rules.variables[name].entity == PERSON:
            values[name] = [_python(column, m) for m in members]
        else:
            values[name] = _python(column, household)
    nodes: Nodes = {}
    empty = [None] * max(len(members), 1)
    for fid in plan.node_ids:
        tri = frame.nodes.get(fid)
        if tri is None:
            nodes[fid] = empty
        elif tri.values.ndim == 0:
            nodes[fid] = [_python(tri, 0)] * len(empty)
        elif fid in plan.person_node_ids:
            nodes[fid] = [_python(tri, m) for m in members]
        else:
            nodes[fid] = [_python(tri, household)]
    names = person_ids if person_ids is not None else [f"persoon {m + 1}" for m in members]
    return ExplanationBuilder(rules, plan, values, nodes, names), members


def python_value(variable: Variable, value: Any) -> Any:
    """Value as a caller sees it (``None`` when unknown); amounts rounded to cents."""
    if value is None:
        return None
    kind = variable.value_type
    if kind == "enum":
        return variable.enum_values[value]
    if kind == "amount":
        return round_cents_scalar(value)
    return value


def display(variable: Variable, value: Any) -> str:
    if value is None:
        return "onbekend"
    kind = variable.value_type
    if kind == "bool":
        return "ja" if value else "nee"
    if kind == "enum":
        code = variable.enum_values[value]
        return str(variable.enum_labels.get(code, code))
    if kind == "amount":
        unit = f" {variable.unit}" if variable.unit else ""
        return f"{dutch_number(round_cents_scalar(value))}{unit}"
    if kind == "int":
        return str(int(value))
    return dutch_number(float(value), 4).rstrip("0").rstrip(",")


def parameter_fact(plan: ScalarPlan, rules: RuleSet, name: str) -> ParameterFact:
    """Parameter fact of the plan's date (frozen, shared by every household)."""
    fact = plan.parameter_facts.get(name)
    if fact is None:
        found = rules.parameters.at(name, plan.date)
        value = found.value
        if isinstance(value, dict):
            shown = ", ".join(f"{k}: {dutch_number(v)}" for k, v in sorted(value.items()))
        elif found.unit and "EUR" in found.unit:
            shown = f"{dutch_number(value)} EUR"
        else:
            shown = dutch_number(value, 4).rstrip("0").rstrip(",")
        fact = plan.parameter_facts[name] = ParameterFact(
            name=name,
            label=found.label,
            value=value,
            display=shown,
            start=found.start,
            reference=found.reference,
            file=found.file,
        )
    return fact


#: static part of an expression node: label, text, reference, parameter facts and,
#: per variable read, (variable, its name, is a person variable, where its rows are,
#: expandable)
_Static = tuple[
    str, str, str | None, list[ParameterFact], list[tuple[Variable, str, bool, int, bool]]
]
_SAME_ROW, _MEMBERS, _HOUSEHOLD_ROW = 0, 1, 2


def _static(
    plan: ScalarPlan, rules: RuleSet, formula: ExpressionFormula, entity: str, amount_mode: bool
) -> _Static:
    key = (formula.id, amount_mode)
    found: _Static | None = plan.explanation_statics.get(key)
    if found is None:
        expr = formula.expr
        reads = []
        for name in expr.variable_order():
            variable = rules.variables[name]
            if variable.entity == entity:
                where = _SAME_ROW
            elif variable.entity == PERSON:
                where = _MEMBERS
            else:
                where = _HOUSEHOLD_ROW
            reads.append(
                (
                    variable,
                    name,
                    variable.entity == PERSON,
                    where,
                    _expandable(variable, amount_mode),
                )
            )
        found = plan.explanation_statics[key] = (
            formula.label or expr.text,
            expr.text,
            formula.reference,
            [parameter_fact(plan, rules, p) for p in expr.parameter_order()],
            reads,
        )
    return found


def _expandable(variable: Variable, amount_mode: bool) -> bool:
    """Computed variables get their own sub-explanation (bool ones only in
    amount mode would repeat the conditions, so there only numbers)."""
    if variable.is_input:
        return False
    return variable.kind != "bool" if amount_mode else True


_FACT_CACHE_SIZE = 50_000


def shared_fact(plan: ScalarPlan, variable: Variable, value: Any, subject: str | None) -> Fact:
    """The fact of a variable with this value: facts are frozen, so households with
    the same value share one (per plan, bounded). A negative float zero is never
    shared: ``-0.0 == 0.0``, but a float shows its sign."""
    key = (variable.name, value, subject)
    cache = plan.fact_cache
    found: Fact | None = cache.get(key)
    negative_zero = value == 0 and type(value) is float and math.copysign(1.0, value) < 0
    if found is None or negative_zero:
        found = Fact.make(
            variable.name,
            variable.label,
            python_value(variable, value),
            display(variable, value),
            value is not None,
            variable.is_input and not variable.builtin,
            subject,
        )
        if not negative_zero:
            if len(cache) >= _FACT_CACHE_SIZE:
                cache.clear()
            cache[key] = found
    return found


FormulaBuilder = Callable[["ExplanationBuilder", int], Node]
VariableBuilder = Callable[["ExplanationBuilder", int, "str | None"], Node]


def _compile_variable(
    plan: ScalarPlan, rules: RuleSet, name: str, amount_mode: bool
) -> VariableBuilder:
    """A closure building the node of variable ``name`` (as `_Builder._variable`)."""
    variable = rules.variables[name]
    formula = plan.formulas[name]
    label = variable.label
    is_bool = variable.value_type == "bool"
    if formula is None:
        expression = f"geen regel van toepassing op {dutch_date(plan.date)}"

        def no_rule(b: ExplanationBuilder, row: int, subject: str | None) -> Node:
            value = b.value(variable, row)
            return Node(
                label,
                (None if value is None else bool(value)) if is_bool else None,
                expression,
                None if is_bool else b.fact(variable, row, None).display,
                variable.reference,
                subject,
                [],
                [],
                [],
            )

        return no_rule
    inner = _compile_formula(plan, rules, formula, variable.entity, amount_mode)
    reference = variable.reference

    def build(b: ExplanationBuilder, row: int, subject: str | None) -> Node:
        node = inner(b, row)
        node.label = label
        node.reference = reference or node.reference
        node.subject = subject
        node.variable = name
        if not is_bool:
            node.holds = None
            node.value = b.fact(variable, row, None).display
        return node

    return build


def _compile_formula(
    plan: ScalarPlan, rules: RuleSet, formula: Formula, entity: str, amount_mode: bool
) -> FormulaBuilder:
    """A closure building the node of one formula (as `_Builder.formula`)."""
    fid = formula.id
    if isinstance(formula, Condition):
        label = formula.label or ("alle voorwaarden" if formula.conjunction else "één van")
        reference = formula.reference
        parts = [
            _compile_formula(plan, rules, child, entity, amount_mode) for child in formula.children
        ]

        def condition(b: ExplanationBuilder, row: int) -> Node:
            value = b.nodes[fid][row]
            return Node(
                label,
                None if value is None else bool(value),
                None,
                None,
                reference,
                None,
                [],
                [],
                [part(b, row) for part in parts],
            )

        return condition
    assert isinstance(formula, ExpressionFormula)
    bare = formula.bare_variable
    if (
        bare is not None
        and formula.label is None
        and _expandable(rules.variables[bare], amount_mode)
    ):
        bare_name = bare

        def bare_copy(b: ExplanationBuilder, row: int) -> Node:
            n = b.variable(bare_name, row)  # a copy: the caller relabels it
            return Node(
                n.label,
                n.holds,
                n.expression,
                n.value,
                n.reference,
                n.subject,
                n.facts,
                n.parameters,
                n.children,
            )

        return bare_copy
    label, text, reference, parameters, reads = _static(plan, rules, formula, entity, amount_mode)
    if not reads:  # constants and parameters only

        def constant(b: ExplanationBuilder, row: int) -> Node:
            value = b.nodes[fid][row]
            return Node(
                label,
                None if value is None else bool(value),
                text,
                None,
                reference,
                None,
                [],
                parameters[:],
                [],
            )

        return constant
    if len(reads) == 1 and reads[0][3] != _MEMBERS and not reads[0][4]:
        # one value of the same person or household, not explained further
        variable, name, is_person, where, _ = reads[0]
        same_row = where == _SAME_ROW

        def leaf(b: ExplanationBuilder, row: int) -> Node:
            column = b.values[name]
            value = (column[row] if same_row else column[0]) if is_person else column
            found = b.fact_cache.get((name, value, None))
            if found is None or (value == 0 and type(value) is float):
                found = shared_fact(b.plan, variable, value, None)
            result = b.nodes[fid][row]
            return Node(
                label,
                None if result is None else bool(result),
                text,
                None,
                reference,
                None,
                [found],
                parameters[:],
                [],
            )

        return leaf

    def expression(b: ExplanationBuilder, row: int) -> Node:
        facts: list[Fact] = []
        children: list[Node] = []
        values = b.values
        cache = b.fact_cache
        node_memo = b._nodes
        for variable, name, is_person, where, expandable in reads:
            column = values[name]
            if where == _MEMBERS:
                for var_row, subject in b._members:
                    value = column[var_row]
                    found = cache.get((name, value, subject))
                    if found is None or (value == 0 and type(value) is float):
                        found = shared_fact(b.plan, variable, value, subject)
                    facts.append(found)
                    if expandable:
                        child = node_memo.get((name, var_row, subject, amount_mode))
                        if child is None:
                            child = b.variable(name, var_row, subject)
                        children.append(child)
                continue
            var_row = row if where == _SAME_ROW else 0
            value = column[var_row] if is_person else column
            found = cache.get((name, value, None))
            if found is None or (value == 0 and type(value) is float):
                found = shared_fact(b.plan, variable, value, None)
            facts.append(found)
            if expandable:
                child = node_memo.get((name, var_row, None, amount_mode))
                if child is None:
                    child = b.variable(name, var_row, None)
                children.append(child)
        value = b.nodes[fid][row]
        return Node(
            label,
            None if value is None else bool(value),
            text,
            None,
            reference,
            None,
            facts,
            parameters[:],
            children,
        )

    return expression


class ExplanationBuilder:
    """Builds the explanation trees of one household's values, memoising sub-trees so
    several explanations of the same household share them.

    The node builders are closures compiled once per plan and amount mode
    (`_compile_variable`). The variable graph is acyclic (`load_rules` refuses cycles),
    so a variable is never reached while it is being built.
    """

    def __init__(
        self,
        rules: RuleSet,
        plan: ScalarPlan,
        values: Values,
        nodes: Nodes,
        person_ids: list[str],
    ):
        self.rules, self.plan, self.values, self.nodes = rules, plan, values, nodes
        self.person_ids = person_ids
        self.variables = rules.variables
        self.amount_mode = False
        self.fact_cache = plan.fact_cache
        self._nodes: dict[tuple[str, int, str | None, bool], Node] = {}
        self._members: list[tuple[int, str | None]] = list(enumerate(person_ids))
        self._builders: dict[str, VariableBuilder] = plan.explanation_nodes[False]

    def set_amount_mode(self, amount_mode: bool) -> None:
        self.amount_mode = amount_mode
        self._builders = self.plan.explanation_nodes[amount_mode]

    def value(self, variable: Variable, row: int) -> Any:
        found = self.values[variable.name]
        return found[row] if variable.entity == PERSON else found

    def fact(self, variable: Variable, row: int, subject: str | None) -> Fact:
        value = self.values[variable.name]
        if variable.entity == PERSON:
            value = value[row]
        return shared_fact(self.plan, variable, value, subject)

    def variable(self, name: str, row: int, subject: str | None = None) -> Node:
        key = (name, row, subject, self.amount_mode)
        node = self._nodes.get(key)
        if node is None:
            build = self._builders.get(name)
            if build is None:
                build = self._builders[name] = _compile_variable(
                    self.plan, self.rules, name, self.amount_mode
                )
            node = self._nodes[key] = build(self, row, subject)
        return node

    def explain(self, right: Right, row: int) -> Explanation:
        """The explanation of ``right`` for the person at ``row`` (0 for the household)."""
        self.set_amount_mode(False)
        entitled_variable = self.variables[right.entitled]
        entitled = self.value(entitled_variable, row)
        receives = self.value(self.variables[right.receives], row)
        conditions = self.variable(right.entitled, row)
        amount = amount_detail = unit = None
        if right.amount is not None:
            amount_variable = self.variables[right.amount]
            amount = self.fact(amount_variable, row, None).value
            period = "maand" if amount_variable.period == "month" else "jaar"
            unit = f"{amount_variable.unit} per {period}"
            self.set_amount_mode(True)
            amount_detail = self.variable(right.amount, row)
        subject = "het gezin" if right.entity == HOUSEHOLD else self.person_ids[row]
        via = None
        if entitled:
            others = {r.entitled: r for r in self.rules.rights.values() if r is not right}
            found = [n.variable for n in decided_path(conditions, True)[1:] if n.variable in others]
            if found:
                other = others[found[0]]
                via = ("het gezin" if other.entity == HOUSEHOLD else subject, other.label)
        return Explanation(
            right=right.name,
            label=right.label,
            subject=subject,
            date=self.plan.date,
            status=STATUS_NAMES[status_code(entitled, receives)],
            entitled=None if entitled is None else bool(entitled),
            amount=amount,
            amount_unit=unit,
            auto_grantable=right.auto_grantable,
            reference=right.reference,
            description=right.explanation,
            conditions=conditions,
            amount_detail=amount_detail,
            how_to_apply=right.how_to_apply,
            via=via,
        )
