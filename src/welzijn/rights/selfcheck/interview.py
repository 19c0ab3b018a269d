"""The adaptive interview: which question next, and what the answers so far give.

An `Interview` is rebuilt from the submitted answers on every request and keeps
nothing. Every valid answer counts (also one to a question that an earlier, changed
answer made superfluous: it is still true); `answered` lists them in the order of
``answers`` (the order the web layer received them), the members question first.
An answer that does not parse is reported by `errors`, and that question comes next.

Choosing: every right is evaluated with the unanswered inputs unknown (three-valued
logic). A right (for each member, for a person right) is decided when whether it is
open is known and, when it is open, its amount is known. For each undecided one, the
inputs that can still change it are found by walking its formula tree down through
the conditions whose result is still unknown (a known condition can no longer
change): a question not among those is skipped. Of the candidates, the ones in the
most undecided rights (`LOOKAHEAD` of them) and every gate that covers one are tried
with each possible answer (yes/no, each choice, `NUMBER_PROBES` for a number): the next
question is the one that decides the most rights, averaged over its answers with the
rules' default answer weighing `DEFAULT_WEIGHT`; ties go to the one in the most
undecided rights, then to the one the rules rank most decisive (`inputs_for`), then to
the household before a member. Inputs an answer implies (``implies``, a gate) or that
are not asked below a member's age (``min_age``) are known without a question.
An input of a group is asked in the group's step (again, once answered, with what can
now change a result); one that step leaves out, because a "ja" to another of its
questions would have settled it, is asked on its own after the "nee".
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Mapping
from typing import Any

from welzijn.rights.engine import RuleSet, input_dependencies, inputs_for, load_rules
from welzijn.rights.engine.entities import PERSON
from welzijn.rights.engine.household import HouseholdResult, evaluate_household
from welzijn.rights.engine.variables import Condition, ExpressionFormula, Formula, Variable

from .answers import AnswerError, Member, parse_members, parse_value
from .catalogue import Catalogue, Group, QuestionSpec, load_catalogue
from .outcomes import RightOutcome, classify
from .questions import MEMBERS_KEY, Question, household_key, members_question, person_key

#: how many candidate questions are tried with their possible answers
LOOKAHEAD = 5
#: how much more likely the rules' default answer is taken to be than another one
DEFAULT_WEIGHT = 0.7
#: the answers tried for an amount or a count (none and very much)
NUMBER_PROBES = (0, 1_000_000)
#: (input name, member row) or (input name, None) for the household
Slot = tuple[str, int | None]


@functools.cache
def load_interview_rules() -> RuleSet:
    """The rule set of the self-check (loaded once per process)."""
    return load_rules()


@functools.cache
def catalogue() -> Catalogue:
    return load_catalogue()


@functools.lru_cache(maxsize=64)
def _applicable(rules: RuleSet, on: dt.date) -> tuple[str, ...]:
    return tuple(name for name, right in rules.rights.items() if right.applies_on(on))


@functools.lru_cache(maxsize=64)
def _decisiveness(rules: RuleSet, on: dt.date) -> dict[str, float]:
    """Per input: the sum over rights of 1 / (its rank in `inputs_for` + 1)."""
    score: dict[str, float] = {}
    for right in _applicable(rules, on):
        for rank, variable in enumerate(inputs_for(rules, right, on)):
            score[variable.name] = score.get(variable.name, 0.0) + 1.0 / (rank + 1)
    return score


@functools.lru_cache(maxsize=1024)
def _rights_using(rules: RuleSet, on: dt.date, inputs: tuple[str, ...]) -> tuple[str, ...]:
    """The rights (of the date) whose entitlement or amount depends on one of ``inputs``."""
    out = []
    for name in _applicable(rules, on):
        right = rules.rights[name]
        needed = input_dependencies(rules, [v for v in (right.entitled, right.amount) if v], on)
        if needed.intersection(inputs):
            out.append(name)
    return tuple(out)


class Interview:
    """The self-check of one citizen, from the answers submitted so far."""

    def __init__(self, rules: RuleSet, on: dt.date, answers: Mapping[str, str]):
        self.rules, self.on = rules, on
        self.catalogue = catalogue()
        self.rights = _applicable(rules, on)
        self._errors: dict[str, str] = {}
        self._asked: list[tuple[Question, str]] = []
        self.members: list[Member] = []
        #: the answered values: slot -> engine value (None for "weet ik niet")
        self.values: dict[Slot, Any] = {}
        #: answers to the gates (see questions.yaml): name -> True / False / None
        self.gates: dict[str, bool | None] = {}
        #: values not asked: implied by an answer, or assumed below a question's min_age
        self.implied: dict[Slot, Any] = {}
        self._failed: Question | None = None
        #: the unanswered slots that can still change a result (known once chosen)
        self._candidates: set[Slot] = set()
        self._next: tuple[Question | None] | None = None
        self._read(answers)

    # -- the interface
    def next_question(self) -> Question | None:
        if self._next is None:
            self._next = (self._choose_question(),)
        return self._next[0]

    def answered(self) -> list[tuple[Question, str]]:
        return list(self._asked)

    def errors(self) -> dict[str, str]:
        return dict(self._errors)

    def results(self) -> list[RightOutcome]:
        return classify(self)

    # -- reading the answers
    def _read(self, answers: Mapping[str, str]) -> None:
        question = members_question(self.catalogue)
        raw = answers.get(MEMBERS_KEY)
        if raw is None:
            self._failed = question
            return
        try:
            self.members = parse_members(raw, self.on)
        except AnswerError as exc:
            self._errors[MEMBERS_KEY] = f"{question.text} {exc}"
            self._failed = question
            return
        self._asked.append((question, raw))
        for key, raw in answers.items():
            slot = self.slot(key)
            if slot is None:
                continue  # the members question, or a member no longer there
            if slot[0] in self.catalogue.gates:
                self._read_gate(slot, raw)
            elif slot[0] in self.catalogue.groups:
                self._read_group(slot, raw)
            else:
                question = self.question(slot)
                if self._take(slot, question, raw):
                    self._asked.append((question, raw))
        self._assume_by_age()

    def _take(self, slot: Slot, question: Question, raw: Any, step: Question | None = None) -> bool:
        """Parse one answer and set its value and what it implies; False on an error,
        reported under the step it was asked in."""
        spec = self.catalogue.questions[slot[0]]
        step = step or question
        try:
            value = parse_value(spec.kind, raw, spec.choices)
        except AnswerError as exc:
            text = question.text.replace("{name}", question.person or "")
            self._errors.setdefault(step.key, f"{text} {exc}")
            self._failed = self._failed or step
            return False
        self.values[slot] = value
        self._settle(slot, spec.implies.get(_answer_name(value, raw), {}))
        return True

    def _read_group(self, slot: Slot, raw: Any) -> None:
        """A checklist or form: a JSON object, field key -> that field's raw answer."""
        try:
            given = json.loads(raw) if isinstance(raw, str) else None
        except ValueError:
            given = None
        question = self.question(slot, given if isinstance(given, dict) else None)
        if not isinstance(given, dict):
            self._errors[question.key] = f"{question.text} Beantwoord de vragen."
            self._failed = self._failed or question
            return
        for field in question.fields:
            field_slot = self.slot(field.key)
            if field_slot is None or field.key not in given:
                continue
            if field_slot[0] in self.catalogue.gates:
                self._take_gate(field_slot, field, given[field.key], step=question)
            else:
                self._take(field_slot, field, given[field.key], step=question)
        self._asked.append((question, raw))

    def _read_gate(self, slot: Slot, raw: str) -> None:
        question = self.question(slot)
        if self._take_gate(slot, question, raw):
            self._asked.append((question, raw))

    def _take_gate(
        self, slot: Slot, question: Question, raw: Any, step: Question | None = None
    ) -> bool:
        step = step or question
        try:
            value = parse_value("bool", raw)
        except AnswerError as exc:
            self._errors.setdefault(step.key, f"{question.text} {exc}")
            self._failed = self._failed or step
            return False
        self.gates[slot[0]] = value
        if value is not None:
            self._settle(slot, self.catalogue.gates[slot[0]].settles(value))
        return True

    def _settle(self, slot: Slot, settled: Mapping[str, Any]) -> None:
        """Set what an answer implies (see questions.yaml), unless answered itself."""
        for name, value in settled.items():
            if self.rules.variables[name].entity != PERSON:
                rows: list[int | None] = [None]
            else:
                rows = [slot[1]] if slot[1] is not None else list(range(len(self.members)))
            for row in rows:
                self.implied.setdefault((name, row), value)

    def _assume_by_age(self) -> None:
        for name, spec in self.catalogue.questions.items():
            if spec.min_age is None:
                continue
            for row, member in enumerate(self.members):
                if member.age < spec.min_age:
                    self.implied.setdefault((name, row), spec.below_min_age)

    @property
    def known(self) -> dict[Slot, Any]:
        """The answered values and what they imply (the answers win)."""
        return {**self.implied, **self.values}

    def slot(self, key: str) -> Slot | None:
        """The (input, member row) a key fills; None for no question of this interview."""
        prefix, _, name = key.partition(".")
        if prefix == "hh" and name in self.catalogue.gates:
            return (name, None)
        group = self.catalogue.groups.get(name)
        if group is not None:
            row = self._row(prefix)
            if group.per_person:
                return None if row is None else (name, row)
            return (name, None) if prefix == "hh" else None
        spec = self.catalogue.questions.get(name)
        if spec is None or name in self.catalogue.members_fills:
            return None
        is_person = self.rules.variables[name].entity == PERSON
        if prefix == "hh" and not is_person:
            return (name, None)
        row = self._row(prefix)
        return (name, row) if is_person and row is not None else None

    def _row(self, prefix: str) -> int | None:
        """The member row of a key's prefix "p<n>" (None when there is no such member)."""
        if prefix[:1] == "p" and prefix[1:].isdigit() and 0 < int(prefix[1:]) <= len(self.members):
            return int(prefix[1:]) - 1
        return None

    def _choose_question(self) -> Question | None:
        if self._failed is not None:
            return self._failed
        chosen = self._choose(self.current)
        if chosen is None:
            return None
        group = self.catalogue.group_of(chosen[0])
        if group is None:
            return self.question(chosen)
        slot = (group.name, chosen[1] if group.per_person else None)
        step = self.question(slot)
        answered = next((raw for q, raw in self._asked if q.key == step.key), None)
        if answered is None:
            return step
        step = self.question(slot, json.loads(answered))
        own = self.question(chosen)
        if any(field.key == own.key for field in step.fields):
            return step  # the step again, with what can now change a result
        return own  # left out of its step by a yes that was a no (`_without_implied`)

    def question(self, slot: Slot, given: Mapping[str, Any] | None = None) -> Question:
        """The question of a slot; for a group, its fields are the inputs given an answer
        in ``given`` and those that can still change a result (see `_choose`)."""
        name, row = slot
        group = self.catalogue.groups.get(name)
        if group is not None:
            return self._group_question(slot, group, given or {})
        gate = self.catalogue.gates.get(name)
        if gate is not None:
            return Question(
                key=household_key(name), input=name, person=None, kind="bool",
                text=gate.text, help=gate.help, label=gate.label,
            )  # fmt: skip
        spec: QuestionSpec = self.catalogue.questions[name]
        person = self.members[row].name if row is not None else None
        key = person_key(row, name) if row is not None else household_key(name)
        return Question(
            key=key,
            input=name,
            person=person,
            kind=spec.kind,
            text=spec.text,
            help=spec.help,
            choices=spec.choices,
            label=spec.label,
        )

    def _group_question(self, slot: Slot, group: Group, given: Mapping[str, Any]) -> Question:
        _name, row = slot
        rows = [row] if group.per_person else [None, *range(len(self.members))]
        fields = []
        for name in group.inputs:
            if name in self.catalogue.gates:
                gate = self.question((name, None))
                if gate.key in given or (name, None) in self._candidates:
                    fields.append(gate)
                continue
            is_person = self.rules.variables[name].entity == PERSON
            for member in rows:
                if (member is None) == is_person:
                    continue
                field = self.question((name, member))
                if field.key in given or (name, member) in self._candidates:
                    fields.append(field)
        fields = self._without_implied(fields, given)
        person = self.members[row].name if row is not None else None
        return Question(
            key=person_key(row, group.name) if row is not None else household_key(group.name),
            input=None,
            person=person,
            kind=group.kind,
            text=group.text,
            help=group.help,
            fields=tuple(fields),
        )

    def _without_implied(self, fields: list[Question], given: Mapping[str, Any]) -> list[Question]:
        """Leave out of a step what a yes to another of its questions settles (living in
        Ghent answers living in Belgium); a "nee" brings it as a question of its own."""
        questions = self.catalogue.questions
        settled = {
            name
            for field in fields
            if field.input in questions and questions[field.input].kind == "bool"
            for name in questions[field.input].implies.get("ja", {})
        }
        return [f for f in fields if f.key in given or f.input not in settled]

    # -- evaluating
    @functools.cached_property
    def current(self) -> HouseholdResult:
        """Every right with the answers given (the answers do not change afterwards)."""
        return self.evaluate(self.known)

    def household(self, values: Mapping[Slot, Any]) -> dict[str, Any]:
        """The engine's household dict: members by name, answered values (None unknown)."""
        persons: dict[str, dict[str, Any]] = {
            m.name: {"rol": m.role, "leeftijd": m.age} for m in self.members
        }
        household: dict[str, Any] = {}
        for (name, row), value in values.items():
            if row is None:
                household[name] = value
            else:
                persons[self.members[row].name][name] = value
        return {"persons": persons, "household": household}

    def evaluate(
        self,
        values: Mapping[Slot, Any],
        explain: bool = False,
        rights: tuple[str, ...] | None = None,
    ) -> HouseholdResult:
        return evaluate_household(
            self.rules,
            self.household(values),
            self.on,
            explain=explain,
            rights=rights or self.rights,
        )

    def undecided(
        self, result: HouseholdResult, rights: tuple[str, ...] | None = None
    ) -> list[tuple[str, int | None]]:
        """(variable to decide, row) of every right (of ``rights``) not decided yet."""
        out: list[tuple[str, int | None]] = []
        for name in rights or self.rights:
            right = self.rules.rights[name]
            rows: list[int | None] = (
                list(range(len(self.members))) if right.entity == PERSON else [None]
            )
            for row in rows:
                entitled = _at(result.values[right.entitled], row)
                if entitled is None:
                    out.append((right.entitled, row))
                elif entitled and right.amount and _at(result.values[right.amount], row) is None:
                    out.append((right.amount, row))
        return out

    def _choose(self, result: HouseholdResult) -> Slot | None:
        """The input (or gate) to ask about next; `_choose_question` asks it in its step."""
        undecided = self.undecided(result)
        counts: dict[Slot, int] = {}
        for variable, row in undecided:
            live: set[Slot] = set()
            _LiveInputs(self.rules, result, len(self.members), live).variable(variable, row)
            for slot in live:
                counts[slot] = counts.get(slot, 0) + 1
        questions = self.catalogue.questions
        candidates = [
            slot
            for slot in counts
            if slot not in self.values
            and slot not in self.implied
            and slot[0] in questions
            and slot[0] not in self.catalogue.members_fills
        ]
        gates = []
        for gate in self.catalogue.gates.values():
            covered = [slot for slot in candidates if slot[0] in gate.inputs]
            if covered and gate.name not in self.gates:
                counts[(gate.name, None)] = sum(counts[slot] for slot in covered)
                gates.append((gate.name, None))
        self._candidates = set(candidates) | set(gates)
        if not candidates:
            return None
        rank = _decisiveness(self.rules, self.on)
        candidates.sort(
            key=lambda s: (-counts[s], -rank.get(s[0], 0.0), s[1] is not None, s[1] or 0, s[0])
        )
        tried = candidates[:LOOKAHEAD] + gates  # a gate is tried whenever it can settle something
        gains = {slot: self._gain(slot, result) for slot in tried}
        candidates += gates
        best = max(gains.values())
        return next(slot for slot in candidates if gains.get(slot) == best)

    def _gain(self, slot: Slot, result: HouseholdResult) -> float:
        """How many rights an answer decides, weighing the likely answer more: the rules'
        default for an input (`DEFAULT_WEIGHT`), the one that settles for a gate. Only the
        rights that depend on the input are evaluated again."""
        known = self.known
        gate = self.catalogue.gates.get(slot[0])
        names = tuple(sorted(gate.inputs)) if gate is not None else (slot[0],)
        rights = _rights_using(self.rules, self.on, names)
        undecided = len(self.undecided(result, rights))
        if gate is not None:  # the answer that settles is taken to be the likely one
            values = dict(known)
            for name, value in gate.if_no.items():
                variable = self.rules.variables[name]
                rows = range(len(self.members)) if variable.entity == PERSON else [None]
                for row in rows:
                    if (name, row) not in self.values:
                        values[(name, row)] = value
            after = self.undecided(self.evaluate(values, rights=rights), rights)
            return DEFAULT_WEIGHT * (undecided - len(after))
        options = self._probes(slot[0])
        default = _python_default(self.rules.variables[slot[0]])
        total = 0.0
        weights = 0.0
        for value in options:
            values = dict(known)
            values[slot] = value
            weight = DEFAULT_WEIGHT if value == default else 1 - DEFAULT_WEIGHT
            after = self.undecided(self.evaluate(values, rights=rights), rights)
            total += weight * (undecided - len(after))
            weights += weight
        return total / weights

    def _probes(self, name: str) -> tuple[Any, ...]:
        spec = self.catalogue.questions[name]
        if spec.kind == "bool":
            return (True, False)
        if spec.kind == "choice":
            return tuple(value for value, _ in spec.choices)
        return NUMBER_PROBES


def _python_default(variable: Variable) -> Any:
    """The rules' declared default of an input as the interview writes values."""
    if variable.value_type == "enum":
        return variable.enum_values[int(variable.default)]
    return variable.default


def _answer_name(value: Any, raw: str) -> str:
    """The spelling of an answer in `QuestionSpec.implies`."""
    if value is True or value is False:
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # "0,00" and "0" are the same answer
    return raw.strip()


def _at(value: Any, row: int | None) -> Any:
    return value if row is None else value[row]


class _LiveInputs:
    """Collects the unknown inputs that can still change a variable's unknown value."""

    def __init__(self, rules: RuleSet, result: HouseholdResult, n_members: int, out: set[Slot]):
        self.rules, self.result, self.n, self.out = rules, result, n_members, out
        self.formulas = result.plan.formulas
        self.seen: set[Slot] = set()

    def variable(self, name: str, row: int | None) -> None:
        variable = self.rules.variables[name]
        if variable.entity == PERSON and row is None:  # a household formula over the members
            for member in range(self.n):
                self.variable(name, member)
            return
        if variable.entity != PERSON:
            row = None
        slot = (name, row)
        if slot in self.seen:
            return
        self.seen.add(slot)
        if _at(self.result.values[name], row) is not None:
            return
        if variable.is_input:
            if not variable.builtin:
                self.out.add(slot)
            return
        formula = self.formulas.get(name)
        if formula is not None:
            self.formula(formula, row)

    def formula(self, formula: Formula, row: int | None) -> None:
        recorded = self.result.nodes.get(formula.id)
        if recorded and recorded[row or 0] is not None:
            return  # known: no answer can change it any more
        if isinstance(formula, Condition):
            for child in formula.children:
                self.formula(child, row)
            return
        assert isinstance(formula, ExpressionFormula)
        for name in formula.expr.variables():
            self.variable(name, row)


__all__ = ["Interview", "load_interview_rules"]
