"""Load test of the workplace: p50/p95/p99 latency of search and of the dossier page with
concurrent users, against gunicorn on 127.0.0.1, measured with wrk.

Needs wrk (apt-get install -y wrk). Uses DATABASE_URL (the issue's target is PostgreSQL),
else a temporary SQLite file; a database without people gets Synthetic Ghent at --scale
(default 1) and a screening first.

Each of --users connections is one user: with --think-ms 0 it sends its next request as
soon as the last one answered (the server always has --users requests in flight); with a
think time it pauses (uniformly 0.5x to 1.5x) between requests, as a person does.

Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/welzijn_load \\
       .venv/bin/python benchmarks/web_load.py [--users 20] [--seconds 20] [--think-ms 0 1000]
"""

import argparse
import datetime as dt
import json
import random
import shutil
import sys
import urllib.request

from _django import setup_django
from _gunicorn import served
from _gunicorn import wrk as run_wrk

PORT = 8799
LUA = """
local paths = {%s}
local think = %d
local i = 0
if think > 0 then
  delay = function() return math.random(math.floor(think / 2), math.floor(think * 3 / 2)) end
end
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i], {["Cookie"] = "sessionid=%s", ["HX-Request"] = "%s"})
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT {" ..
    [["p50": %%.1f, "p95": %%.1f, "p99": %%.1f, ]] ..
    [["requests": %%d, "errors": %%d, "seconds": %%.1f}]] .. "\\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.timeout,
    summary.duration / 1e6))
end
"""


def prepare(scale: float) -> None:
    from django.core.management import call_command

    from welzijn.registry.models import Person
    from welzijn.rights.screening import rights_screen

    if Person.objects.exists():
        return
    print(f"loading Synthetic Ghent at scale {scale} ...", flush=True)
    from welzijn.casework.reference import REFERENCE_FIXTURES

    call_command("loaddata", *REFERENCE_FIXTURES, verbosity=0)
    call_command("synth", year=2023, scale=scale, seed=42, verbosity=0)
    rights_screen(on=dt.date(2023, 12, 1))


def load_user_session() -> tuple[str, list[int], list[str]]:
    """A caseworker of the busiest welzijnsbureau, logged in; their dossiers; search terms."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db.models import Count
    from django.test import Client

    from welzijn.casework.models import Dossier, Office, StaffAssignment
    from welzijn.core.roles import Role
    from welzijn.registry.models import Person

    office = (
        Office.objects.filter(kind="welzijnsbureau")
        .annotate(n=Count("dossiers"))
        .order_by("-n")
        .first()
    )
    user, _ = get_user_model().objects.get_or_create(username="belasting.test")
    user.groups.add(Group.objects.get(name=Role.MAATSCHAPPELIJK_WERKER.value))
    StaffAssignment.objects.get_or_create(user=user, office=office)
    client = Client()
    client.force_login(user)
    dossiers = list(Dossier.objects.filter(office=office).values_list("pk", flat=True)[:2000])
    rng = random.Random(1)
    people = list(Person.objects.order_by("?").values_list("first_name", "last_name")[:300])
    terms = [
        rng.choice([f"{last}", f"{first} {last}", f"{last[:4]} {first[:3]}"]).lower()
        for first, last in people
    ]
    print(f"user of {office} ({len(dossiers)} dossiers sampled)")
    return client.cookies["sessionid"].value, dossiers, terms


def wrk(
    paths: list[str], session: str, htmx: bool, users: int, seconds: int, think_ms: int
) -> dict:
    quoted = ", ".join(json.dumps(p) for p in paths)
    lua = LUA % (quoted, think_ms, session, "true" if htmx else "false")
    return run_wrk(lua, users, seconds, PORT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--think-ms",
        type=int,
        nargs="+",
        default=[0, 1000],
        help="mean pause of a user between two requests; 0 = always a request in flight",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")
    vendor = setup_django()
    prepare(args.scale)
    session, dossiers, terms = load_user_session()
    from django.db import connections

    connections.close_all()
    with served(PORT, args.workers, "/inloggen/"):
        print(
            f"database: {vendor}; {args.users} concurrent users, {args.seconds} s per page; "
            f"gunicorn {args.workers} workers x 4 threads"
        )
        pages = {
            "search (as you type)": ([f"/zoeken/?q={urllib.parse.quote(t)}" for t in terms], True),
            "dossier page": ([f"/dossiers/{pk}/" for pk in dossiers], False),
        }
        print(
            f"{'page':<22} {'think ms':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
            f"{'req/s':>8} {'errors':>7}"
        )
        for name, (paths, htmx) in pages.items():
            wrk(paths[:20], session, htmx, args.users, 3, 0)  # warm-up
            for think in args.think_ms:
                result = wrk(paths, session, htmx, args.users, args.seconds, think)
                print(
                    f"{name:<22} {think:>8} {result['p50']:>8.1f} {result['p95']:>8.1f} "
                    f"{result['p99']:>8.1f} {result['requests'] / result['seconds']:>8.1f} "
                    f"{result['errors']:>7}"
                )


if __name__ == "__main__":
    import urllib.parse

    main()
