"""The jaaroverzicht as a city publishes it: a tagged PDF/UA, CSV for Belgian Excel, XLSX
with numbers as numbers, Dutch plural forms."""

import csv
import io
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pikepdf
import pytest
from openpyxl import load_workbook

from welzijn.reporting import charts
from welzijn.reporting.compute import Result
from welzijn.reporting.indicators import BY_CODE
from welzijn.reporting.privacy import show, unit_for
from welzijn.reporting.report import build_report, render, render_csv, render_html

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
    elements = _structure(root.StructTreeRoot)
    kinds = {str(e.S) for e in elements}
    assert {"/H1", "/H2", "/Table", "/THead", "/TH", "/TD", "/P", "/Figure"} <= kinds
    headers = [e for e in elements if e.S == "/TH"]
    assert all(str(e.A.Scope) in ("/Column", "/Row") for e in headers), "a TH without /Scope"
    assert all(len(e.A.Headers) for e in elements if e.S == "/TD"), "a TD without its headers"
    assert all(str(e.get("/Alt", "")) for e in elements if e.S == "/Figure"), "a chart without /Alt"
    assert all(e.get("/K") is not None for e in elements if str(e.S) in ("/H1", "/H2", "/H3"))


def test_pdf_pages_draw_no_rule_dot_by_dot(tiny):  # noqa: F811
    """A dotted border is painted by WeasyPrint as one path per dot: the page of contents
    was 680 KB of drawing, a quarter of the PDF's time. Every page stays small."""
    pdf = pikepdf.open(io.BytesIO(render(build_report(2023), "pdf")))
    sizes = []
    for page in pdf.pages:
        contents = page.Contents
        streams = contents if isinstance(contents, pikepdf.Array) else [contents]
        sizes.append(sum(len(s.read_bytes()) for s in streams))
    assert max(sizes) < 100_000, sizes


def test_pdf_lays_the_figures_out_in_rows_of_three(tiny):  # noqa: F811
    """One row of figures per line of the PDF, nothing between them: a fourth figure on a
    line is laid out only to find that it does not fit, and laid out again on the next."""
    report = build_report(2023, with_charts=False)
    html = render_html(report, for_pdf=True)
    rows = _rows_of_figures(html)
    assert rows and all(1 <= n <= 3 for n in rows)
    assert sum(rows) == len(report.highlights) + len(report.all_items)
    assert not re.search(r'</div>\s+<div class="(fig|row)\b', html)


def _rows_of_figures(html: str) -> list[int]:
    """The number of figures in each ``div.row``; a figure outside a row is a row of 0."""

    class Rows(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []
            self.rows: list[int] = []

        def handle_starttag(self, tag, attrs):
            if tag != "div":
                return
            kind = (dict(attrs).get("class") or "").split()
            kind = kind[0] if kind else ""
            if kind == "row":
                self.rows.append(0)
            elif kind == "fig":
                if self.stack[-1:] == ["row"]:
                    self.rows[-1] += 1
                else:
                    self.rows.append(0)
            self.stack.append(kind)

        def handle_endtag(self, tag):
            if tag == "div":
                self.stack.pop()

    parser = Rows()
    parser.feed(html)
    return parser.rows


def test_a_chart_is_the_same_svg_each_time():
    """No metadata block with the time it was drawn: the same figures give the same chart,
    and the same PDF."""
    draw = lambda: charts.bars_vertical(["0-17 jaar", "18-29 jaar"], [0.25, None])  # noqa: E731
    first = draw()
    assert first == draw() and "<metadata" not in first


def test_a_chart_with_long_labels_keeps_its_width():
    """The labels fit inside the chart's 6.2 inches (and the 0.1 inch that the tight box pads
    on each side), within the frame of a figure on A4: a chart wider than the frame is scaled
    down in the PDF, its text with it, or runs past the page's edge."""
    svg = charts.bars_horizontal(["Elisabethbegijnhof-Prinsenhof-Papegaai-Sint-Michiels"], [476])
    width = float(re.search(r'width="([0-9.]+)pt"', svg).group(1))
    assert width <= (6.2 + 2 * 0.1) * 72


def _structure(root) -> list:
    """Every structure element under the root, depth first."""
    found, stack = [], [root]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                found.append(node)
            kids = node.get("/K")
            if kids is not None:
                stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
        elif isinstance(node, pikepdf.Array):
            stack.extend(node)
    return found


#: A PDF/UA checker that runs here without a JVM (veraPDF's CLI is not reachable: Maven
#: Central is not), installed apart: ``pip install pdfua`` in any venv, and on the PATH or in
#: ``$WELZIJN_PDFUA``.
PDFUA = os.environ.get("WELZIJN_PDFUA") or shutil.which("pdfua")


@pytest.mark.skipif(not PDFUA, reason="no PDF/UA checker (pdfua) installed")
def test_pdf_passes_the_pdf_ua_checker(tiny, tmp_path):  # noqa: F811
    """No untagged content (decorations are artifacts), every header cell scoped, title and
    language: the checker's machine-checkable subset of PDF/UA-1, without a finding."""
    path = tmp_path / "jaaroverzicht.pdf"
    path.write_bytes(render(build_report(2023), "pdf"))
    checked = subprocess.run(
        [PDFUA, "check", str(path)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stdout
