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

A restricted file (`Restriction`, GDPR art. 18 and 21) is read only by the data protection
officer and the responsible caseworkers (`Dossier.caseworker`) of the dossiers of the
person's households: `hidden_person_ids` and `hidden_household_ids` give what a user may not
read, and every access helper and its queryset twin leaves those out.
"""

from django.db.models import Q, QuerySet

from welzijn.core.access import AccessDenied, Intent
from welzijn.core.roles import CASEWORK_ROLES, PERSON_SEARCH_ROLES, Role, roles_of
from welzijn.registry.models import Household, HouseholdMembership, Person, Restriction


def restricted_person_ids() -> QuerySet:
    """Persons with an active restriction or objection (a subquery of ids)."""
    return Restriction.objects.filter(lifted_on__isnull=True).values("person_id")


def restricted_household_ids() -> QuerySet:
    """Households a restricted person belongs or belonged to (a subquery of ids)."""
    return HouseholdMembership.objects.filter(person_id__in=restricted_person_ids()).values(
        "household_id"
    )


def _responsible_household_ids(user) -> QuerySet:
    return Household.objects.filter(dossiers__caseworker_id=user.pk).values("pk")


def hidden_household_ids(user) -> QuerySet:
    """Restricted households the user may not read: all of them but those with a dossier the
    user is the responsible caseworker of; none for the DPO."""
    if Role.DPO in roles_of(user):
        return Household.objects.none().values("pk")
    return (
        Household.objects.filter(pk__in=restricted_household_ids())
        .exclude(pk__in=_responsible_household_ids(user))
        .values("pk")
    )


def hidden_person_ids(user) -> QuerySet:
    """Restricted persons the user may not read (members of the hidden households are not
    hidden for that alone: only the restricted person is)."""
    if Role.DPO in roles_of(user):
        return Person.objects.none().values("pk")
    responsible = HouseholdMembership.objects.filter(
        household_id__in=_responsible_household_ids(user)
    ).values("person_id")
    return (
        Person.objects.filter(pk__in=restricted_person_ids())
        .exclude(pk__in=responsible)
        .values("pk")
    )


def refuse_if_restricted(user, person: Person) -> None:
    """AccessDenied when the person's file is restricted and the user may not read it."""
    if person.pk is not None and hidden_person_ids(user).filter(pk=person.pk).exists():
        raise AccessDenied("Dit dossier is beperkt.", person)


def active_restriction(person: Person) -> Restriction | None:
    return person.restrictions.filter(lifted_on__isnull=True).first()


def active_restrictions_of_household(household_id: int) -> list[Restriction]:
    """The active restrictions of the household's members (for a dossier's banner)."""
    return list(
        Restriction.objects.filter(
            lifted_on__isnull=True, person__memberships__household_id=household_id
        )
        .select_related("person")
        .distinct()
    )


def _may(user, intent: Intent) -> bool:
    roles = roles_of(user)
    if roles & CASEWORK_ROLES:
        return True
    return intent is Intent.VIEW and bool(roles & {Role.BEHEERDER, Role.DPO})


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
    """VIEW: identity data, for every casework role and the DPO. EDIT: a new person, or one
    whose households the user's offices follow. A restricted file: see the module."""
    refuse_if_restricted(user, person)
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
    if household.pk is not None and hidden_household_ids(user).filter(pk=household.pk).exists():
        raise AccessDenied("Dit dossier is beperkt.", household)
    if not _may(user, intent) or (
        intent is Intent.EDIT and household.pk is not None and not follows(user, [household.pk])
    ):
        raise AccessDenied("Geen toegang tot dit huishouden.", household)
    return household


def may_see_situation(user, person: Person) -> bool:
    """A person's incomes and statuses: the offices that follow their households (and a
    beheerder, read-only)."""
    roles = roles_of(user)
    if hidden_person_ids(user).filter(pk=person.pk).exists():
        return False
    if roles & {Role.BEHEERDER, Role.DPO}:
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
