"""Roles are Django groups; these are their names and what each may do."""

from enum import StrEnum


class Role(StrEnum):
    ONTHAAL = "onthaal"
    MAATSCHAPPELIJK_WERKER = "maatschappelijk werker"
    TEAMCOACH = "teamcoach"
    ANALIST = "analist"
    BEHEERDER = "beheerder"
    #: An account of a partner organisation (CAW, a ziekenfonds, ...): sees only what was
    #: sent to its organisation, such as the referrals made to it.
    PARTNER = "partner"
    #: The Vrijwilligerspunt's loket: registers volunteers, matches them with vacancies.
    VRIJWILLIGERSPUNT = "vrijwilligerspunt"
    #: The equal-opportunities team: runs the praktijktesten on the rental market.
    GELIJKE_KANSEN = "gelijkekansen"


#: Roles that work with people and dossiers of their office.
CASEWORK_ROLES = frozenset({Role.ONTHAAL, Role.MAATSCHAPPELIJK_WERKER, Role.TEAMCOACH})
#: Roles that may change a dossier's content (trajectories, interventions, decisions).
DOSSIER_EDIT_ROLES = frozenset({Role.MAATSCHAPPELIJK_WERKER, Role.TEAMCOACH})


def roles_of(user) -> frozenset[Role]:
    """The user's roles, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_welzijn_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(role for role in Role if role.value in names)
        user._welzijn_roles = cached
    return cached
