"""Who may see or change a melding (role x team).

| who                                              | the melding         | reporter, parties |
|--------------------------------------------------|---------------------|-------------------|
| the handling team (a meldingen role in its office) | view, change state | yes               |
| the reporting team (the warden's office), its maker | view, admin. report | —                 |
| beheerder                                        | in the admin (read-only, audited)       |
| anyone else (caseworkers, analist, partners)    | —                   | —                 |

A melding forwarded (doorgestuurd) to another team moves with its handling rights; the
reporting team keeps seeing it. The analist sees counts per category and wijk only.
"""

from django.db.models import Q, QuerySet

from welzijn.casework.access import office_ids_of
from welzijn.core.access import AccessDenied, Intent
from welzijn.core.roles import MELDINGEN_ROLES, roles_of
from welzijn.registry.access import hidden_person_ids

from .models import Conflict, Melding

NOT_YOURS = "Deze melding is niet van uw team."


def meldingen_offices(user) -> frozenset[int]:
    """The offices whose meldingen the user works on (none without a meldingen role)."""
    return office_ids_of(user) if roles_of(user) & MELDINGEN_ROLES else frozenset()


def is_handling_team(user, melding: Melding) -> bool:
    return melding.team_id in meldingen_offices(user)


def is_reporting_side(user, melding: Melding) -> bool:
    return bool(roles_of(user) & MELDINGEN_ROLES) and (
        melding.reporting_office_id in meldingen_offices(user) or melding.created_by_id == user.pk
    )


def may_see_reporter(user, melding: Melding) -> bool:
    """Personal data of the reporter and of the parties of a conflict: the handling team."""
    return is_handling_team(user, melding)


def access_melding(user, melding: Melding, intent: Intent = Intent.VIEW) -> Melding:
    """VIEW: the handling and the reporting team; EDIT (its state, a conflict):
    the handling team."""
    if is_handling_team(user, melding):
        return melding
    if intent is Intent.VIEW and is_reporting_side(user, melding):
        return melding
    raise AccessDenied(NOT_YOURS, melding)


def access_melding_report(user, melding: Melding) -> Melding:
    """The administrative report is written by the reporting side (the warden's team)."""
    if is_reporting_side(user, melding):
        return melding
    raise AccessDenied(NOT_YOURS, melding)


def meldingen_visible_parts(user, side: str = "") -> list[tuple[Q, Q]]:
    """The rule of access_melding(VIEW) as disjoint conditions, each led by one indexed
    column (the handling team; the reporting team; the maker), so that a list never has to
    scan the table for an OR over three columns: pairs of (the indexed column's condition,
    the part's whole condition). ``side`` "team" or "gemeld" keeps one side."""
    if not roles_of(user) & MELDINGEN_ROLES:
        return []
    offices = meldingen_offices(user)
    team = Q(team_id__in=offices)
    reported = Q(reporting_office_id__in=offices)
    made = Q(created_by_id=user.pk)
    if side == "team":
        return [(team, team)]
    if side == "gemeld":
        return [(reported, reported), (made, made & ~reported)]
    return [(team, team), (reported, reported & ~team), (made, made & ~team & ~reported)]


def meldingen_visible_to(user) -> QuerySet[Melding]:
    """The same rule as access_melding(VIEW), as one queryset filter."""
    parts = meldingen_visible_parts(user)
    if not parts:
        return Melding.objects.none()
    either = Q()
    for _, part in parts:
        either |= part
    return Melding.objects.filter(either)


def access_conflict(user, conflict: Conflict, intent: Intent = Intent.VIEW) -> Conflict:
    """A conflict is its melding's: seen and worked on by the handling team only (it is
    about named parties)."""
    restricted = conflict.parties.filter(person_id__in=hidden_person_ids(user)).exists()
    if is_handling_team(user, conflict.melding) and not restricted:
        return conflict
    raise AccessDenied("Dit conflict is niet van uw team.", conflict)


def conflicts_visible_to(user) -> QuerySet[Conflict]:
    return Conflict.objects.filter(melding__team_id__in=meldingen_offices(user)).exclude(
        parties__person_id__in=hidden_person_ids(user)
    )
