"""The result of the self-check per right: entitled / probably / not entitled / unknown.

"probably": open with the answers as given, but not for certain, because
* it would no longer be open if an amount the citizen estimated (``estimate: true``
  in questions.yaml) were 10 % higher or lower (`ESTIMATE_MARGIN`), or
* it is open only through an answer about a fact the office establishes itself
  (``office: true``): without that answer it would not be known to be open.
"unknown": whether it is open still depends on questions not (yet) answered.
A person right is one outcome for the household: open when it is open for a
member, with the amounts of those members added up.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from welzijn.rights.engine.entities import PERSON
from welzijn.rights.engine.explanation import Explanation, Reason

if TYPE_CHECKING:
    from welzijn.rights.engine import RuleSet

    from .interview import Interview, Slot

ENTITLED, PROBABLY, NOT_ENTITLED, UNKNOWN = "entitled", "probably", "not_entitled", "unknown"
#: how much an estimated amount may be off before an open right is only "probably" open
ESTIMATE_MARGIN = 0.10
_ORDER = (ENTITLED, PROBABLY, UNKNOWN, NOT_ENTITLED)


@dataclass(frozen=True)
class RightOutcome:
    code: str
    name: str  # Dutch name of the right
    status: str  # entitled | probably | not_entitled | unknown
    amount: Decimal | None
    period: str | None  # "per maand", "per jaar", ... (None: no amount or a one-off sum)
    why: str  # one plain Dutch sentence, people by the name the citizen gave
    todo: str  # where to apply, with what, or that it comes automatically
    automatic: bool
    #: the members it is (probably) open for, for a person right
    people: tuple[str, ...] = ()
    #: the rules' sentences why with their values (none while unknown), once each
    reasons: tuple[Reason, ...] = ()


def classify(interview: Interview) -> list[RightOutcome]:
    if not interview.members:
        return [_undecided(interview, code) for code in interview.rights]
    result = interview.current  # explained below: only the rights shown
    variants = [interview.evaluate(v) for v in _variants(interview)]
    outcomes = []
    for code in interview.rights:
        right = interview.rules.rights[code]
        is_person = right.entity == PERSON
        rows: list[int | None] = list(range(len(interview.members))) if is_person else [None]
        per_row: list[tuple[str, int | None]] = []
        for row in rows:
            entitled = _at(result.values[right.entitled], row)
            if entitled is None:
                status = UNKNOWN
            elif not entitled:
                status = NOT_ENTITLED
            elif any(_at(v.values[right.entitled], row) is not True for v in variants):
                status = PROBABLY
            else:
                status = ENTITLED
            per_row.append((status, row))
        best = min(_ORDER.index(status) for status, _ in per_row)
        status = _ORDER[best]
        chosen = [row for s, row in per_row if s == status]
        period = interview.catalogue.amount_periods.get(code) or None
        # one sentence per right: a household reason (the same for every member) once,
        # and of a right not open (or not known) the reason for the first member only
        shown = chosen if status in (ENTITLED, PROBABLY) else chosen[:1]
        explanations = [result.explain(code, _name(interview, row)) for row in shown[:3]]
        why = " ".join(dict.fromkeys(_why(e, period) for e in explanations))
        reasons: tuple[Reason, ...] = ()
        if status != UNKNOWN:
            templates = right.reasons.get("not_entitled" if status == NOT_ENTITLED else "entitled")
            candidates = (_reason(e, templates or (), interview.rules) for e in explanations)
            reasons = tuple(dict.fromkeys(r for r in candidates if r is not None))
        amount = None
        if status in (ENTITLED, PROBABLY) and right.amount:
            found = [result.value(right.amount, row or 0) for row in chosen]
            if all(value is not None for value in found):
                amount = sum((Decimal(str(round(v, 2))) for v in found), Decimal("0.00"))
        outcomes.append(
            RightOutcome(
                code=code,
                name=right.label,
                status=status,
                amount=amount,
                period=period if amount is not None else None,
                why=why,
                todo=_todo(right.how_to_apply, status, right.auto_grantable),
                automatic=right.auto_grantable,
                people=tuple(interview.members[r].name for r in chosen if r is not None)
                if status in (ENTITLED, PROBABLY)
                else (),
                reasons=reasons,
            )
        )
    return outcomes


def _why(explanation: Explanation, period: str | None) -> str:
    """The explanation's summary about the right itself: whether the household already
    receives it is not asked (the office checks that), so it does not make it unknown.
    The amount has the period of questions.yaml (the engine knows only month or year:
    the schooltoeslag is per school year)."""
    if explanation.entitled is not None and explanation.status == "onbekend":
        status = "onderbescherming" if explanation.entitled else "geen_recht"
        explanation = dataclasses.replace(explanation, status=status)
    if period and explanation.amount_unit:
        unit = f"{explanation.amount_unit.split(' per ')[0]} {period}"
        explanation = dataclasses.replace(explanation, amount_unit=unit)
    return explanation.summary()


def _reason(explanation: Explanation, templates: tuple[str, ...], rules: RuleSet) -> Reason | None:
    """The explanation's reason, amounts in cents (Decimal) and counts whole."""
    reason = explanation.reason(templates)
    if reason is None:
        return None
    values = tuple(
        (key, value)
        if key == "name"
        else (key, int(value))
        if rules.variables[key].value_type == "int"
        else (key, Decimal(str(round(value, 2))))
        for key, value in reason.values
    )
    return dataclasses.replace(reason, values=values)


def _name(interview: Interview, row: int | None) -> str | None:
    return interview.members[row].name if row is not None else None


def _at(value: Any, row: int | None) -> Any:
    return value if row is None else value[row]


def _variants(interview: Interview) -> list[dict[Slot, Any]]:
    """The answers with the estimates off by the margin, and without the office's facts."""
    questions = interview.catalogue.questions
    estimated = [
        s for s, v in interview.values.items() if v is not None and questions[s[0]].estimate
    ]
    office = [s for s, v in interview.values.items() if v is not None and questions[s[0]].office]
    known = interview.known
    out = []
    for factor in (1 - ESTIMATE_MARGIN, 1 + ESTIMATE_MARGIN):
        if estimated:
            values = dict(known)
            for slot in estimated:
                values[slot] = values[slot] * factor
            out.append(values)
    if office:
        out.append({s: v for s, v in known.items() if s not in office})
    return out


def _todo(how_to_apply: str, status: str, automatic: bool) -> str:
    if status == NOT_ENTITLED:
        return ""
    if status == UNKNOWN:
        return "Beantwoord de open vragen, of vraag het na bij het welzijnsbureau."
    if how_to_apply:
        return how_to_apply.strip()
    return "U krijgt dit automatisch." if automatic else "Vraag het aan bij het welzijnsbureau."


def _undecided(interview: Interview, code: str) -> RightOutcome:
    right = interview.rules.rights[code]
    return RightOutcome(
        code=code,
        name=right.label,
        status=UNKNOWN,
        amount=None,
        period=None,
        why="Dat kunnen we nog niet zeggen: vul eerst in wie er bij u woont.",
        todo=_todo(right.how_to_apply, UNKNOWN, right.auto_grantable),
        automatic=right.auto_grantable,
    )


__all__ = ["RightOutcome", "classify"]
