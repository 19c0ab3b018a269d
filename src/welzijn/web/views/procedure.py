"""The Sociale Dienst's procedure: requests and their acknowledgement of receipt, the social
report and proposal, the teamcoach's approval and page, the sessions of the Bijzonder Comité
and their minutes, the decision letter, appeals, assigning dossiers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from welzijn.casework import selectors as casework_selectors
from welzijn.casework import services as casework
from welzijn.casework.access import office_ids_of
from welzijn.core.access import AccessDenied, Intent
from welzijn.core.roles import DOSSIER_EDIT_ROLES, Role, roles_of
from welzijn.procedure import selectors
from welzijn.procedure import services as procedure
from welzijn.procedure.access import is_teamcoach_of
from welzijn.procedure.deadlines import rules
from welzijn.web.forms import procedure as forms
from welzijn.web.forms.common import submit, today
from welzijn.web.pdf import pdf_response
from welzijn.web.views.common import (
    bound_or_restored,
    dossier_for_edit,
    form_page,
    id_param,
    may_edit,
    members,
)


def _teamcoach(user) -> None:
    if Role.TEAMCOACH not in roles_of(user):
        raise AccessDenied("Deze pagina is er voor teamcoaches.")


def _form(request, form, *, title, save, done, dossier=None, subject=""):
    """A procedure form: on a valid POST `save(data)` calls a service through `submit`; on
    success to `done(result)`, else the form again with its Dutch messages."""
    if request.method == "POST" and form.is_valid():
        result = save(form.cleaned_data)
        if result is not None:
            target = done(result)
            return redirect(*target) if isinstance(target, tuple) else redirect(target)
    return form_page(request, "web/form.html", form, title=title, dossier=dossier, subject=subject)


# --- Requests -------------------------------------------------------------------------------


@login_required
def request_new(request, dossier_id):
    dossier = dossier_for_edit(request, dossier_id)
    form = bound_or_restored(request, forms.RequestForm)
    form.set_members(members(dossier))
    return _form(
        request,
        form,
        title="Aanvraag registreren",
        dossier=dossier,
        save=lambda data: submit(
            form,
            procedure.request_register,
            actor=request.user,
            dossier_id=dossier.pk,
            service=data["service"],
            received_on=data["received_on"],
            channel=data["channel"],
            question=data["question"],
            person=form.cleaned_person(),
        ),
        done=lambda r: ("web:request", r.pk),
    )


@login_required
def request_detail(request, request_id):
    view = selectors.request_overview(user=request.user, request_id=request_id)
    dossier = view.request.dossier
    context = {
        "v": view,
        "r": view.request,
        "today": today(),
        "may_edit": may_edit(request.user, dossier),
        "is_teamcoach": is_teamcoach_of(request.user, dossier),
    }
    return render(request, "web/procedure/request.html", context)


@login_required
def request_receipt(request, request_id):
    view = selectors.request_overview(user=request.user, request_id=request_id)
    context = {"r": view.request, "regime": view.regime, "today": today()}
    return pdf_response(
        "web/procedure/receipt_pdf.html", context, f"ontvangstbewijs-{view.request.pk}.pdf"
    )


# --- The social report and proposal --------------------------------------------------------


@login_required
def proposal_new(request, request_id):
    req = selectors.request_get(
        user=request.user, request_id=request_id, intent=Intent.EDIT, reason="formulier"
    )
    notes, documents = selectors.proposal_form_choices(request.user, req)
    form = bound_or_restored(request, forms.ProposalForm, notes=notes, documents=documents)
    return _form(
        request,
        form,
        title="Sociaal verslag en voorstel",
        dossier=req.dossier,
        subject=f"{req.service}, ontvangen op {req.received_on:%d/%m/%Y}: {req.question}",
        save=lambda data: submit(
            form,
            procedure.proposal_submit,
            {"note_ids": "notes", "document_ids": "documents"},
            actor=request.user,
            request_id=req.pk,
            situation=data["situation"],
            means=data["means"],
            needs=data["needs"],
            proposed_result=data["proposed_result"],
            proposed_amount=data["proposed_amount"],
            proposed_from=data["proposed_from"],
            motivation=data["motivation"],
            note_ids=data["notes"],
            document_ids=data["documents"],
        ),
        done=lambda p: ("web:request", req.pk),
    )


@login_required
def proposal_review(request, proposal_id):
    proposal = selectors.proposal_for_review(user=request.user, proposal_id=proposal_id)
    form = bound_or_restored(request, forms.ReviewForm)
    return _form(
        request,
        form,
        title="Voorstel beoordelen",
        dossier=proposal.request.dossier,
        subject=(
            f"{proposal.request.service}: {proposal.get_proposed_result_display()}"
            f"\n{proposal.motivation}"
        ),
        save=lambda data: submit(
            form,
            procedure.proposal_review,
            actor=request.user,
            proposal_id=proposal.pk,
            approve=data["decision"] == "goedkeuren",
            note=data["note"],
        ),
        done=lambda p: ("web:request", proposal.request_id),
    )


# --- Sessions of the Bijzonder Comité -----------------------------------------------------


@login_required
def session_list(request):
    roles = roles_of(request.user)
    if not roles & (DOSSIER_EDIT_ROLES | {Role.BEHEERDER}):
        raise AccessDenied("De zittingen van het BCSD zijn er voor maatschappelijk werkers.")
    sessions = selectors.sessions_list(user=request.user)
    is_tc = Role.TEAMCOACH in roles
    return render(
        request,
        "web/procedure/sessions.html",
        {"sessions": sessions, "is_teamcoach": is_tc, "quorum": rules().quorum_rule},
    )


@login_required
def session_new(request):
    _teamcoach(request.user)
    form = bound_or_restored(request, forms.SessionForm)
    return _form(
        request,
        form,
        title="Zitting van het BCSD plannen",
        save=lambda data: submit(form, procedure.session_plan, actor=request.user, **data),
        done=lambda s: ("web:session", s.pk),
    )


@login_required
def session_detail(request, session_id):
    view = selectors.session_overview(user=request.user, session_id=session_id)
    context = {
        "v": view,
        "s": view.session,
        "is_teamcoach": Role.TEAMCOACH in roles_of(request.user),
        "my_office_ids": office_ids_of(request.user),
        "quorum": rules(),
    }
    return render(request, "web/procedure/session.html", context)


@login_required
def session_presence(request, session_id):
    session = selectors.session_get(user=request.user, session_id=session_id, intent=Intent.EDIT)
    form = bound_or_restored(
        request, forms.PresenceForm, initial={"members_present": session.members_present}
    )
    return _form(
        request,
        form,
        title=f"Aanwezigen op de {session}",
        subject=f"Quorum: {rules().quorum_rule} ({session.members_total} leden).",
        save=lambda data: submit(
            form,
            procedure.session_record_presence,
            actor=request.user,
            session_id=session.pk,
            **data,
        ),
        done=lambda s: ("web:session", s.pk),
    )


@login_required
@require_POST
def agenda_add(request, session_id):
    session = selectors.session_get(user=request.user, session_id=session_id, intent=Intent.EDIT)
    proposal_id, decision_id = id_param(request, "proposal"), id_param(request, "decision")
    if proposal_id is None and decision_id is None:
        return HttpResponse("Kies een voorstel of een hoorzitting.", status=400)
    try:
        procedure.agenda_add(
            actor=request.user,
            session_id=session.pk,
            proposal_id=proposal_id,
            decision_id=None if proposal_id else decision_id,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("web:session", session.pk)
    messages.success(request, "Op de agenda gezet.")
    return redirect("web:session", session.pk)


@login_required
def item_decide(request, item_id):
    item = selectors.agenda_item_get(user=request.user, item_id=item_id, intent=Intent.EDIT)
    hearing = item.hearing_on_id is not None
    form = bound_or_restored(request, forms.ItemDecisionForm, hearing=hearing)
    if hearing:
        subject = f"Hoorzitting over {item.hearing_on}: {item.hearing_on.motivation}"
        dossier = item.hearing_on.dossier
    else:
        p = item.proposal
        subject = f"{p.request.service}: voorstel {p.get_proposed_result_display()}"
        if p.proposed_amount is not None:
            subject += f", € {p.proposed_amount}"
        subject += f"\n{p.motivation}"
        dossier = p.request.dossier
    return _form(
        request,
        form,
        title=f"Beslissing op de {item.session}",
        dossier=dossier,
        subject=subject,
        save=lambda data: submit(
            form,
            procedure.agenda_item_decide,
            {"decided_on": "verdict", "outcome": "verdict"},
            actor=request.user,
            item_id=item.pk,
            **data,
        ),
        done=lambda i: ("web:session", i.session_id),
    )


# --- The letter and what follows a decision -------------------------------------------------


@login_required
def decision_letter(request, decision_id):
    view = selectors.letter_get(user=request.user, decision_id=decision_id)
    context = {"v": view, "d": view.decision, "r": view.request, "today": today()}
    return pdf_response("web/procedure/letter_pdf.html", context, f"beslissing-{decision_id}.pdf")


@login_required
def letter_sent(request, decision_id):
    letter = selectors.decision_for_letter_form(user=request.user, decision_id=decision_id)
    form = bound_or_restored(request, forms.LetterSentForm)
    return _form(
        request,
        form,
        title="Verzending van de beslissingsbrief",
        dossier=letter.decision.dossier,
        subject=f"Ter kennis te brengen uiterlijk op {letter.notify_due_on:%d/%m/%Y}.",
        save=lambda data: submit(
            form, procedure.letter_mark_sent, actor=request.user, decision_id=decision_id, **data
        ),
        done=lambda lt: ("web:request", lt.request_id),
    )


@login_required
def decision_appeal(request, decision_id):
    decision = casework_selectors.decision_get(
        user=request.user, decision_id=decision_id, intent=Intent.EDIT, reason="formulier"
    )
    form = bound_or_restored(
        request,
        forms.AppealForm,
        initial={"lodged_on": decision.appeal_lodged_on, "outcome": decision.appeal_outcome},
    )
    return _form(
        request,
        form,
        title="Beroep bij de arbeidsrechtbank",
        dossier=decision.dossier,
        subject=str(decision),
        save=lambda data: submit(
            form,
            casework.decision_appeal_record,
            {"appeal_lodged_on": "lodged_on", "appeal_outcome": "outcome"},
            actor=request.user,
            decision_id=decision.pk,
            **data,
        ),
        done=lambda d: ("web:dossier", d.dossier_id),
    )


# --- The teamcoach ---------------------------------------------------------------------


@login_required
def teamcoach_home(request):
    _teamcoach(request.user)
    overview = selectors.team_overview(user=request.user, today=today())
    return render(request, "web/procedure/teamcoach.html", {"t": overview})


@login_required
def dossier_assign(request, dossier_id):
    dossier = selectors.dossier_for_assignment(user=request.user, dossier_id=dossier_id)
    workers = selectors.caseworkers_of([dossier.office_id])
    form = bound_or_restored(request, forms.AssignForm, workers=workers)
    return _form(
        request,
        form,
        title="Dossier toewijzen",
        dossier=dossier,
        save=lambda data: submit(
            form,
            procedure.dossier_assign,
            actor=request.user,
            dossier_id=dossier.pk,
            caseworker=form.cleaned_worker(),
            reason=data["reason"],
        ),
        done=lambda d: "web:teamcoach",
    )
