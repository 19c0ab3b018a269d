"""The interview's questions and outcomes as the citizen reads them, in the page's
language. The Dutch texts of the rules and of `rights/rules/questions.yaml` are the
msgids of the translations (`welzijn rechtencheck_messages` lists them)."""

import dataclasses
import json
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from welzijn.rights.selfcheck import DONT_KNOW, ENTITLED, NOT_ENTITLED, PROBABLY, UNKNOWN

from .answers import member_rows

STATUS_ORDER = (ENTITLED, PROBABLY, UNKNOWN, NOT_ENTITLED)


def translated(text: str, person: str | None = None) -> str:
    """A Dutch source text in the active language, {name} filled in."""
    out = _(text) if text else ""
    return out.replace("{name}", person) if person is not None else out


def relation_choices() -> list[tuple[str, str]]:
    return [("kind", _("kind")), ("partner", _("partner")), ("ander", _("andere volwassene"))]


@dataclass
class ShownQuestion:
    key: str
    kind: str
    text: str
    help: str
    choices: list[tuple[str, str]]
    current: str | None
    rows: list[dict]
    #: a form's fields (ShownQuestion each); a checklist's lines (`checklist_lines`)
    fields: list = dataclasses.field(default_factory=list)
    lines: list[dict] = dataclasses.field(default_factory=list)

    @property
    def dom_id(self) -> str:
        """The key as an HTML id (a form's field)."""
        return "f-" + self.key.replace(".", "-")


def _given(current: str | None) -> dict:
    try:
        given = json.loads(current) if current else {}
    except ValueError:
        return {}
    return given if isinstance(given, dict) else {}


def checklist_lines(question, given: dict) -> list[dict]:
    """A checklist's lines, one per input (or gate): its label, a box per member (one
    box "Ja" for the household) and "weet ik niet"."""
    lines: list[dict] = []
    for field in question.fields:
        if not lines or lines[-1]["input"] != field.input:
            lines.append(
                {
                    "input": field.input,
                    "label": translated(field.label or field.text, field.person),
                    "boxes": [],
                    "unsure": False,
                }
            )
        line = lines[-1]
        line["boxes"].append(
            {
                "key": field.key,
                "label": field.person or _("Ja"),
                "checked": given.get(field.key) == "ja",
                "id": "t-" + field.key.replace(".", "-"),
            }
        )
        line["unsure"] = line["unsure"] or given.get(field.key) == DONT_KNOW
    for number, line in enumerate(lines):
        line["id"] = f"l{number}"
    return lines


def show_question(question, current: str | None) -> ShownQuestion:
    if question.kind in ("checklist", "form"):
        given = _given(current)
        return ShownQuestion(
            key=question.key,
            kind=question.kind,
            text=translated(question.text, question.person),
            help=translated(question.help, question.person),
            choices=[],
            current=current,
            rows=[],
            fields=[show_question(f, given.get(f.key)) for f in question.fields]
            if question.kind == "form"
            else [],
            lines=checklist_lines(question, given) if question.kind == "checklist" else [],
        )
    choices: list[tuple[str, str]] = []
    if question.kind == "bool":
        choices = [("ja", _("Ja")), ("nee", _("Nee"))]
    elif question.kind == "choice":
        choices = [(value, translated(label)) for value, label in question.choices]
    if question.kind in ("bool", "choice"):
        choices.append((DONT_KNOW, _("Weet ik niet")))
    return ShownQuestion(
        key=question.key,
        kind=question.kind,
        text=translated(question.text, question.person),
        help=translated(question.help, question.person),
        choices=choices,
        current=current,
        rows=member_rows(current) if question.kind == "members" else [],
    )


def money(amount: Decimal | float) -> str:
    """An amount the active language's way: its digits (Django's formats) and where the €
    goes (the translation of "€ %(amount)s")."""
    number = formats.number_format(amount, 2, use_l10n=True, force_grouping=True)
    return _("€ %(amount)s") % {"amount": number}


def shown_answers(question, raw: str) -> list[tuple[str, str]]:
    """(question, answer) as the citizen reads them; a checklist or form gives a line per
    field."""
    if question.kind not in ("checklist", "form"):
        return [(show_question(question, None).text, shown_answer(question, raw))]
    given = _given(raw)
    return [
        (translated(f.text, f.person), shown_answer(f, given[f.key]))
        for f in question.fields
        if f.key in given
    ]


def shown_answer(question, raw: str) -> str:
    if raw == DONT_KNOW:
        return _("Weet ik niet")
    if question.kind == "members":
        people = json.loads(raw)
        return ", ".join(f"{p['name']} ({p['age']})" for p in people)
    if question.kind == "bool":
        return _("Ja") if raw.strip().casefold() in ("ja", "yes", "true", "1") else _("Nee")
    if question.kind == "choice":
        labels = dict(question.choices)
        return translated(labels.get(raw, raw))
    if question.kind == "money":
        try:
            return money(
                Decimal(raw.replace(".", "").replace(",", ".")) if "," in raw else Decimal(raw)
            )
        except ArithmeticError:
            return raw
    return raw


@dataclass
class ShownRight:
    code: str
    name: str
    status: str
    status_label: str
    amount: str
    period: str
    why: str
    todo: str
    automatic: bool


def status_labels() -> dict[str, str]:
    return {
        ENTITLED: _("U hebt recht"),
        PROBABLY: _("U hebt waarschijnlijk recht"),
        UNKNOWN: _("Dat kunnen we nog niet zeggen"),
        NOT_ENTITLED: _("Geen recht"),
    }


def group_titles() -> dict[str, str]:
    return {
        ENTITLED: _("Hier hebt u recht op"),
        PROBABLY: _("Hier hebt u waarschijnlijk recht op"),
        UNKNOWN: _("Dat kunnen we nog niet zeggen"),
        NOT_ENTITLED: _("Hier hebt u geen recht op"),
    }


def _why(outcome) -> str:
    """The rules' sentences why (`RightOutcome.reasons`) in the page's language, filled with
    the values the evaluation computed; while the outcome is unknown, in Dutch the engine's
    sentence (it names the missing answers), else a sentence that says so (and nothing beside
    the status for a right the rules give no sentence)."""
    if outcome.reasons:
        why = " ".join(reason_sentence(r) for r in outcome.reasons)
        if outcome.status == PROBABLY:
            why += " " + _(
                "Waarschijnlijk wel: een bedrag is geschat, of de dienst moet iets nagaan."
            )
        return why
    if get_language() in ("nl", "nl-be") or not get_language():
        return outcome.why
    return (
        _("Dat hangt af van vragen die u nog niet beantwoordde.")
        if outcome.status == UNKNOWN
        else ""
    )


def reason_sentence(reason) -> str:
    """A reason's template in the active language, amounts with € the locale's way."""
    return _(reason.template).format_map({key: _shown(value) for key, value in reason.values})


def _shown(value: Decimal | int | str) -> str:
    """A reason's value: an amount (Decimal) with €, a count (int) with the locale's digits,
    a name as it is."""
    if isinstance(value, Decimal):
        return money(value)
    if isinstance(value, int):
        return formats.number_format(value, 0, use_l10n=True, force_grouping=True)
    return value


def shown_right(outcome) -> ShownRight:
    return ShownRight(
        code=outcome.code,
        name=translated(outcome.name),
        status=outcome.status,
        status_label=status_labels()[outcome.status],
        amount=money(outcome.amount) if outcome.amount is not None else "",
        period=translated(outcome.period) if outcome.period else "",
        why=_why(outcome),
        todo=translated(outcome.todo),
        automatic=outcome.automatic,
    )


def grouped(outcomes) -> list[dict]:
    titles = group_titles()
    rights = [shown_right(o) for o in outcomes]
    return [
        {
            "status": status,
            "title": titles[status],
            "rights": [r for r in rights if r.status == status],
        }
        for status in STATUS_ORDER
        if any(r.status == status for r in rights)
    ]


def outcome_record(outcome) -> dict:
    """An outcome as stored with a request sent to a welzijnsbureau (Dutch)."""
    return {
        "code": outcome.code,
        "name": outcome.name,
        "status": outcome.status,
        "amount": str(outcome.amount) if outcome.amount is not None else None,
        "period": outcome.period,
        "why": outcome.why,
        "todo": outcome.todo,
    }


def postcode_error() -> str:
    return _("Vul een Gentse postcode in, bijvoorbeeld 9000.")
