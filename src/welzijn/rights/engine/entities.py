"""Entities (person, household) and the roles of a person in a household."""

from __future__ import annotations

from typing import Final

PERSON: Final = "person"
HOUSEHOLD: Final = "household"
ENTITIES: Final = (PERSON, HOUSEHOLD)

#: Dutch labels of the entities, for explanations.
ENTITY_LABELS: Final = {PERSON: "persoon", HOUSEHOLD: "gezin"}

#: Roles in a household; the position is the integer code used in role arrays.
ROLES: Final = ("referentiepersoon", "partner", "kind", "ander")
ROLE_CODES: Final = {name: code for code, name in enumerate(ROLES)}

#: Name of the built-in person variable that holds the role code.
ROLE_VARIABLE: Final = "rol"
