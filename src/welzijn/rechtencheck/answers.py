"""What a citizen typed, checked and turned into the raw answer the interview takes
(`rights.selfcheck`); an error is a sentence in the page's language."""

import json

from django.utils.translation import gettext as _

from welzijn.rights.selfcheck import DONT_KNOW, AnswerError, checklist_answer, parse_members
from welzijn.rights.selfcheck.answers import MAX_MEMBERS, parse_value

#: How many rows the members question shows: the people given plus room for more.
EMPTY_ROWS = 3


class InvalidAnswer(ValueError):
    """An answer that does not fit its question; the message is for the citizen."""


def _kind_errors() -> dict[str, str]:
    return {
        "bool": _("Kies ja, nee of weet ik niet."),
        "choice": _("Kies een van de antwoorden, of weet ik niet."),
        "money": _("Vul een bedrag in euro in, bijvoorbeeld 1250 of 1250,50."),
        "count": _("Vul een heel getal in, bijvoorbeeld 0 of 3."),
        "date": _("Vul een datum in."),
    }


def raw_answer(question, post, on) -> str:
    """The raw answer to `question` from the POSTed fields, or InvalidAnswer."""
    if question.kind == "members":
        return members_answer(post, on)
    if question.kind == "checklist":
        return checklist_answer(question, post.getlist("tick"), post.getlist("unsure"))
    if question.kind == "form":
        return json.dumps(
            {field.key: _one(field, post.get(field.key), named=True) for field in question.fields}
        )
    return _one(question, post.get("value"))


def _one(question, value: str | None, named: bool = False) -> str:
    """One answer, checked; in a form the error names the question it is about."""
    raw = (value or "").strip()
    if raw == DONT_KNOW:
        return raw
    try:
        parse_value(question.kind, raw, question.choices)
    except AnswerError as error:
        message = _kind_errors()[question.kind]
        if named:
            text = _(question.text).replace("{name}", question.person or "")
            message = f"{text} {message}"
        raise InvalidAnswer(message) from error
    return raw


def members_answer(post, on) -> str:
    """The members rows (name, age, relation; the first row is the citizen) as the
    interview's JSON answer."""
    members = []
    for i in range(MAX_MEMBERS):
        name = (post.get(f"name_{i}") or "").strip()
        age = (post.get(f"age_{i}") or "").strip()
        if not (name or age):
            continue
        relation = "ik" if i == 0 else (post.get(f"relation_{i}") or "ander")
        label = name or _("persoon %(n)s") % {"n": i + 1}
        if not name:
            raise InvalidAnswer(_("Vul een naam in voor %(who)s.") % {"who": label})
        if not age.isdigit() or int(age) > 120:
            raise InvalidAnswer(_("Vul de leeftijd van %(who)s in, in jaren.") % {"who": label})
        if relation not in ("partner", "kind", "ander"):
            relation = "ander" if i else "ik"
        members.append({"name": name, "age": int(age), "relation": relation})
    if not members or members[0]["relation"] != "ik":
        raise InvalidAnswer(_("Vul minstens uzelf in: uw naam en uw leeftijd."))
    names = [m["name"].casefold() for m in members]
    if len(set(names)) != len(names):
        raise InvalidAnswer(_("Geef iedereen een andere naam."))
    if sum(m["relation"] == "partner" for m in members) > 1:
        raise InvalidAnswer(_("Duid ten hoogste één persoon aan als partner."))
    raw = json.dumps(members, ensure_ascii=False)
    try:
        parse_members(raw, on)
    except AnswerError as error:  # the interview's own checks, in Dutch
        raise InvalidAnswer(str(error)) from error
    return raw


def member_rows(raw: str | None) -> list[dict]:
    """The rows to show in the members question: the given people, then empty rows."""
    try:
        rows = json.loads(raw) if raw else []
    except ValueError:
        rows = []
    rows = [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []
    return rows + [{}] * min(EMPTY_ROWS, MAX_MEMBERS - len(rows))
