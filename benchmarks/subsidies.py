"""Subsidies: Synthetic Ghent's applications at a scale, then how fast the rules judge them,
the official's queue of a call and the decision letter.

Usage: .venv/bin/python benchmarks/subsidies.py [--scale 0.2]
"""

import argparse
import time

from _django import setup_django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=0.2)
    args = parser.parse_args()
    vendor = setup_django()

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from welzijn.casework.demo import demo_users_create
    from welzijn.casework.reference import REFERENCE_FIXTURES
    from welzijn.subsidies import letters
    from welzijn.subsidies.models import Application, Call
    from welzijn.subsidies.services import queue_verdicts
    from welzijn.synth.services import synth_load

    call_command("loaddata", *REFERENCE_FIXTURES, verbosity=0)
    demo_users_create()
    start = time.perf_counter()
    synth_load(seed=42, scale=args.scale, year=2023)
    load = time.perf_counter() - start
    call = Call.objects.get(code="samen-aan-zet-2023")
    applications = list(
        Application.objects.filter(call=call)
        .select_related("call__scheme")
        .prefetch_related("lines")
    )
    start = time.perf_counter()
    queue_verdicts(applications, timezone.localdate())
    judge = time.perf_counter() - start
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username="subsidies"))
    client.get(f"/subsidies/oproepen/{call.pk}/")  # warm up
    start = time.perf_counter()
    assert client.get(f"/subsidies/oproepen/{call.pk}/").status_code == 200
    queue = time.perf_counter() - start
    granted = next(a for a in applications if a.status == "toegekend")
    start = time.perf_counter()
    letters.letter_pdf(granted)
    letter = time.perf_counter() - start
    print(
        f"database: {vendor}, scale: {args.scale}, "
        f"Samen aan Zet 2023: {len(applications)} aanvragen"
    )
    print(f"synth_load (all of Synthetic Ghent): {load:.1f} s")
    print(f"rules: {len(applications) / judge:,.0f} applications/s judged ({judge:.2f} s)")
    print(f"queue page of the call (100 rows with verdicts): {queue * 1000:.0f} ms")
    print(f"decision letter PDF: {letter * 1000:.0f} ms")


if __name__ == "__main__":
    main()
