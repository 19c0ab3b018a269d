"""A dossier's page and the forms about what happens in it."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from welzijn.casework import selectors as casework_selectors
from welzijn.casework import services as casework
from welzijn.casework.access import office_ids_of
from welzijn.casework.models import Dossier
from welzijn.core.access import Intent
from welzijn.procedure import selectors as procedure_selectors
from welzijn.registry.access import active_restrictions_of_household
from welzijn.rights import selectors as rights_selectors
from welzijn.web.forms import casework as forms
from welzijn.web.forms.common import submit, today
from welzijn.web.forms.dossier_work import NoteForm
from welzijn.web.views.common import (
    bound_or_restored,
    dossier_for_edit,
    dossier_form,
    may_edit,
    members,
)


@login_required
def dossier_detail(request, dossier_id):
    overview = casework_selectors.dossier_overview(user=request.user, dossier_id=dossier_id)
    findings = rights_selectors.household_findings(request.user, overview.dossier.household_id)
    context = {
        "o": overview,
        "restrictions": active_restrictions_of_household(overview.dossier.household_id),
        "findings": findings,
        "screening_outdated": rights_selectors.screening_outdated(
            overview.dossier.household_id, findings
        ),
        "may_edit": may_edit(request.user, overview.dossier),
        "my_office_ids": office_ids_of(request.user),
        "note_form": bound_or_restored(request, NoteForm),  # a note typed before a login
        "requests": procedure_selectors.dossier_requests(request.user, overview.dossier),
        "today": today(),
    }
    return render(request, "web/dossier.html", context)


@login_required
def dossier_transition(request, dossier_id, to):
    dossier = dossier_for_edit(request, dossier_id)
    if to not in Dossier.Status.values:
        raise Http404
    form = bound_or_restored(request, forms.DossierTransitionForm)
    return dossier_form(
        request,
        form,
        dossier=dossier,
        title="Dossier sluiten" if to == Dossier.Status.CLOSED else "Dossier heropenen",
        save=lambda data: submit(
            form,
            casework.dossier_transition,
            {"close_reason": "reason", "closed_on": "on"},
            actor=request.user,
            dossier_id=dossier.pk,
            to=to,
            on=data["on"],
            reason=data["reason"],
        ),
    )


@login_required
def trajectory_new(request, dossier_id):
    dossier = dossier_for_edit(request, dossier_id)
    form = bound_or_restored(request, forms.TrajectoryStartForm)
    form.set_members(members(dossier))
    return dossier_form(
        request,
        form,
        dossier=dossier,
        title="Traject starten",
        save=lambda data: submit(
            form,
            casework.trajectory_start,
            actor=request.user,
            dossier_id=dossier.pk,
            service=data["service"],
            start_date=data["start_date"],
            person=form.cleaned_person(),
            planned_end_date=data["planned_end_date"],
            planned=data["planned"],
        ),
    )


@login_required
def trajectory_end(request, trajectory_id):
    trajectory = casework_selectors.trajectory_get(
        user=request.user, trajectory_id=trajectory_id, intent=Intent.EDIT, reason="formulier"
    )
    form = bound_or_restored(request, forms.TrajectoryEndForm)
    return dossier_form(
        request,
        form,
        dossier=trajectory.dossier,
        title=f"{trajectory.service} afsluiten",
        save=lambda data: submit(
            form,
            casework.trajectory_transition,
            {"end_date": "on", "status": "to"},
            actor=request.user,
            trajectory_id=trajectory.pk,
            to=data["to"],
            on=data["on"],
            outcome=data["outcome"].code if data["outcome"] else None,
        ),
    )


@login_required
def intervention_new(request, dossier_id):
    dossier = dossier_for_edit(request, dossier_id)
    form = bound_or_restored(request, forms.InterventionForm, dossier=dossier)
    form.set_members(members(dossier))

    def save(data):
        intervention = submit(
            form,
            casework.intervention_register,
            actor=request.user,
            dossier_id=dossier.pk,
            service=data["service"],
            date=data["date"],
            amount=data["amount"],
            quantity=data["quantity"],
            person=form.cleaned_person(),
            decision=data["decision"],
            confirmed_above_ceiling=form.confirmed(),
        )
        form.ask_confirmation()
        return intervention

    return dossier_form(request, form, dossier=dossier, title="Tussenkomst registreren", save=save)


@login_required
def decision_new(request, dossier_id):
    dossier = dossier_for_edit(request, dossier_id)
    form = bound_or_restored(request, forms.DecisionForm)
    form.set_members(members(dossier))
    return dossier_form(
        request,
        form,
        dossier=dossier,
        title="Beslissing BCSD registreren",
        save=lambda data: submit(
            form,
            casework.decision_record,
            actor=request.user,
            dossier_id=dossier.pk,
            service=data["service"],
            outcome=data["outcome"],
            motivation=data["motivation"],
            decided_on=data["decided_on"],
            person=form.cleaned_person(),
        ),
    )


@login_required
def decision_hearing(request, decision_id):
    decision = casework_selectors.decision_get(
        user=request.user, decision_id=decision_id, intent=Intent.EDIT, reason="formulier"
    )
    form = bound_or_restored(
        request,
        forms.HearingForm,
        initial={
            "requested_on": decision.hearing_requested_on,
            "held_on": decision.hearing_held_on,
        },
    )
    return dossier_form(
        request,
        form,
        dossier=decision.dossier,
        title="Hoorzitting registreren",
        save=lambda data: submit(
            form,
            casework.decision_hearing_record,
            {"hearing_requested_on": "requested_on", "hearing_held_on": "held_on"},
            actor=request.user,
            decision_id=decision.pk,
            **data,
        ),
    )
