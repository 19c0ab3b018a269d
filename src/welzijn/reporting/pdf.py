"""The jaaroverzicht as PDF/UA-1, the way a city publishes it: tagged by WeasyPrint, with
the one piece of tagging WeasyPrint leaves out (the /Scope of header cells) added before
the file is written."""

from __future__ import annotations

import pydyf


def _object(pdf: pydyf.PDF, reference: bytes) -> pydyf.Dictionary:
    return pdf.objects[int(reference.split()[0])]


def scope_header_cells(_document, pdf: pydyf.PDF) -> None:
    """Give every /TH its /Scope: /Column in the table's head, /Row in its body.

    WeasyPrint tags ``th`` as /TH and links each /TD to its headers (/Headers, from the
    same rule: a ``th`` in ``thead`` heads its column, one with ``scope="row"`` its row), but
    writes no /Scope, which PDF/UA checkers ask of every header cell."""
    for obj in list(pdf.objects):
        if not isinstance(obj, pydyf.Dictionary) or obj.get("S") != "/TH":
            continue
        group = _object(pdf, _object(pdf, obj["P"])["P"])  # TH < TR < THead/TBody/TFoot
        scope = "/Column" if group.get("S") == "/THead" else "/Row"
        obj.setdefault("A", pydyf.Dictionary({"O": "/Table"}))["Scope"] = scope


def write(html: str) -> bytes:
    from weasyprint import HTML  # heavy: imported when a PDF is asked for

    # PDF/UA-1: tagged (headings, tables, lists, figures), with its language and title,
    # so that a screen reader can read the published report
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", finisher=scope_header_cells)
