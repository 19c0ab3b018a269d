"""Reads of the procedure: access-checked and audited, in a fixed number of queries."""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from welzijn.casework.access import notes_visible_to, office_ids_of
from welzijn.casework.models import Decision, Dossier, Task, Trajectory
from welzijn.core.access import Intent
from welzijn.core.audit import audit_record
from welzijn.core.roles import Role, roles_of
from welzijn.procedure.access import (
    access_agenda_item,
    access_as_teamcoach,
    access_request,
    access_session,
    items_visible_to,
    sessions_visible_to,
)
from welzijn.procedure.deadlines import Regime, regime_for
from welzijn.procedure.models import AgendaItem, DecisionLetter, Proposal, Request, Session

#: A request this many days or fewer from its deadline is "near" it on the teamcoach's page.
NEAR_DEADLINE_DAYS = 7


def _requests():
    return Request.objects.select_related(
        "dossier__household", "dossier__office", "dossier__caseworker", "service", "person"
    )


@dataclass
class RequestView:
    request: Request
    regime: Regime
    proposals: list
    letter: DecisionLetter | None
    item: AgendaItem | None
    #: the hearing's point that revised the decision (its `decision` is the new one)
    revision: AgendaItem | None = None
    notes: list = field(default_factory=list)
    documents: list = field(default_factory=list)


@transaction.atomic
def request_get(
    *, user, request_id: int, intent: Intent = Intent.VIEW, reason: str = ""
) -> Request:
    request = access_request(user, _requests().get(pk=request_id), intent)
    audit_record(actor=user, action="view", obj=request, reason=reason)
    return request


@transaction.atomic
def request_overview(*, user, request_id: int) -> RequestView:
    """The request's page: its deadline and legal source, the proposals with what they rely
    on, the agenda point and decision, the letter."""
    request = access_request(user, _requests().get(pk=request_id))
    visible_notes = set(notes_visible_to(user, request.dossier).values_list("pk", flat=True))
    proposals = list(
        request.proposals.select_related("author", "reviewed_by", "agenda_item__session")
        .prefetch_related("notes", "documents__kind")
        .order_by("-written_at")
    )
    for proposal in proposals:
        proposal.visible_notes = [n for n in proposal.notes.all() if n.pk in visible_notes]
    letter = DecisionLetter.objects.filter(request=request, decision_id=request.decision_id).first()
    item = revision = None
    if request.decision_id:
        item = (
            AgendaItem.objects.filter(decision_id=request.decision_id)
            .select_related("session")
            .first()
        )
        revision = (
            AgendaItem.objects.filter(
                hearing_on_id=request.decision_id, verdict=AgendaItem.Verdict.REVISED
            )
            .select_related("session", "decision__letter")
            .first()
        )
    audit_record(actor=user, action="view", obj=request, reason="aanvraag ingekeken")
    return RequestView(
        request=request,
        regime=regime_for(request.service.code),
        proposals=proposals,
        letter=letter,
        item=item,
        revision=revision,
    )


@transaction.atomic
def proposal_for_review(*, user, proposal_id: int) -> Proposal:
    """A proposal for its review form: the teamcoach of the dossier's office only."""
    proposal = Proposal.objects.select_related(
        "request__dossier__household", "request__service"
    ).get(pk=proposal_id)
    access_as_teamcoach(user, proposal.request.dossier, proposal)
    audit_record(actor=user, action="view", obj=proposal, reason="beoordelen")
    return proposal


@transaction.atomic
def dossier_for_assignment(*, user, dossier_id: int) -> Dossier:
    """A dossier for the assignment form: the teamcoach of its office only."""
    dossier = Dossier.objects.select_related("household", "office").get(pk=dossier_id)
    access_as_teamcoach(user, dossier)
    audit_record(actor=user, action="view", obj=dossier, reason="toewijzen")
    return dossier


def dossier_requests(user, dossier: Dossier) -> list[Request]:
    """The requests of a dossier (after access_dossier on it): for the dossier page, whose
    read is audited by dossier_overview."""
    return list(
        Request.objects.filter(dossier=dossier)
        .select_related("service", "decision", "person")
        .prefetch_related("letters")
    )


def proposal_form_choices(user, request: Request):
    """The notes (those the user may read) and documents a social report may rely on."""
    notes = notes_visible_to(user, request.dossier).order_by("-noted_on")[:100]
    documents = request.dossier.documents.filter(withdrawn_at__isnull=True).select_related("kind")
    return list(notes), list(documents)


@dataclass
class LetterView:
    letter: DecisionLetter
    decision: Decision
    request: Request
    item: AgendaItem | None
    regime: Regime
    court_name: str
    court_address: str


@transaction.atomic
def letter_get(*, user, decision_id: int, intent: Intent = Intent.VIEW) -> LetterView:
    from welzijn.procedure.deadlines import rules

    letter = DecisionLetter.objects.select_related(
        "decision__dossier__household__address__postcode",
        "decision__dossier__office",
        "decision__dossier__caseworker",
        "decision__service",
        "decision__person",
        "request__person",
    ).get(decision_id=decision_id)
    access_request(user, letter.request, intent)
    audit_record(actor=user, action="view", obj=letter, reason="beslissingsbrief")
    item = AgendaItem.objects.filter(decision_id=decision_id).select_related("session").first()
    r = rules()
    return LetterView(
        letter=letter,
        decision=letter.decision,
        request=letter.request,
        item=item,
        regime=regime_for(letter.request.service.code),
        court_name=r.court_name,
        court_address=r.court_address,
    )


@transaction.atomic
def decision_for_letter_form(*, user, decision_id: int) -> DecisionLetter:
    letter = DecisionLetter.objects.select_related("decision__dossier", "request").get(
        decision_id=decision_id
    )
    access_request(user, letter.request, Intent.EDIT)
    audit_record(actor=user, action="view", obj=letter, reason="formulier")
    return letter


# --- Sessions of the Bijzonder Comité -------------------------------------------------------


@dataclass
class SessionView:
    session: Session
    items: list
    hidden_items: int
    approved: list = field(default_factory=list)  # proposals the user may put on the agenda
    hearings: list = field(default_factory=list)  # decisions whose hearing is requested


@transaction.atomic
def sessions_list(*, user, limit: int = 100) -> list[Session]:
    sessions = list(
        sessions_visible_to(user).annotate(n_items=Count("items")).order_by("-held_on")[:limit]
    )
    audit_record(actor=user, action="list", object_type="procedure.session", reason="zittingen")
    return sessions


@transaction.atomic
def session_overview(*, user, session_id: int) -> SessionView:
    session = access_session(user, Session.objects.get(pk=session_id))
    items = list(
        items_visible_to(user, session)
        .select_related(
            "proposal__request__dossier__household",
            "proposal__request__service",
            "proposal__request__person",
            "hearing_on__dossier__household",
            "hearing_on__service",
            "decision",
        )
        .order_by("pk")
    )
    hidden = AgendaItem.objects.filter(session=session).count() - len(items)
    view = SessionView(session, items, hidden)
    if Role.TEAMCOACH in roles_of(user):
        offices = office_ids_of(user)
        view.approved = list(
            Proposal.objects.filter(
                status=Proposal.Status.APPROVED, request__dossier__office_id__in=offices
            ).select_related("request__dossier__household", "request__service")
        )
        view.hearings = list(
            Decision.objects.valid()
            .filter(
                dossier__office_id__in=offices,
                hearing_requested_on__isnull=False,
                hearing_held_on__isnull=True,
            )
            .exclude(hearing_items__verdict="")
            .select_related("dossier__household", "service")
        )
    audit_record(actor=user, action="view", obj=session, detail={"items": len(items)})
    return view


@transaction.atomic
def session_get(*, user, session_id: int, intent: Intent = Intent.VIEW) -> Session:
    session = access_session(user, Session.objects.get(pk=session_id), intent)
    audit_record(actor=user, action="view", obj=session, reason="formulier")
    return session


@transaction.atomic
def agenda_item_get(*, user, item_id: int, intent: Intent = Intent.VIEW) -> AgendaItem:
    item = AgendaItem.objects.select_related(
        "session",
        "proposal__request__dossier__household",
        "proposal__request__service",
        "hearing_on__dossier__household",
        "hearing_on__service",
    ).get(pk=item_id)
    access_agenda_item(user, item, intent)
    audit_record(actor=user, action="view", obj=item, reason="formulier")
    return item


# --- The teamcoach's page -------------------------------------------------------------------


@dataclass
class Caseload:
    worker: object
    open_dossiers: int
    running_trajectories: int
    overdue_tasks: int
    open_requests: int
    late_requests: int


@dataclass
class TeamOverview:
    caseload: list[Caseload]
    unassigned: list[Dossier]
    unassigned_requests: list[Request]
    to_approve: list[Proposal]
    near_deadline: list[Request]
    late_letters: list[DecisionLetter]
    today: dt.date


def caseworkers_of(office_ids) -> list:
    """Active caseworkers of these offices (the caseload and the assignment form)."""
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name=Role.MAATSCHAPPELIJK_WERKER.value,
            assignments__office_id__in=office_ids,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


@transaction.atomic
def team_overview(*, user, today: dt.date | None = None, limit: int = 100) -> TeamOverview:
    """What a teamcoach watches over, for the offices they coach: each caseworker's load,
    dossiers and requests nobody is assigned, proposals to approve, requests near or past
    their legal deadline, decisions not notified in time."""
    today = today or timezone.localdate()
    offices = office_ids_of(user)
    own = Dossier.objects.filter(office_id__in=offices)
    open_own = own.filter(status=Dossier.Status.OPEN)
    workers = caseworkers_of(offices)
    ids = [w.pk for w in workers]
    by_worker = {
        row["caseworker"]: row
        for row in open_own.filter(caseworker_id__in=ids)
        .values("caseworker")
        .annotate(
            n=Count("pk", distinct=True),
        )
    }
    trajectories = dict(
        Trajectory.objects.filter(
            dossier__in=open_own, dossier__caseworker_id__in=ids, status=Trajectory.Status.RUNNING
        )
        .values_list("dossier__caseworker")
        .annotate(n=Count("pk"))
    )
    overdue = dict(
        Task.objects.filter(
            dossier__office_id__in=offices,
            assigned_to_id__in=ids,
            done_at__isnull=True,
            due_on__lt=today,
        )
        .values_list("assigned_to")
        .annotate(n=Count("pk"))
    )
    open_requests = Request.objects.filter(dossier__in=own, status=Request.Status.OPEN)
    requests_by = {
        row["dossier__caseworker"]: row
        for row in open_requests.filter(dossier__caseworker_id__in=ids)
        .values("dossier__caseworker")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(decision_due_on__lt=today)))
    }
    caseload = [
        Caseload(
            worker=w,
            open_dossiers=by_worker.get(w.pk, {}).get("n", 0),
            running_trajectories=trajectories.get(w.pk, 0),
            overdue_tasks=overdue.get(w.pk, 0),
            open_requests=requests_by.get(w.pk, {}).get("n", 0),
            late_requests=requests_by.get(w.pk, {}).get("late", 0),
        )
        for w in workers
    ]
    overview = TeamOverview(
        caseload=caseload,
        unassigned=list(
            open_own.filter(caseworker__isnull=True)
            .select_related("household", "office")
            .order_by("opened_on")[:limit]
        ),
        unassigned_requests=list(
            _requests()
            .filter(pk__in=open_requests.filter(dossier__caseworker__isnull=True).values("pk"))
            .order_by("decision_due_on")[:limit]
        ),
        to_approve=list(
            Proposal.objects.filter(status=Proposal.Status.SUBMITTED, request__dossier__in=own)
            .select_related("request__dossier__household", "request__service", "author")
            .order_by("request__decision_due_on")[:limit]
        ),
        near_deadline=list(
            _requests()
            .filter(
                pk__in=open_requests.filter(
                    decision_due_on__lte=today + dt.timedelta(days=NEAR_DEADLINE_DAYS)
                ).values("pk")
            )
            .order_by("decision_due_on")[:limit]
        ),
        late_letters=_late_letters(own, today, limit),
        today=today,
    )
    audit_record(actor=user, action="list", object_type="web.teamcoach", reason="teamcoach")
    return overview


def _late_letters(own, today: dt.date, limit: int) -> list[DecisionLetter]:
    """Decisions not notified within the legal term: unsent past it, or sent after it."""
    return list(
        DecisionLetter.objects.filter(request__dossier__in=own)
        .filter(
            Q(sent_on__isnull=True, notify_due_on__lt=today) | Q(sent_on__gt=F("notify_due_on"))
        )
        .select_related("request__dossier__household", "decision__service")
        .order_by("notify_due_on")[:limit]
    )
