"""The jaaroverzicht in the web application: a page per year and a download per format.
Every view and download is audited; only aggregates are shown (see `privacy`)."""

import datetime as dt

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from welzijn.core.audit import audit_record
from welzijn.reporting.access import access_jaaroverzicht
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


def _recent_years() -> list[int]:
    this_year = dt.date.today().year
    return list(range(this_year, this_year - 6, -1))


@login_required
def index(request):
    """The chosen year, else the most recent year with registered data (this year on a
    new installation)."""
    access_jaaroverzicht(request.user)
    chosen = request.GET.get("jaar", "")
    if chosen.isascii() and chosen.isdigit() and len(chosen) == 4:
        return redirect("reporting:jaaroverzicht", year=int(chosen))
    recent = _recent_years()
    year = next((y for y in recent[1:] + recent[:1] if has_data(y)), recent[0])
    return redirect("reporting:jaaroverzicht", year=year)


@login_required
@report_styles_inline
def jaaroverzicht(request, year: int):
    access_jaaroverzicht(request.user)
    try:
        validate_year_range(year)
    except ReportError as error:
        raise Http404(str(error)) from error
    # A year without registrations yet (a new installation): the page says so.
    report = build_report(year) if has_data(year) else None
    audit_record(
        actor=request.user,
        action="view",
        object_type=OBJECT_TYPE,
        object_id=str(year),
        reason="jaaroverzicht bekeken",
        detail={"format": "web"},
    )
    return render(
        request,
        "reporting/page.html",
        {
            "year": year,
            "report": report,
            "body": render_html(report, standalone=False) if report else "",
            "formats": FORMATS,
            "years": _recent_years(),
        },
    )


@login_required
@report_styles_inline
def download(request, year: int, fmt: str):
    access_jaaroverzicht(request.user)
    if fmt not in FORMATS:
        raise Http404(f"Onbekend formaat {fmt!r}: kies uit {', '.join(FORMATS)}.")
    year = _year(year)
    data = render_report(build_report(year), fmt)
    audit_record(
        actor=request.user,
        action="view",
        object_type=OBJECT_TYPE,
        object_id=str(year),
        reason="jaaroverzicht gedownload",
        detail={"format": fmt},
    )
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt in ("html", "pdf") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename(year, fmt)}"'
    return response
