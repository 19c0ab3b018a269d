"""The jaaroverzicht in the web application: a page per year and a download per format.
Every view and download is audited; only aggregates are shown (see `privacy`)."""

import datetime as dt

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from welzijn.analytics.reading import pseudonymised
from welzijn.core.audit import audit_record
from welzijn.reporting import dashboard
from welzijn.reporting.access import access_jaaroverzicht
from welzijn.reporting.indicators import BY_CODE
from welzijn.reporting.report import (
    CONTENT_TYPES,
    FORMATS,
    ReportError,
    build_report,
    filename,
    has_data,
    render_html,
    validate_year,
    validate_year_range,
)
from welzijn.reporting.report import (
    render as render_report,
)

OBJECT_TYPE = "reporting.jaaroverzicht"

#: The report's charts are matplotlib SVG, styled by inline style attributes and a <style>
#: block; the report holds aggregates only and no input of anyone. Scripts stay forbidden.
report_styles_inline = csp_replace({"style-src": [SELF, UNSAFE_INLINE]})


def _year(year: int) -> int:
    try:
        return validate_year(year)
    except ReportError as error:
        raise Http404(str(error)) from error


def _years_with_data() -> list[int]:
    """The year menu: the last ten years that hold registrations, newest first. Called
    inside `pseudonymised()`, as every figure of the report: the menu reads the same
    views (a year is a date of a record, no identity)."""
    this_year = dt.date.today().year
    return [y for y in range(this_year, this_year - 10, -1) if has_data(y)]


def _chosen_year(request, years: list[int]) -> int:
    """The year asked for (``?jaar=``), else the newest with data (this year when none)."""
    chosen = request.GET.get("jaar", "")
    if chosen.isascii() and chosen.isdigit() and len(chosen) == 4:
        try:
            return validate_year_range(int(chosen))
        except ReportError as error:
            raise Http404(str(error)) from error
    return years[0] if years else dt.date.today().year


def _audit(request, year: int, reason: str, **detail) -> None:
    audit_record(
        actor=request.user,
        action="view",
        object_type=OBJECT_TYPE,
        object_id=str(year),
        reason=reason,
        detail=detail,
    )


@login_required
@report_styles_inline
def index(request):
    """The dashboard: the chosen year so far, per month (``?toon=jaaroverzicht``: go to the
    annual report of the chosen year)."""
    access_jaaroverzicht(request.user)
    with pseudonymised():
        years = _years_with_data()
        year = _chosen_year(request, years)
        if request.GET.get("toon") == "jaaroverzicht":
            return redirect("reporting:jaaroverzicht", year=year)
        chapters = dashboard.overview(year) if year in years else []
    _audit(request, year, "dashboard bekeken", format="web")
    return render(
        request,
        "reporting/dashboard.html",
        {
            "year": year,
            "years": years,
            "chapters": chapters,
            "months": dashboard.MONTHS[: dashboard.months_so_far(year)],
        },
    )


@login_required
@report_styles_inline
def indicator(request, indicator: str):
    """One indicator of the chosen year, with its breakdowns per month, wijk and office."""
    access_jaaroverzicht(request.user)
    ind = BY_CODE.get(indicator)
    if ind is None:
        raise Http404(f"Onbekende indicator {indicator!r}.")
    with pseudonymised():
        years = _years_with_data()
        year = _chosen_year(request, years)
        found = dashboard.detail(ind, year)
    _audit(request, year, "indicator bekeken", format="web", indicator=indicator)
    return render(
        request,
        "reporting/indicator.html",
        {"year": year, "years": years, "detail": found, "ind": ind},
    )


@login_required
@report_styles_inline
def jaaroverzicht(request, year: int):
    access_jaaroverzicht(request.user)
    try:
        validate_year_range(year)
    except ReportError as error:
        raise Http404(str(error)) from error
    # A year without registrations yet (a new installation): the page says so.
    with pseudonymised():
        report = build_report(year) if has_data(year) else None
        years = _years_with_data()
    _audit(request, year, "jaaroverzicht bekeken", format="web")
    return render(
        request,
        "reporting/page.html",
        {
            "year": year,
            "report": report,
            "body": render_html(report, standalone=False) if report else "",
            "formats": FORMATS,
            "years": years,
        },
    )


@login_required
@report_styles_inline
def download(request, year: int, fmt: str):
    access_jaaroverzicht(request.user)
    if fmt not in FORMATS:
        raise Http404(f"Onbekend formaat {fmt!r}: kies uit {', '.join(FORMATS)}.")
    with pseudonymised():
        year = _year(year)
        report = build_report(year)
    data = render_report(report, fmt)
    _audit(request, year, "jaaroverzicht gedownload", format=fmt)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt in ("html", "pdf") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename(year, fmt)}"'
    return response
