"""The `Question` the interface hands out, and the stable keys of the answers."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass

from .answers import DONT_KNOW
from .catalogue import Catalogue

MEMBERS_KEY = "members"


@dataclass(frozen=True)
class Question:
    #: stable id: the form field and answer key ("members", "hh.<input>", "p<n>.<input>")
    key: str
    #: the engine input it fills (None for the members question)
    input: str | None
    #: the name the citizen gave the member, for a person question
    person: str | None
    kind: str  # members | bool | money | count | choice | date | checklist | form
    #: Dutch source text (B1); may contain {name}; translated by the web layer
    text: str
    help: str
    choices: tuple[tuple[str, str], ...] = ()
    #: a checklist's line for the input (Dutch source; "" for a question of its own)
    label: str = ""
    #: the questions a checklist or form asks in one step (its answer: JSON key -> raw)
    fields: tuple[Question, ...] = ()


def household_key(name: str) -> str:
    return f"hh.{name}"


def person_key(row: int, name: str) -> str:
    """Key of a person question: member number (1 = first in the members answer)."""
    return f"p{row + 1}.{name}"


def members_question(catalogue: Catalogue) -> Question:
    return Question(
        key=MEMBERS_KEY,
        input=None,
        person=None,
        kind="members",
        text=catalogue.members_text,
        help=catalogue.members_help,
    )


def checklist_answer(question: Question, ticked: Collection[str], unsure: Collection[str]) -> str:
    """A checklist's answer: a ticked field (key) is "ja"; one not ticked is "weet ik
    niet" when its line (input) is in ``unsure``, else "nee"."""
    return json.dumps(
        {
            field.key: "ja"
            if field.key in ticked
            else DONT_KNOW
            if field.input in unsure
            else "nee"
            for field in question.fields
        }
    )
