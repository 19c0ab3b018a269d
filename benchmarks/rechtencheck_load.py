"""Rechtencheck under load: 50 concurrent citizens (threads, each its own session), each a
single parent going through the whole check (a checklist or form is one step) against
gunicorn (4 workers) on a SQLite database with the reference data. Prints p50/p95 per
step in ms twice: the server time of each request (gunicorn's access log, %(D)s: from
reading the request to the response written, in the worker) and the time the client
waited (plus queueing and a loopback hop). --think adds a pause after each page, as a
citizen reading it; without it every citizen posts back at once (the worst case).

    WELZIJN_SYNTH=1 .venv/bin/python benchmarks/rechtencheck_load.py [--citizens 50] [--think 2]
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from _gunicorn import served
from rechtencheck_citizen import SINGLE_PARENT, SINGLE_PARENT_MEMBERS, answer_fields

PORT = 8103
TIMINGS: dict[str, list[float]] = {}
LOCK = threading.Lock()
THINK = 0.0


def _field(html: str, name: str) -> str:
    start = html.index(f'name="{name}" value="') + len(f'name="{name}" value="')
    return html[start : html.index('"', start)]


def citizen(base: str) -> None:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    html = opener.open(f"{base}/rechtencheck/").read().decode()

    def post(step: str, data: dict) -> str:
        data = {"csrfmiddlewaretoken": _field(html, "csrfmiddlewaretoken"), **data}
        body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(f"{base}/rechtencheck/", body, {"Referer": base})
        started = time.perf_counter()
        answer = opener.open(request).read().decode()
        with LOCK:
            TIMINGS.setdefault(step, []).append((time.perf_counter() - started) * 1000)
        if THINK:
            time.sleep(random.uniform(0.5, 1.5) * THINK)
        return answer

    html = post("start", {"state": _field(html, "state"), "action": "start"})
    html = post("members", {"state": _field(html, "state"), "key": "members", "action": "answer"}
                | SINGLE_PARENT_MEMBERS)  # fmt: skip
    number = 0
    while 'name="key"' in html:
        number += 1
        key = _field(html, "key")
        data = {"state": _field(html, "state"), "key": key, "action": "answer"}
        data |= answer_fields(html, SINGLE_PARENT)
        html = post(f"vraag {number:02d}" if 'name="key"' in html else "result", data)
    post("result (again)", {"state": _field(html, "state"), "action": "result"})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--citizens", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--think", type=float, default=0.0, help="seconds, on average")
    args = parser.parse_args()
    global THINK
    THINK = args.think
    env = {
        **os.environ,
        "WELZIJN_DEBUG": "0",
        "WELZIJN_HTTPS": "0",
        "WELZIJN_SYNTH": "1",
        "WELZIJN_SECRET_KEY": "benchmark-only-not-secret-rechtencheck-load",
        "WELZIJN_ALLOWED_HOSTS": "127.0.0.1",
        "WELZIJN_CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{PORT}",
    }
    with tempfile.TemporaryDirectory() as var:
        env["WELZIJN_VAR_DIR"] = var
        access_log = Path(var) / "access.log"
        log_format = "'%(m)s %(D)s'"  # method, microseconds in the worker
        env["GUNICORN_CMD_ARGS"] = f"--access-logfile {access_log} --access-logformat {log_format}"
        welzijn = str(Path(sys.executable).with_name("welzijn"))
        subprocess.run([welzijn, "migrate", "--verbosity", "0"], env=env, check=True)
        subprocess.run(
            [welzijn, "collectstatic", "--noinput", "--verbosity", "0"], env=env, check=True
        )
        with served(PORT, args.workers, "/rechtencheck/", env) as base:
            citizen(base)  # warm up every worker's rules
            TIMINGS.clear()
            threads = [threading.Thread(target=citizen, args=(base,)) for _ in range(args.citizens)]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - started
        served_us = [int(line.split()[1]) for line in access_log.read_text().splitlines()]
    load = os.getloadavg()
    print(
        f"{args.citizens} citizens at once, gunicorn {args.workers} workers, {wall:.1f} s, "
        f"think time {args.think:g} s, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
    )
    posts = sorted(us / 1000 for us in served_us[-sum(len(v) for v in TIMINGS.values()) :])
    print(
        f"server time per step (gunicorn %(D)s), {len(posts)} requests: "
        f"p50 {statistics.median(posts):.1f} ms, p95 {posts[int(0.95 * len(posts))]:.1f} ms "
        "(goal: p95 < 50 ms)"
    )
    print("time the client waited:")
    print(f"{'step':<16} {'n':>4} {'p50 ms':>8} {'p95 ms':>8}")
    for step, values in sorted(TIMINGS.items()):
        values.sort()
        p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
        print(f"{step:<16} {len(values):>4} {statistics.median(values):>8.1f} {p95:>8.1f}")
    every = sorted(v for values in TIMINGS.values() for v in values)
    print(f"{'all steps':<16} {len(every):>4} {statistics.median(every):>8.1f} "
          f"{every[int(0.95 * len(every))]:>8.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
