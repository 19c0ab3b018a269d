"""The front desk: an onthaal contact, opening a dossier for a household."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from welzijn.casework import services as casework
from welzijn.registry.selectors import (
    current_household_id,
    household_get,
    household_members_on,
    person_get,
)
from welzijn.web.forms import casework as forms
from welzijn.web.forms.common import submit, today
from welzijn.web.views.common import (
    bound_or_restored,
    casework_user,
    form_page,
    id_param,
    my_offices,
)


@login_required
def contact_new(request):
    casework_user(request.user)
    offices = my_offices(request.user)
    person = _person_who_came(request)
    household_id = id_param(request, "household")
    if household_id is None and person is not None:
        household_id = current_household_id(person, today())
    household = (
        household_get(user=request.user, household_id=household_id, reason="onthaalcontact")
        if household_id is not None
        else None
    )
    form = bound_or_restored(request, forms.ContactForm, offices=offices)
    form.set_person_choices(
        household_members_on(household, today()) if household else [], person=person
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        contact = submit(
            form,
            casework.contact_register,
            actor=request.user,
            office=data["office"],
            occurred_on=data["occurred_on"],
            channel=data["channel"],
            reason=data["reason"],
            outcome=data["outcome"].code if data["outcome"] else "",
            household=household,
            person=form.cleaned_person(),
            service=data["service"],
            referred_to=data["referred_to"],
            open_dossier=data["open_dossier"],
        )
        if contact is not None:
            messages.success(
                request, f"Onthaalcontact van {contact.occurred_on:%d/%m/%Y} geregistreerd."
            )
            if contact.dossier_id:
                return redirect("web:dossier", contact.dossier_id)
            if contact.person_id:
                return redirect("web:person", contact.person_id)
            return redirect("web:home")
    return form_page(
        request, "web/form.html", form, title="Onthaalcontact registreren", household=household
    )


def _person_who_came(request):
    """?person=: the contact is about this person (preselected in the form)."""
    person_id = id_param(request, "person")
    if person_id is None:
        return None
    return person_get(user=request.user, person_id=person_id, reason="onthaalcontact")


@login_required
def dossier_open(request, household_id):
    casework_user(request.user)
    household = household_get(user=request.user, household_id=household_id, reason="dossier openen")
    form = bound_or_restored(request, forms.DossierOpenForm, offices=my_offices(request.user))
    if request.method == "POST" and form.is_valid():
        dossier = submit(
            form,
            casework.dossier_open,
            {"household": "office"},
            actor=request.user,
            household=household,
            office=form.cleaned_data["office"],
            opened_on=form.cleaned_data["opened_on"],
            caseworker=request.user,
        )
        if dossier is not None:
            return redirect("web:dossier", dossier.pk)
    return form_page(request, "web/form.html", form, title=f"Dossier openen voor {household}")
