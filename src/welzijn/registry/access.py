"""Who may see or change a person's identity data.

Front desk and caseworkers must be able to find anyone who comes in (to register a contact
or open a dossier), so identity data is visible to every casework role; what happened to a
person (dossiers and their content) is scoped by office in `access_dossier`. A beheerder
may look (audited) for support; an analist sees aggregates only, never a person.
"""

from welzijn.core.access import AccessDenied, Intent
from welzijn.core.roles import CASEWORK_ROLES, Role, roles_of
from welzijn.registry.models import Household, Person


def _may(user, intent: Intent) -> bool:
    roles = roles_of(user)
    if roles & CASEWORK_ROLES:
        return True
    return intent is Intent.VIEW and Role.BEHEERDER in roles


def access_person(user, person: Person, intent: Intent = Intent.VIEW) -> Person:
    if not _may(user, intent):
        raise AccessDenied("Geen toegang tot deze persoon.", person)
    return person


def access_household(user, household: Household, intent: Intent = Intent.VIEW) -> Household:
    if not _may(user, intent):
        raise AccessDenied("Geen toegang tot dit huishouden.", household)
    return household


def organisation_id_of(user) -> int | None:
    """The outside organisation the user works for (partner accounts), or None."""
    account = getattr(user, "organisation_account", None) if user.is_authenticated else None
    return account.organisation_id if account is not None else None


#: Who may merge two registrations of one person: it rewrites records of every office.
MERGE_ROLES = frozenset({Role.TEAMCOACH, Role.BEHEERDER})


def access_person_merge(user, person: Person) -> Person:
    if not roles_of(user) & MERGE_ROLES:
        raise AccessDenied("Alleen een teamcoach of beheerder kan personen samenvoegen.", person)
    return person
