"""Writes of the procedure: access-checked, validated, atomic and audited in one transaction.
The comité's decision is written through casework's own services (decision_record,
decision_hearing_record), so a Decision is made one way only."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from welzijn.casework import services as casework
from welzijn.casework.access import access_dossier
from welzijn.casework.models import CaseNote, Decision, Document, Dossier, StaffAssignment
from welzijn.catalog.models import Service
from welzijn.core.access import Intent
from welzijn.core.audit import audit_record
from welzijn.core.roles import Role, roles_of
from welzijn.core.transitions import lock_for_transition
from welzijn.core.validation import require, validate_and_save
from welzijn.procedure.access import access_as_teamcoach, access_session
from welzijn.procedure.deadlines import regime_for
from welzijn.procedure.models import AgendaItem, DecisionLetter, Proposal, Request, Session
from welzijn.registry.models import Person


def _open_dossier(actor, dossier_id: int) -> Dossier:
    dossier = access_dossier(
        actor, Dossier.objects.select_related("household").get(pk=dossier_id), Intent.EDIT
    )
    require(dossier.status == Dossier.Status.OPEN, "dossier", "Dit dossier is gesloten.")
    return dossier


@transaction.atomic
def request_register(
    *,
    actor,
    dossier_id: int,
    service: str | Service,
    received_on: dt.date,
    channel: str,
    question: str,
    person: Person | None = None,
) -> Request:
    """Register a request on its day of receipt; its decision deadline follows from the
    legal regime of the service asked."""
    dossier = _open_dossier(actor, dossier_id)
    service_obj = (
        service if isinstance(service, Service) else Service.objects.filter(code=service).first()
    )
    require(service_obj is not None, "service", f"Onbekende dienst '{service}'.")
    require(service_obj.active, "service", f"'{service_obj}' wordt niet meer aangeboden.")
    require(received_on is not None, "received_on", "Geef de datum van ontvangst.")
    casework.require_member(person, dossier.household, received_on)
    regime = regime_for(service_obj.code)
    request = validate_and_save(
        Request(
            dossier=dossier,
            person=person,
            service=service_obj,
            received_on=received_on,
            channel=channel,
            question=question.strip(),
            regime=regime.code,
            decision_due_on=regime.decision_due(received_on),
            registered_by=actor,
            registered_at=timezone.now(),
        )
    )
    audit_record(
        actor=actor,
        action="create",
        obj=request,
        detail={"service": service_obj.code, "due": request.decision_due_on.isoformat()},
    )
    return request


@transaction.atomic
def proposal_submit(
    *,
    actor,
    request_id: int,
    situation: str,
    means: str,
    needs: str,
    proposed_result: str,
    motivation: str,
    proposed_amount: Decimal | None = None,
    proposed_from: dt.date | None = None,
    note_ids: list[int] | None = None,
    document_ids: list[int] | None = None,
) -> Proposal:
    """The caseworker's social report and proposal, submitted to the teamcoach."""
    request = Request.objects.select_for_update().select_related("dossier").get(pk=request_id)
    access_dossier(actor, request.dossier, Intent.EDIT)
    require(request.status == Request.Status.OPEN, "request", "Over deze aanvraag is beslist.")
    pending = request.proposals.filter(
        status__in=[Proposal.Status.SUBMITTED, Proposal.Status.APPROVED, Proposal.Status.ON_AGENDA]
    )
    require(not pending.exists(), "request", "Er ligt al een voorstel voor deze aanvraag.")
    notes = list(CaseNote.objects.filter(pk__in=note_ids or [], dossier=request.dossier))
    documents = list(
        Document.objects.filter(
            pk__in=document_ids or [], dossier=request.dossier, withdrawn_at__isnull=True
        )
    )
    require(len(notes) == len(set(note_ids or [])), "notes", "Kies notities van dit dossier.")
    require(
        len(documents) == len(set(document_ids or [])),
        "documents",
        "Kies documenten van dit dossier.",
    )
    proposal = validate_and_save(
        Proposal(
            request=request,
            situation=situation.strip(),
            means=means.strip(),
            needs=needs.strip(),
            proposed_result=proposed_result,
            proposed_amount=proposed_amount,
            proposed_from=proposed_from,
            motivation=motivation.strip(),
            author=actor,
            written_at=timezone.now(),
        )
    )
    proposal.notes.set(notes)
    proposal.documents.set(documents)
    audit_record(
        actor=actor,
        action="create",
        obj=proposal,
        detail={"result": proposed_result, "notes": note_ids, "documents": document_ids},
    )
    return proposal


def _proposal_transition(actor, proposal_id: int, to: str) -> tuple[Proposal, str]:
    proposal = lock_for_transition(
        Proposal.objects.select_related("request__dossier"),
        proposal_id,
        to=to,
        allowed=Proposal.TRANSITIONS,
        labels=dict(Proposal.Status.choices),
    )
    access_as_teamcoach(actor, proposal.request.dossier, proposal)
    previous, proposal.status = proposal.status, to
    return proposal, previous


@transaction.atomic
def proposal_review(*, actor, proposal_id: int, approve: bool, note: str = "") -> Proposal:
    """The teamcoach approves a proposal (it may go on the agenda) or returns it with a
    remark (the caseworker writes a new one)."""
    to = Proposal.Status.APPROVED if approve else Proposal.Status.RETURNED
    proposal, previous = _proposal_transition(actor, proposal_id, to)
    require(approve or bool(note.strip()), "note", "Zeg waarom je het voorstel terugstuurt.")
    proposal.reviewed_by, proposal.reviewed_at = actor, timezone.now()
    proposal.review_note = note.strip()
    validate_and_save(proposal)
    audit_record(
        actor=actor,
        action="transition",
        obj=proposal,
        reason=note,
        detail={"from": previous, "to": to},
    )
    return proposal


@transaction.atomic
def session_plan(*, actor, held_on: dt.date, members_total: int) -> Session:
    require(Role.TEAMCOACH in roles_of(actor), "held_on", "Alleen een teamcoach plant zittingen.")
    session = validate_and_save(
        Session(held_on=held_on, members_total=members_total, created_by=actor)
    )
    audit_record(actor=actor, action="create", obj=session)
    return session


@transaction.atomic
def session_record_presence(*, actor, session_id: int, members_present: str) -> Session:
    """The members present at the session; the session is then held (it decides only with
    a quorum)."""
    session = access_session(
        actor, Session.objects.select_for_update().get(pk=session_id), Intent.EDIT
    )
    session.members_present = "\n".join(
        line.strip() for line in members_present.splitlines() if line.strip()
    )
    require(bool(session.present), "members_present", "Geef de aanwezige leden, één per lijn.")
    require(
        len(session.present) <= session.members_total,
        "members_present",
        f"Meer aanwezigen dan het comité leden telt ({session.members_total}).",
    )
    session.status = Session.Status.HELD
    validate_and_save(session)
    audit_record(
        actor=actor,
        action="update",
        obj=session,
        detail={"present": len(session.present), "quorum": session.has_quorum},
    )
    return session


@transaction.atomic
def agenda_add(
    *, actor, session_id: int, proposal_id: int | None = None, decision_id: int | None = None
) -> AgendaItem:
    """Put an approved proposal, or a requested hearing on a decision, on the agenda."""
    session = access_session(
        actor, Session.objects.select_for_update().get(pk=session_id), Intent.EDIT
    )
    require(session.status == Session.Status.PLANNED, "session", "Deze zitting is al gehouden.")
    if proposal_id is not None:
        proposal, _ = _proposal_transition(actor, proposal_id, Proposal.Status.ON_AGENDA)
        validate_and_save(proposal)
        item = validate_and_save(AgendaItem(session=session, proposal=proposal))
    else:
        decision = Decision.objects.select_related("dossier").get(pk=decision_id)
        access_as_teamcoach(actor, decision.dossier, decision)
        require(not decision.is_cancelled, "decision", "Deze beslissing is geannuleerd.")
        require(
            decision.hearing_requested_on is not None and decision.hearing_held_on is None,
            "decision",
            "Voor deze beslissing is geen hoorzitting gevraagd die nog moet plaatsvinden.",
        )
        item = validate_and_save(AgendaItem(session=session, hearing_on=decision))
    audit_record(
        actor=actor,
        action="create",
        obj=item,
        detail={"session": session.pk, "proposal": proposal_id, "decision": decision_id},
    )
    return item


@transaction.atomic
def agenda_item_decide(
    *,
    actor,
    item_id: int,
    verdict: str,
    motivation: str,
    amount: Decimal | None = None,
    effective_from: dt.date | None = None,
    revised_result: str = "",
) -> AgendaItem:
    """Minute what the comité decided on a point. On a proposal: a casework Decision (and the
    letter that must notify it within the legal term), or postponement for more inquiry. On a
    hearing: the hearing is held, the decision confirmed or revised; a revision is a decision
    of its own (``revised_result``, with its letter), linked to the first by this point
    (hearing_on: the first, decision: the revised one)."""
    item = (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related(
            "session", "proposal__request__dossier", "proposal__request__service", "hearing_on"
        )
        .get(pk=item_id)
    )
    dossier = Dossier.objects.get(pk=item.dossier_id)
    access_as_teamcoach(actor, dossier, item)
    session = item.session
    require(not item.verdict, "verdict", "Over dit punt is al beslist.")
    require(
        session.status == Session.Status.HELD,
        "verdict",
        "Registreer eerst wie aanwezig was op de zitting.",
    )
    require(
        session.has_quorum,
        "verdict",
        "De zitting had geen quorum: het comité kon niet geldig beslissen.",
    )
    motivation = motivation.strip()
    require(bool(motivation), "motivation", "Motiveer de beslissing.")
    if item.proposal_id:
        _decide_proposal(actor, item, verdict, motivation, amount, effective_from)
    else:
        require(verdict in AgendaItem.HEARING_VERDICTS, "verdict", "Kies de uitkomst.")
        casework.decision_hearing_record(
            actor=actor,
            decision_id=item.hearing_on_id,
            requested_on=item.hearing_on.hearing_requested_on,
            held_on=session.held_on,
        )
        require(
            verdict == AgendaItem.Verdict.REVISED or not revised_result,
            "revised_result",
            "Laat de herziene beslissing leeg: het comité bevestigt de beslissing.",
        )
        if verdict == AgendaItem.Verdict.REVISED:
            _revise(actor, item, revised_result, motivation, amount, effective_from)
    item.verdict, item.motivation, item.decided_by = verdict, motivation, actor
    validate_and_save(item)
    audit_record(
        actor=actor,
        action="decide",
        obj=item,
        detail={"verdict": verdict, "decision": item.decision_id},
    )
    return item


def _decide_proposal(actor, item, verdict, motivation, amount, effective_from) -> None:
    proposal = item.proposal
    request = proposal.request
    require(verdict in AgendaItem.PROPOSAL_VERDICTS, "verdict", "Kies de beslissing.")
    proposal.status = Proposal.Status.DONE
    validate_and_save(proposal)
    if verdict == AgendaItem.Verdict.POSTPONED:
        return  # the request stays in inquiry: the caseworker writes a new proposal
    if verdict == AgendaItem.Verdict.AS_PROPOSED:
        outcome = proposal.proposed_result
        amount, effective_from = proposal.proposed_amount, proposal.proposed_from
    elif verdict == AgendaItem.Verdict.AMENDED:
        outcome = Decision.Result.GRANT
    else:
        outcome, amount, effective_from = Decision.Result.REFUSAL, None, None
    item.amount, item.effective_from = amount, effective_from
    decision = casework.decision_record(
        actor=actor,
        dossier_id=request.dossier_id,
        service=request.service,
        outcome=outcome,
        motivation=motivation,
        decided_on=item.session.held_on,
        person=request.person,
    )
    item.decision = decision
    request = Request.objects.select_for_update().get(pk=request.pk)
    request.status, request.decision = Request.Status.DECIDED, decision
    validate_and_save(request)
    _letter_due(decision, request)


def _letter_due(decision: Decision, request: Request) -> DecisionLetter:
    """The letter that must notify the decision within the legal term of its regime."""
    regime = regime_for(request.service.code)
    return validate_and_save(
        DecisionLetter(
            decision=decision,
            request=request,
            notify_due_on=regime.notification_due(decision.decided_on),
        )
    )


def _revise(actor, item, result, motivation, amount, effective_from) -> None:
    """After the hearing the comité takes a new decision on the same request: its own
    outcome, motivation and letter. The first decision stays as it was (it was taken and
    notified); the point of the hearing links the two."""
    first = item.hearing_on
    results = dict(Decision.Result.choices)
    require(result in results, "revised_result", "Kies de herziene beslissing.")
    if result == Decision.Result.REFUSAL:
        amount, effective_from = None, None
    revised = casework.decision_record(
        actor=actor,
        dossier_id=first.dossier_id,
        service=first.service,
        outcome=result,
        motivation=motivation,
        decided_on=item.session.held_on,
        person=first.person,
    )
    item.decision, item.amount, item.effective_from = revised, amount, effective_from
    request = Request.objects.filter(decision=first).first()
    if request is not None:  # a decision registered before the procedure has no request
        _letter_due(revised, request)


@transaction.atomic
def letter_mark_sent(*, actor, decision_id: int, sent_on: dt.date) -> DecisionLetter:
    letter = (
        DecisionLetter.objects.select_for_update()
        .select_related("decision__dossier")
        .get(decision_id=decision_id)
    )
    access_dossier(actor, letter.decision.dossier, Intent.EDIT)
    require(sent_on is not None, "sent_on", "Geef de datum van verzending.")
    require(
        sent_on >= letter.decision.decided_on,
        "sent_on",
        f"Een brief wordt verzonden na de beslissing ({letter.decision.decided_on:%d/%m/%Y}).",
    )
    letter.sent_on, letter.sent_by = sent_on, actor
    validate_and_save(letter)
    audit_record(
        actor=actor,
        action="update",
        obj=letter,
        detail={"sent_on": sent_on.isoformat(), "late": letter.is_late(sent_on)},
    )
    return letter


@transaction.atomic
def dossier_assign(*, actor, dossier_id: int, caseworker, reason: str) -> Dossier:
    """The teamcoach (re)assigns a dossier to a caseworker of its office, with a reason."""
    dossier = Dossier.objects.select_for_update().get(pk=dossier_id)
    access_as_teamcoach(actor, dossier)
    require(bool(reason.strip()), "reason", "Geef een reden voor de toewijzing.")
    require(caseworker is not None, "caseworker", "Kies een maatschappelijk werker.")
    works_here = StaffAssignment.objects.filter(user=caseworker, office_id=dossier.office_id)
    is_worker = caseworker.groups.filter(name=Role.MAATSCHAPPELIJK_WERKER.value).exists()
    require(
        works_here.exists() and is_worker and caseworker.is_active,
        "caseworker",
        "Kies een maatschappelijk werker van dit welzijnsbureau of team.",
    )
    require(caseworker.pk != dossier.caseworker_id, "caseworker", "Dit dossier is al van hem/haar.")
    previous = dossier.caseworker_id
    dossier.caseworker = caseworker
    validate_and_save(dossier)
    audit_record(
        actor=actor,
        action="assign",
        obj=dossier,
        reason=reason.strip(),
        detail={"from": previous, "to": caseworker.pk},
    )
    return dossier
