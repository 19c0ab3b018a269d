"""Reading an import file: semicolon-separated UTF-8 text (with or without BOM) or the first
sheet of an XLSX workbook; the first row names the columns."""

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class FileUnreadable(Exception):
    """The file as a whole cannot be read (a Dutch message for the user)."""


@dataclass(frozen=True)
class Row:
    """One data row: its line (1 is the header) and its cells by column name, stripped."""

    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "")


def normalise_header(name: str) -> str:
    return "_".join(str(name or "").strip().lower().split())


def read_rows(path: Path) -> tuple[list[str], list[Row]]:
    """The header and the non-empty rows of a .csv/.txt or .xlsx file."""
    if path.suffix.lower() == ".xlsx":
        header, rows = _xlsx(path)
    else:
        header, rows = _csv(path)
    columns = [normalise_header(name) for name in header]
    result = []
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
            raise FileUnreadable(f"regel {line}: meer cellen dan kolommen in de kopregel")
        values = {col: cell.strip() for col, cell in zip(columns, cells, strict=False) if col}
        result.append(Row(line, values))
    return columns, result


def _csv(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileUnreadable(
            f"het bestand is geen UTF-8-tekst (fout op byte {exc.start}); bewaar het als "
            "'CSV UTF-8 (door lijstscheidingsteken gescheiden)'"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    header = next(reader, None)
    if not header:
        raise FileUnreadable("het bestand is leeg")

    def rows() -> Iterator[tuple[int, list[str]]]:
        line = reader.line_num
        for cells in reader:
            yield line + 1, cells
            line = reader.line_num

    return header, rows()


def _cell_text(value: object) -> str:
    """An XLSX cell as the text a CSV export would hold: dates as dd/mm/jjjj, whole numbers
    without '.0'."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise FileUnreadable(f"het XLSX-bestand kan niet gelezen worden ({exc})") from None
    try:
        rows = [[_cell_text(v) for v in values] for values in workbook.worksheets[0].values]
    finally:
        workbook.close()
    if not rows:
        raise FileUnreadable("het eerste werkblad is leeg")
    return rows[0], iter(enumerate(rows[1:], start=2))
