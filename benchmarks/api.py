"""Load test of the REST API with 20 concurrent clients against gunicorn, measured with wrk:
listing 100 dossiers with filters (target p95 < 100 ms) and creating a melding (target
p95 < 50 ms). With --in-process N: the same requests N times each through Django's test
client in this process, with the wall and CPU time and the database queries per request
(and with --profile the functions that took the most CPU time), to see where a request's
time goes without the noise of a loaded machine: the CPU time of this process (Python) and,
on a PostgreSQL server on this machine, of its backend serving the requests ("db cpu", the
mean).

Needs wrk (apt-get install -y wrk) for the load test. Uses DATABASE_URL (the targets are
for PostgreSQL at scale 1), else a temporary SQLite file; a database without people gets
Synthetic Ghent at --scale first (benchmarks/web_load.py's `prepare`). The client's rate
limit is lifted for the run (WELZIJN_API_RATE): the benchmark measures the server, not the
throttle, though its history is still kept in the cache (the database's, or Redis with
WELZIJN_CACHE_URL=redis://127.0.0.1:6379/0).

By default each client asks again as soon as it has its answer (a closed loop: the latency
is then about clients x machine time per request / cores); with --pause 1000 each waits a
second on average in between (about 20 requests a second: a paced load). Beside the
latency it prints the CPU time a request cost gunicorn and the database backends (on this
machine), which a machine loaded by others inflates far less than the latency.

Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/api_bench \\
       .venv/bin/python benchmarks/api.py [--clients 20] [--seconds 20] [--pause MS]
       [--workers 4] [--threads 4] [--in-process 200 [--profile]]
"""

import argparse
import datetime as dt
import glob
import json
import os
import shutil
import sys

from _backend_cpu import backend_cpu
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
%s
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
    """A client that works as a caseworker of the busiest welzijnsbureau and as a
    gemeenschapswacht, with every scope; its token, the office and a melding to create."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db.models import Count
    from django.utils import timezone

    from welzijn.api.models import RESOURCES
    from welzijn.api.services import apiclient_register
    from welzijn.casework.models import Office
    from welzijn.core.roles import Role
    from welzijn.meldingen.models import Category

    office = (
        Office.objects.filter(kind="welzijnsbureau")
        .annotate(n=Count("dossiers"))
        .order_by("-n")
        .first()
    )
    wardens = Office.objects.get(code="team-gemeenschapswachten")
    category = Category.objects.get(code="sluikstorten")
    melding_body = {
        "category": category.code,
        "office": wardens.code,
        "street": "Sint-Pietersnieuwstraat",
        "house_number": "33",
        "postcode": "9000",
        "description": "Sluikstort op de stoep (benchmark)",
        "reporter_kind": "gemeenschapswacht",
    }
    beheerder = get_user_model().objects.filter(groups__name=Role.BEHEERDER.value).first()
    if beheerder is None:
        beheerder, _ = get_user_model().objects.get_or_create(username="benchmark.beheerder")
        beheerder.groups.add(Group.objects.get(name=Role.BEHEERDER.value))
    _, token = apiclient_register(
        actor=beheerder,
        name=f"benchmark {timezone.now():%Y-%m-%d %H:%M:%S.%f}",  # its meldingen stay
        organisation="benchmark",
        roles=[Role.MAATSCHAPPELIJK_WERKER.value, Role.GEMEENSCHAPSWACHT.value],
        office_ids=[office.pk, wardens.pk],
        scopes=[f"{r}:write" for r in RESOURCES],
        expires_at=timezone.now() + dt.timedelta(hours=2),
    )
    print(f"client of {office} ({office.n} dossiers)")
    return token, office, melding_body


def operations(office, melding_body):
    """(name, paths, method, body, target ms) of what is measured."""
    filters = [
        f"/api/v1/dossiers/?office={office.pk}&page_size=100&ordering=-opened_on",
        f"/api/v1/dossiers/?office={office.pk}&status=open&page_size=100",
        "/api/v1/dossiers/?opened_from=2023-01-01&opened_to=2023-12-31&page_size=100",
        f"/api/v1/dossiers/?office={office.pk}&page_size=100&page=2",
    ]
    return [
        ("list 100 dossiers (filtered)", filters, "GET", None, 100),
        ("create a melding", ["/api/v1/meldingen/"], "POST", melding_body, 50),
    ]


def wrk(paths, token, clients, seconds, method="GET", body=None, pause_ms=0) -> dict:
    """wrk's percentiles and counts; with `pause_ms` each client waits after an answer before
    its next request (wrk's `delay`): on average that long, drawn evenly from 0 to twice it,
    so that the clients do not all ask at the same moment; else it asks again at once."""
    quoted = ", ".join(json.dumps(p) for p in paths)
    delay = f"delay = function() return math.random(0, {2 * pause_ms}) end" if pause_ms else ""
    lua = LUA % (quoted, method, json.dumps(json.dumps(body or {})), token, delay)
    return run_wrk(lua, clients, seconds, PORT)


def server_cpu_ms(database: str) -> tuple[float, float]:
    """CPU time (ms) used so far by the gunicorn processes on PORT and by the PostgreSQL
    backends serving `database` on this machine (Linux /proc; zero where not found): the
    machine time the requests cost, which a loaded machine does not inflate as it does the
    latency."""
    tick = os.sysconf("SC_CLK_TCK")
    gunicorn = postgres = 0.0
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat.removesuffix("stat") + "cmdline") as f:
                command = f.read()
            with open(stat) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        used = (int(fields[11]) + int(fields[12])) / tick * 1000  # utime + stime
        if "gunicorn" in command and f"127.0.0.1:{PORT}" in command:
            gunicorn += used
        elif command.startswith("postgres: ") and f" {database} " in command:
            postgres += used
    return gunicorn, postgres


def in_process(token, runs, times: int, profile: bool) -> None:
    """Each operation `times` times through the test client: ms (wall, this process's CPU
    time, the database backend's CPU time) and queries per request."""
    import cProfile
    import pstats
    import statistics
    import time

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_HOST="127.0.0.1")
    print(
        f"{'operation (in-process)':<30} {'p50 ms':>8} {'p95 ms':>8} {'cpu p50':>8} "
        f"{'cpu p95':>8} {'db cpu':>8} {'queries':>8} {'rows':>6}"
    )

    def call(path, method, body):
        if method == "POST":
            return client.post(path, body, content_type="application/json")
        return client.get(path)

    for name, paths, method, body, _target in runs:
        for path in paths:  # warm-up: imports, the first connection, caches
            call(path, method, body)
        backend = backend_cpu(connection)
        timings, cpu, db_cpu, queries, rows = [], [], [], 0, 0
        profiler = cProfile.Profile(time.process_time) if profile else None
        for i in range(times):
            path = paths[i % len(paths)]
            started_db = backend() if backend else 0.0
            started, started_cpu = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as captured:
                if profiler:
                    profiler.enable()
                answer = call(path, method, body)
                if profiler:
                    profiler.disable()
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            db_cpu.append((backend() - started_db) * 1000 if backend else float("nan"))
            assert answer.status_code in (200, 201), (path, answer.status_code, answer.content)
            queries += len(captured)
            rows += len(answer.json().get("results", [answer.json()]))
        p95, cpu_p95 = (statistics.quantiles(t, n=20)[-1] for t in (timings, cpu))
        print(
            f"{name:<30} {statistics.median(timings):>8.1f} {p95:>8.1f} "
            f"{statistics.median(cpu):>8.1f} {cpu_p95:>8.1f} {statistics.mean(db_cpu):>8.1f} "
            f"{queries / times:>8.1f} {rows / times:>6.0f}"
        )
        if profiler:
            pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads a worker")
    parser.add_argument(
        "--pause",
        type=int,
        default=0,
        metavar="MS",
        help="each client waits MS ms on average after an answer (20 clients, 1000 ms: a paced "
        "load of about 20 requests a second); 0: the next request at once (a closed loop)",
    )
    parser.add_argument("--in-process", type=int, default=0, metavar="N")
    parser.add_argument("--profile", action="store_true", help="with --in-process: cProfile")
    args = parser.parse_args()
    if not args.in_process and not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")
    os.environ["WELZIJN_API_RATE"] = "1000000/minute"
    vendor = setup_django()
    from welzijn.core.roles_setup import roles_setup

    roles_setup()  # the screening in `prepare` acts as a caseworker
    prepare(args.scale)
    token, office, melding_body = register_client()
    runs = operations(office, melding_body)
    from django.conf import settings

    print(f"database: {vendor}; cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}")
    if args.in_process:
        in_process(token, runs, args.in_process, args.profile)
        return
    from django.db import connection, connections

    database = connection.settings_dict["NAME"] if vendor == "postgresql" else ""
    connections.close_all()
    with served(PORT, args.workers, "/api/v1/schema/", threads=args.threads):
        print(
            f"{args.clients} concurrent clients, {args.seconds} s each, "
            f"{f'a pause of {args.pause} ms after each answer' if args.pause else 'closed loop'}; "
            f"gunicorn {args.workers} workers x {args.threads} threads; "
            "load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
        )
        print(
            f"{'operation':<30} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>8} "
            f"{'errors':>7} {'target':>8}   CPU ms a request: gunicorn, database"
        )
        for name, paths, method, body, target in runs:
            wrk(paths, token, args.clients, 3, method, body)  # warm-up
            before = server_cpu_ms(database)
            r = wrk(paths, token, args.clients, args.seconds, method, body, args.pause)
            after = server_cpu_ms(database)
            cpu = [(b - a) / max(r["requests"], 1) for a, b in zip(before, after, strict=True)]
            verdict = "ok" if r["p95"] < target and not r["errors"] else "MISSED"
            print(
                f"{name:<30} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} "
                f"{r['requests'] / r['seconds']:>8.1f} {r['errors']:>7} "
                f"{'<' + str(target):>5} {verdict:<6}   {cpu[0]:.1f}, {cpu[1]:.1f}"
            )


if __name__ == "__main__":
    main()
