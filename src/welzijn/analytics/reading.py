"""Reading through the pseudonymised views: `pseudonymised()` around a computation makes the
ORM's unchanged queries resolve the tables' names to the views (PostgreSQL: search_path
``analytics`` alone, so a table without a view is an error; SQLite: TEMP views with the
same SELECT, searched before ``main``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DatabaseError, connections

from . import schema


@contextmanager
def pseudonymised(using: str = "default") -> Iterator[None]:
    conn = connections[using]
    depth = getattr(conn, "_analytics_depth", 0)
    if depth:  # already inside: the views are in place
        yield
        return
    conn.ensure_connection()
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            schema.update_pseudonyms(conn)
            cursor.execute("SELECT current_setting('search_path'), current_setting('jit')")
            previous, jit = cursor.fetchone()
            cursor.execute(f"SET search_path TO {schema.SCHEMA}")
            # The report's queries are short aggregates over views whose joins PostgreSQL
            # estimates badly: compiling them (JIT) took seconds each, running them ms.
            cursor.execute("SET jit = off")
        else:
            schema.create_temp_views(conn)
    conn._analytics_depth = 1
    try:
        yield
    finally:
        conn._analytics_depth = 0
        try:  # after an error in a transaction its rollback undoes the SET/CREATE anyway
            with conn.cursor() as cursor:
                if conn.vendor == "postgresql":
                    cursor.execute(
                        "SELECT set_config('search_path', %s, false), set_config('jit', %s, false)",
                        [previous, jit],
                    )
                else:
                    schema.drop_temp_views(conn)
        except DatabaseError:
            pass
