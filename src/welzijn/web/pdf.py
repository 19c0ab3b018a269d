"""A letter as a PDF download (WeasyPrint), from a template that extends
`web/procedure/pdf_base.html` (A4, the city's footer, sender and address blocks)."""

from django.http import HttpResponse
from django.template.loader import render_to_string


def pdf_response(template: str, context: dict, filename: str) -> HttpResponse:
    from weasyprint import HTML

    pdf = HTML(string=render_to_string(template, context)).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
