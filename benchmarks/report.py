"""The jaaroverzicht on Synthetic Ghent: speed per chapter and reproduction of the seed.

For each database (SQLite in a temporary directory, and PostgreSQL on 127.0.0.1:5432 in a
fresh database that is dropped afterwards) a child process loads synth at the scale
(default 1; loading is not measured), then times the whole report chapter by chapter with
the number of queries (CaptureQueriesContext), renders HTML and PDF, and prints every
indicator against the seed's value with pass/fail per the synth tolerance.

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

PG = "postgres://postgres@127.0.0.1:5432/"


def child(scale: float, show_table: bool) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from _django import setup_django

    vendor = setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

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
    import welzijn.reporting.charts  # noqa: F401  (matplotlib import is not the report)

    connection.ensure_connection()
    started, cpu = time.perf_counter(), time.process_time()
    with CaptureQueriesContext(connection) as queries:
        report = build_report(2023)
    total = time.perf_counter() - started
    print(
        f"[{vendor}] build_report cpu {time.process_time() - cpu:.3f} s "
        f"(load {os.getloadavg()[0]:.1f}: on a busy machine the wall times below are longer)"
    )
    print(f"\n[{vendor}] tijd per hoofdstuk (berekening + grafieken)")
    print(f"  {'hoofdstuk':40} {'ind.':>5} {'s':>7} {'queries':>8}")
    for ch in report.chapters:
        n = sum(len(s.items) for s in ch.sections)
        print(f"  {ch.name:40} {n:5d} {ch.seconds:7.3f} {ch.queries:8d}")
    print(f"  {'totaal (build_report)':40} {len(report.items):5d} {total:7.3f} {len(queries):8d}")
    import weasyprint  # noqa: F401  (nor is importing WeasyPrint, once per process)

    for fmt in ("html", "csv", "xlsx", "pdf"):
        started, cpu = time.perf_counter(), time.process_time()
        size = len(render(report, fmt))
        print(
            f"  render {fmt:5} {time.perf_counter() - started:7.3f} s "
            f"(cpu {time.process_time() - cpu:.3f} s; {size / 1024:.0f} KiB)"
        )
    from welzijn.reporting import dashboard

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        chapters = dashboard.overview(2023)
    n = sum(len(c.rows) for c in chapters)
    print(
        f"  dashboard per maand ({n} indicatoren) {time.perf_counter() - started:7.3f} s "
        f"{len(queries):5d} queries"
    )
    from welzijn.analytics import schema
    from welzijn.analytics.reading import pseudonymised

    schema.refresh(connection)  # PostgreSQL: the views of a reused database are current
    started = time.perf_counter()
    with pseudonymised():
        build_report(2023)
    views = time.perf_counter() - started
    print(f"  build_report op de gepseudonimiseerde views {views:7.3f} s ({views / total:.2f} x)")
    rows = compare({code: item.result for code, item in report.items.items()}, scale)
    ok = sum(r.ok for r in rows)
    if show_table:
        print(f"\n[{vendor}] " + "\n".join(table(rows, scale)))
    print(f"\n[{vendor}] binnen de tolerantie: {ok} van {len(rows)}; rapport in {total:.2f} s")


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
