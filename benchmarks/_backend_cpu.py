"""The CPU time of the PostgreSQL backend that serves a Django connection, when the server
runs on this machine: its work is not this process's CPU time (on SQLite it is)."""

from collections.abc import Callable


def backend_cpu(connection) -> Callable[[], float] | None:
    """A function that gives the CPU seconds the connection's backend has used so far, to
    the nanosecond (Linux /proc/<pid>/schedstat); None on SQLite or when the backend is not
    on this machine. The backend is looked up once, so reading it sends no query."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        path = f"/proc/{cursor.fetchone()[0]}/schedstat"

    def used() -> float:
        with open(path) as f:
            return int(f.read().split()[0]) / 1e9

    try:
        used()
    except OSError:
        return None
    return used
