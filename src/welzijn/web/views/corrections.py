"""Cancelling a contact, an intervention or a decision entered in error: with a reason, the
record stays (struck through on the dossier page) and a new one can be entered."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from welzijn.casework import selectors as casework_selectors
from welzijn.casework import services as casework
from welzijn.core.access import Intent
from welzijn.web.forms.common import submit
from welzijn.web.forms.dossier_work import CancelForm
from welzijn.web.views.common import bound_or_restored, dossier_form, form_page

_FIELDS = {"cancel_reason": "reason"}


@login_required
def contact_cancel(request, contact_id):
    contact = casework_selectors.contact_get(
        user=request.user, contact_id=contact_id, intent=Intent.EDIT, reason="annuleren"
    )
    form = bound_or_restored(request, CancelForm)
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            casework.contact_cancel,
            _FIELDS,
            actor=request.user,
            contact_id=contact.pk,
            reason=form.cleaned_data["reason"],
        )
        if done is not None:
            return (
                redirect("web:dossier", contact.dossier_id)
                if contact.dossier_id
                else redirect("web:home")
            )
    return form_page(
        request,
        "web/form.html",
        form,
        title="Onthaalcontact annuleren",
        dossier=contact.dossier,
        subject=f"{contact.occurred_on:%d/%m/%Y}, {contact.get_channel_display()}: "
        f"{contact.reason}",
    )


@login_required
def intervention_cancel(request, intervention_id):
    intervention = casework_selectors.intervention_get(
        user=request.user, intervention_id=intervention_id, intent=Intent.EDIT, reason="annuleren"
    )
    form = bound_or_restored(request, CancelForm)
    return dossier_form(
        request,
        form,
        dossier=intervention.dossier,
        title="Tussenkomst annuleren",
        subject=f"{intervention.service} van {intervention.date:%d/%m/%Y}",
        save=lambda data: submit(
            form,
            casework.intervention_cancel,
            _FIELDS,
            actor=request.user,
            intervention_id=intervention.pk,
            reason=data["reason"],
        ),
    )


@login_required
def decision_cancel(request, decision_id):
    decision = casework_selectors.decision_get(
        user=request.user, decision_id=decision_id, intent=Intent.EDIT, reason="annuleren"
    )
    form = bound_or_restored(request, CancelForm)
    return dossier_form(
        request,
        form,
        dossier=decision.dossier,
        title="Beslissing annuleren",
        subject=f"{decision.get_outcome_display()} {decision.service} van "
        f"{decision.decided_on:%d/%m/%Y}",
        save=lambda data: submit(
            form,
            casework.decision_cancel,
            _FIELDS,
            actor=request.user,
            decision_id=decision.pk,
            reason=data["reason"],
        ),
    )
