"""The jaaroverzicht as a city publishes it: a tagged PDF/UA, CSV for Belgian Excel, XLSX
with numbers as numbers, Dutch plural forms."""

import csv
import io

import pikepdf
from openpyxl import load_workbook

from welzijn.reporting.compute import Result
from welzijn.reporting.indicators import BY_CODE
from welzijn.reporting.privacy import show, unit_for
from welzijn.reporting.report import build_report, render, render_csv

from .test_report import tiny  # noqa: F401  (the fixture)


def test_units_take_the_dutch_singular_for_one():
    assert unit_for("personen", 1) == "persoon" and unit_for("personen", 2) == "personen"
    assert unit_for("personen", 0) == "personen"
    assert unit_for("mobiele kruideniers", 1) == "mobiele kruidenier"
    assert unit_for("landen van herkomst", 1) == "land van herkomst"
    assert unit_for("ton", 1) == "ton"
    assert show(Result(BY_CODE["sociale_restaurants"], 1)).unit == "restaurant"
    assert show(Result(BY_CODE["sociale_restaurants"], 9)).unit == "restaurants"


def test_csv_has_the_decimal_comma_and_semicolons(tiny):  # noqa: F811
    report = build_report(2023, with_charts=False)
    rows = list(csv.reader(io.StringIO(render_csv(report).decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    getal = header.index("getal")
    numbers = [r[getal] for r in body if r[getal]]
    assert numbers and all("." not in n for n in numbers)
    share = next(r for r in body if r[2] == "clienten_alleenstaand")
    assert share[getal] == "" or "," in share[getal] or share[getal] in ("0", "1")
    assert any(r[getal] == "103313" for r in body)  # no thousands separator in the number


def test_xlsx_stores_numbers_as_numbers(tiny):  # noqa: F811
    wb = load_workbook(io.BytesIO(render(build_report(2023, with_charts=False), "xlsx")))
    ws = wb["Indicatoren"]
    header = [c.value for c in ws[1]]
    col = header.index("getal")
    values = [row[col] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert 103313 in values and all(v is None or isinstance(v, int | float) for v in values)
    wijk = wb["Per wijk"]
    cells = [c for row in wijk.iter_rows(min_row=2, values_only=True) for c in row[1:]]
    assert all(isinstance(c, int | float) or c == "< 5" for c in cells)


def test_pdf_is_tagged_pdf_ua(tiny):  # noqa: F811
    """What veraPDF would check first, read with pikepdf: a structure tree with headings,
    tables and their header cells, the language, the title shown, the PDF/UA identifier."""
    pdf = pikepdf.open(io.BytesIO(render(build_report(2023), "pdf")))
    root = pdf.Root
    assert root.MarkInfo.Marked is True
    assert str(root.Lang).startswith("nl")
    assert root.ViewerPreferences.DisplayDocTitle is True
    with pdf.open_metadata() as meta:
        assert meta.get("pdfuaid:part") == "1"
        assert "Jaaroverzicht 2023" in str(meta.get("dc:title"))
    kinds = set()
    stack = [root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                kinds.add(str(node.S))
            kids = node.get("/K")
            if kids is not None:
                stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
        elif isinstance(node, pikepdf.Array):
            stack.extend(node)
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/P"} <= kinds
