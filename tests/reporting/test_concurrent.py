"""The report on two database connections at once (`reporting.concurrent`): inside a
transaction everything in the caller's thread; outside one a second connection on the same
views, with the same figures as one connection alone."""

import threading
import time

import pytest
from django.db import connection, transaction

from welzijn.analytics import schema
from welzijn.analytics.reading import is_pseudonymised, pseudonymised
from welzijn.reporting import concurrent
from welzijn.reporting.report import build_report
from welzijn.synth.generator import MIN_SCALE
from welzijn.synth.services import synth_load

ROLE = "welzijn_analist_concurrent_test"
postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL nodig (DATABASE_URL): de testdatabank van SQLite staat in het geheugen",
)


def _where() -> tuple[str, bool]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return threading.current_thread().name, is_pseudonymised()


@pytest.mark.django_db
def test_inside_a_transaction_every_task_runs_in_the_callers_thread():
    with pseudonymised():
        done = concurrent.run_timed({n: _where for n in range(4)})
    assert list(done) == [0, 1, 2, 3]
    assert {t.value for t in done.values()} == {(threading.current_thread().name, True)}
    assert [t.queries for t in done.values()] == [1, 1, 1, 1]


@pytest.mark.django_db
def test_a_tasks_error_reaches_the_caller():
    def broken():
        raise ValueError("kapot")

    with pytest.raises(ValueError, match="kapot"):
        concurrent.run_timed({"goed": _where, "kapot": broken})


@postgres
@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_second_connection_reads_the_same_views_as_the_same_role(
    reference_data,
):
    """Also when the caller acts as a role that may read the views only (SET ROLE)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM pg_roles WHERE rolname = '{ROLE}'")
        if not cursor.fetchone():
            cursor.execute(f"CREATE ROLE {ROLE} NOLOGIN")
    schema.grant(connection, ROLE)

    def slow():  # long enough for the second connection to take a task too
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_sleep(0.2), pg_backend_pid(), current_user, "
                "current_setting('search_path'), "
                "current_setting('max_parallel_workers_per_gather')"
            )
            return cursor.fetchone()[1:]

    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {ROLE}")
    try:
        with pseudonymised():
            done = [t.value for t in concurrent.run_timed({n: slow for n in range(4)}).values()]
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
    assert len({pid for pid, *_ in done}) == 2
    assert {tuple(rest) for _, *rest in done} == {(ROLE, "analytics", "0")}
    assert not any(t.name.startswith("report-") for t in threading.enumerate())


@postgres
@pytest.mark.django_db(transaction=True)
def test_the_figures_on_two_connections_are_those_on_one(reference_data, monkeypatch):
    synth_load(seed=42, scale=MIN_SCALE, year=2023)  # committed: both connections see it
    threads = set()
    timed = concurrent._timed

    def watched(task):  # and a little slower, so that the second connection takes tasks
        threads.add(threading.current_thread().name)
        time.sleep(0.05)
        return timed(task)

    monkeypatch.setattr(concurrent, "_timed", watched)
    with pseudonymised():
        shared = build_report(2023)
        with transaction.atomic():  # one connection: the caller's
            alone = build_report(2023)
    assert threads == {threading.current_thread().name, "report-1"}
    assert {c: (i.result.value, i.shown.text) for c, i in shared.items.items()} == {
        c: (i.result.value, i.shown.text) for c, i in alone.items.items()
    }
    assert [vars(b) for b in shared.per_wijk + shared.per_office] == [
        vars(b) for b in alone.per_wijk + alone.per_office
    ]
    assert [ch.queries for ch in shared.chapters] == [ch.queries for ch in alone.chapters]
