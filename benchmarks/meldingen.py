"""The team list of meldingen with filters, through the whole request (middleware, access
rule, audit event, template): p50/p95 over repeated requests with 100,000 meldingen. Wall
time and the process's CPU time per request are both printed: on a shared machine the wall
time includes waiting for a core (the load average is printed too).

Usage: .venv/bin/python benchmarks/meldingen.py [--meldingen 100000] [--requests 40]
"""

import argparse
import datetime as dt
import os
import statistics
import time

from _django import setup_django

FILTERS = [
    "",
    "?status=open",
    "?status=open&overdue=on",
    "?category={sluik}",
    "?category={vervuiling}&wijk={wijk}",
    "?status=afgehandeld&mine=team",
    "?overdue=on&wijk={wijk}&pagina=3",
    "?mine=alle&status=open",
]


def _load(count: int):
    """Meldingen of the pollution/defect categories over two years, in bulk."""
    import numpy as np
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from welzijn.casework.models import Office, StaffAssignment
    from welzijn.casework.reference import REFERENCE_FIXTURES
    from welzijn.core.bulk import analyze, bulk_insert
    from welzijn.core.roles import Role
    from welzijn.core.roles_setup import roles_setup
    from welzijn.meldingen.models import Category
    from welzijn.registry.models import Wijk

    call_command("loaddata", *REFERENCE_FIXTURES, verbosity=0)
    roles_setup()
    cleaner = get_user_model().objects.create_user(username="netheid.bench")
    cleaner.groups.add(Group.objects.get(name=Role.MELDINGEN_BEHANDELAAR.value))
    StaffAssignment.objects.create(user=cleaner, office=Office.objects.get(code="team-netheid"))
    wardens = Office.objects.get(code="team-gemeenschapswachten")
    categories = list(
        Category.objects.filter(parent__isnull=False, parent__code__in=["vervuiling", "defect"])
    )
    wijken = list(Wijk.objects.all())
    rng = np.random.default_rng(1)
    now = timezone.now()
    statuses = ["afgehandeld"] * 8 + ["gemeld", "in behandeling"]
    columns = [
        "category_id", "team_id", "reporting_office_id", "reported_at", "due_on", "status",
        "status_changed_at", "closed_at", "street", "house_number", "latitude", "longitude",
        "place_note", "wijk_id", "description", "reporter_kind", "reporter_name",
        "reporter_email", "reporter_phone",
    ]  # fmt: skip
    rows = []
    for i in range(count):
        category = categories[int(rng.integers(len(categories)))]
        reported = now - dt.timedelta(minutes=int(rng.integers(0, 2 * 365 * 24 * 60)))
        status = statuses[int(rng.integers(len(statuses)))]
        stamp = reported.strftime("%Y-%m-%d %H:%M:%S")
        due = (reported.date() + dt.timedelta(days=category.sla_days)).isoformat()
        rows.append(
            (
                category.pk, category.team_id, wardens.pk, stamp, due, status, stamp,
                stamp if status == "afgehandeld" else None, "", "", "51.050000", "3.720000", "",
                wijken[int(rng.integers(len(wijken)))].pk, f"Melding {i}", "gemeenschapswacht",
                "", "", "",
            )
        )  # fmt: skip
    with transaction.atomic():
        bulk_insert("meldingen_melding", columns, rows)

    analyze(["meldingen_melding"])
    return cleaner, {
        "sluik": Category.objects.get(code="sluikstorten").pk,
        "vervuiling": Category.objects.get(code="vervuiling").pk,
        "wijk": Wijk.objects.get(code="brugse-poort-rooigem").pk,
    }


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meldingen", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=40, help="per filter")
    args = parser.parse_args()
    vendor = setup_django()
    from django.test import Client

    start = time.perf_counter()
    cleaner, ids = _load(args.meldingen)
    loaded = time.perf_counter() - start
    print(f"database: {vendor}, meldingen: {args.meldingen:,} (loaded in {loaded:.1f} s)")
    client = Client(HTTP_HOST="localhost")
    client.force_login(cleaner)
    every: list[float] = []
    every_cpu: list[float] = []
    for template in FILTERS:
        url = "/meldingen/" + template.format(**ids)
        assert client.get(url).status_code == 200, url  # warm up
        times, cpu = [], []
        for _ in range(args.requests):
            t, c = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
            assert response.status_code == 200
        every += times
        every_cpu += cpu
        print(
            f"{url:<45} wall p50 {statistics.median(times):6.1f} p95 {_p95(times):6.1f} ms"
            f"   cpu p95 {_p95(cpu):6.1f} ms"
        )
    print(
        f"all filters: wall p50 {statistics.median(every):.1f} ms, p95 {_p95(every):.1f} ms; "
        f"cpu p95 {_p95(every_cpu):.1f} ms (target < 150 ms); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
