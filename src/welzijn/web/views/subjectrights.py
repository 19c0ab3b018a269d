"""The data protection officer's pages: a person's export (PDF, JSON) and the restriction
of their file. Every answer goes through `subjectrights.services` (DPO only, audited)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from welzijn.registry.selectors import person_get
from welzijn.subjectrights import services
from welzijn.subjectrights.access import access_subject_rights
from welzijn.web.forms.common import submit
from welzijn.web.forms.subjectrights import RestrictionForm, RestrictionLiftForm


def _download(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def export_pdf(request, person_id):
    data = services.subject_export(actor=request.user, person_id=person_id)
    return _download(services.export_pdf(data), "application/pdf", f"inzage-{person_id}.pdf")


@login_required
def export_json(request, person_id):
    data = services.subject_export(actor=request.user, person_id=person_id)
    return _download(services.export_json(data), "application/json", f"inzage-{person_id}.json")


def _restriction_form(request, person_id, form_class, title, action):
    access_subject_rights(request.user)
    person = person_get(user=request.user, person_id=person_id, reason="beperking (AVG)")
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = submit(form, action, actor=request.user, person_id=person.pk, **form.cleaned_data)
        if done is not None:
            return redirect("web:person", person.pk)
    return render(
        request,
        "web/form.html",
        {"form": form, "title": title, "subject": str(person), "back": f"/personen/{person.pk}/"},
        status=400 if form.errors else 200,
    )


@login_required
def restriction_new(request, person_id):
    return _restriction_form(
        request, person_id, RestrictionForm, "Dossier beperken", services.restriction_start
    )


@login_required
def restriction_lift(request, person_id):
    return _restriction_form(
        request, person_id, RestrictionLiftForm, "Beperking opheffen", services.restriction_lift
    )
