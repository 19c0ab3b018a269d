"""Intake of people: registering someone new (after a look for duplicates), correcting
identity data, merging a person registered twice."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from welzijn.core.access import Intent
from welzijn.core.roles import CASEWORK_ROLES, roles_of
from welzijn.registry import services as registry
from welzijn.registry.duplicates import likely_duplicates
from welzijn.registry.merge import linked_records, person_get_for_merge, person_merge
from welzijn.registry.selectors import person_get, person_search
from welzijn.registry.services import PERSON_FIELDS
from welzijn.web.forms.common import SEARCH_MAX_LENGTH, submit, today
from welzijn.web.forms.people import PersonForm, PersonMergeForm, PersonNewForm
from welzijn.web.views.common import bound_or_restored, casework_user, form_page, id_param


def _identity(data: dict) -> dict:
    return {field: data[field] for field in PERSON_FIELDS}


@login_required
def person_new(request):
    """First a valid POST shows the likely duplicates and saves nothing; the user opens
    one of them, or sends the form again with "Toch nieuwe persoon registreren" (whose
    value names the duplicates set aside). The same INSZ can never be registered twice."""
    casework_user(request.user)
    form = bound_or_restored(request, PersonNewForm)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        duplicates = likely_duplicates(
            user=request.user,
            first_name=data["first_name"],
            last_name=data["last_name"],
            birth_date=data["birth_date"],
            insz=data["insz"],
        )
        if any(d.same_insz for d in duplicates):
            form.add_error(
                "insz",
                "Er is al een persoon met dit INSZ-nummer (zie hieronder): een tweede "
                "registratie kan niet.",
            )
        elif {d.person.pk for d in duplicates} <= form.confirmed_ids():
            person = submit(
                form,
                registry.person_create,
                actor=request.user,
                reason="nieuwe persoon",
                **_identity(data),
            )
            if person is not None:
                return redirect("web:person", person.pk)
    context = {
        "form": form,
        "duplicates": duplicates,
        "confirm": ",".join(str(d.person.pk) for d in duplicates),
        "blocked": any(d.same_insz for d in duplicates),
    }
    return render(request, "web/person_new.html", context, status=400 if form.errors else 200)


@login_required
def person_edit(request, person_id):
    casework_user(request.user)
    person = person_get(
        user=request.user, person_id=person_id, intent=Intent.EDIT, reason="gegevens wijzigen"
    )
    initial = {field: getattr(person, field) for field in PERSON_FIELDS}
    form = bound_or_restored(request, PersonForm, initial=initial)
    if request.method == "POST" and form.is_valid():
        updated = submit(
            form,
            registry.person_update,
            actor=request.user,
            person_id=person.pk,
            reason="gegevens gewijzigd",
            **_identity(form.cleaned_data),
        )
        if updated is not None:
            return redirect("web:person", person.pk)
    return form_page(request, "web/form.html", form, title=f"Gegevens van {person} wijzigen")


@login_required
def person_merge_page(request, person_id):
    """Person `person_id` is kept; the other one (chosen by search or by number) is
    merged into it. For a teamcoach, and for a beheerder, who comes from the admin."""
    keep = person_get_for_merge(user=request.user, person_id=person_id)
    other_id = id_param(request, "other")
    other = (
        person_get_for_merge(user=request.user, person_id=other_id)
        if other_id is not None and other_id != keep.pk
        else None
    )
    form = bound_or_restored(request, PersonMergeForm, initial={"other": other_id})
    if request.method == "POST" and form.is_valid() and other is None:
        form.add_error(None, "Kies eerst de dubbele registratie.")
    if request.method == "POST" and form.is_valid():
        kept = submit(
            form,
            person_merge,
            {"other": "__all__"},
            actor=request.user,
            keep_id=keep.pk,
            merge_id=other.pk,
            reason=form.cleaned_data["reason"],
        )
        if kept is not None:
            if roles_of(request.user) & CASEWORK_ROLES:
                return redirect("web:person", kept.pk)
            return redirect(reverse("admin:registry_person_change", args=[kept.pk]))
    query = request.GET.get("q", "")[:SEARCH_MAX_LENGTH]
    found = person_search(user=request.user, query=query, on=today()) if query else []
    context = {
        "keep": keep,
        "other": other,
        "query": query,
        "candidates": [p for p in found if p.pk != keep.pk],
        "records": {
            "keep": linked_records(keep),
            "other": linked_records(other) if other else {},
        },
    }
    return form_page(request, "web/person_merge.html", form, **context)
