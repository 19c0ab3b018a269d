"""Running an import: read every line, validate every line, and write only when all are
right, in one transaction with one audit event for the whole file.

A kind (persons, households, dossiers, ...) turns each row into a `Planned` record: a new
object that passed the model's full validation (written in bulk afterwards), an update to
apply through the service functions, or nothing to do. Rows are matched on `extern_id`, so
importing the same file twice changes nothing.
"""

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from tqdm import tqdm

from welzijn.core.audit import audit_record, object_label
from welzijn.registry.importing.cells import CellError
from welzijn.registry.importing.reading import Row, read_rows


@dataclass(frozen=True)
class LineError:
    line: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"regel {self.line}" + (f", kolom {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class ImportRefused(Exception):
    """Nothing was written; `errors` names every wrong line and column."""

    def __init__(self, errors: list[LineError]):
        self.errors = sorted(errors, key=lambda e: (e.line, e.column or "", e.message))
        super().__init__(f"{len(self.errors)} fout(en)")


class RowInvalid(Exception):
    def __init__(self, errors: list[tuple[str | None, str]]):
        self.errors = errors


@dataclass
class Planned:
    """What one row leads to. `create` is written in bulk by the kind; `update` is a callable
    that applies the change through a service function."""

    action: str  # "created" | "updated" | "unchanged": the counter it adds to
    create: Any = None
    update: Callable[[], Any] | None = None


@dataclass
class ImportResult:
    kind: str
    file: str
    lines: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    created_ids: list[Any] = field(default_factory=list)


class ImportKind:
    """One kind of import file. Subclasses set the class attributes and `plan_row`."""

    name: ClassVar[str]
    label: ClassVar[str]
    model: ClassVar[type[models.Model]]
    #: column -> required in the header
    columns: ClassVar[dict[str, bool]]
    #: model field -> column, to report a ValidationError on the column it came from
    field_columns: ClassVar[dict[str, str]]

    def __init__(self, actor):
        self.actor = actor
        self.seen: dict[tuple[str, str], int] = {}

    def check_access(self) -> None:
        """Raise AccessDenied when the actor may not import this kind at all."""

    def prepare(self, rows: list[Row]) -> None:
        """Look up, in a few queries, what the rows refer to."""

    def plan_row(self, row: Row) -> Planned:
        raise NotImplementedError

    def write(self, creates: list[Any]) -> list[models.Model]:
        """Save the validated new objects; return the primary records created."""
        return self.model.objects.bulk_create(creates, batch_size=1000)

    # Helpers for the kinds.

    def once(self, row: Row, column: str, value: str) -> None:
        """A key (extern_id, INSZ, ...) may appear on one line of the file only."""
        if not value:
            return
        first = self.seen.setdefault((column, value), row.line)
        if first != row.line:
            raise RowInvalid([(column, f"'{value}' staat ook op regel {first}")])

    @staticmethod
    def as_update_of(instance: models.Model, current: models.Model) -> None:
        """Validate `instance` as the new state of `current`: uniqueness skips its own row."""
        instance.pk = current.pk
        instance._state.adding = False

    def cells(
        self, row: Row, parsers: dict[str, Callable[[str], Any]]
    ) -> tuple[dict[str, Any], list[tuple[str | None, str]]]:
        """Parse the row's cells; a cell that does not parse is None plus a problem."""
        values: dict[str, Any] = {}
        problems: list[tuple[str | None, str]] = []
        for column, parse in parsers.items():
            try:
                values[column] = parse(row.get(column))
            except CellError as exc:
                values[column] = None
                problems.append((column, str(exc)))
        return values, problems

    def validate(
        self,
        instance: models.Model,
        problems: list[tuple[str | None, str]],
        exclude: list[str] | None = None,
    ) -> None:
        """The model's full validation (fields, clean(), constraints) on top of the cell
        problems; raise RowInvalid with all of them. A column whose cell did not parse is
        reported once."""
        try:
            instance.full_clean(exclude=exclude)
        except ValidationError as exc:
            bad = {column for column, _ in problems}
            problems = problems + [(c, m) for c, m in self.mapped(exc) if c is None or c not in bad]
        if problems:
            raise RowInvalid(problems)

    def mapped(self, exc: ValidationError) -> list[tuple[str | None, str]]:
        if not hasattr(exc, "error_dict"):
            return [(None, message) for message in exc.messages]
        return [
            (_column(self, name), message)
            for name, messages in exc.message_dict.items()
            for message in messages
        ]


KINDS: dict[str, type[ImportKind]] = {}


def register(kind: type[ImportKind]) -> type[ImportKind]:
    KINDS[kind.name] = kind
    return kind


def _errors_of(kind: ImportKind, row: Row, exc: RowInvalid | ValidationError) -> list[LineError]:
    found = exc.errors if isinstance(exc, RowInvalid) else kind.mapped(exc)
    return [LineError(row.line, column, message) for column, message in found]


def _column(kind: ImportKind, field_name: str) -> str | None:
    if field_name in kind.columns:
        return field_name
    return kind.field_columns.get(field_name)


def _header_errors(kind: ImportKind, header: list[str]) -> list[LineError]:
    errors = [
        LineError(1, column, "deze verplichte kolom ontbreekt")
        for column, required in kind.columns.items()
        if required and column not in header
    ]
    errors += [
        LineError(1, column or "(leeg)", "onbekende kolom; toegelaten: " + ", ".join(kind.columns))
        for column in header
        if column not in kind.columns
    ]
    return errors


def run_import(
    kind_class: type[ImportKind], path: Path, *, actor, dry_run: bool = False
) -> ImportResult:
    """Validate every line of the file and, when all are right and not dry_run, write them.

    Raises ImportRefused (nothing written) or FileUnreadable; AccessDenied when the actor may
    not import this kind."""
    kind = kind_class(actor)
    kind.check_access()
    header, rows = read_rows(Path(path))
    errors = _header_errors(kind, header)
    if errors:
        raise ImportRefused(errors)
    result = ImportResult(kind.name, Path(path).name, len(rows), dry_run=dry_run)
    with transaction.atomic():
        kind.prepare(rows)
        plans: list[tuple[Row, Planned]] = []
        progress = tqdm(
            rows,
            desc=f"controle {kind.label}",
            unit=" regels",
            file=sys.stderr,
            disable=not sys.stderr.isatty() or len(rows) < 500,
        )
        for row in progress:
            try:
                plans.append((row, kind.plan_row(row)))
            except (RowInvalid, ValidationError) as exc:
                errors += _errors_of(kind, row, exc)
        if errors:
            raise ImportRefused(errors)
        for _, plan in plans:
            setattr(result, plan.action, getattr(result, plan.action) + 1)
        if dry_run:
            return result
        created = kind.write([plan.create for _, plan in plans if plan.action == "created"])
        for row, plan in plans:
            if plan.update is not None:
                try:
                    plan.update()
                except ValidationError as exc:  # a rule only the service function checks
                    errors += _errors_of(kind, row, exc)
        if errors:
            raise ImportRefused(errors)
        result.created_ids = [obj.pk for obj in created]
        audit_record(
            actor=actor,
            action="load",
            object_type=object_label(kind.model),
            reason="import",
            detail={
                "kind": kind.name,
                "file": result.file,
                "lines": result.lines,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "created_ids": result.created_ids,
            },
        )
    return result
