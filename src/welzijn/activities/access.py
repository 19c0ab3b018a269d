"""Who may see or change a session, its participants and a series (role x organising team).

| role                    | own team's activities | another team's |
|-------------------------|-----------------------|----------------|
| buurtwerker             | view, edit            | —              |
| any other role          | —                     | —              |

Participants' names are personal data: they are seen with the session, so by the organising
team only (not by a beheerder either). An analist sees the figures in the report, never a
session.
"""

from django.db.models import QuerySet

from welzijn.activities.models import Activity, Participant, Series
from welzijn.casework.access import office_ids_of
from welzijn.casework.models import Office
from welzijn.core.access import AccessDenied, Intent
from welzijn.core.roles import ACTIVITY_ROLES, roles_of


def organises(user, office_id: int) -> bool:
    """The user registers activities for this team."""
    return bool(roles_of(user) & ACTIVITY_ROLES) and office_id in office_ids_of(user)


def organising_offices(user) -> QuerySet[Office]:
    """The teams the user registers activities for (the choices of a new session)."""
    if not roles_of(user) & ACTIVITY_ROLES:
        return Office.objects.none()
    return Office.objects.filter(pk__in=office_ids_of(user))


def access_organiser(user, office: Office) -> Office:
    if organises(user, office.pk):
        return office
    raise AccessDenied("U registreert geen activiteiten voor dit team.", office)


def _access(user, obj, intent: Intent, message: str):
    if organises(user, obj.office_id):
        return obj
    raise AccessDenied(message, obj)


def access_activity(user, activity: Activity, intent: Intent = Intent.VIEW) -> Activity:
    return _access(user, activity, intent, "Geen toegang tot deze activiteit.")


def access_series(user, series: Series, intent: Intent = Intent.VIEW) -> Series:
    return _access(user, series, intent, "Geen toegang tot deze reeks.")


def access_participant(user, participant: Participant, intent: Intent = Intent.VIEW):
    access_activity(user, participant.activity, intent)
    return participant


def _visible(user, model):
    if not roles_of(user) & ACTIVITY_ROLES:
        return model.objects.none()
    return model.objects.filter(office_id__in=office_ids_of(user))


def activities_visible_to(user) -> QuerySet[Activity]:
    """The same rule as access_activity(VIEW), for the register."""
    return _visible(user, Activity)


def series_visible_to(user) -> QuerySet[Series]:
    return _visible(user, Series)
