"""Pages of the meldingen: the warden's form, the team list with its per-wijk map, a
melding with its state changes, the administrative report, and the conflicts (Preventie)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from welzijn.core.access import AccessDenied, Intent
from welzijn.core.roles import MELDINGEN_ROLES, roles_of
from welzijn.meldingen import measures
from welzijn.meldingen import selectors as meldingen_selectors
from welzijn.meldingen import services as meldingen
from welzijn.meldingen.access import access_melding_report, is_reporting_side
from welzijn.reporting.access import may_see_report
from welzijn.web import meldingen_map
from welzijn.web.forms.common import submit, today
from welzijn.web.forms.meldingen import (
    ConflictCloseForm,
    ConflictStartForm,
    ListFilterForm,
    MeldingForm,
    PartyForm,
    ReportForm,
    TransitionForm,
)
from welzijn.web.views.common import bound_or_restored, form_page, my_offices


def meldingen_user(user) -> None:
    if not roles_of(user) & MELDINGEN_ROLES:
        raise AccessDenied(
            "Deze pagina is er voor gemeenschapswachten en de teams die meldingen behandelen."
        )


def _upload_too_large(request, form, field: str) -> None:
    if getattr(request, "upload_too_large", False):
        limit = settings.WELZIJN_DOCUMENT_MAX_BYTES // (1024 * 1024)
        form.add_error(field, f"Deze foto is te groot: hoogstens {limit} MB.")


@login_required
def melding_new(request):
    meldingen_user(request.user)
    offices = my_offices(request.user)
    form = bound_or_restored(request, MeldingForm, request.FILES or None, offices=offices)
    _upload_too_large(request, form, "photo")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = submit(
            form,
            meldingen.melding_create,
            actor=request.user,
            office=data["office"],
            category=meldingen_selectors.category_get(data["category"]),
            street=data["street"],
            house_number=data["house_number"],
            postcode=data["postcode"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            wijk=meldingen_selectors.wijk_get(data["wijk"]),
            place_note=data["place_note"],
            description=data["description"],
            reporter_kind=data["reporter_kind"],
            reporter_name=data["reporter_name"],
            reporter_email=data["reporter_email"],
            reporter_phone=data["reporter_phone"],
            administrative_report=data["administrative_report"],
            photo=data["photo"],
        )
        if created is not None:
            return redirect("web:melding", created.pk)
    return form_page(request, "web/meldingen/new.html", form)


def _filters(form: ListFilterForm, side: str) -> meldingen_selectors.Filters:
    if not form.is_valid():
        return meldingen_selectors.Filters(mine=side)
    data = form.cleaned_data
    mine = data["mine"] or side
    return meldingen_selectors.Filters(
        status=data["status"],
        category=data["category"],
        wijk=data["wijk"],
        overdue=data["overdue"],
        mine="" if mine == "alle" else mine,
    )


@login_required
def melding_list(request):
    meldingen_user(request.user)
    side = meldingen_selectors.default_side(request.user)
    form = ListFilterForm(request.GET or None, initial={"mine": side})
    filters = _filters(form, side)
    day = today()
    page = meldingen_selectors.meldingen_list(
        user=request.user,
        filters=filters,
        today=day,
        after=meldingen_selectors.Cursor.parse(request.GET.get("na", "")),
        before=meldingen_selectors.Cursor.parse(request.GET.get("voor", "")),
    )
    per_wijk = meldingen_selectors.open_per_wijk(user=request.user, filters=filters, today=day)
    query = request.GET.copy()
    for cursor in ("na", "voor"):
        query.pop(cursor, None)
    return render(
        request,
        "web/meldingen/list.html",
        {
            "form": form,
            "page": page,
            "cap": meldingen_selectors.COUNT_CAP,
            "today": day,
            "per_wijk": per_wijk,
            "open_total": sum(row["open"] for row in per_wijk),
            "map": meldingen_map.svg_points(per_wijk),
            "query": query.urlencode(),
        },
    )


@login_required
def melding_detail(request, melding_id):
    seen = meldingen_selectors.melding_get(user=request.user, melding_id=melding_id)
    return _detail(request, seen, TransitionForm(melding=seen.melding) if seen.may_edit else None)


def _detail(request, seen, form, status=200):
    melding = seen.melding
    return render(
        request,
        "web/meldingen/detail.html",
        {
            "melding": melding,
            "sees_reporter": seen.sees_reporter,
            "may_edit": seen.may_edit,
            "may_report": is_reporting_side(request.user, melding) and not melding.report_number,
            "events": melding.events.select_related("by", "team"),
            "photos": melding.photos.all(),
            "conflict": getattr(melding, "conflict", None) if seen.may_edit else None,
            "overdue": melding.is_overdue(today()),
            "form": form,
        },
        status=status,
    )


@login_required
def melding_transition(request, melding_id):
    seen = meldingen_selectors.melding_get(
        user=request.user, melding_id=melding_id, intent=Intent.EDIT, reason="status"
    )
    form = bound_or_restored(request, TransitionForm, melding=seen.melding)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = submit(
            form,
            meldingen.melding_transition,
            actor=request.user,
            melding_id=seen.melding.pk,
            to=data["to"],
            note=data["note"],
            team=data["team"],
        )
        if done is not None:
            return redirect("web:melding", seen.melding.pk)
    return _detail(request, seen, form, status=400 if form.errors else 200)


@login_required
def melding_report(request, melding_id):
    seen = meldingen_selectors.melding_get(
        user=request.user, melding_id=melding_id, reason="verslag"
    )
    access_melding_report(request.user, seen.melding)
    form = bound_or_restored(request, ReportForm)
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            meldingen.melding_report_add,
            actor=request.user,
            melding_id=seen.melding.pk,
            on=form.cleaned_data["on"],
        )
        if done is not None:
            return redirect("web:melding", seen.melding.pk)
    return form_page(
        request,
        "web/form.html",
        form,
        title=f"Bestuurlijk verslag bij melding {seen.melding.number}",
        back=reverse("web:melding", args=[seen.melding.pk]),
        subject=f"{seen.melding.category} — {seen.melding.place}",
    )


@never_cache
@login_required
def melding_photo(request, photo_id):
    photo, handle = meldingen_selectors.photo_open(user=request.user, photo_id=photo_id)
    response = FileResponse(handle, content_type=photo.content_type, filename=photo.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def meldingen_per_wijk(request):
    """For the analist: the year's meldingen per wijk and main category (counts only)."""
    if not may_see_report(request.user):
        raise PermissionDenied("Deze cijfers zijn er voor analisten, teamcoaches en beheerders.")
    value = request.GET.get("jaar", "")
    year = (
        int(value) if value.isascii() and value.isdigit() and len(value) == 4 else today().year - 1
    )
    rows = measures.per_wijk(year)
    return render(
        request,
        "web/meldingen/per_wijk.html",
        {"rows": rows, "year": year, "total": sum(r["meldingen"] for r in rows)},
    )


# -- conflicts (Dienst Preventie voor Veiligheid) -----------------------------------------


@login_required
def conflict_list(request):
    meldingen_user(request.user)
    show_all = request.GET.get("alle") == "1"
    conflicts = meldingen_selectors.conflicts_list(user=request.user, running_only=not show_all)
    waiting = meldingen_selectors.conflict_meldingen_waiting(user=request.user)
    return render(
        request,
        "web/meldingen/conflicts.html",
        {"conflicts": conflicts, "waiting": waiting, "show_all": show_all},
    )


@login_required
def conflict_start(request, melding_id):
    seen = meldingen_selectors.melding_get(
        user=request.user, melding_id=melding_id, intent=Intent.EDIT, reason="conflict"
    )
    form = bound_or_restored(request, ConflictStartForm)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        started = submit(
            form,
            meldingen.conflict_start,
            actor=request.user,
            melding_id=seen.melding.pk,
            approach=data["approach"],
            started_on=data["started_on"],
            parties=form.parties(),
        )
        if started is not None:
            return redirect("web:conflict", started.pk)
    return form_page(
        request,
        "web/form.html",
        form,
        title=f"Conflicttraject starten bij melding {seen.melding.number}",
        back=reverse("web:melding", args=[seen.melding.pk]),
        subject=f"{seen.melding.category} — {seen.melding.place}\n{seen.melding.description}",
    )


def _conflict_page(request, conflict, *, party_form=None, close_form=None, status=200):
    return render(
        request,
        "web/meldingen/conflict.html",
        {
            "conflict": conflict,
            "melding": conflict.melding,
            "parties": conflict.parties.all(),
            "party_form": party_form or PartyForm(),
            "close_form": close_form or ConflictCloseForm(),
        },
        status=status,
    )


@login_required
def conflict_detail(request, conflict_id):
    conflict = meldingen_selectors.conflict_get(user=request.user, conflict_id=conflict_id)
    return _conflict_page(request, conflict)


@login_required
def conflict_party_add(request, conflict_id):
    conflict = meldingen_selectors.conflict_get(
        user=request.user, conflict_id=conflict_id, intent=Intent.EDIT, reason="partij"
    )
    form = bound_or_restored(request, PartyForm)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        added = submit(
            form,
            meldingen.conflict_party_add,
            actor=request.user,
            conflict_id=conflict.pk,
            role=data["role"],
            name=data["name"],
            contact=data["contact"],
        )
        if added is not None:
            return redirect("web:conflict", conflict.pk)
    return _conflict_page(request, conflict, party_form=form, status=400 if form.errors else 200)


@login_required
def conflict_close(request, conflict_id):
    conflict = meldingen_selectors.conflict_get(
        user=request.user, conflict_id=conflict_id, intent=Intent.EDIT, reason="afsluiten"
    )
    form = bound_or_restored(request, ConflictCloseForm)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        closed = submit(
            form,
            meldingen.conflict_close,
            actor=request.user,
            conflict_id=conflict.pk,
            ended_on=data["ended_on"],
            helped=data["helped"],
            note=data["note"],
        )
        if closed is not None:
            return redirect("web:conflict", conflict.pk)
    return _conflict_page(request, conflict, close_form=form, status=400 if form.errors else 200)
