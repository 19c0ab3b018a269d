"""What the workplace's views share: role checks, ids from the query string, form pages."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from welzijn.casework import selectors as casework_selectors
from welzijn.casework.access import access_dossier, office_ids_of
from welzijn.casework.models import Dossier, Office
from welzijn.core.access import AccessDenied, Intent
from welzijn.core.roles import CASEWORK_ROLES, roles_of
from welzijn.registry.selectors import household_members_on
from welzijn.web.expired_session import NOTICE, kept_fields_pop
from welzijn.web.forms.common import EndForm, submit, today


def casework_user(user) -> None:
    if not roles_of(user) & CASEWORK_ROLES:
        raise AccessDenied("Deze pagina is er voor medewerkers van een welzijnsbureau of team.")


def my_offices(user):
    return Office.objects.filter(pk__in=office_ids_of(user))


def id_param(request, name: str) -> int | None:
    """An id from the query string or the form; anything but digits answers 404."""
    value = request.POST.get(name) or request.GET.get(name)
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        raise Http404("Niet gevonden.")
    return int(value)


def may_edit(user, dossier) -> bool:
    try:
        access_dossier(user, dossier, Intent.EDIT)
    except AccessDenied:
        return False
    return True


def bound_or_restored(request, form_class, *args, **kwargs):
    """`form_class(request.POST or None, *args, **kwargs)`; but on a GET, what the user typed
    before their session expired (`expired_session`) comes back as initial values (unbound:
    no error messages), once, with a notice."""
    if request.method == "POST":
        return form_class(request.POST or None, *args, **kwargs)
    kept = kept_fields_pop(request)
    if kept:
        kwargs["initial"] = {**(kwargs.get("initial") or {}), **kept}
        messages.info(request, NOTICE)
    return form_class(None, *args, **kwargs)


def form_page(request, template, form, **context):
    return render(request, template, {"form": form, **context}, status=400 if form.errors else 200)


def dossier_for_edit(request, dossier_id) -> Dossier:
    return casework_selectors.dossier_get(
        user=request.user, dossier_id=dossier_id, intent=Intent.EDIT, reason="formulier"
    )


def dossier_form(request, form, *, dossier, title, save, **context):
    """A form about a dossier: on a valid POST, `save(data)` calls a service through
    `submit`; on success back to the dossier, else the form with its Dutch messages."""
    if request.method == "POST" and form.is_valid() and save(form.cleaned_data) is not None:
        return redirect("web:dossier", dossier.pk)
    return form_page(request, "web/form.html", form, title=title, dossier=dossier, **context)


def members(dossier):
    return list(household_members_on(dossier.household, today()))


def period_end_form(request, *, title, subject, back, end, **record_id):
    """The form that ends a period (a membership, an income, a status): its end date, then
    the service `end` for the record named by `record_id`."""
    form = bound_or_restored(request, EndForm)
    return record_form(
        request,
        form,
        title=title,
        subject=subject,
        back=back,
        save=lambda data: submit(
            form, end, actor=request.user, end_date=data["end_date"], **record_id
        ),
    )


def record_form(request, form, *, title, save, back, subject="", done=None):
    """A form about a registry record (a household, a membership, an income, a status): on a
    valid POST `save(data)` calls a service through `submit`; on success to `done(result)`
    (default: back), else the form with its Dutch messages and a way back."""
    if request.method == "POST" and form.is_valid():
        result = save(form.cleaned_data)
        if result is not None:
            return redirect(done(result) if done else back)
    return form_page(request, "web/form.html", form, title=title, back=back, subject=subject)
