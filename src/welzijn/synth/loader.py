"""Load generated tables in bulk, in one transaction: executemany on SQLite, COPY on
PostgreSQL; then reset the PostgreSQL sequences past the explicit ids."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection

from welzijn.casework.models import Office
from welzijn.catalog.models import Outcome, Service
from welzijn.core.bulk import analyze, bulk_insert
from welzijn.registry.models import Postcode, StatusKind, Wijk
from welzijn.subsidies.models import Call

from .meldingen import meldingen_refs
from .rows import TABLES, Refs, Tables


def model_for(table: str):
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table == table:
            return model
    raise LookupError(table)


def reference_refs() -> Refs:
    next_id = {}
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f'SELECT MAX(id) FROM "{table}"')
            next_id[table] = (cursor.fetchone()[0] or 0) + 1
    services = list(Service.objects.values_list("code", "id", "kind", "unit"))
    return Refs(
        wijk=dict(Wijk.objects.values_list("code", "id")),
        postcode=dict(Postcode.objects.values_list("code", "id")),
        office=dict(Office.objects.values_list("code", "id")),
        service={code: pk for code, pk, _, _ in services},
        service_kind={code: kind for code, _, kind, _ in services},
        service_unit={code: unit for code, _, _, unit in services},
        outcome={
            (a, c): pk for a, c, pk in Outcome.objects.values_list("applies_to", "code", "id")
        },
        status_kind=dict(StatusKind.objects.values_list("code", "id")),
        next_id=next_id,
        meldingen=meldingen_refs(),
        subsidy_calls=dict(Call.objects.values_list("code", "id")),
    )


def insert(tables: Tables, progress: Callable[[int], Any] | None = None) -> None:
    """Write every table; call ``progress(rows)`` after each chunk."""
    for table, columns in tables.columns.items():
        bulk_insert(table, columns, tables.rows[table], progress)
    reset_sequences(list(tables.columns))
    analyze(list(tables.columns))


def reset_sequences(table_names: list[str]) -> None:
    if connection.vendor != "postgresql":
        return  # SQLite AUTOINCREMENT follows explicit ids by itself
    statements = connection.ops.sequence_reset_sql(no_style(), [model_for(t) for t in table_names])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def delete_ranges(id_ranges: dict[str, list[int]]) -> None:
    """Delete rows of a previous synthetic load, children first."""
    with connection.cursor() as cursor:
        for table in reversed(TABLES):
            if table in id_ranges:
                lo, hi = id_ranges[table]
                cursor.execute(f'DELETE FROM "{table}" WHERE id BETWEEN %s AND %s', [lo, hi])


def digest(id_ranges: dict[str, list[int]]) -> str:
    """sha256 over every column of every row the load wrote, table by table, by id."""
    h = hashlib.sha256()
    with connection.cursor() as cursor:
        for table in TABLES:
            if table not in id_ranges:
                continue
            lo, hi = id_ranges[table]
            model = model_for(table)
            cols = ", ".join(f'"{f.column}"' for f in model._meta.concrete_fields)
            cursor.execute(
                f'SELECT {cols} FROM "{table}" WHERE id BETWEEN %s AND %s ORDER BY id', [lo, hi]
            )
            h.update(table.encode())
            while batch := cursor.fetchmany(50_000):
                for row in batch:
                    h.update(repr(tuple(str(v) if v is not None else None for v in row)).encode())
    return h.hexdigest()
