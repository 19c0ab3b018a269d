"""Households: starting one from a person, its page, members over time, moving house."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from welzijn.casework import selectors as casework_selectors
from welzijn.core.access import Intent
from welzijn.registry import services as registry
from welzijn.registry.selectors import (
    household_get,
    household_history,
    membership_get,
    person_get,
    person_search,
)
from welzijn.web.forms import households as forms
from welzijn.web.forms.common import SEARCH_MAX_LENGTH, submit, today
from welzijn.web.views.common import (
    bound_or_restored,
    casework_user,
    form_page,
    id_param,
    period_end_form,
    record_form,
)


def _household_url(household_id: int) -> str:
    return reverse("web:household", args=[household_id])


@login_required
def household_new(request, person_id):
    """A new household with this person as referentiepersoon."""
    casework_user(request.user)
    person = person_get(
        user=request.user, person_id=person_id, intent=Intent.EDIT, reason="nieuw huishouden"
    )
    form = bound_or_restored(
        request, forms.HouseholdStartForm, initial={"name": f"Gezin {person.last_name}"}
    )
    return record_form(
        request,
        form,
        title="Nieuw huishouden",
        subject=f"{person} wordt referentiepersoon.",
        back=reverse("web:person", args=[person.pk]),
        done=lambda household: _household_url(household.pk),
        save=lambda data: submit(
            form,
            registry.household_start,
            actor=request.user,
            person_id=person.pk,
            name=data["name"],
            start_date=data["start_date"],
            end_current=data["end_current"],
        ),
    )


@login_required
def household_detail(request, household_id):
    casework_user(request.user)
    household = household_get(user=request.user, household_id=household_id, reason="huishouden")
    context = {
        "household": household,
        "history": household_history(household),
        "dossiers": casework_selectors.dossiers_of_households(request.user, [household.pk]),
    }
    return render(request, "web/household.html", context)


@login_required
def member_add(request, household_id):
    """Find an existing person (or register a new one), then their role and start date."""
    casework_user(request.user)
    household = household_get(
        user=request.user, household_id=household_id, intent=Intent.EDIT, reason="lid toevoegen"
    )
    person_id = id_param(request, "person")
    chosen = (
        person_get(user=request.user, person_id=person_id, reason="lid toevoegen")
        if person_id is not None
        else None
    )
    form = bound_or_restored(request, forms.MemberAddForm, initial={"person": person_id})
    if request.method == "POST" and form.is_valid() and chosen is not None:
        added = submit(
            form,
            registry.household_member_add,
            actor=request.user,
            household=household,
            person=chosen,
            role=form.cleaned_data["role"],
            start_date=form.cleaned_data["start_date"],
        )
        if added is not None:
            return redirect(_household_url(household.pk))
    query = request.GET.get("q", "")[:SEARCH_MAX_LENGTH]
    found = (
        person_search(user=request.user, query=query, on=today())
        if query and chosen is None
        else []
    )
    context = {"household": household, "chosen": chosen, "query": query, "found": found}
    return form_page(request, "web/member_add.html", form, **context)


@login_required
def membership_end(request, membership_id):
    casework_user(request.user)
    membership = membership_get(
        user=request.user, membership_id=membership_id, intent=Intent.EDIT, reason="formulier"
    )
    return period_end_form(
        request,
        title="Lidmaatschap beëindigen",
        subject=f"{membership.person} in {membership.household}, "
        f"lid sinds {membership.start_date:%d/%m/%Y}.",
        back=_household_url(membership.household_id),
        end=registry.household_member_end,
        membership_id=membership.pk,
    )


@login_required
def household_move(request, household_id):
    casework_user(request.user)
    household = household_get(
        user=request.user, household_id=household_id, intent=Intent.EDIT, reason="verhuis"
    )
    form = bound_or_restored(request, forms.MoveForm)
    return record_form(
        request,
        form,
        title="Verhuis registreren",
        subject=f"Nieuw adres van {household}.",
        back=_household_url(household.pk),
        save=lambda data: submit(
            form,
            registry.household_move,
            actor=request.user,
            household_id=household.pk,
            street=data["street"],
            number=data["number"],
            box=data["box"],
            postcode=data["postcode"].code,
            wijk=data["wijk"].code if data["wijk"] else None,
            on=data["on"],
        ),
    )
