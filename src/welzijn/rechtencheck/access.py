"""Who sees a Rechtencheck request: the onthaal, maatschappelijk werkers and teamcoaches of
the welzijnsbureau it was sent to, nobody else (not another office, not the beheerder: it
is the citizen's own account of their situation, sent to that office)."""

from django.db.models import QuerySet

from welzijn.casework.access import office_ids_of
from welzijn.core.access import AccessDenied
from welzijn.core.roles import Role, roles_of

from .models import SelfcheckRequest

HANDLING_ROLES = frozenset({Role.ONTHAAL, Role.MAATSCHAPPELIJK_WERKER, Role.TEAMCOACH})


def handles_selfchecks(user) -> bool:
    return bool(roles_of(user) & HANDLING_ROLES)


def selfcheck_requests_visible_to(user) -> QuerySet[SelfcheckRequest]:
    if not handles_selfchecks(user):
        return SelfcheckRequest.objects.none()
    return SelfcheckRequest.objects.filter(office_id__in=office_ids_of(user))


def access_selfcheck_request(user, request: SelfcheckRequest) -> SelfcheckRequest:
    if handles_selfchecks(user) and request.office_id in office_ids_of(user):
        return request
    raise AccessDenied("Deze aanvraag is niet voor uw welzijnsbureau.", request)
