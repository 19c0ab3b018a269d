"""Which models hold data about a person: every model with a path of foreign keys to
`registry.Person` or `registry.Household`, found by walking the model graph, so that a new
app's records are exported without anyone keeping a list.

A path stops at a person or a household (their own relations are other paths) and never
passes through a staff account, nor through `Person.merged_into` (another registration).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import models

PERSON, HOUSEHOLD = "registry.person", "registry.household"
#: Longest chain followed (a letter -> decision -> dossier -> household is three).
MAX_DEPTH = 5
#: Relations that lead to someone else, never to the person's own data.
NOT_FOLLOWED = frozenset({"merged_into"})

#: Models that hold personal data but are not exported as records, with the reason. The
#: test `test_every_personal_model_is_exported_or_declared` fails on a model missing here.
OUT_OF_SCOPE: dict[str, str] = {
    "core.auditevent": "Gebeurtenissen over de persoon en hun gegevens staan in het deel "
    "'Wie las of wijzigde uw gegevens'; zoekopdrachten noemen geen persoon.",
    "auth.user": "Accounts van medewerkers, niet van de personen in de dossiers.",
    "axes.accessattempt": "Aanmeldpogingen op accounts van medewerkers.",
    "axes.accessfailurelog": "Mislukte aanmeldingen op accounts van medewerkers.",
    "axes.accesslog": "Aanmeldingen op accounts van medewerkers.",
    "meldingen.melding": "De melder (naam, e-mail, telefoon) is een vrije tekst, niet aan een "
    "geregistreerde persoon gekoppeld; een melder vraagt inzage met het nummer van de melding. "
    "De partijen van een conflict zijn wel gekoppeld en staan in de export.",
    "meldingen.notification": "Berichten aan een melder: zie meldingen.melding.",
    "shelter.pitcountrecord": "Telformulieren van de dak- en thuislozentelling: niet aan een "
    "persoon gekoppeld (initialen en geboortejaar, enkel om dubbels te vinden).",
    "activation.employer": "Contactpersoon van een werkgever: een zakelijk contact, geen cliënt.",
    "activation.koopsociaalbuyer": "Contactpersoon van een kopende organisatie: zakelijk.",
    "rechtencheck.selfcheckrequest": "Een Rechtencheck die een burger zelf naar een "
    "welzijnsbureau stuurde: een contact en antwoorden, niet aan een geregistreerde persoon "
    "gekoppeld; het onthaal vindt de burger via dat contact.",
    "synth.groundtruth": "Alleen in de synthetische demodatabank: de sleutel van de generator, "
    "geen registratie van het departement.",
}


@dataclass(frozen=True)
class Paths:
    """The lookups (`a__b__person`) from a model to a person and to a household."""

    model: type[models.Model]
    to_person: tuple[str, ...]
    to_household: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.model._meta.label_lower


def _label(model) -> str:
    return model._meta.label_lower


def _paths(model, depth: int, seen: frozenset) -> tuple[list[str], list[str]]:
    persons: list[str] = []
    households: list[str] = []
    if depth > MAX_DEPTH:
        return persons, households
    for field in model._meta.get_fields():
        if not (field.concrete and (field.many_to_one or field.one_to_one)):
            continue
        if field.name in NOT_FOLLOWED or field.related_model is None:
            continue
        target = field.related_model
        label = _label(target)
        if label == PERSON:
            persons.append(field.name)
        elif label == HOUSEHOLD:
            households.append(field.name)
        elif label != settings.AUTH_USER_MODEL.lower() and label not in seen:
            deeper_p, deeper_h = _paths(target, depth + 1, seen | {label})
            persons += [f"{field.name}__{p}" for p in deeper_p]
            households += [f"{field.name}__{h}" for h in deeper_h]
    return persons, households


def personal_models() -> list[Paths]:
    """Every installed model with a path to a person or a household, in app order."""
    found = []
    for model in apps.get_models():
        label = _label(model)
        if label in OUT_OF_SCOPE:
            continue
        if label == PERSON:
            found.append(Paths(model, ("pk",), ()))
        elif label == HOUSEHOLD:
            found.append(Paths(model, (), ("pk",)))
        else:
            persons, households = _paths(model, 1, frozenset({label}))
            if persons or households:
                found.append(Paths(model, tuple(persons), tuple(households)))
    return found
