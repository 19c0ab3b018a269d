"""What a citizen typed, turned into an answer of the interview, per kind of question;
an error is a sentence in the page's language naming what is wrong."""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

#: How many people the members question offers rows for.
MAX_MEMBERS = 12
UNKNOWN = "?"
_MONEY = re.compile(r"^\d{1,7}([.,]\d{1,2})?$")


class AnswerError(ValueError):
    pass


def parse_answer(kind: str, post, choices: tuple = ()) -> Any:
    """The answer to one question from the POSTed fields (`value`, or the member rows)."""
    if kind == "members":
        return _members(post)
    raw = (post.get("value") or "").strip()
    if raw == UNKNOWN and kind in ("bool", "choice"):
        return None
    if not raw:
        raise AnswerError(_("Kies of vul een antwoord in. Weet u het niet? Kies 'weet ik niet'."))
    if kind == "bool":
        if raw not in ("ja", "nee"):
            raise AnswerError(_("Kies ja of nee."))
        return raw == "ja"
    if kind == "choice":
        if raw not in {value for value, _label in choices}:
            raise AnswerError(_("Kies een van de antwoorden."))
        return raw
    if kind == "money":
        cleaned = raw.replace("€", "").replace(" ", "")
        if "," in cleaned:
            cleaned = cleaned.replace(".", "")
        if not _MONEY.match(cleaned):
            raise AnswerError(_("Vul een bedrag in euro in, bijvoorbeeld 1250 of 1250,50."))
        try:
            return float(Decimal(cleaned.replace(",", ".")))
        except InvalidOperation as error:
            raise AnswerError(_("Vul een bedrag in euro in.")) from error
    if kind == "count":
        if not raw.isdigit() or int(raw) > 100000:
            raise AnswerError(_("Vul een getal in, zonder komma, bijvoorbeeld 3."))
        return int(raw)
    if kind == "date":
        try:
            return dt.date.fromisoformat(raw).isoformat()
        except ValueError as error:
            raise AnswerError(_("Vul een datum in.")) from error
    raise AnswerError(_("Deze vraag kan niet beantwoord worden."))


def _members(post) -> list[dict]:
    members = []
    for i in range(MAX_MEMBERS):
        name = (post.get(f"name_{i}") or "").strip()
        age = (post.get(f"age_{i}") or "").strip()
        role = (post.get(f"role_{i}") or "").strip()
        if not (name or age):
            continue
        if not name:
            raise AnswerError(_("Geef een naam voor persoon %(n)s.") % {"n": i + 1})
        if len(name) > 40:
            raise AnswerError(_("De naam van persoon %(n)s is te lang.") % {"n": i + 1})
        if not age.isdigit() or int(age) > 120:
            raise AnswerError(_("Geef de leeftijd van %(name)s in jaren.") % {"name": name})
        members.append({"name": name, "leeftijd": int(age), "rol": role})
    if not members:
        raise AnswerError(_("Geef minstens één persoon: uzelf."))
    return members
