"""The questions of the self-check, read from ``rules/questions.yaml`` (data, not code)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from welzijn.rights.engine import DEFAULT_RULES_DIR, RuleSet
from welzijn.rights.engine.errors import RuleSyntaxError
from welzijn.rights.engine.yamlsource import LineDict, load_yaml

QUESTIONS_FILE = DEFAULT_RULES_DIR / "questions.yaml"
KINDS = ("members", "bool", "money", "count", "choice", "date")
_KEYS = {
    "kind",
    "text",
    "help",
    "choices",
    "estimate",
    "office",
    "min_age",
    "below_min_age",
    "implies",
    "label",
}
GROUP_KINDS = ("checklist", "form")


@dataclass(frozen=True)
class QuestionSpec:
    """One input's question as written in the YAML (``{name}`` not yet filled in)."""

    input: str
    kind: str
    text: str
    help: str
    choices: tuple[tuple[str, str], ...]
    #: the citizen can only estimate the answer (an amount)
    estimate: bool
    #: the office establishes the fact; the citizen's answer is an opinion
    office: bool
    #: not asked of younger members; `below_min_age` is taken as their answer
    min_age: int | None = None
    below_min_age: Any = None
    #: answer (ja / nee / choice value) -> {input: value} it settles as well
    implies: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: the short line of a checklist ("een leefloon van het OCMW"); "" uses `text`
    label: str = ""


@dataclass(frozen=True)
class Gate:
    """A household yes/no question that settles several inputs for every member (those
    of `if_no`) when answered "nee"; on "ja" they are asked where they matter."""

    name: str
    text: str
    help: str
    if_no: dict[str, Any]
    #: its line in a checklist
    label: str = ""

    def settles(self, answer: bool) -> dict[str, Any]:
        return {} if answer else self.if_no

    @property
    def inputs(self) -> set[str]:
        return set(self.if_no)


@dataclass(frozen=True)
class Group:
    """Related inputs asked in one step: a `checklist` of yes/no facts for the whole
    household (ticked is "ja", not ticked "nee"), or a `form` with a field per input
    and member; `per_person` asks a form once per member. The step shows only the
    inputs that can still change a result when it is asked."""

    name: str
    kind: str  # checklist | form
    text: str
    help: str
    inputs: tuple[str, ...]
    per_person: bool = False


@dataclass(frozen=True)
class Catalogue:
    members_text: str
    members_help: str
    #: inputs the members question fills (age, role)
    members_fills: frozenset[str]
    questions: dict[str, QuestionSpec]
    #: right -> how its amount's period is said ("" for a one-off sum)
    amount_periods: dict[str, str]
    gates: dict[str, Gate] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)

    def group_of(self, name: str) -> Group | None:
        """The group an input is asked in, if any."""
        return next((g for g in self.groups.values() if name in g.inputs), None)


def load_catalogue(path: Path = QUESTIONS_FILE) -> Catalogue:
    """Read and check the questions file; errors name file and line."""
    data = load_yaml(path)
    file = str(path)
    if not isinstance(data, LineDict):
        raise RuleSyntaxError("the questions file is a mapping", file, 1)
    members = data.get("members")
    if not isinstance(members, LineDict):
        raise RuleSyntaxError("'members:' is missing", file, 1)
    questions: dict[str, QuestionSpec] = {}
    declared = data.get("questions") or LineDict()
    for name, spec in declared.items():
        line = declared.line_of(name)
        if not isinstance(spec, LineDict):
            raise RuleSyntaxError(f"question {name!r} must be a mapping", file, line)
        unknown = set(spec) - _KEYS
        if unknown:
            raise RuleSyntaxError(
                f"question {name!r}: unknown key {sorted(unknown)[0]!r}", file, line
            )
        kind = spec.get("kind")
        if kind not in KINDS[1:]:
            raise RuleSyntaxError(f"question {name!r}: kind must be one of {KINDS[1:]}", file, line)
        if not spec.get("text"):
            raise RuleSyntaxError(f"question {name!r} has no text", file, line)
        choices = spec.get("choices") or {}
        if (kind == "choice") != bool(choices):
            raise RuleSyntaxError(f"question {name!r}: choices go with kind choice", file, line)
        questions[str(name)] = QuestionSpec(
            input=str(name),
            kind=kind,
            text=str(spec["text"]).strip(),
            help=str(spec.get("help") or "").strip(),
            choices=tuple((str(k), str(v)) for k, v in choices.items()),
            estimate=bool(spec.get("estimate", False)),
            office=bool(spec.get("office", False)),
            min_age=spec.get("min_age"),
            below_min_age=spec.get("below_min_age"),
            implies={
                _answer_key(answer): dict(settled)
                for answer, settled in (spec.get("implies") or {}).items()
            },
            label=str(spec.get("label") or "").strip(),
        )
    periods = data.get("amount_periods") or {}
    gates = {}
    for name, spec in (data.get("gates") or LineDict()).items():
        if name in questions or not spec.get("text") or not spec.get("if_no"):
            raise RuleSyntaxError(f"gate {name!r} needs a new name, text and if_no", file, 1)
        gates[str(name)] = Gate(
            str(name),
            str(spec["text"]).strip(),
            str(spec.get("help") or ""),
            dict(spec.get("if_no") or {}),
            str(spec.get("label") or "").strip(),
        )
    groups = _groups(data.get("groups") or LineDict(), questions, gates, file)
    return Catalogue(
        members_text=str(members.get("text", "")).strip(),
        members_help=str(members.get("help", "")).strip(),
        members_fills=frozenset(members.get("fills") or ()),
        questions=questions,
        amount_periods={str(k): str(v or "") for k, v in periods.items()},
        gates=gates,
        groups=groups,
    )


def _groups(
    declared: LineDict, questions: dict[str, QuestionSpec], gates: dict[str, Gate], file: str
) -> dict[str, Group]:
    groups: dict[str, Group] = {}
    grouped: set[str] = set()
    for name, spec in declared.items():
        line = declared.line_of(name)
        if name in questions or name in gates or not isinstance(spec, LineDict):
            raise RuleSyntaxError(f"group {name!r} needs a new name and a mapping", file, line)
        kind, inputs = spec.get("kind"), tuple(str(i) for i in spec.get("inputs") or ())
        if kind not in GROUP_KINDS or not spec.get("text") or not inputs:
            raise RuleSyntaxError(
                f"group {name!r} needs kind ({' or '.join(GROUP_KINDS)}), text and inputs",
                file,
                line,
            )
        for item in inputs:
            if item in gates and kind == "checklist" and item not in grouped:
                grouped.add(item)
                continue
            if item not in questions or item in grouped:
                raise RuleSyntaxError(
                    f"group {name!r}: {item!r} is no question or is in another group", file, line
                )
            if kind == "checklist" and questions[item].kind != "bool":
                raise RuleSyntaxError(
                    f"group {name!r}: {item!r} is not a yes/no question", file, line
                )
        grouped.update(inputs)
        groups[str(name)] = Group(
            name=str(name),
            kind=kind,
            text=str(spec["text"]).strip(),
            help=str(spec.get("help") or "").strip(),
            inputs=inputs,
            per_person=bool(spec.get("per_person", False)),
        )
    return groups


def _answer_key(answer: Any) -> str:
    """YAML reads ja/nee keys as text but true/false as booleans: one spelling."""
    return {True: "ja", False: "nee"}.get(answer, str(answer))


def check_catalogue(catalogue: Catalogue, rules: RuleSet) -> list[str]:
    """Problems between the questions and the rules (empty when they fit): an input
    without a question, a question for no input, choices that are not the enum values."""
    problems = []
    for variable in rules.inputs:
        if variable.name in catalogue.members_fills:
            continue
        spec = catalogue.questions.get(variable.name)
        if spec is None:
            problems.append(f"input {variable.name!r} has no question in questions.yaml")
            continue
        if variable.value_type == "enum":
            values = tuple(value for value, _ in spec.choices)
            if spec.kind != "choice" or set(values) != set(variable.enum_values):
                problems.append(
                    f"question {variable.name!r}: choices must be {variable.enum_values}"
                )
        expected = {
            "bool": ("bool",),
            "amount": ("money",),
            "int": ("count",),
            "float": ("count", "money"),
        }
        allowed = expected.get(variable.value_type)
        if allowed is not None and spec.kind not in allowed:
            problems.append(
                f"question {variable.name!r}: kind {spec.kind} for a {variable.value_type}"
            )
    inputs = {v.name for v in rules.inputs}
    for name, spec in catalogue.questions.items():
        if name not in inputs:
            problems.append(f"question {name!r} is for no input of the rules")
        for settled in spec.implies.values():
            problems += [
                f"question {name!r} implies {n!r}: no input" for n in settled if n not in inputs
            ]
        declared = rules.variables.get(name)
        if spec.min_age is not None and declared is not None:  # noqa: SIM102
            if declared.entity != "person" or spec.below_min_age is None:
                problems.append(
                    f"question {name!r}: min_age needs a person input and below_min_age"
                )
    for gate in catalogue.gates.values():
        problems += [
            f"gate {gate.name!r} settles {n!r}: no input" for n in gate.if_no if n not in inputs
        ]
    return problems
