"""Reading through the pseudonymised views: `pseudonymised()` around a computation makes the
ORM's unchanged queries resolve the tables' names to the views (PostgreSQL: search_path
``analytics`` alone, so a table without a view is an error; SQLite: TEMP views with the
same SELECT, searched before ``main``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DatabaseError, connections

from . import schema

#: PostgreSQL: the session's settings while it reads the views (besides search_path, to
#: them), restored after. The report's queries are short aggregates over views whose joins
#: PostgreSQL estimates badly: compiling them (JIT) took seconds each, running them ms; and
#: starting parallel workers for each of its 200 queries cost more than they saved (at scale
#: 1 the report took 3.3 s with them, 2.0 s without), the more so as the report runs two
#: connections at once (`reporting.concurrent`), one on each core.
SESSION_SETTINGS = {"jit": "off", "max_parallel_workers_per_gather": "0"}


def _set(cursor, settings: dict[str, str]) -> None:
    names = list(settings)
    cursor.execute(
        "SELECT " + ", ".join("set_config(%s, %s, false)" for _ in names),
        [v for name in names for v in (name, settings[name])],
    )


def is_pseudonymised(using: str = "default") -> bool:
    """Whether this thread's connection reads through the views (inside `pseudonymised`)."""
    return bool(getattr(connections[using], "_analytics_depth", 0))


@contextmanager
def pseudonymised(using: str = "default", *, update: bool = True) -> Iterator[None]:
    """The views in place on this thread's connection; with `update`, first the pseudonyms
    of the ids registered since the last time (a second connection of a computation whose
    first one just did that passes False)."""
    conn = connections[using]
    if is_pseudonymised(using):  # already inside: the views are in place
        yield
        return
    conn.ensure_connection()
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            if update:
                schema.update_pseudonyms(conn)
            wanted = {"search_path": schema.SCHEMA, **SESSION_SETTINGS}
            cursor.execute("SELECT " + ", ".join("current_setting(%s)" for _ in wanted), [*wanted])
            previous = dict(zip(wanted, cursor.fetchone(), strict=True))
            _set(cursor, wanted)
        else:
            schema.create_temp_views(conn, update=update)
    conn._analytics_depth = 1
    try:
        yield
    finally:
        conn._analytics_depth = 0
        try:  # after an error in a transaction its rollback undoes the SET/CREATE anyway
            with conn.cursor() as cursor:
                if conn.vendor == "postgresql":
                    _set(cursor, previous)
                else:
                    schema.drop_temp_views(conn)
        except DatabaseError:
            pass
