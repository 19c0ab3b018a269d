"""Person and household, with welzijn's roles (same order as its ``ROLES``)."""

from openfisca_core.entities import build_entity

Persoon = build_entity(
    key="persoon",
    plural="personen",
    label="Persoon",
    is_person=True,
)

Gezin = build_entity(
    key="gezin",
    plural="gezinnen",
    label="Gezin",
    doc="Personen die op hetzelfde adres als één gezin zijn ingeschreven.",
    roles=[
        {"key": "referentiepersoon", "plural": "referentiepersonen", "max": 1},
        {"key": "partner", "plural": "partners", "max": 1},
        {"key": "kind", "plural": "kinderen"},
        {"key": "ander", "plural": "anderen"},
    ],
)

ENTITIES = [Persoon, Gezin]

#: Role keys by welzijn's integer role code (welzijn.rights.engine.entities.ROLES).
ROLE_KEYS = ("referentiepersoon", "partner", "kind", "ander")
#: Role keys as they appear in a build_from_entities dict (plural for multi-member roles).
ROLE_PLURALS = {
    "referentiepersoon": "referentiepersonen",
    "partner": "partners",
    "kind": "kinderen",
    "ander": "anderen",
}
