"""The shelter worker's pages: tonight's board, a facility's residents, check-in and
check-out, refusals, the waiting list, a person's stays; and the point-in-time count."""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from welzijn.core.access import AccessDenied, Intent
from welzijn.core.audit import audit_record
from welzijn.core.roles import CASEWORK_ROLES, roles_of
from welzijn.registry.selectors import person_get, person_search
from welzijn.reporting import records
from welzijn.shelter import counting, services
from welzijn.shelter import selectors as shelter
from welzijn.shelter.access import (
    COUNT_TOTAL_ROLES,
    access_count_entry,
    access_count_manage,
    count_records_visible_to,
    count_service_of,
    is_shelter_staff,
    may_manage_counts,
)
from welzijn.shelter.measures import (
    durable_share,
    left_in_year,
    nights_in,
    occupancy,
    persons,
)
from welzijn.shelter.models import PitCount
from welzijn.web.forms.common import SEARCH_MAX_LENGTH, submit, today
from welzijn.web.forms.opvang import (
    CheckInForm,
    CheckOutForm,
    PitCountCloseForm,
    PitCountOpenForm,
    PitCountPublishForm,
    PitRecordForm,
    RefusalForm,
    WaitingAddForm,
    WaitingCloseForm,
)
from welzijn.web.views.common import bound_or_restored, form_page, id_param


def _staff(user) -> None:
    if not is_shelter_staff(user):
        raise AccessDenied("Deze pagina is er voor de medewerkers van de opvang.")


def _facility(request, facility_id, intent=Intent.VIEW):
    _staff(request.user)
    return shelter.facility_get(user=request.user, facility_id=facility_id, intent=intent)


@login_required
def board(request):
    """Tonight's board: per facility the places, how many are taken, free, waiting."""
    _staff(request.user)
    night = today()
    rows = shelter.board(user=request.user, night=night)
    template = "web/opvang/partials/board_rows.html" if request.htmx else "web/opvang/board.html"
    return render(request, template, {"rows": rows, "night": night})


@login_required
def facility(request, facility_id):
    place = _facility(request, facility_id)
    night = today()
    figures = next(
        (r for r in shelter.board(user=request.user, night=night) if r.facility == place), None
    )
    return render(
        request,
        "web/opvang/facility.html",
        {
            "facility": place,
            "night": night,
            "figures": figures,
            "residents": shelter.residents_on(user=request.user, facility=place, night=night),
            "outflow": durable_share(left_in_year(night.year, facility=place)),
            "year": {
                "persons": int(records.total(persons(None, night.year, [place.service_id])).value),
                "nights": nights_in(night.year, [place.service_id]),
                "occupancy": occupancy(night.year, [place.service_id]).value,
            },
            "refusal_form": RefusalForm(),
        },
    )


def _search(request):
    query = request.GET.get("q", "")[:SEARCH_MAX_LENGTH]
    people = person_search(user=request.user, query=query, on=today()) if query else []
    return query, people


@login_required
def check_in(request, facility_id):
    """Find the guest, then check them in for tonight (or another night)."""
    place = _facility(request, facility_id, Intent.EDIT)
    form = bound_or_restored(
        request, CheckInForm, initial={"person_id": id_param(request, "person_id")}
    )
    guest = None
    if (person_id := id_param(request, "person_id")) is not None:
        guest = person_get(user=request.user, person_id=person_id, reason="inchecken")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        stay = submit(
            form,
            services.stay_check_in,
            {"person": "person_id", "entry_date": "entry_date"},
            actor=request.user,
            facility_id=place.pk,
            person_id=data["person_id"],
            entry_date=data["entry_date"],
            place_label=data["place_label"],
            overbooking=data["overbooking"],
        )
        if stay is not None:
            return redirect("web:opvang_facility", place.pk)
    query, people = ("", []) if guest else _search(request)
    full = any(e.code == "full" for e in form.errors.as_data().get("overbooking", []))
    return form_page(
        request,
        "web/opvang/check_in.html",
        form,
        facility=place,
        guest=guest,
        query=query,
        people=people,
        full=full,
        refusal_form=RefusalForm(initial={"person_id": guest.pk if guest else None}),
    )


@login_required
def refusal(request, facility_id):
    """Someone turned away tonight for lack of a free place (counted per night)."""
    place = _facility(request, facility_id, Intent.EDIT)
    form = bound_or_restored(request, RefusalForm)
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            services.refusal_register,
            {"person": "person_id"},
            actor=request.user,
            facility_id=place.pk,
            night=form.cleaned_data["night"],
            person_id=form.cleaned_data["person_id"],
        )
        if done is not None:
            return redirect("web:opvang_facility", place.pk)
    return form_page(
        request,
        "web/form.html",
        form,
        title=f"Weigering wegens plaatsgebrek — {place}",
        back=reverse("web:opvang_facility", args=[place.pk]),
    )


@login_required
def check_out(request, stay_id):
    _staff(request.user)
    stay = shelter.stay_get(
        user=request.user, stay_id=stay_id, intent=Intent.EDIT, reason="uitchecken"
    )
    form = bound_or_restored(request, CheckOutForm)
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            services.stay_check_out,
            actor=request.user,
            stay_id=stay.pk,
            exit_date=form.cleaned_data["exit_date"],
            destination=form.cleaned_data["destination"],
        )
        if done is not None:
            return redirect("web:opvang_facility", stay.facility_id)
    return form_page(
        request,
        "web/form.html",
        form,
        title=f"Uitchecken uit {stay.facility}",
        subject=f"{stay.person}, binnen sinds {stay.entry_date:%d/%m/%Y}",
        back=reverse("web:opvang_facility", args=[stay.facility_id]),
    )


@login_required
def waiting(request, facility_id):
    """The facility's waiting list (priority first), and putting someone on it."""
    place = _facility(request, facility_id, Intent.EDIT)
    form = bound_or_restored(request, WaitingAddForm)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = submit(
            form,
            services.waiting_add,
            {"person": "person_id"},
            actor=request.user,
            facility_id=place.pk,
            person_id=data["person_id"],
            registered_on=data["registered_on"],
            priority=data["priority"],
            note=data["note"],
        )
        if done is not None:
            return redirect("web:opvang_waiting", place.pk)
    query, people = _search(request)
    return form_page(
        request,
        "web/opvang/waiting.html",
        form,
        facility=place,
        entries=shelter.waiting_list(user=request.user, facility=place),
        query=query,
        people=people,
    )


@login_required
def waiting_close(request, entry_id):
    _staff(request.user)
    entry = shelter.waiting_entry_get(user=request.user, entry_id=entry_id, intent=Intent.EDIT)
    form = bound_or_restored(request, WaitingCloseForm)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = submit(
            form,
            services.waiting_close,
            actor=request.user,
            entry_id=entry.pk,
            to=data["to"],
            on=data["on"],
            note=data["note"],
        )
        if done is not None:
            return redirect("web:opvang_waiting", entry.facility_id)
    return form_page(
        request,
        "web/form.html",
        form,
        title=f"Wachtlijst {entry.facility}: uitkomst",
        subject=f"{entry.person}, ingeschreven op {entry.registered_on:%d/%m/%Y}",
        back=reverse("web:opvang_waiting", args=[entry.facility_id]),
    )


@login_required
def person_stays(request, person_id):
    """A person's stays across the facilities the user may see (for the shelter staff and
    the caseworkers who follow the household)."""
    if not roles_of(request.user) & CASEWORK_ROLES:
        raise AccessDenied("Deze pagina is er voor medewerkers van een welzijnsbureau of team.")
    person, stays = shelter.person_stays(user=request.user, person_id=person_id)
    nights = sum(((s.exit_date or today()) - s.entry_date).days for s in stays)
    return render(
        request, "web/opvang/person.html", {"person": person, "stays": stays, "nights": nights}
    )


# -- the point-in-time count -----------------------------------------------------------------


@login_required
def counts(request):
    _counts_user(request.user)
    rows = [(c, counting.count_totals(c)) for c in PitCount.objects.order_by("-date")]
    return render(
        request,
        "web/opvang/counts.html",
        {"rows": rows, "may_manage": may_manage_counts(request.user)},
    )


def _counts_user(user) -> None:
    if not roles_of(user) & COUNT_TOTAL_ROLES:
        raise AccessDenied("De telling is niet voor uw rol.")


@login_required
def count_new(request):
    """Open a count: its date, name and the key that removes double counting."""
    access_count_manage(request.user)
    form = bound_or_restored(request, PitCountOpenForm)
    if request.method == "POST" and form.is_valid():
        found = submit(form, services.pit_count_open, actor=request.user, **form.cleaned_data)
        if found is not None:
            return redirect("web:opvang_count", found.pk)
    return form_page(
        request,
        "web/form.html",
        form,
        title="Een telling openen",
        subject="Vanaf nu vullen de teams en partners per persoon die ze ontmoeten een "
        "formulier in, tot u de invoer sluit.",
        back=reverse("web:opvang_counts"),
    )


def _count_step(request, count_id, form_class, action, *, title, subject, **extra):
    """Closing or publishing a count: a confirmation, then the service."""
    found = access_count_manage(
        request.user, shelter.count_get(user=request.user, count_id=count_id)
    )
    form = bound_or_restored(request, form_class)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "confirm"}
        done = submit(form, action, actor=request.user, count_id=found.pk, **data, **extra)
        if done is not None:
            return redirect("web:opvang_count", found.pk)
    return form_page(
        request,
        "web/form.html",
        form,
        title=f"{title}: {found.name}",
        subject=subject,
        back=reverse("web:opvang_count", args=[found.pk]),
    )


@login_required
def count_close(request, count_id):
    return _count_step(
        request,
        count_id,
        PitCountCloseForm,
        services.pit_count_close,
        title="Invoer sluiten",
        subject="Na het sluiten zijn de totalen voorlopig, tot u ze publiceert.",
    )


@login_required
def count_publish(request, count_id):
    return _count_step(
        request,
        count_id,
        PitCountPublishForm,
        services.pit_count_publish,
        title="Resultaten publiceren",
        subject="De gepubliceerde totalen zijn het cijfer van het jaaroverzicht.",
    )


@login_required
def count(request, count_id):
    """A count's totals per ETHOS Light category, adults and children, and the count before."""
    found = shelter.count_get(user=request.user, count_id=count_id)
    totals = counting.count_totals(found)
    before = counting.previous_count(found)
    with transaction.atomic():
        mine = count_records_visible_to(request.user, found).count()
    return render(
        request,
        "web/opvang/count.html",
        {
            "count": found,
            "totals": totals,
            "previous": counting.count_totals(before) if before else None,
            "mine": mine,
            "may_enter": found.open_for_entry and bool(count_service_of(request.user)),
            "may_manage": may_manage_counts(request.user),
        },
    )


@login_required
def count_form(request, count_id):
    """One form per person met on the day of the count (a team or a partner organisation)."""
    found = access_count_entry(
        request.user, shelter.count_get(user=request.user, count_id=count_id)
    )
    form = bound_or_restored(request, PitRecordForm)
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            services.pit_record_add,
            actor=request.user,
            count_id=found.pk,
            **form.cleaned_data,
        )
        if done is not None:
            return redirect(f"{reverse('web:opvang_count_form', args=[found.pk])}?ok=1")
    return form_page(
        request,
        "web/opvang/count_form.html",
        form,
        count=found,
        saved=request.GET.get("ok") == "1",
        mine=count_records_visible_to(request.user, found).count(),
    )


@login_required
def count_export(request, count_id):
    """The count's aggregates as CSV (for the regional count): no form, no person."""
    found = shelter.count_get(user=request.user, count_id=count_id)
    totals = counting.count_totals(found)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["telling", "datum", "categorie", "volwassenen", "kinderen", "totaal"])
    for label, adults, children, total in totals.rows():
        writer.writerow([found.name, f"{found.date:%d/%m/%Y}", label, adults, children, total])
    writer.writerow(
        [
            found.name,
            f"{found.date:%d/%m/%Y}",
            "totaal",
            totals.adults,
            totals.children,
            totals.total,
        ]
    )
    with transaction.atomic():
        audit_record(actor=request.user, action="export", obj=found, reason="telling csv")
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="telling-{found.date:%Y-%m-%d}.csv"'
    return response
