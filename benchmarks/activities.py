"""The activity register at Synthetic Ghent's scale: p50/p95 of the list page (/activiteiten/,
with its totals and per-wijk breakdown) for the busiest organising team, without and with
filters, through Django's test client (the whole view: access, queries, audit, template).

Uses DATABASE_URL, else a temporary SQLite file; a database without people gets Synthetic
Ghent at --scale (default 1) first.

Usage: .venv/bin/python benchmarks/activities.py [--scale 1] [--repeat 50]
"""

import argparse
import statistics
import time

from _django import setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    vendor = setup_django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db.models import Count
    from django.test import Client

    from welzijn.activities.models import Activity
    from welzijn.casework.models import Office, StaffAssignment
    from welzijn.casework.reference import REFERENCE_FIXTURES
    from welzijn.core.roles import Role
    from welzijn.core.roles_setup import roles_setup
    from welzijn.registry.models import Person, Wijk

    if not Person.objects.exists():
        print(f"loading Synthetic Ghent at scale {args.scale} ...", flush=True)
        call_command("loaddata", *REFERENCE_FIXTURES, verbosity=0)
        call_command("synth", year=2023, scale=args.scale, seed=42, verbosity=0)
    roles_setup()
    office = Office.objects.annotate(n=Count("activities")).order_by("-n").first()
    user, _ = get_user_model().objects.get_or_create(username="activiteiten.bench")
    user.groups.add(Group.objects.get(name=Role.BUURTWERK.value))
    StaffAssignment.objects.get_or_create(user=user, office=office)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    service = Activity.objects.filter(office=office).values_list("service_id", flat=True).first()
    wijk = Wijk.objects.order_by("name").first()
    pages = {
        "alles": "/activiteiten/",
        "dienst": f"/activiteiten/?dienst={service}",
        "dienst+periode": f"/activiteiten/?dienst={service}&van=01/03/2023&tot=30/06/2023",
        "wijk": f"/activiteiten/?wijk={wijk.pk}",
    }
    total = Activity.objects.count()
    mine = Activity.objects.filter(office=office).count()
    print(f"{vendor}: {total} sessions, {mine} of {office} (the busiest team)")
    for name, url in pages.items():
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        times.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"  {name:<16} p50 {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms")


if __name__ == "__main__":
    main()
