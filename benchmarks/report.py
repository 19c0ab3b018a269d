"""The jaaroverzicht on Synthetic Ghent: speed per chapter and reproduction of the seed.

For each database (SQLite in a temporary directory, and PostgreSQL on 127.0.0.1:5432 in a
fresh database that is dropped afterwards) a child process loads synth at the scale
(default 1; loading is not measured), then times the whole report as it is served (on the
pseudonymised views: setting them up, every chapter with its queries, the PDF), with the
wall time, this process's CPU time and, on PostgreSQL, the CPU time of its first
connection's backend (read from /proc; the report's second connection, which computes part
of the chapters meanwhile, is not in it), next to `uptime`; then the other renderings, the
dashboard, the report on the identified tables for comparison, and every indicator against
the seed's value with pass/fail per the synth tolerance.

    .venv/bin/python benchmarks/report.py [--scale 1] [--db sqlite|postgresql|both]

With ``--database URL`` it runs once on that database and keeps it: synth is loaded only when
the database holds no 2023 records yet, so scale 1 is generated once and reused.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from _backend_cpu import backend_cpu

PG = "postgres://postgres@127.0.0.1:5432/"


class Timer:
    """Wall, this process's CPU and the database backend's CPU of a block."""

    def __init__(self, connection) -> None:
        self.backend = backend_cpu(connection)

    def __enter__(self) -> Timer:
        self.db = self.backend() if self.backend else None
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu
        self.db = self.backend() - self.db if self.backend else None

    def __str__(self) -> str:
        db = "" if self.db is None else f" + db-cpu {self.db:6.2f}"
        return f"wall {self.wall:6.2f} s, cpu {self.cpu:6.2f}{db} s"


def child(scale: float, show_table: bool) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from _django import setup_django

    vendor = setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from welzijn.analytics.reading import pseudonymised
    from welzijn.casework.reference import REFERENCE_FIXTURES
    from welzijn.reporting.report import build_report, has_data, render
    from welzijn.synth.reproduction import compare, table
    from welzijn.synth.services import synth_load

    if has_data(2023):
        print(f"[{vendor}] de gegevens van 2023 hergebruikt (schaal {scale:g})")
    else:
        call_command("loaddata", *REFERENCE_FIXTURES, verbosity=0)
        started = time.perf_counter()
        synth_load(seed=42, scale=scale, year=2023)
        print(f"[{vendor}] synth scale {scale:g} geladen in {time.perf_counter() - started:.1f} s")
    # importing WeasyPrint and matplotlib is once per process, not the report
    import weasyprint  # noqa: F401

    import welzijn.reporting.charts  # noqa: F401

    connection.ensure_connection()
    load = subprocess.run(
        ["uptime"], capture_output=True, text=True, env={**os.environ, "TZ": "UTC"}
    ).stdout.strip()
    print(f"[{vendor}] {load} (2 cores, shared: the wall times are longer than the cpu times)")
    with Timer(connection) as first, pseudonymised():  # the pseudonyms of new ids, once
        pass
    print(f"  eerste keer: de pseudoniemen van nieuwe personen en huishoudens berekend: {first}")
    # The report as the web and the command make it: on the pseudonymised views.
    with Timer(connection) as whole, CaptureQueriesContext(connection) as queries:
        entering = Timer(connection).__enter__()
        with pseudonymised():
            entering.__exit__()
            with Timer(connection) as building:
                report = build_report(2023)
            with Timer(connection) as pdf:
                size = len(render(report, "pdf"))
    print(f"\n[{vendor}] het jaaroverzicht op de gepseudonimiseerde views, per hoofdstuk")
    # a chapter's parts are computed on two connections at once (reporting.concurrent): its
    # seconds are the sum of its parts', so the chapters' add up to more than the report's
    print(f"  {'hoofdstuk':40} {'ind.':>5} {'wall s':>7} {'cpu s':>7} {'queries':>8}")
    for ch in report.chapters:
        n = sum(len(s.items) for s in ch.sections)
        print(f"  {ch.name:40} {n:5d} {ch.seconds:7.3f} {ch.cpu:7.3f} {ch.queries:8d}")
    print(f"  views klaarzetten            {entering}")
    print(f"  berekening (build_report)    {building} ({len(report.items)} indicatoren)")
    print(f"  PDF (WeasyPrint, PDF/UA-1)   {pdf} ({size / 1024:.0f} KiB)")
    in_chapters = sum(ch.queries for ch in report.chapters)
    print(
        f"  heel het rapport             {whole} ({in_chapters} queries in the chapters, of "
        f"which part on the second connection: db-cpu is the first's; {len(queries)} on it)"
    )
    for fmt in ("html", "csv", "xlsx"):
        with Timer(connection) as rendering:
            size = len(render(report, fmt))
        print(f"  render {fmt:5}                {rendering} ({size / 1024:.0f} KiB)")
    from welzijn.reporting import dashboard

    with Timer(connection) as board, CaptureQueriesContext(connection) as queries, pseudonymised():
        chapters = dashboard.overview(2023)
    n = sum(len(c.rows) for c in chapters)
    print(f"  dashboard per maand          {board} ({n} indicatoren, {len(queries)} queries)")
    with Timer(connection) as identified:
        build_report(2023)
    print(f"  ter vergelijking, op de tabellen zelf: build_report {identified}")
    rows = compare({code: item.result for code, item in report.items.items()}, scale)
    ok = sum(r.ok for r in rows)
    if show_table:
        print(f"\n[{vendor}] " + "\n".join(table(rows, scale)))
    print(f"\n[{vendor}] binnen de tolerantie: {ok} van {len(rows)}; heel het rapport {whole}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--database", help="run on this DATABASE_URL and keep it (reuse)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--table", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.scale, args.table)
        return
    me = [sys.executable, __file__, "--child", "--scale", str(args.scale)]
    if args.database:
        subprocess.run([*me, "--table"], env={**os.environ, "DATABASE_URL": args.database},
                       check=True)  # fmt: skip
        return
    if args.db in ("sqlite", "both"):
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        subprocess.run([*me, "--table"], env=env, check=True)
    if args.db in ("postgresql", "both"):
        import psycopg

        name = f"welzijn_bench_report_{os.getpid()}"
        with psycopg.connect(PG + "postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            env = {**os.environ, "DATABASE_URL": PG + name}
            subprocess.run(me if args.db == "both" else [*me, "--table"], env=env, check=True)
        finally:
            with psycopg.connect(PG + "postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


if __name__ == "__main__":
    main()
