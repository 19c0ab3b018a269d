"""Appointments and tasks of a dossier: a new one, and marking one done (htmx swaps the row;
without JavaScript a plain POST and a redirect)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from welzijn.casework import selectors as casework_selectors
from welzijn.casework import services as casework
from welzijn.core.access import Intent
from welzijn.web.forms.common import submit
from welzijn.web.forms.dossier_work import TaskForm
from welzijn.web.views.common import bound_or_restored, dossier_for_edit, dossier_form


@login_required
def task_new(request, dossier_id):
    dossier = dossier_for_edit(request, dossier_id)
    form = bound_or_restored(request, TaskForm, dossier=dossier, user=request.user)
    return dossier_form(
        request,
        form,
        dossier=dossier,
        title="Afspraak of taak toevoegen",
        save=lambda data: submit(
            form,
            casework.task_add,
            actor=request.user,
            dossier_id=dossier.pk,
            **data,
        ),
    )


@login_required
@require_POST
def task_done(request, task_id):
    task = casework_selectors.task_get(
        user=request.user, task_id=task_id, intent=Intent.EDIT, reason="afronden"
    )
    error, status = "", 200
    try:
        casework.task_complete(actor=request.user, task_id=task.pk)
    except ValidationError as exc:
        error, status = " ".join(exc.messages), 409
    where = "home" if request.POST.get("next") == "home" else "dossier"
    if not request.htmx and not error:
        return redirect("web:home") if where == "home" else redirect("web:dossier", task.dossier_id)
    task = casework_selectors.task_get(user=request.user, task_id=task.pk, reason="afgerond")
    context = {"t": task, "error": error, "where": where, "may_edit": True}
    return render(request, "web/partials/task_row.html", context, status=status)
