"""Who may see or change what (role x team).

| who                                   | LAC, scans, energy aid | housing, guarantees |
|---------------------------------------|------------------------|---------------------|
| the Energiecel (role in its office)   | its office's: all      | —                   |
| a wooncoach (role in its office)      | —                      | its office's: all   |
| anyone else                           | —                      | —                   |

A rent-arrears melding is the meldingen app's: its handling team (the wooncoaches, who hold
a meldingen role) sees and closes it (`meldingen.access`). The report shows counts only.
"""

from django.db.models import Model, QuerySet

from welzijn.casework.access import office_ids_of
from welzijn.core.access import AccessDenied, Intent
from welzijn.core.roles import Role, roles_of
from welzijn.registry.access import hidden_household_ids

from .models import (
    EnergyAid,
    EnergyScan,
    HousingTrajectory,
    LacDossier,
    LacSession,
    RentGuarantee,
)

ENERGY_MODELS = (LacSession, LacDossier, EnergyScan, EnergyAid)
HOUSING_MODELS = (HousingTrajectory, RentGuarantee)


def team_offices(user, role: Role) -> frozenset[int]:
    """The offices whose records the user works on in this role (none without it)."""
    return office_ids_of(user) if role in roles_of(user) else frozenset()


def _role_for(model) -> Role:
    return Role.ENERGIECEL if model in ENERGY_MODELS else Role.WOONCOACH


def visible_to(user, model: type[Model]) -> QuerySet:
    """The records of the model the user's team holds."""
    records = model._default_manager.filter(office_id__in=team_offices(user, _role_for(model)))
    if model is LacSession:
        return records
    return records.exclude(household_id__in=hidden_household_ids(user))


def access(user, obj: Model, intent: Intent = Intent.VIEW):
    """VIEW and EDIT alike: the team of the record's office, in the model's role."""
    household_id = getattr(obj, "household_id", None)
    restricted = (
        household_id is not None and hidden_household_ids(user).filter(pk=household_id).exists()
    )
    if obj.office_id in team_offices(user, _role_for(type(obj))) and not restricted:
        return obj
    raise AccessDenied("Dit dossier is niet van uw team.", obj)


def require_role(user, role: Role) -> None:
    if role not in roles_of(user):
        team = "de Energiecel" if role is Role.ENERGIECEL else "de wooncoaches"
        raise AccessDenied(f"Deze pagina is er voor {team}.")
