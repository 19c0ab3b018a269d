"""The procedure's reads on Synthetic Ghent: the teamcoach's page, a session of the BCSD, the
procedure's figures of the report, with their query counts.

Usage: .venv/bin/python benchmarks/procedure.py [--scale 0.1]
"""

import argparse
import datetime as dt
import time
from types import SimpleNamespace

from _django import setup_django


def timed(label, fn, repeat=5):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        fn()
    best = min(_once(fn) for _ in range(repeat))
    print(f"{label:<40} {best * 1000:8.1f} ms  {len(queries):4d} queries")


def _once(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=0.1)
    args = parser.parse_args()
    print("database:", setup_django())
    from django.core.management import call_command

    from welzijn.casework.demo import demo_users_create
    from welzijn.casework.reference import REFERENCE_FIXTURES
    from welzijn.procedure import measures, selectors
    from welzijn.procedure.models import AgendaItem, Request, Session
    from welzijn.synth.services import synth_load

    call_command("loaddata", *REFERENCE_FIXTURES, verbosity=0)
    demo_users_create()
    start = time.perf_counter()
    synth_load(seed=1, scale=args.scale, year=2023)
    print(f"synth --scale {args.scale}: {time.perf_counter() - start:.1f} s")
    print(
        f"requests {Request.objects.count()}, sessions {Session.objects.count()}, "
        f"agenda points {AgendaItem.objects.count()}"
    )
    from django.contrib.auth import get_user_model

    coach = get_user_model().objects.get(username="teamcoach")
    session_id = AgendaItem.objects.values_list("session", flat=True).first()
    timed(
        "teamcoach page (team_overview)",
        lambda: selectors.team_overview(user=coach, today=dt.date(2023, 12, 31)),
    )
    timed(
        "session page (session_overview)",
        lambda: selectors.session_overview(user=coach, session_id=session_id),
    )
    every = SimpleNamespace(detail="")

    def figures():
        return [
            measures.decisions(every, 2023, []),
            measures.within_deadline(every, 2023, []),
            measures.days_to_decision(every, 2023, []),
            measures.appeals(every, 2023, []),
        ]

    timed("procedure measures (4 figures, 2023)", figures)
    print("decisions, within deadline, days to decision, appeals:", figures())


if __name__ == "__main__":
    main()
