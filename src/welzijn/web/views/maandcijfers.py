"""The monthly figures a team reports (/maandcijfers/): the year per service, a month's
figure by form or a file, corrections and cancellations; the analist's external figures."""

import contextlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from welzijn.core.access import AccessDenied
from welzijn.core.roles import OUTPUT_ROLES, roles_of
from welzijn.outputs import selectors
from welzijn.outputs import services as outputs
from welzijn.outputs.access import access_external_figures, kinds_visible_to
from welzijn.outputs.months import month_name, parse_month
from welzijn.outputs.table import HEADER, parse_rows, read_cells
from welzijn.reporting.indicators import INDICATORS
from welzijn.web.forms import maandcijfers as forms
from welzijn.web.forms.common import submit
from welzijn.web.forms.dossier_work import CancelForm
from welzijn.web.views.common import bound_or_restored, form_page, id_param


def output_user(user) -> None:
    if not roles_of(user) & OUTPUT_ROLES:
        raise AccessDenied("Deze pagina is er voor de teams die maandcijfers rapporteren.")


def _year(request) -> int:
    value = request.GET.get("jaar", "")
    this_year = timezone.localdate().year
    if value.isascii() and value.isdigit() and 2000 <= int(value) <= this_year:
        return int(value)
    return this_year


@login_required
def output_home(request):
    output_user(request.user)
    year = _year(request)
    overviews = [
        selectors.year_overview(user=request.user, kind_id=k.pk, year=year)
        for k in selectors.kinds_of(user=request.user)
    ]
    context = {"overviews": overviews, "year": year, "years": _years()}
    return render(request, "web/maandcijfers/home.html", context)


def _years() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year, this_year - 5, -1))


@login_required
def output_kind(request, kind_id):
    output_user(request.user)
    year = _year(request)
    overview = selectors.year_overview(user=request.user, kind_id=kind_id, year=year)
    context = {"overview": overview, "year": year, "years": _years()}
    return render(request, "web/maandcijfers/kind.html", context)


@login_required
def output_new(request):
    output_user(request.user)
    kinds = kinds_visible_to(request.user).filter(active=True).select_related("service")
    initial = {}
    if (kind_id := id_param(request, "soort")) is not None:
        initial["kind"] = kind_id
    if month := request.GET.get("maand", ""):
        with contextlib.suppress(ValueError):  # a bad month in a link: the field stays empty
            initial["month"] = f"{parse_month(month):%m/%Y}"
    form = bound_or_restored(request, forms.OutputForm, kinds=kinds, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        output = submit(form, outputs.output_register, actor=request.user, **data)
        if output is not None:
            messages.success(request, f"{output.kind}: {month_name(output.month)} geregistreerd.")
            return _to_kind(output.kind_id, output.month.year)
    return form_page(
        request, "web/form.html", form, title="Maandcijfer registreren", back=reverse("web:outputs")
    )


def _to_kind(kind_id: int, year: int):
    return redirect(f"{reverse('web:output_kind', args=[kind_id])}?jaar={year}")


@login_required
def output_correct(request, output_id):
    output_user(request.user)
    output = selectors.output_get(user=request.user, output_id=output_id)
    initial = {"quantity": output.quantity, "source": output.source, "note": output.note}
    form = bound_or_restored(request, forms.CorrectForm, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        done = submit(
            form,
            outputs.output_correct,
            actor=request.user,
            output_id=output.pk,
            reason=reason,
            **data,
        )
        if done is not None:
            messages.success(request, f"{output.kind}: {month_name(output.month)} gecorrigeerd.")
            return _to_kind(output.kind_id, output.month.year)
    return form_page(
        request,
        "web/form.html",
        form,
        title=f"{output.kind}: {month_name(output.month)} corrigeren",
        back=reverse("web:output_kind", args=[output.kind_id]),
    )


@login_required
def output_cancel(request, output_id):
    output_user(request.user)
    output = selectors.output_get(user=request.user, output_id=output_id)
    form = bound_or_restored(request, CancelForm)
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            outputs.output_cancel,
            {"cancel_reason": "reason"},
            actor=request.user,
            output_id=output.pk,
            reason=form.cleaned_data["reason"],
        )
        if done is not None:
            messages.success(request, f"{output.kind}: {month_name(output.month)} geannuleerd.")
            return _to_kind(output.kind_id, output.month.year)
    return form_page(
        request,
        "web/form.html",
        form,
        title=f"{output.kind}: {month_name(output.month)} annuleren",
        back=reverse("web:output_kind", args=[output.kind_id]),
    )


@login_required
def output_import(request):
    output_user(request.user)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        kinds = kinds_visible_to(request.user).filter(active=True)

        def load():
            rows = parse_rows(read_cells(upload.read(), upload.name), kinds)
            return outputs.outputs_import(actor=request.user, rows=rows, filename=upload.name)

        written = submit(form, load)
        if written is not None:
            messages.success(
                request, f"{len(written)} maandcijfers geïmporteerd uit {upload.name}."
            )
            return redirect("web:outputs")
    context = {"header": ";".join(HEADER), "kinds": selectors.kinds_of(user=request.user)}
    return form_page(request, "web/maandcijfers/import.html", form, **context)


# --- external figures (analist) -----------------------------------------------------------


def external_keys() -> list[tuple[str, str]]:
    """The report's external figures: (key, label)."""
    return [(i.detail, i.label) for i in INDICATORS if i.kind.startswith("outputs.external")]


@login_required
def external_figures(request):
    access_external_figures(request.user)
    form = bound_or_restored(request, forms.ExternalFigureForm, keys=external_keys())
    if request.method == "POST" and form.is_valid():
        figure = submit(
            form, outputs.external_figure_register, actor=request.user, **form.cleaned_data
        )
        if figure is not None:
            messages.success(request, f"Extern cijfer voor {figure.year} geregistreerd.")
            return redirect("web:external_figures")
    context = {
        "figures": selectors.external_figures(user=request.user),
        "labels": dict(external_keys()),
    }
    return form_page(request, "web/maandcijfers/external.html", form, **context)


@login_required
@require_POST
def external_figure_cancel(request, figure_id):
    figure = selectors.external_figure_get(user=request.user, figure_id=figure_id)
    form = CancelForm(request.POST)
    if form.is_valid():
        done = submit(
            form,
            outputs.external_figure_cancel,
            actor=request.user,
            figure_id=figure.pk,
            reason=form.cleaned_data["reason"],
        )
        if done is not None:
            messages.success(request, "Extern cijfer geannuleerd.")
            return redirect("web:external_figures")
    messages.error(request, "Geef een reden van annulering.")
    return redirect("web:external_figures")
