"""The activity register: the team's sessions with groups (Repair Cafés, trainings, info
sessions, ...), a session's participants and results, series with completion."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from welzijn.activities import selectors
from welzijn.activities import services as activities
from welzijn.activities.access import organises, organising_offices
from welzijn.activities.models import Series
from welzijn.catalog.models import Service, ServiceKind
from welzijn.core.access import AccessDenied, Intent
from welzijn.core.dates import NotADate, parse_belgian_date
from welzijn.core.roles import ACTIVITY_ROLES, roles_of
from welzijn.registry.models import Organisation, Wijk
from welzijn.registry.selectors import person_search
from welzijn.web.forms import activiteiten as forms
from welzijn.web.forms.common import SEARCH_MAX_LENGTH, submit, today
from welzijn.web.forms.dossier_work import CancelForm
from welzijn.web.views.common import bound_or_restored, form_page, id_param


def activity_user(user) -> None:
    """The register is for the teams that hold sessions (participants' names are theirs)."""
    if not roles_of(user) & ACTIVITY_ROLES:
        raise AccessDenied("Deze pagina is er voor de teams die activiteiten organiseren.")


def _date_param(request, name: str):
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    try:
        return parse_belgian_date(value)
    except NotADate:
        return None


def _filters(request) -> selectors.Filters:
    return selectors.Filters(
        service_id=id_param(request, "dienst"),
        office_id=id_param(request, "team"),
        partner_id=id_param(request, "partner"),
        wijk_id=id_param(request, "wijk"),
        start=_date_param(request, "van"),
        end=_date_param(request, "tot"),
    )


@login_required
def activity_list(request):
    activity_user(request.user)
    filters = _filters(request)
    register = selectors.activity_register_page(user=request.user, filters=filters)
    context = {
        "register": register,
        "filters": filters,
        "query": request.GET,
        "services": Service.objects.filter(kind=ServiceKind.ACTIVITY, active=True),
        "offices": organising_offices(request.user),
        "partners": Organisation.objects.all(),
        "wijken": Wijk.objects.all(),
    }
    return render(request, "web/activiteiten/list.html", context)


@login_required
def activity_new(request):
    activity_user(request.user)
    series_id = id_param(request, "reeks")
    series = (
        selectors.series_get(
            user=request.user, series_id=series_id, intent=Intent.EDIT, reason="nieuwe sessie"
        )
        if series_id is not None
        else None
    )
    offices = organising_offices(request.user)
    form = bound_or_restored(request, forms.ActivityForm, offices=offices, series=series)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        if series is not None:
            data.update(office=series.office, series=series)
        activity = submit(form, activities.activity_register, actor=request.user, **data)
        if activity is not None:
            messages.success(request, f"Sessie van {activity.date:%d/%m/%Y} geregistreerd.")
            return redirect("web:activity", activity.pk)
    title = f"Nieuwe sessie van {series}" if series else "Nieuwe sessie"
    return form_page(
        request,
        "web/form.html",
        form,
        title=title,
        back=reverse("web:series", args=[series.pk]) if series else reverse("web:activities"),
    )


def _activity_page(request, activity, *, name_form=None, status=200):
    context = {
        "activity": activity,
        "participants": selectors.participants_of(activity),
        "name_form": name_form or forms.ParticipantNameForm(),
        "may_edit": organises(request.user, activity.office_id) and not activity.is_cancelled,
    }
    return render(request, "web/activiteiten/activity.html", context, status=status)


@login_required
def activity_detail(request, activity_id):
    activity_user(request.user)
    activity = selectors.activity_get(user=request.user, activity_id=activity_id, reason="sessie")
    return _activity_page(request, activity)


def _for_edit(request, activity_id, reason: str):
    activity_user(request.user)
    return selectors.activity_get(
        user=request.user, activity_id=activity_id, intent=Intent.EDIT, reason=reason
    )


@login_required
def activity_edit(request, activity_id):
    activity = _for_edit(request, activity_id, "sessie wijzigen")
    initial = {name: getattr(activity, name) for name in activities.EDITABLE}
    form = bound_or_restored(request, forms.ActivityForm, edit=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            activities.activity_update,
            actor=request.user,
            activity_id=activity.pk,
            **form.service_data(),
        )
        if done is not None:
            messages.success(request, "Sessie bijgewerkt.")
            return redirect("web:activity", activity.pk)
    return form_page(
        request,
        "web/form.html",
        form,
        title=f"{activity.service}: deelnemers en resultaten",
        back=reverse("web:activity", args=[activity.pk]),
    )


@login_required
def activity_cancel(request, activity_id):
    activity = _for_edit(request, activity_id, "sessie annuleren")
    form = bound_or_restored(request, CancelForm)
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            activities.activity_cancel,
            {"cancel_reason": "reason"},
            actor=request.user,
            activity_id=activity.pk,
            reason=form.cleaned_data["reason"],
        )
        if done is not None:
            return redirect("web:activity", activity.pk)
    return form_page(
        request,
        "web/form.html",
        form,
        title="Sessie annuleren",
        subject=str(activity),
        back=reverse("web:activity", args=[activity.pk]),
    )


@login_required
def participant_search(request, activity_id):
    """Find a registered person to put on the list (htmx partial; the search is audited)."""
    activity = _for_edit(request, activity_id, "deelnemer zoeken")
    query = request.GET.get("q", "")[:SEARCH_MAX_LENGTH]
    people = person_search(user=request.user, query=query, on=today(), limit=10) if query else []
    template = (
        "web/activiteiten/partials/person_results.html"
        if request.htmx
        else "web/activiteiten/participant_search.html"
    )
    return render(request, template, {"activity": activity, "people": people, "query": query})


@login_required
@require_POST
def participant_add(request, activity_id):
    """Add a registered person (``person``) or a walk-in by name (``name``)."""
    activity = _for_edit(request, activity_id, "deelnemer toevoegen")
    person_id = id_param(request, "person")
    form = forms.ParticipantNameForm(None if person_id else request.POST)
    if person_id is not None or form.is_valid():
        done = submit(
            form,
            activities.participant_add,
            {"person": "name"},
            actor=request.user,
            activity_id=activity.pk,
            person_id=person_id,
            name="" if person_id else form.cleaned_data["name"],
        )
        if done is not None:
            messages.success(request, "De deelnemer staat op de lijst.")
            return redirect("web:activity", activity.pk)
    return _activity_page(request, activity, name_form=form, status=400)


@login_required
@require_POST
def participant_remove(request, participant_id):
    activity_user(request.user)
    participant = selectors.participant_get(
        user=request.user, participant_id=participant_id, intent=Intent.EDIT
    )
    activity = activities.participant_remove(actor=request.user, participant_id=participant.pk)
    messages.success(request, "De deelnemer staat niet meer op de lijst.")
    return redirect("web:activity", activity.pk)


@login_required
def series_list(request):
    activity_user(request.user)
    return render(
        request,
        "web/activiteiten/series_list.html",
        {
            "series": selectors.series_list(user=request.user),
        },
    )


@login_required
def series_new(request):
    activity_user(request.user)
    form = bound_or_restored(request, forms.SeriesForm, offices=organising_offices(request.user))
    if request.method == "POST" and form.is_valid():
        series = submit(form, activities.series_create, actor=request.user, **form.cleaned_data)
        if series is not None:
            return redirect("web:series", series.pk)
    return form_page(
        request, "web/form.html", form, title="Nieuwe reeks", back=reverse("web:series_list")
    )


@login_required
def series_detail(request, series_id):
    activity_user(request.user)
    series = selectors.series_get(user=request.user, series_id=series_id, reason="reeks")
    attendance = selectors.series_attendance(series)
    sessions = list(series.sessions.select_related("wijk").order_by("date", "pk"))
    return render(
        request,
        "web/activiteiten/series.html",
        {
            "series": series,
            "sessions": sessions,
            "attendance": attendance,
            "completed": sum(1 for a in attendance if a.completed),
            "may_edit": organises(request.user, series.office_id),
        },
    )


@login_required
def series_close(request, series_id):
    activity_user(request.user)
    series = selectors.series_get(
        user=request.user, series_id=series_id, intent=Intent.EDIT, reason="reeks afsluiten"
    )
    form = bound_or_restored(request, forms.SeriesCloseForm)
    reopen = request.method == "POST" and "heropenen" in request.POST
    if reopen or (request.method == "POST" and form.is_valid()):
        data = {"to": Series.Status.RUNNING} if reopen else form.cleaned_data
        done = submit(
            form,
            activities.series_transition,
            {"status": "to"},
            actor=request.user,
            series_id=series.pk,
            **data,
        )
        if done is not None:
            return redirect("web:series", series.pk)
    return form_page(
        request,
        "web/form.html",
        form,
        title=f"{series} afsluiten",
        back=reverse("web:series", args=[series.pk]),
    )
