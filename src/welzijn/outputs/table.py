"""Reading an import file of monthly figures (CSV with ; or , or an XLSX sheet) into rows
checked line by line; every bad line and field is named, in Dutch."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from welzijn.core.numbers import parse_decimal
from welzijn.outputs.models import NOTE_MAX_LENGTH, SOURCE_MAX_LENGTH, OutputKind
from welzijn.outputs.months import parse_month
from welzijn.outputs.services import ImportRow

HEADER = ("dienst", "eenheid", "maand", "aantal", "bron", "opmerking")
REQUIRED = HEADER[:5]
MAX_ROWS = 5000


def read_cells(content: bytes, filename: str) -> list[list]:
    """The file's rows as text cells (the header first)."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception as exc:  # openpyxl raises many kinds on a damaged file
            raise ValidationError({"file": "Dit is geen leesbaar XLSX-bestand."}) from exc
        # dates and numbers stay what the sheet holds: 1.214 in a number cell is unambiguous
        return [
            [
                "" if c is None else c if isinstance(c, dt.date | int | float) else str(c)
                for c in row
            ]
            for row in sheet.iter_rows(values_only=True)
        ]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError({"file": "Bewaar het CSV-bestand als UTF-8."}) from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def parse_rows(cells: list[list], kinds: QuerySet[OutputKind]) -> list[ImportRow]:
    """Rows of the kinds the user reports; a ValidationError lists every bad line."""
    if not cells:
        raise ValidationError({"file": "Het bestand is leeg."})
    header = [str(c).strip().lower() for c in cells[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ValidationError(
            {
                "file": f"Regel 1: de kolommen {', '.join(missing)} ontbreken (verwacht: "
                f"{';'.join(HEADER)})."
            }
        )
    if len(cells) - 1 > MAX_ROWS:
        raise ValidationError({"file": f"Meer dan {MAX_ROWS} regels: splits het bestand."})
    col = {name: header.index(name) for name in HEADER if name in header}
    by_key = {(k.service.code, k.unit.lower()): k for k in kinds.select_related("service")}
    errors: list[str] = []
    rows: list[ImportRow] = []
    for number, raw in enumerate(cells[1:], start=2):
        cell = {n: raw[i] if i < len(raw) else "" for n, i in col.items()}
        if not any(str(v).strip() for v in cell.values()):
            continue
        bad = []
        kind = by_key.get((str(cell["dienst"]).strip(), str(cell["eenheid"]).strip().lower()))
        if kind is None:
            bad.append(
                (
                    "dienst",
                    f"u rapporteert geen ‘{cell['eenheid']}’ voor de dienst ‘{cell['dienst']}’.",
                )
            )
        try:
            month = parse_month(cell["maand"])
        except ValueError as exc:
            bad.append(("maand", str(exc)))
        try:
            amount = cell["aantal"]
            is_number = isinstance(amount, int | float) and not isinstance(amount, bool)
            quantity = Decimal(str(amount)) if is_number else parse_decimal(str(amount))
        except ValueError as exc:
            bad.append(("aantal", str(exc)))
        source = str(cell["bron"]).strip()
        note = str(cell.get("opmerking", "")).strip()
        if not source:
            bad.append(("bron", "vul de bron van het cijfer in."))
        elif len(source) > SOURCE_MAX_LENGTH:
            bad.append(("bron", f"ten hoogste {SOURCE_MAX_LENGTH} tekens."))
        if len(note) > NOTE_MAX_LENGTH:
            bad.append(("opmerking", f"ten hoogste {NOTE_MAX_LENGTH} tekens."))
        if bad:
            errors.extend(f"Regel {number}, veld ‘{f}’: {m}" for f, m in bad)
            continue
        assert kind is not None
        rows.append(ImportRow(number, kind, month, quantity, source, note))
    if errors:
        raise ValidationError({"file": errors})
    return rows
