"""Load test of the REST API with 20 concurrent clients against gunicorn, measured with wrk:
listing 100 dossiers with filters (target p95 < 100 ms) and creating a melding (target
p95 < 50 ms; needs the meldingen resource, skipped with a note while it is not there).

Needs wrk (apt-get install -y wrk). Uses DATABASE_URL (the targets are for PostgreSQL at
scale 1), else a temporary SQLite file; a database without people gets Synthetic Ghent at
--scale first (benchmarks/web_load.py's `prepare`). The client's rate limit is lifted for
the run (WELZIJN_API_RATE): the benchmark measures the server, not the throttle.

Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/api_bench \\
       .venv/bin/python benchmarks/api.py [--clients 20] [--seconds 20]
"""

import argparse
import datetime as dt
import json
import os
import shutil
import sys

from _django import setup_django
from _gunicorn import served
from _gunicorn import wrk as run_wrk
from web_load import prepare

PORT = 8798
LUA = """
local paths = {%s}
local method = "%s"
local body = %s
local i = 0
request = function()
  i = i %% #paths + 1
  local headers = {["Authorization"] = "Bearer %s", ["Content-Type"] = "application/json"}
  if method == "POST" then return wrk.format("POST", paths[i], headers, body) end
  return wrk.format("GET", paths[i], headers)
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


def register_client():
    """A client that works as a caseworker of the busiest welzijnsbureau (and a gemeenschaps-
    wacht of a team with meldingen), with every scope; its token and what to ask for."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.utils import timezone

    from welzijn.api.models import RESOURCES, ApiClient
    from welzijn.api.services import apiclient_register
    from welzijn.casework.models import Office
    from welzijn.core.roles import Role
    from welzijn.core.roles_setup import roles_setup

    roles_setup()
    office = (
        Office.objects.filter(kind="welzijnsbureau")
        .annotate(n=Count("dossiers"))
        .order_by("-n")
        .first()
    )
    offices = [office.pk]
    roles = [Role.MAATSCHAPPELIJK_WERKER.value]
    melding_body = None
    try:
        from welzijn.meldingen.models import Category

        category = Category.objects.filter(parent__isnull=False, active=True).first()
        if category is not None:
            roles.append(Role.GEMEENSCHAPSWACHT.value)
            wardens = Office.objects.filter(code__icontains="gemeenschapswacht").first()
            offices.append((wardens or office).pk)
            melding_body = {
                "category": category.code,
                "office": (wardens or office).code,
                "street": "Sint-Pietersnieuwstraat",
                "house_number": "33",
                "postcode": "9000",
                "description": "Sluikstort op de stoep (benchmark)",
                "reporter_kind": "gemeenschapswacht",
            }
    except (ImportError, LookupError):
        pass
    ApiClient.objects.filter(name="benchmark").delete()
    get_user_model().objects.filter(username="api:benchmark").delete()
    beheerder = get_user_model().objects.filter(groups__name=Role.BEHEERDER.value).first()
    if beheerder is None:
        from django.contrib.auth.models import Group

        beheerder, _ = get_user_model().objects.get_or_create(username="benchmark.beheerder")
        beheerder.groups.add(Group.objects.get(name=Role.BEHEERDER.value))
    _, token = apiclient_register(
        actor=beheerder,
        name="benchmark",
        organisation="benchmark",
        roles=roles,
        office_ids=offices,
        scopes=[f"{r}:write" for r in RESOURCES],
        expires_at=timezone.now() + dt.timedelta(hours=2),
    )
    print(f"client of {office} ({office.n} dossiers)")
    return token, office, melding_body


def wrk(paths, token, clients, seconds, method="GET", body=None) -> dict:
    quoted = ", ".join(json.dumps(p) for p in paths)
    lua = LUA % (quoted, method, json.dumps(json.dumps(body or {})), token)
    return run_wrk(lua, clients, seconds, PORT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")
    os.environ["WELZIJN_API_RATE"] = "1000000/minute"
    vendor = setup_django()
    prepare(args.scale)
    token, office, melding_body = register_client()
    from django.urls import NoReverseMatch, reverse

    try:
        meldingen_url = reverse("api:melding-list") if melding_body else None
    except NoReverseMatch:
        meldingen_url = None
    from django.db import connections

    connections.close_all()
    with served(PORT, args.workers, "/api/v1/schema/"):
        print(
            f"database: {vendor}; {args.clients} concurrent clients, {args.seconds} s each; "
            f"gunicorn {args.workers} workers x 4 threads"
        )
        filters = [
            f"/api/v1/dossiers/?office={office.pk}&page_size=100&ordering=-opened_on",
            f"/api/v1/dossiers/?office={office.pk}&status=open&page_size=100",
            "/api/v1/dossiers/?opened_from=2023-01-01&opened_to=2023-12-31&page_size=100",
            f"/api/v1/dossiers/?office={office.pk}&page_size=100&page=2",
        ]
        runs = [("list 100 dossiers (filtered)", filters, "GET", None, 100)]
        if meldingen_url:
            runs.append(("create a melding", [meldingen_url], "POST", melding_body, 50))
        print(
            f"{'operation':<30} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>8} "
            f"{'errors':>7} {'target':>8}"
        )
        for name, paths, method, body, target in runs:
            wrk(paths, token, args.clients, 3, method, body)  # warm-up
            r = wrk(paths, token, args.clients, args.seconds, method, body)
            verdict = "ok" if r["p95"] < target and not r["errors"] else "MISSED"
            print(
                f"{name:<30} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} "
                f"{r['requests'] / r['seconds']:>8.1f} {r['errors']:>7} "
                f"{'<' + str(target):>5} {verdict}"
            )
        if not meldingen_url:
            print("create a melding: not measured, the meldingen resource is not in this branch")


if __name__ == "__main__":
    main()
