"""Who may see or do what in the procedure.

A request, its proposals and its letter belong to the dossier: casework.access decides
(role x office x shares). The teamcoach of the dossier's own office approves or returns a
proposal, puts it on the agenda, records what the comité decided and (re)assigns the dossier.

A session of the Bijzonder Comité is seen by teamcoaches (they build its agenda) and by the
caseworkers of the offices whose points are on it; each of them sees only the points of
dossiers they may see (`items_visible_to`).
"""

from django.db.models import QuerySet

from welzijn.casework.access import access_dossier, dossiers_visible_to, office_ids_of
from welzijn.casework.models import Dossier
from welzijn.core.access import AccessDenied, Intent
from welzijn.core.roles import DOSSIER_EDIT_ROLES, Role, roles_of
from welzijn.procedure.models import AgendaItem, Proposal, Request, Session


def is_teamcoach_of(user, dossier: Dossier) -> bool:
    return Role.TEAMCOACH in roles_of(user) and dossier.office_id in office_ids_of(user)


def access_request(user, request: Request, intent: Intent = Intent.VIEW) -> Request:
    access_dossier(user, request.dossier, intent)
    return request


def access_proposal(user, proposal: Proposal, intent: Intent = Intent.VIEW) -> Proposal:
    access_dossier(user, proposal.request.dossier, intent)
    return proposal


def access_as_teamcoach(user, dossier: Dossier, obj=None) -> Dossier:
    """Approving, agenda, minutes, assigning: the teamcoach of the dossier's own office."""
    if not is_teamcoach_of(user, dossier):
        raise AccessDenied("Alleen de teamcoach van dit welzijnsbureau of team.", obj or dossier)
    return dossier


def sessions_visible_to(user) -> QuerySet[Session]:
    roles = roles_of(user)
    if Role.TEAMCOACH in roles or Role.BEHEERDER in roles:
        return Session.objects.all()
    if Role.MAATSCHAPPELIJK_WERKER in roles:
        offices = office_ids_of(user)
        return (
            Session.objects.filter(
                items__proposal__request__dossier__office_id__in=offices
            ).distinct()
            | Session.objects.filter(items__hearing_on__dossier__office_id__in=offices).distinct()
        )
    return Session.objects.none()


def access_session(user, session: Session, intent: Intent = Intent.VIEW) -> Session:
    """VIEW as sessions_visible_to; EDIT (planning, presence, agenda): a teamcoach."""
    roles = roles_of(user)
    if intent is Intent.EDIT:
        if Role.TEAMCOACH in roles:
            return session
    elif sessions_visible_to(user).filter(pk=session.pk).exists():
        return session
    raise AccessDenied("Geen toegang tot deze zitting.", session)


def items_visible_to(user, session: Session) -> QuerySet[AgendaItem]:
    """The points of the session whose dossier the user may see."""
    visible = dossiers_visible_to(user).values("pk")
    items = AgendaItem.objects.filter(session=session)
    return items.filter(proposal__request__dossier__in=visible) | items.filter(
        hearing_on__dossier__in=visible
    )


def access_agenda_item(user, item: AgendaItem, intent: Intent = Intent.VIEW) -> AgendaItem:
    dossier = Dossier.objects.get(pk=item.dossier_id)
    if intent is Intent.EDIT:
        access_as_teamcoach(user, dossier, item)
    else:
        access_dossier(user, dossier, intent)
    return item


def may_work_on_dossiers(user) -> bool:
    return bool(roles_of(user) & DOSSIER_EDIT_ROLES)
