"""Who may see the jaaroverzicht.

| role | jaaroverzicht |
|---|---|
| analist | yes: indicators and the annual report are their work |
| beheerder | yes |
| teamcoach | yes: aggregates help steer a team, and they hold no personal data |
| maatschappelijk werker, onthaal | no: their work is with people, not with the report |
| anonymous | no: redirected to the login page |

The report holds aggregates only (see `privacy`), so no office scope applies.
"""

from django.core.exceptions import PermissionDenied

from welzijn.core.roles import Role, roles_of

REPORT_ROLES = frozenset({Role.ANALIST, Role.BEHEERDER, Role.TEAMCOACH})


def may_see_report(user) -> bool:
    return bool(roles_of(user) & REPORT_ROLES)


def access_jaaroverzicht(user) -> None:
    """Return quietly, or raise PermissionDenied (403: the report itself is no secret)."""
    if not may_see_report(user):
        raise PermissionDenied("Het jaaroverzicht is er voor analisten, teamcoaches en beheerders.")
