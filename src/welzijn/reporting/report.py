"""The jaaroverzicht: indicators per chapter and section, charts, breakdowns, appendix; and
its renderings (HTML, PDF, CSV, XLSX). Only aggregates that passed `privacy` get here."""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
from dataclasses import dataclass, field
from functools import partial

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from welzijn.casework.models import Contact, Intervention, Trajectory
from welzijn.catalog.models import Domain

from . import charts, concurrent, measures, pdf
from .compute import (
    AGE_BANDS,
    CLIENT_KINDS,
    Result,
    ServiceIds,
    client_profile,
    compute,
    households_per_office,
    households_per_wijk,
)
from .indicators import CHAPTERS, Indicator, by_chapter
from .privacy import MIN_BASE, Shown, count_cells, count_shown, show

FORMATS = ("html", "pdf", "csv", "xlsx")
FIRST_YEAR = 2000
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: figures on the cover and in the chapter "Missie en aanpak"
HIGHLIGHTS = (
    "clienten_huishoudens",
    "clienten_personen",
    "leefloon_personen",
    "energie",
    "nachtopvang",
    "praktijktesten",
    "activering",
    "vrijwilligersloket",
)


class ReportError(ValueError):
    """Bad input for a report: the message is Dutch and names the option."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(message)
        self.option = option


def validate_year_range(year: int) -> int:
    this_year = dt.date.today().year
    if not FIRST_YEAR <= year <= this_year:
        raise ReportError("jaar", f"jaar {year}: kies een jaar tussen {FIRST_YEAR} en {this_year}.")
    return year


def validate_year(year: int) -> int:
    """A year the report can be made for: in range, and with registered data."""
    validate_year_range(year)
    if not has_data(year):
        raise ReportError(
            "jaar", f"jaar {year}: er zijn geen geregistreerde gegevens voor dat jaar."
        )
    return year


def has_data(year: int) -> bool:
    """A year has data when at least one record is dated in it (a trajectory started or
    ended, an intervention, a contact, ...): a trajectory or stay that merely runs on into
    a year registers nothing in it, so the current year is not offered on 1 January."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (
        Intervention.objects.valid().filter(date__range=(start, end)).exists()
        or Trajectory.objects.filter(
            Q(start_date__range=(start, end)) | Q(end_date__range=(start, end))
        ).exists()
        or Contact.objects.valid().filter(occurred_on__range=(start, end)).exists()
        or any(has_records(year) for has_records in measures.DATA_SOURCES)
    )


def validate_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ReportError("format", f"--format {fmt}: kies uit {', '.join(FORMATS)}.")
    return fmt


@dataclass
class Item:
    indicator: Indicator
    result: Result
    shown: Shown


@dataclass
class Section:
    name: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Chapter:
    code: str
    name: str
    number: int
    intro: str
    sections: list[Section] = field(default_factory=list)
    charts: list[tuple[str, SafeString, str]] = field(default_factory=list)  # title, svg, note
    yoy: list[tuple[str, SafeString, str]] = field(default_factory=list)
    # what computing the chapter cost, summed over the connections that computed its parts
    # at once (`concurrent`): so the chapters' seconds add up to more than the report's
    seconds: float = 0.0  # wall time
    cpu: float = 0.0  # CPU time of the threads (not the database server's)
    queries: int = 0


@dataclass
class Breakdown:
    name: str
    households: str
    persons: str
    numbers: tuple[float | None, float | None] = (None, None)  # as published, for XLSX


@dataclass
class Report:
    year: int
    chapters: list[Chapter]
    items: dict[str, Item]
    per_wijk: list[Breakdown]
    per_office: list[Breakdown]
    generated_at: dt.datetime
    highlights: list[Item] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def all_items(self) -> list[Item]:
        return [i for c in self.chapters for s in c.sections for i in s.items]

    @property
    def suppressed(self) -> int:
        return sum(1 for i in self.all_items if i.shown.suppressed)


def _breakdown(rows: list[tuple[str, int, int]]) -> list[Breakdown]:
    """Households and persons per wijk or office, each column suppressed with its
    complement (`privacy.count_cells`)."""
    households = count_cells({name: h for name, h, _ in rows})
    persons = count_cells({name: p for name, _, p in rows})
    return [
        Breakdown(name, h.text, p.text, (h.number, p.number))
        for (name, _, _), h, p in zip(rows, households, persons, strict=True)
    ]


#: the chapter with the client base (its profile and its breakdowns per wijk and office)
CLIENT_CHAPTER = "hulp-op-maat"
_CLIENT_BASE = ("profiel", "per wijk", "per kantoor")


def _tasks(year: int, groups: dict[str, list[Indicator]], ids: ServiceIds) -> dict:
    """What build_report computes, as tasks keyed (chapter, part): the client base's three
    first (the longest), then each chapter's counted indicators in parts (the client base's
    indicators are read from its profile)."""
    client_base = (client_profile, households_per_wijk, households_per_office)
    tasks: dict = {
        (CLIENT_CHAPTER, part): partial(query, year, ids)
        for part, query in zip(_CLIENT_BASE, client_base, strict=True)
    }
    for code, _ in CHAPTERS:
        counted = [i for i in groups[code] if i.kind not in CLIENT_KINDS]
        for first, part in concurrent.parts(counted):
            tasks[(code, first)] = partial(compute, year, part, ids=ids)
    return tasks


def build_report(year: int, *, with_charts: bool = True) -> Report:
    """Compute every chapter, on two database connections at once where they can
    (`concurrent`); ``Chapter.seconds``, ``cpu`` and ``queries`` say what each chapter's
    computing cost."""
    ids = ServiceIds()
    ids([])  # the service ids read once, before the connections share them
    intros = dict(Domain.objects.values_list("code", "description"))
    groups = by_chapter()
    timed = concurrent.run_timed(_tasks(year, groups, ids))
    profile, per_wijk, per_office = (timed[(CLIENT_CHAPTER, part)].value for part in _CLIENT_BASE)
    chapters: list[Chapter] = []
    items: dict[str, Item] = {}
    for number, (code, name) in enumerate(CHAPTERS, start=1):
        chapter = Chapter(code, name, number, intros.get(code, ""))
        start, cpu = time.perf_counter(), time.thread_time()
        inds = groups[code]
        mine = [(part, t) for (of, part), t in timed.items() if of == code]
        results = compute(year, [i for i in inds if i.kind in CLIENT_KINDS], profile=profile)
        for part, t in mine:
            if part not in _CLIENT_BASE:
                results.update(t.value)
        sections: dict[str, Section] = {}
        for ind in inds:
            item = Item(ind, results[ind.code], show(results[ind.code]))
            items[ind.code] = item
            sections.setdefault(ind.section, Section(ind.section)).items.append(item)
        chapter.sections = list(sections.values())
        if with_charts:
            if code == CLIENT_CHAPTER:
                chapter.charts = _client_charts(profile, per_wijk)
            chapter.yoy = _yoy_charts([i for i in inds if i.compare_previous], items, year)
        chapter.seconds = time.perf_counter() - start + sum(t.seconds for _, t in mine)
        chapter.cpu = time.thread_time() - cpu + sum(t.cpu for _, t in mine)
        chapter.queries = sum(t.queries for _, t in mine)
        chapters.append(chapter)
    return Report(
        year=year,
        chapters=chapters,
        items=items,
        per_wijk=_breakdown(per_wijk),
        per_office=_breakdown(per_office),
        generated_at=timezone.localtime(),
        highlights=[items[c] for c in HIGHLIGHTS if c in items],
    )


def _client_charts(profile, per_wijk) -> list[tuple[str, SafeString, str]]:
    out = []
    note_share = f"Aandelen op minder dan {MIN_BASE} huishoudens of personen tonen we niet."
    if profile.households >= MIN_BASE:
        labels = list(profile.composition)
        values = [v / profile.households for v in profile.composition.values()]
        svg = charts.bars_horizontal(labels, values, percent=True)
        title = "Samenstelling van de cliënthuishoudens"
        out.append((title, mark_safe(charts.titled(svg, title)), note_share))
    else:
        out.append(("Samenstelling van de cliënthuishoudens", mark_safe(""), note_share))
    if profile.persons >= MIN_BASE:
        labels = [label for label, _, _ in AGE_BANDS]
        values = [profile.ages[label] / profile.persons for label in labels]
        svg = charts.bars_vertical([f"{x} jaar" for x in labels], values)
        title = "Leeftijd van de cliënten (op 31 december)"
        out.append((title, mark_safe(charts.titled(svg, title)), note_share))
    else:
        out.append(("Leeftijd van de cliënten (op 31 december)", mark_safe(""), note_share))
    rows = [r for r in per_wijk if r[1]]
    svg = charts.bars_horizontal(
        [r[0] for r in rows], [count_shown(r[1]) for r in rows], unit="huishoudens"
    )
    out.append(
        (
            "Geholpen huishoudens per wijk",
            mark_safe(charts.titled(svg, "Geholpen huishoudens per wijk")),
            "Wijk van het adres van het huishouden. Minder dan 5 huishoudens: ‘< 5’.",
        )
    )
    return out


def _yoy_charts(inds, items, year) -> list[tuple[str, SafeString, str]]:
    if not inds:
        return []
    labels, prev, cur = [], [], []
    for ind in inds:
        res = items[ind.code].result
        labels.append(_short(ind.label))
        prev.append(count_shown(res.previous, ind.is_count_of_people))
        cur.append(count_shown(res.value, ind.is_count_of_people))
    svg = charts.year_over_year(labels, prev, cur, (year - 1, year))
    title = f"{year - 1} en {year} vergeleken"
    return [(title, mark_safe(charts.titled(svg, title)), "")]


def _short(label: str) -> str:
    words = label.split()
    lines, line = [], ""
    for w in words:
        if len(line) + len(w) > 22 and line:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    return "\n".join(lines)


# --- renderings ----------------------------------------------------------------------------


def render_html(report: Report, *, standalone: bool = True, for_pdf: bool = False) -> str:
    return render_to_string(
        "reporting/jaaroverzicht.html",
        {"report": report, "standalone": standalone, "min_base": MIN_BASE, "for_pdf": for_pdf},
    )


def render_pdf(report: Report) -> bytes:
    return pdf.write(render_html(report, for_pdf=True))


def _rows(report: Report):
    yield [
        "hoofdstuk",
        "onderdeel",
        "code",
        "indicator",
        "waarde",
        "getal",
        "eenheid",
        f"{report.year - 1}",
        "definitie",
    ]
    for chapter in report.chapters:
        for section in chapter.sections:
            for item in section.items:
                ind, shown = item.indicator, item.shown
                yield [
                    chapter.name,
                    section.name,
                    ind.code,
                    ind.label,
                    shown.text,
                    "" if shown.number is None else shown.number,
                    ind.unit,
                    shown.previous_text,
                    f"{ind.definition} Bron: {item.result.source}."
                    if item.result.source
                    else ind.definition,
                ]


def csv_number(value: object) -> object:
    """A number as Belgian Excel reads it: decimal comma, no thousands separator."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return f"{value:.4f}".rstrip("0").rstrip(".").replace(".", ",")
    return value


def render_csv(report: Report) -> bytes:
    """Semicolon-separated with the decimal comma: what Excel in nl-BE expects."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";")
    for row in _rows(report):
        writer.writerow([csv_number(cell) for cell in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


def render_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Indicatoren"
    for row in _rows(report):
        ws.append(row)
    for item, cells in zip(report.all_items, ws.iter_rows(min_row=2), strict=True):
        if item.indicator.is_share:
            cells[5].number_format = "0.0%"  # a share is stored as its fraction
    for name, rows in (("Per wijk", report.per_wijk), ("Per welzijnsbureau", report.per_office)):
        sheet = wb.create_sheet(name)
        sheet.append([name.split()[-1], "geholpen huishoudens", "personen"])
        for b in rows:  # numbers as numbers; a suppressed cell keeps its text '< 5'
            h, p = b.numbers
            sheet.append([b.name, b.households if h is None else h, b.persons if p is None else p])
    info = wb.create_sheet("Toelichting")
    info.append([f"Jaaroverzicht {report.year} — Welzijn en Samenleving, Stad Gent"])
    info.append([PRIVACY_NOTE])
    for sheet in wb.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


PRIVACY_NOTE = (
    "Privacy: dit overzicht bevat alleen tellingen. Aantallen personen of huishoudens "
    "van 1 tot 4 tonen we als ‘< 5’; aandelen berekend op minder dan 20 tonen we niet. "
    "Namen, INSZ-nummers en adressen komen nooit in dit overzicht."
)


def render(report: Report, fmt: str) -> bytes:
    validate_format(fmt)
    if fmt == "html":
        return render_html(report).encode("utf-8")
    if fmt == "pdf":
        return render_pdf(report)
    if fmt == "csv":
        return render_csv(report)
    return render_xlsx(report)


def filename(year: int, fmt: str) -> str:
    return f"jaaroverzicht-{year}.{fmt}"
