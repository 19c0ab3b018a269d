"""Parsing the citizen's answers (submitted strings) into engine values.

Every parser returns the value, or raises `AnswerError` with a Dutch message.
``DONT_KNOW`` ("weet_niet") is a valid answer to every question but the members one:
the input stays unknown and the question is not asked again.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

DONT_KNOW = "weet_niet"

#: relation in the members answer -> role in the engine
RELATIONS = {"ik": "referentiepersoon", "partner": "partner", "kind": "kind", "ander": "ander"}
RELATION_LABELS = (
    ("ik", "ik"),
    ("partner", "partner"),
    ("kind", "kind"),
    ("ander", "andere volwassene"),
)
MAX_MEMBERS = 12
MAX_AGE = 120


class AnswerError(ValueError):
    """An answer that does not parse; the message is Dutch, for the citizen."""


@dataclass(frozen=True)
class Member:
    name: str
    age: int
    relation: str  # ik / partner / kind / ander

    @property
    def role(self) -> str:
        return RELATIONS[self.relation]


def parse_members(raw: str, on: dt.date) -> list[Member]:
    """The members answer: a JSON list, one object per person,
    ``{"name": "Sara", "age": 34, "relation": "ik"}`` (``"birth_year": 1990`` instead of
    ``age`` gives the age in the year of ``on``); relation is ik / partner / kind / ander
    (andere volwassene). Exactly one "ik", at most one partner, names unique."""
    try:
        data = json.loads(raw)
    except (TypeError, ValueError):
        raise AnswerError(
            "Vul voor elke persoon een naam, een leeftijd en wie het is in."
        ) from None
    if not isinstance(data, list) or not data:
        raise AnswerError("Vul minstens één persoon in: uzelf.")
    if len(data) > MAX_MEMBERS:
        raise AnswerError(f"Vul ten hoogste {MAX_MEMBERS} personen in.")
    members: list[Member] = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise AnswerError(f"Persoon {number}: vul een naam, een leeftijd en wie het is in.")
        name = str(item.get("name") or "").strip()
        if not name:
            raise AnswerError(f"Persoon {number}: vul een naam in.")
        if len(name) > 40:
            raise AnswerError(f"{name[:40]}: de naam is te lang (ten hoogste 40 tekens).")
        relation = item.get("relation")
        if relation not in RELATIONS:
            raise AnswerError(f"{name}: kies wie het is (ik, partner, kind of andere volwassene).")
        members.append(Member(name, _age(item, name, on), relation))
    names = [m.name.casefold() for m in members]
    double = next((m.name for m, n in zip(members, names, strict=True) if names.count(n) > 1), None)
    if double is not None:
        raise AnswerError(f"De naam {double} staat er twee keer; geef iedereen een andere naam.")
    relations = [m.relation for m in members]
    if relations.count("ik") != 1:
        raise AnswerError("Duid precies één persoon aan als 'ik'.")
    if relations.count("partner") > 1:
        raise AnswerError("Duid ten hoogste één persoon aan als partner.")

    return members


def _age(item: dict[str, Any], name: str, on: dt.date) -> int:
    raw_age, raw_year = item.get("age"), item.get("birth_year")
    if raw_age not in (None, ""):
        age = _whole(raw_age)
        if age is None or not 0 <= age <= MAX_AGE:
            raise AnswerError(f"{name}: vul een leeftijd in jaren in (0 tot {MAX_AGE}).")
        return age
    if raw_year not in (None, ""):
        year = _whole(raw_year)
        if year is None or not on.year - MAX_AGE <= year <= on.year:
            raise AnswerError(f"{name}: vul een geboortejaar in (bijvoorbeeld 1990).")
        return on.year - year
    raise AnswerError(f"{name}: vul de leeftijd of het geboortejaar in.")


def _whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


_YES = {"ja", "yes", "true", "1"}
_NO = {"nee", "no", "false", "0"}
_MONEY = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+)(,\d{1,2})?$|^\d+(\.\d{1,2})?$")


def parse_value(kind: str, raw: str, choices: tuple[tuple[str, str], ...] = ()) -> Any:
    """One answer of ``kind`` as the engine value (``None`` for "weet ik niet")."""
    text = raw.strip().casefold() if isinstance(raw, str) else ""
    if text == DONT_KNOW:
        return None
    if kind == "bool":
        if text in _YES:
            return True
        if text in _NO:
            return False
        raise AnswerError("Kies ja, nee of weet ik niet.")
    if kind == "money":
        cleaned = text.replace("€", "").replace("eur", "").replace(" ", "")
        if not _MONEY.match(cleaned):
            raise AnswerError("Vul een bedrag in euro in, bijvoorbeeld 1250 of 1.250,50.")
        if "," in cleaned:
            cleaned = cleaned.replace(".", "").replace(",", ".")
        elif cleaned.count(".") == 1 and len(cleaned.split(".")[1]) == 3:
            cleaned = cleaned.replace(".", "")  # 1.250 is a thousands separator
        else:
            cleaned = cleaned if cleaned.count(".") <= 1 else cleaned.replace(".", "")
        return float(cleaned)
    if kind == "count":
        if not text.isdigit() or len(text) > 7:
            raise AnswerError("Vul een heel getal in (0 of meer).")
        return int(text)
    if kind == "choice":
        values = [value for value, _ in choices]
        if raw.strip() not in values:
            raise AnswerError("Kies een van de mogelijkheden.")
        return raw.strip()
    if kind == "date":
        try:
            return dt.date.fromisoformat(raw.strip())
        except ValueError:
            raise AnswerError("Vul een datum in als jjjj-mm-dd, bijvoorbeeld 2026-03-01.") from None
    raise AnswerError("Onbekende vraag.")
