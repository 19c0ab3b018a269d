"""The dossier's sociaal verslag: its section (refreshed by htmx), a new note, a correction."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from welzijn.casework import selectors as casework_selectors
from welzijn.casework import services as casework
from welzijn.core.access import Intent
from welzijn.web.forms.common import submit
from welzijn.web.forms.dossier_work import NoteForm
from welzijn.web.views.common import bound_or_restored, dossier_for_edit, form_page, may_edit


def _section(request, dossier_id, *, form=None, status=200):
    """The section as the user may read it (confidential notes only for the own office)."""
    dossier, notes = casework_selectors.dossier_notes(user=request.user, dossier_id=dossier_id)
    context = {
        "dossier": dossier,
        "notes": notes,
        "may_edit": may_edit(request.user, dossier),
        "note_form": form or NoteForm(),
    }
    return render(request, "web/partials/notes.html", context, status=status)


@login_required
def notes_section(request, dossier_id):
    return _section(request, dossier_id)


@login_required
def note_new(request, dossier_id):
    dossier = dossier_for_edit(request, dossier_id)
    form = bound_or_restored(request, NoteForm)
    if request.method == "POST" and form.is_valid():
        note = submit(
            form,
            casework.note_add,
            actor=request.user,
            dossier_id=dossier.pk,
            text=form.cleaned_data["text"],
            noted_on=form.cleaned_data["noted_on"],
            confidential=form.cleaned_data["confidential"],
        )
        if note is not None:
            return (
                _section(request, dossier.pk)
                if request.htmx
                else redirect("web:dossier", dossier.pk)
            )
    if request.htmx:
        return _section(request, dossier.pk, form=form, status=400 if form.errors else 200)
    return form_page(request, "web/form.html", form, title="Notitie toevoegen", dossier=dossier)


@login_required
def note_correct(request, note_id):
    original = casework_selectors.note_get(
        user=request.user, note_id=note_id, intent=Intent.EDIT, reason="correctie"
    )
    form = bound_or_restored(request, NoteForm, initial={"confidential": original.confidential})
    if request.method == "POST" and form.is_valid():
        note = submit(
            form,
            casework.note_add,
            actor=request.user,
            dossier_id=original.dossier_id,
            text=form.cleaned_data["text"],
            noted_on=form.cleaned_data["noted_on"],
            confidential=form.cleaned_data["confidential"],
            corrects_id=original.pk,
        )
        if note is not None:
            return redirect("web:dossier", original.dossier_id)
    return form_page(
        request,
        "web/form.html",
        form,
        title=f"Notitie van {original.noted_on:%d/%m/%Y} corrigeren",
        dossier=original.dossier,
        subject=original.text,
    )
