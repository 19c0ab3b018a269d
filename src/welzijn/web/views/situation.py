"""A person's situation, the inputs of the rights screening: incomes and social statuses
with their period, source and proof (household statuses from the household's page)."""

from django.contrib.auth.decorators import login_required
from django.urls import reverse

from welzijn.core.access import Intent
from welzijn.registry import services as registry
from welzijn.registry.models import StatusKind
from welzijn.registry.selectors import household_get, income_get, person_get, status_get
from welzijn.registry.services import INCOME_FIELDS
from welzijn.web.forms import situation as forms
from welzijn.web.forms.common import submit
from welzijn.web.views.common import (
    bound_or_restored,
    casework_user,
    period_end_form,
    record_form,
)


def _person_url(person_id: int) -> str:
    return reverse("web:person", args=[person_id]) + "#situatie"


def _status_owner_url(status) -> str:
    if status.person_id:
        return _person_url(status.person_id)
    return reverse("web:household", args=[status.household_id])


@login_required
def income_new(request, person_id):
    casework_user(request.user)
    person = person_get(
        user=request.user, person_id=person_id, intent=Intent.EDIT, reason="inkomen registreren"
    )
    form = bound_or_restored(request, forms.IncomeForm)
    return record_form(
        request,
        form,
        title="Inkomen registreren",
        subject=f"Inkomen van {person}.",
        back=_person_url(person.pk),
        save=lambda data: submit(
            form, registry.income_register, actor=request.user, person_id=person.pk, **data
        ),
    )


@login_required
def income_edit(request, income_id):
    """Correct what was registered (a typo, a better proof); a new amount from a later date
    is a new income, after ending this one."""
    casework_user(request.user)
    income = income_get(
        user=request.user, income_id=income_id, intent=Intent.EDIT, reason="inkomen corrigeren"
    )
    initial = {field: getattr(income, field) for field in INCOME_FIELDS}
    form = bound_or_restored(request, forms.IncomeForm, initial=initial)
    return record_form(
        request,
        form,
        title="Inkomen corrigeren",
        subject=f"Inkomen van {income.person}.",
        back=_person_url(income.person_id),
        save=lambda data: submit(
            form,
            registry.income_update,
            actor=request.user,
            income_id=income.pk,
            reason="correctie",
            **data,
        ),
    )


@login_required
def income_end(request, income_id):
    casework_user(request.user)
    income = income_get(
        user=request.user, income_id=income_id, intent=Intent.EDIT, reason="inkomen beëindigen"
    )
    return period_end_form(
        request,
        title="Inkomen beëindigen",
        subject=f"{income.get_category_display()} van {income.person}, "
        f"vanaf {income.start_date:%d/%m/%Y}.",
        back=_person_url(income.person_id),
        end=registry.income_end,
        income_id=income.pk,
    )


def _status_form(request, *, owner, back, person_id=None, household_id=None):
    entity = StatusKind.Entity.PERSON if person_id else StatusKind.Entity.HOUSEHOLD
    form = bound_or_restored(request, forms.StatusForm, entity=entity)
    return record_form(
        request,
        form,
        title="Status registreren",
        subject=f"Status van {owner}.",
        back=back,
        save=lambda data: submit(
            form,
            registry.status_register,
            actor=request.user,
            person_id=person_id,
            household_id=household_id,
            **{**data, "kind": data["kind"].code},
        ),
    )


@login_required
def person_status_new(request, person_id):
    casework_user(request.user)
    person = person_get(
        user=request.user, person_id=person_id, intent=Intent.EDIT, reason="status registreren"
    )
    return _status_form(request, owner=person, back=_person_url(person.pk), person_id=person.pk)


@login_required
def household_status_new(request, household_id):
    casework_user(request.user)
    household = household_get(
        user=request.user,
        household_id=household_id,
        intent=Intent.EDIT,
        reason="status registreren",
    )
    return _status_form(
        request,
        owner=household,
        back=reverse("web:household", args=[household.pk]),
        household_id=household.pk,
    )


@login_required
def status_end(request, status_id):
    casework_user(request.user)
    status = status_get(
        user=request.user, status_id=status_id, intent=Intent.EDIT, reason="status beëindigen"
    )
    return period_end_form(
        request,
        title="Status beëindigen",
        subject=f"{status.kind} van {status.person or status.household}, "
        f"vanaf {status.start_date:%d/%m/%Y}.",
        back=_status_owner_url(status),
        end=registry.status_end,
        status_id=status.pk,
    )
