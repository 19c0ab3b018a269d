"""The report's queries on two database connections at once.

Most of a report's time is the database's: on PostgreSQL the server's (the joins through
the pseudonym tables), on SQLite the library's, which runs without Python's lock. So a
second connection, in a thread of its own, computes part of the figures meanwhile, on the
same pseudonymised views when the caller reads through them.

Only when the caller's connection is not inside a transaction: each of its queries then
sees what is committed, and so does the other connection's. Inside a transaction (a test's,
or a caller's that wrote something first) another connection would not see what it has not
committed, and on an in-memory SQLite database there is no second connection to the same
data: then every task runs in the caller's thread, one after the other.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import CaptureQueriesContext

from welzijn.analytics.reading import is_pseudonymised, pseudonymised

#: connections a computation uses at most (the caller's included)
CONNECTIONS = 2
#: indicators a task computes: parts small enough for the connections to finish together
TASK_SIZE = 8


def parts(items: list) -> list[tuple[int, list]]:
    """The items in parts of TASK_SIZE, each with the index of its first."""
    return [(first, items[first : first + TASK_SIZE]) for first in range(0, len(items), TASK_SIZE)]


@dataclass
class Timed:
    """A task's value and what computing it cost: wall seconds, CPU seconds of its thread,
    queries."""

    value: Any
    seconds: float
    cpu: float
    queries: int


def _timed(task: Callable[[], Any]) -> Timed:
    start, cpu = time.perf_counter(), time.thread_time()
    with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as queries:
        value = task()
    return Timed(value, time.perf_counter() - start, time.thread_time() - cpu, len(queries))


def _may_share() -> bool:
    """Whether a second connection sees what the caller's sees (see the module)."""
    conn = connections[DEFAULT_DB_ALIAS]
    in_memory = conn.vendor == "sqlite" and conn.is_in_memory_db()
    return not conn.in_atomic_block and not in_memory


def _role_set() -> str | None:
    """PostgreSQL: the role the caller's connection acts as, when it is not the one it logged
    in as (SET ROLE, say to a role that may read the views only): the second connection
    takes it too."""
    conn = connections[DEFAULT_DB_ALIAS]
    if conn.vendor != "postgresql":
        return None
    with conn.cursor() as cursor:
        cursor.execute("SELECT current_user, session_user")
        current, session = cursor.fetchone()
    return current if current != session else None


def run_timed(tasks: dict[Hashable, Callable[[], Any]]) -> dict[Hashable, Timed]:
    """Every task's value, timed, computed on up to CONNECTIONS connections at once, the
    caller's first. The tasks are taken in their order as a connection comes free: the
    longest first, for both to finish together. The first error is raised, after every
    thread has stopped."""
    queue = iter(list(tasks.items()))
    lock = threading.Lock()
    done: dict[Hashable, Timed] = {}
    errors: list[BaseException] = []

    def work() -> None:
        while not errors:
            with lock:
                item = next(queue, None)
            if item is None:
                return
            key, task = item
            try:
                done[key] = _timed(task)
            except BaseException as error:  # re-raised in the caller's thread
                errors.append(error)

    def helper(views: bool, role: str | None) -> None:
        try:
            if role:
                conn = connections[DEFAULT_DB_ALIAS]  # this thread's own
                with conn.cursor() as cursor:
                    cursor.execute(f"SET ROLE {conn.ops.quote_name(role)}")
            # the caller brought the pseudonyms up to date a moment ago
            with pseudonymised(update=False) if views else nullcontext():
                work()
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()  # this thread's own

    helpers = []
    if _may_share():
        views, role = is_pseudonymised(), _role_set()
        helpers = [
            threading.Thread(target=helper, args=(views, role), name=f"report-{n}")
            for n in range(1, CONNECTIONS)
        ]
    for thread in helpers:
        thread.start()
    try:
        work()
    finally:
        for thread in helpers:
            thread.join()
    if errors:
        raise errors[0]
    return {key: done[key] for key in tasks}
