"""The rights worklist: accept or dismiss a finding."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from welzijn.core.access import Intent
from welzijn.core.audit import audit_record
from welzijn.rights import selectors as rights_selectors
from welzijn.rights.services import finding_confirm, finding_dismiss
from welzijn.web.forms import casework as forms
from welzijn.web.forms.common import submit, today
from welzijn.web.forms.rights import WorklistFilterForm
from welzijn.web.views.common import casework_user


@login_required
def worklist(request):
    casework_user(request.user)
    filters = WorklistFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    wijk = chosen.get("wijk")
    with transaction.atomic():
        findings = rights_selectors.worklist(
            request.user,
            right=chosen.get("recht") or "",
            wijk_id=wijk.pk if wijk else None,
            order=chosen.get("sorteer") or "nieuwste",
        )
        audit_record(
            actor=request.user,
            action="list",
            object_type="rights.finding",
            reason="werklijst rechten",
            detail={
                "results": len(findings),
                "recht": chosen.get("recht") or "",
                "wijk": wijk.code if wijk else "",
            },
        )
    context = {"findings": findings, "dismiss_form": forms.DismissForm(), "filters": filters}
    return render(request, "web/worklist.html", context)


@login_required
@require_POST
def finding_accept(request, finding_id):
    finding = rights_selectors.finding_get(
        user=request.user, finding_id=finding_id, intent=Intent.EDIT, reason="werklijst"
    )
    try:
        finding_confirm(
            actor=request.user,
            finding_id=finding.pk,
            on=today(),
            reason="bevestigd op de werklijst",
        )
    except ValidationError as exc:
        return _finding_row(request, finding.pk, error=" ".join(exc.messages), status=409)
    return _finding_row(request, finding.pk)


@login_required
@require_POST
def finding_reject(request, finding_id):
    finding = rights_selectors.finding_get(
        user=request.user, finding_id=finding_id, intent=Intent.EDIT, reason="werklijst"
    )
    form = forms.DismissForm(request.POST)
    if form.is_valid():
        submit(
            form,
            finding_dismiss,
            {"review_reason": "reason"},
            actor=request.user,
            finding_id=finding.pk,
            reason=form.cleaned_data["reason"],
        )
    if form.errors:
        return _finding_row(request, finding.pk, dismiss_form=form, status=400)
    return _finding_row(request, finding.pk)


def _finding_row(request, finding_id, *, error: str = "", dismiss_form=None, status: int = 200):
    """The finding's worklist row after an action, read again through the selector; without
    htmx, back to the worklist unless there are errors to show."""
    if not request.htmx and dismiss_form is None and not error:
        return redirect("web:worklist")
    finding = rights_selectors.finding_get(
        user=request.user, finding_id=finding_id, reason="werklijst"
    )
    context = {"f": finding, "error": error, "dismiss_form": dismiss_form}
    return render(request, "web/partials/finding_row.html", context, status=status)
