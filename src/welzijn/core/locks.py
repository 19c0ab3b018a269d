"""Named locks that serialise a job across processes (two screenings at once, say)."""

from django.core.exceptions import ValidationError
from django.db import connection


def lock_or_refuse(name: str, message: str) -> None:
    """Take the exclusive lock `name` for the rest of the current transaction, or raise a
    ValidationError with `message` when another transaction holds it.

    PostgreSQL: a transaction-level advisory lock, released at commit or rollback. SQLite
    runs every transaction as BEGIN IMMEDIATE (see settings), so a writing transaction
    already holds the database's write lock and a second one waits for it at BEGIN.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(hashtext(%s))", [name])
        (obtained,) = cursor.fetchone()
    if not obtained:
        raise ValidationError({"__all__": message})
