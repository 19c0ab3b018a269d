"""Tonight's board for every facility on Synthetic Ghent: time and queries.

Loads synth at the scale (default 1; loading is not measured) unless DATABASE_URL points at
a database that already holds it, then times `shelter.selectors.board` for a shelter worker
of every facility's team on a night of the calibrated year, and the board page rendered
through the test client on that night. Target: under 100 ms.

    .venv/bin/python benchmarks/shelter.py [--scale 1] [--night 2023-11-14] [--runs 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path
from unittest import mock


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--night", type=dt.date.fromisoformat, default=dt.date(2023, 11, 14))
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).parent))
    from _django import setup_django

    vendor = setup_django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from welzijn.casework.models import StaffAssignment
    from welzijn.casework.reference import REFERENCE_FIXTURES
    from welzijn.core.roles import Role
    from welzijn.core.roles_setup import roles_setup
    from welzijn.shelter.models import Facility, Stay
    from welzijn.shelter.selectors import board
    from welzijn.synth.services import synth_load

    if not Stay.objects.exists():
        call_command("loaddata", *REFERENCE_FIXTURES, verbosity=0)
        started = time.perf_counter()
        synth_load(seed=42, scale=args.scale, year=2023)
        seconds = time.perf_counter() - started
        print(f"[{vendor}] synth schaal {args.scale:g} geladen in {seconds:.0f} s")
    roles_setup()
    worker, _ = get_user_model().objects.get_or_create(username="bench-opvang")
    worker.groups.set([Group.objects.get(name=Role.OPVANG.value)])
    for office_id in Facility.objects.values_list("office_id", flat=True).distinct():
        StaffAssignment.objects.get_or_create(user=worker, office_id=office_id)
    worker = get_user_model().objects.get(pk=worker.pk)
    print(f"[{vendor}] {Stay.objects.count()} verblijven, {Facility.objects.count()} voorzieningen")

    def timed(run) -> tuple[float, int]:
        times, queries = [], 0
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                run()
                times.append(time.perf_counter() - started)
            queries = len(captured)
        return statistics.median(times) * 1000, queries

    rows = board(user=worker, night=args.night)
    ms, queries = timed(lambda: board(user=worker, night=args.night))
    night = f"{args.night:%d/%m/%Y}"
    print(f"  board() voor {len(rows)} voorzieningen op {night}: {ms:.1f} ms, {queries} queries")
    for r in rows:
        print(f"    {r.facility.name:38} {r.capacity:5} plaatsen {r.occupied:5} bezet")
    client = Client(HTTP_HOST="localhost")
    client.force_login(worker)
    with mock.patch("welzijn.web.views.opvang.today", return_value=args.night):
        assert client.get("/opvang/").status_code == 200
        ms_page, queries_page = timed(lambda: client.get("/opvang/"))
    print(
        f"  pagina /opvang/ (sessie, rechten, template): {ms_page:.1f} ms, {queries_page} queries"
    )
    verdict = "ja" if ms_page < 100 else "NEE"
    print(f"  doel < 100 ms: {verdict}")


if __name__ == "__main__":
    main()
