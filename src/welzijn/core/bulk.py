"""Bulk writes for large loads: COPY on PostgreSQL, executemany elsewhere.

For the paths that write tens of thousands of rows at once (synthetic data, screening
findings), where one ORM object per row would cost more than the work itself. Callers
validate first and run inside a transaction.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection

CHUNK = 20_000


def bulk_insert(
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    progress: Callable[[int], Any] | None = None,
) -> int:
    """Insert rows (tuples in the order of columns); return how many. `progress(n)` is
    called after each chunk of n rows."""
    rows = list(rows)
    tick = progress or (lambda n: None)
    names = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cursor:
        raw = cursor.cursor
        if connection.vendor == "postgresql":
            with raw.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for start in range(0, len(rows), CHUNK):
                    for row in rows[start : start + CHUNK]:
                        copy.write_row(row)
                    tick(len(rows[start : start + CHUNK]))
        else:
            marks = ", ".join("?" if connection.vendor == "sqlite" else "%s" for _ in columns)
            sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'
            for start in range(0, len(rows), CHUNK):
                raw.executemany(sql, rows[start : start + CHUNK])
                tick(len(rows[start : start + CHUNK]))
    return len(rows)


def bulk_update(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Update by id: each row is (*values in the order of columns, id)."""
    assignments = ", ".join(f'"{c}" = %s' for c in columns)
    with connection.cursor() as cursor:
        cursor.executemany(f'UPDATE "{table}" SET {assignments} WHERE id = %s', list(rows))


def analyze(tables: Sequence[str]) -> None:
    """Refresh the planner's statistics after a bulk load, so that the next queries do not
    plan for the empty tables of before."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE " + ", ".join(f'"{t}"' for t in tables))
        else:
            for table in tables:
                cursor.execute(f'ANALYZE "{table}"')
