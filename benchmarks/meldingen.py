"""The team list of meldingen with filters, through the whole request (middleware, access
rule, audit event, template): p50/p95 over repeated requests with 100,000 meldingen, for the
cleaning team (which handles them) and a warden (whose team reported them), including a page
deep in the archive (keyset cursor). Wall time and the process's CPU time per request are
both printed: on a shared machine the wall time includes waiting for a core (the load average
before and after is printed too). On PostgreSQL the table is vacuumed after the bulk load, as
autovacuum would have done by the time a team works on it (visibility map for index-only
counts).

Usage: .venv/bin/python benchmarks/meldingen.py [--meldingen 100000] [--requests 40]
"""

import argparse
import datetime as dt
import os
import statistics
import time

from _django import setup_django

FILTERS = [
    ("cleaner", ""),
    ("cleaner", "?status=open"),
    ("cleaner", "?status=open&overdue=on"),
    ("cleaner", "?status=heropend"),
    ("cleaner", "?category={sluik}"),
    ("cleaner", "?category={vervuiling}&wijk={wijk}"),
    ("cleaner", "?status=afgehandeld&mine=team"),
    ("cleaner", "?overdue=on&wijk={wijk}&na={page3}"),
    ("cleaner", "?na={deep}"),
    ("cleaner", "?mine=alle&status=open"),
    ("warden", ""),
    ("warden", "?status=open&wijk={wijk}"),
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
    from welzijn.core.bulk import bulk_insert
    from welzijn.core.roles import Role
    from welzijn.core.roles_setup import roles_setup
    from welzijn.meldingen.models import Category, Melding
    from welzijn.registry.models import Wijk

    call_command("loaddata", *REFERENCE_FIXTURES, verbosity=0)
    roles_setup()
    cleaner = get_user_model().objects.create_user(username="netheid.bench")
    cleaner.groups.add(Group.objects.get(name=Role.MELDINGEN_BEHANDELAAR.value))
    cleaning = Office.objects.get(code="team-netheid")
    StaffAssignment.objects.create(user=cleaner, office=cleaning)
    wardens = Office.objects.get(code="team-gemeenschapswachten")
    warden = get_user_model().objects.create_user(username="wacht.bench")
    warden.groups.add(Group.objects.get(name=Role.GEMEENSCHAPSWACHT.value))
    StaffAssignment.objects.create(user=warden, office=wardens)
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

    _vacuum_or_analyze()
    netheid = Melding.objects.filter(team=cleaning)
    open_in_wijk = netheid.filter(status__in=Melding.OPEN, due_on__lt=now.date(), wijk=wijken[2])
    return {"cleaner": cleaner, "warden": warden}, {
        "sluik": Category.objects.get(code="sluikstorten").pk,
        "vervuiling": Category.objects.get(code="vervuiling").pk,
        "wijk": wijken[2].pk,
        "page3": _cursor(open_in_wijk, 100),
        "deep": _cursor(netheid, 20_000),
    }


def _cursor(meldingen, position: int) -> str:
    """The cursor that the list's "Oudere" link carries after ``position`` rows."""
    from welzijn.meldingen.selectors import Cursor

    return Cursor.of(meldingen.order_by("-reported_at", "-pk")[position - 1]).token()


def _vacuum_or_analyze() -> None:
    from django.db import connection

    from welzijn.core.bulk import analyze

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute('VACUUM ANALYZE "meldingen_melding"')
    else:
        analyze(["meldingen_melding"])


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
    users, ids = _load(args.meldingen)
    loaded = time.perf_counter() - start
    print(f"database: {vendor}, meldingen: {args.meldingen:,} (loaded in {loaded:.1f} s)")
    clients = {}
    for who, user in users.items():
        clients[who] = Client(HTTP_HOST="localhost")
        clients[who].force_login(user)
    load_before = os.getloadavg()[0]
    every: list[float] = []
    every_cpu: list[float] = []
    for who, template in FILTERS:
        client = clients[who]
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
            f"{who:<7} {url[:48]:<48} wall p50 {statistics.median(times):6.1f}"
            f" p95 {_p95(times):6.1f} ms   cpu p95 {_p95(cpu):6.1f} ms"
        )
    print(
        f"all filters: wall p50 {statistics.median(every):.1f} ms, p95 {_p95(every):.1f} ms; "
        f"cpu p95 {_p95(every_cpu):.1f} ms (target < 150 ms); "
        f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, "
        f"on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
