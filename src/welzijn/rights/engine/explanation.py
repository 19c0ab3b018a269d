"""Explanations: which conditions held or failed, with which values and parameters.

The structured form (`Explanation.as_dict`) feeds HTML and JSON; `as_text` renders
it as Dutch text for a caseworker or a citizen. The trees are built in one place,
`explanation_builder`, for both evaluation paths.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

STATUS_TEXT = {
    "ontvangt": "ontvangt dit al",
    "onderbescherming": "heeft recht, maar ontvangt het (nog) niet: onderbescherming",
    "geen_recht": "geen recht",
    "onbekend": "nog niet te beoordelen: er ontbreken gegevens",
}
_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def dutch_date(date: dt.date) -> str:
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def dutch_number(value: float, decimals: int = 2) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


@dataclass(frozen=True)
class Fact:
    """The value of one variable as used by a condition."""

    name: str
    label: str
    value: Any
    display: str
    known: bool
    is_input: bool
    subject: str | None = None
    #: how the Dutch text shows this fact (derived, not compared)
    text: str = field(default="", init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        name = f"{self.label} ({self.subject})" if self.subject else self.label
        object.__setattr__(self, "text", f"{name} = {self.display}")

    @classmethod
    def make(
        cls,
        name: str,
        label: str,
        value: Any,
        display: str,
        known: bool,
        is_input: bool,
        subject: str | None,
    ) -> Fact:
        """``Fact(...)`` without the frozen-dataclass ``__init__`` (which sets every
        field through ``object.__setattr__``): the same object, a few times faster,
        for the one-household fast path."""
        fact = object.__new__(cls)
        who = f"{label} ({subject})" if subject else label
        fact.__dict__.update(
            name=name,
            label=label,
            value=value,
            display=display,
            known=known,
            is_input=is_input,
            subject=subject,
            text=f"{who} = {display}",
        )
        return fact


@dataclass(frozen=True)
class ParameterFact:
    name: str
    label: str
    value: Any
    display: str
    start: dt.date
    reference: str
    file: str
    #: how the Dutch text shows this parameter (derived, not compared)
    text: str = field(default="", init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        text = (
            f"{self.label} = {self.display} "
            f"(van kracht sinds {dutch_date(self.start)}; {self.reference})"
        )
        object.__setattr__(self, "text", text)


@dataclass
class Node:
    """One condition (or computed value) in an explanation tree."""

    label: str
    holds: bool | None
    expression: str | None = None
    value: str | None = None
    reference: str | None = None
    subject: str | None = None
    facts: list[Fact] = field(default_factory=list)
    parameters: list[ParameterFact] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    #: the variable this node explains (None for the parts of a formula)
    variable: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "holds": self.holds,
            "expression": self.expression,
            "value": self.value,
            "reference": self.reference,
            "subject": self.subject,
            "facts": [
                {
                    "name": f.name,
                    "label": f.label,
                    "value": f.value,
                    "display": f.display,
                    "known": f.known,
                    "subject": f.subject,
                }
                for f in self.facts
            ],
            "parameters": [
                {
                    "name": p.name,
                    "label": p.label,
                    "value": p.value,
                    "display": p.display,
                    "start": p.start.isoformat(),
                    "reference": p.reference,
                    "file": p.file,
                }
                for p in self.parameters
            ],
            "children": [child.as_dict() for child in self.children],
        }

    def walk(self) -> list[Node]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass(frozen=True)
class Reason:
    """A right's sentence why for the citizen: its rules' template (a Dutch msgid) and the
    values the evaluation computed for its placeholders (``name``: the person)."""

    template: str
    values: tuple[tuple[str, Any], ...]


@dataclass
class Explanation:
    """Why a right is (not) open for one person or household on a date."""

    right: str
    label: str
    subject: str
    date: dt.date
    status: str
    entitled: bool | None
    amount: float | None
    amount_unit: str | None
    auto_grantable: bool
    reference: str
    description: str
    conditions: Node
    amount_detail: Node | None = None
    #: what the person must do to get it (the right's ``how_to_apply``)
    how_to_apply: str = ""
    #: who has which other right through which this one is open ("en daardoor op ...")
    via: tuple[str, str] | None = None

    def summary(self) -> str:
        """One Dutch sentence a caseworker reads first: who, which right, and why."""
        who = self.subject[:1].upper() + self.subject[1:]
        label = _in_sentence(self.label)
        if self.status == "ontvangt":
            return f"{who} ontvangt {label} al."
        if self.status == "onbekend":
            missing = ", ".join(_fact_name(f) for f in self.missing_inputs[:3]) or "gegevens"
            return f"Of {self.subject} recht heeft op {label}, hangt af van: {missing}."
        if self.status == "geen_recht":
            failed = _reasons(self.conditions, False)
            why = f": {_join(failed)} niet voldaan" if failed else ""
            return f"{who} heeft geen recht op {label}{why}."
        amount = ""
        if self.amount:
            unit = f" {self.amount_unit}" if self.amount_unit else ""
            amount = f" ({dutch_number(self.amount)}{unit})"
        automatic = " automatisch" if self.auto_grantable else ""
        reasons = _reasons(self.conditions, True)
        if not reasons:
            return f"{who} heeft{automatic} recht op {label}{amount}."
        because = _join(reasons)
        because = because[:1].upper() + because[1:]
        if self.via:
            holder, other = self.via
            return (
                f"{because}, dus {holder} heeft recht op {_in_sentence(other)}, "
                f"en daardoor{automatic} op {label}{amount}."
            )
        return f"{because}, dus {self.subject} heeft{automatic} recht op {label}{amount}."

    def reason(self, templates: Sequence[str]) -> Reason | None:
        """Of a right's templates for this outcome, the first whose values all decided it
        (`deciding_values`), filled with them; None if the outcome is not known."""
        if self.entitled is None or not templates:
            return None
        values = deciding_values(self.conditions, self.entitled, self.subject)
        values["name"] = self.subject
        for template in templates:
            fields = reason_values(template)
            if all(f in values for f in fields):
                return Reason(template, tuple((f, values[f]) for f in dict.fromkeys(fields)))
        return None

    def next_step(self) -> str:
        """What to do now, for the caseworker and the person."""
        if self.status == "onbekend":
            missing = ", ".join(_fact_name(f) for f in self.missing_inputs)
            return f"Vraag na en registreer: {missing}." if missing else ""
        if self.status == "onderbescherming":
            return self.how_to_apply or "Help de aanvraag indienen."
        return ""

    @property
    def missing_inputs(self) -> list[Fact]:
        """Input facts that are unknown, once each, in order of appearance."""
        seen: set[tuple[str, str | None]] = set()
        out: list[Fact] = []
        stack = [self.amount_detail, self.conditions] if self.amount_detail else [self.conditions]
        while stack:  # pre-order, as `Node.walk`
            node = stack.pop()
            for fact in node.facts:
                if fact.is_input and not fact.known:
                    key = (fact.name, fact.subject)
                    if key not in seen:
                        seen.add(key)
                        out.append(fact)
            if node.children:
                stack.extend(reversed(node.children))
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "right": self.right,
            "label": self.label,
            "subject": self.subject,
            "date": self.date.isoformat(),
            "status": self.status,
            "status_text": STATUS_TEXT[self.status],
            "entitled": self.entitled,
            "amount": self.amount,
            "amount_unit": self.amount_unit,
            "auto_grantable": self.auto_grantable,
            "reference": self.reference,
            "description": self.description,
            "conditions": self.conditions.as_dict(),
            "amount_detail": self.amount_detail.as_dict() if self.amount_detail else None,
            "missing_inputs": [f.label for f in self.missing_inputs],
        }

    def as_text(self) -> str:
        lines = [
            f"{self.label} — {self.subject}, op {dutch_date(self.date)}: "
            f"{STATUS_TEXT[self.status]}.",
            f"Wettelijke basis: {self.reference}.",
            self.description,
            "Voorwaarden:",
        ]
        # one pass renders the tree and collects the missing inputs (as `missing_inputs`)
        seen: set[tuple[str, str | None]] = set()
        missing: list[Fact] = []
        _render(self.conditions, 1, lines, seen, missing)
        if self.amount_detail is not None:
            if self.amount is not None:
                unit = f" {self.amount_unit}" if self.amount_unit else ""
                lines.append(f"Bedrag: {dutch_number(self.amount)}{unit}.")
                _render(self.amount_detail, 1, lines, seen, missing)
            else:
                _render(self.amount_detail, 1, [], seen, missing)
        if missing:
            names = ", ".join(_fact_name(f) for f in missing)
            lines.append(f"Ontbrekende gegevens: {names}.")
        if self.auto_grantable:
            lines.append("Dit recht kan automatisch worden toegekend.")
        return "\n".join(lines)


def _fact_name(fact: Fact) -> str:
    return f"{fact.label} ({fact.subject})" if fact.subject else fact.label


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} en {parts[-1]}"


def decided_path(node: Node, holds: bool) -> list[Node]:
    """The nodes `_reasons` follows down from ``node``: while one child decides."""
    path = [node]
    while node.children:
        deciding = [child for child in node.children if child.holds is holds]
        if not deciding:
            break
        if len(deciding) < len(node.children) or len(deciding) == 1:
            node = deciding[0]
        else:
            compound = [child for child in deciding if child.children]
            if not compound:
                break
            node = compound[0]
        path.append(node)
    return path


def reason_values(template: str) -> list[str]:
    """The placeholders of a reason's template, in order: variable names and ``name``."""
    return [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]


def deciding_values(node: Node, holds: bool, subject: str | None = None) -> dict[str, Any]:
    """The known values the conditions that decided ``node`` (which has ``holds``) compared:
    its facts and, down the tree, those of the conditions that hold as it does (so not of a
    condition that held in an 'all' that failed); each the first found, of the person itself
    (``subject``) or of no one."""
    values: dict[str, Any] = {}
    stack = [node]
    while stack:  # pre-order, as `Node.walk`
        current = stack.pop()
        for fact in current.facts:
            if fact.known and fact.value is not None and fact.subject in (None, subject):
                values.setdefault(fact.name, fact.value)
        stack.extend(child for child in reversed(current.children) if child.holds is holds)
    return values


def _reasons(node: Node, holds: bool, limit: int = 2) -> list[str]:
    """The conditions that decide ``node`` (which has ``holds``): of an 'one of' the one that
    held, of an 'all' the one that failed, each followed down to what decided it; the
    people it is about by name."""
    last = decided_path(node, holds)[-1]
    deciding = [child for child in last.children if child.holds is holds]
    if not deciding:
        return [_phrase(last)]
    return [_phrase(child) for child in deciding[:limit]]


def _in_sentence(label: str) -> str:
    """A label inside a sentence: 'Leefloon' -> 'leefloon', 'UiTPAS', 'IGO' unchanged."""
    first = label.split(" ", 1)[0]
    return label[:1].lower() + label[1:] if first[1:] == first[1:].lower() else label


def _phrase(node: Node) -> str:
    """A condition as a phrase, with the people whose values made it hold."""
    label = node.label
    people = list(dict.fromkeys(f.subject for f in node.facts if f.subject and f.value))
    if len(people) == 1 and label.startswith("iemand "):  # "Sarah ontvangt een leefloon"
        return f"{people[0]} {label.removeprefix('iemand ').removeprefix('in het gezin ')}"
    if people:
        return f"{label} ({_join(people)})"
    if node.subject:
        return f"{label} ({node.subject})"
    return label


_MARK = {True: "[✓]", False: "[✗]", None: "[?]"}
_HOLDS = {True: "voldaan", False: "niet voldaan", None: "onbekend"}


_INDENTS = tuple("  " * depth for depth in range(64))
#: "[✓] " and ": voldaan" by holds
_OPEN = {holds: f"{mark} " for holds, mark in _MARK.items()}
_CLOSE = {holds: f": {text}" for holds, text in _HOLDS.items()}


def _render(
    node: Node,
    depth: int,
    lines: list[str],
    seen: set[tuple[str, str | None]],
    missing: list[Fact],
) -> None:
    """Render ``node`` and its children; collect unknown input facts into ``missing``."""
    indent = _INDENTS[depth] if depth < 64 else "  " * depth
    label = f"{node.label} ({node.subject})" if node.subject else node.label
    holds = node.holds
    if holds is None and node.value is not None:
        head = f"{indent}- {label}: {node.value}"
    else:
        head = f"{indent}{_OPEN[holds]}{label}{_CLOSE[holds]}"
    facts = node.facts
    if facts:
        for fact in facts:
            if fact.is_input and not fact.known:
                key = (fact.name, fact.subject)
                if key not in seen:
                    seen.add(key)
                    missing.append(fact)
        if node.parameters:
            details = "; ".join([f.text for f in facts] + [p.text for p in node.parameters])
        else:
            details = "; ".join([f.text for f in facts])
        head = f"{head} — {details}"
    elif node.parameters:
        head = f"{head} — {'; '.join([p.text for p in node.parameters])}"
    lines.append(head)
    if node.children:
        depth += 1
        for child in node.children:
            _render(child, depth, lines, seen, missing)
