"""Who may see or change a person's identity data, household and situation.

Front desk and caseworkers must be able to find anyone who comes in (to register a contact
or open a dossier), so identity data is visible to every casework role; what happened to a
person (dossiers and their content) is scoped by office in `access_dossier`. A beheerder
may look (audited) for support; an analist sees aggregates only, never a person.

Changing a registered person or household, and reading a person's situation (incomes,
statuses), is for the offices that follow the household: a household nobody follows yet
(no dossier anywhere: someone new at the desk) is open to every casework role; once an
office has a dossier on it, to the casework roles of that office and those the dossier is
shared with. Another welzijnsbureau opens a dossier of its own first.

The dossiers are reached through their relation names (`dossiers`, `assignments`): the
registry does not import casework.
"""

from django.db.models import Q

from welzijn.core.access import AccessDenied, Intent
from welzijn.core.roles import CASEWORK_ROLES, PERSON_SEARCH_ROLES, Role, roles_of
from welzijn.registry.models import Household, Person


def _may(user, intent: Intent) -> bool:
    roles = roles_of(user)
    if roles & CASEWORK_ROLES:
        return True
    return intent is Intent.VIEW and Role.BEHEERDER in roles


def follows(user, households) -> bool:
    """Whether the user's offices follow these households (a queryset or a list of ids):
    none of them has a dossier, or one has a dossier at the user's offices or shared with
    the user."""
    followed = Household.objects.filter(pk__in=households, dossiers__isnull=False)
    if not followed.exists():
        return True
    offices = user.assignments.values("office_id")
    return followed.filter(
        Q(dossiers__office_id__in=offices) | Q(dossiers__shares__user_id=user.pk)
    ).exists()


def _households_of(person: Person):
    return person.memberships.values("household_id")


def access_person(user, person: Person, intent: Intent = Intent.VIEW) -> Person:
    """VIEW: identity data, for every casework role. EDIT: a new person, or one whose
    households the user's offices follow."""
    if not _may(user, intent) or (
        intent is Intent.EDIT
        and person.pk is not None
        and not follows(user, _households_of(person))
    ):
        raise AccessDenied("Geen toegang tot deze persoon.", person)
    return person


def access_person_search(user) -> None:
    """Looking people up by name: the casework roles and a beheerder, and the teams that
    register participants of their sessions by name (their own pages show what they link)."""
    if not roles_of(user) & PERSON_SEARCH_ROLES:
        raise AccessDenied("Geen toegang tot het zoeken van personen.")


def access_household(user, household: Household, intent: Intent = Intent.VIEW) -> Household:
    if not _may(user, intent) or (
        intent is Intent.EDIT and household.pk is not None and not follows(user, [household.pk])
    ):
        raise AccessDenied("Geen toegang tot dit huishouden.", household)
    return household


def may_see_situation(user, person: Person) -> bool:
    """A person's incomes and statuses: the offices that follow their households (and a
    beheerder, read-only)."""
    roles = roles_of(user)
    if Role.BEHEERDER in roles:
        return True
    return bool(roles & CASEWORK_ROLES) and follows(user, _households_of(person))


def organisation_id_of(user) -> int | None:
    """The outside organisation the user works for (partner accounts), or None."""
    account = getattr(user, "organisation_account", None) if user.is_authenticated else None
    return account.organisation_id if account is not None else None


#: Who may merge two registrations of one person: it rewrites records of every office.
MERGE_ROLES = frozenset({Role.TEAMCOACH, Role.BEHEERDER})


def access_person_merge(user, person: Person) -> Person:
    """A teamcoach merges registrations of people their offices follow; a beheerder any."""
    roles = roles_of(user)
    if not roles & MERGE_ROLES or (
        Role.BEHEERDER not in roles and not follows(user, _households_of(person))
    ):
        raise AccessDenied("Alleen een teamcoach of beheerder kan personen samenvoegen.", person)
    return person
