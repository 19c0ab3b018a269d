"""Rechtencheck under load: 50 concurrent citizens (threads), each a single parent going
through the whole check against gunicorn (4 workers) on a SQLite database with the
reference data; prints p50/p95 per step (members, each question, the result) in ms, as the
time from request to full answer on localhost (server time plus a loopback hop).

    WELZIJN_SYNTH=1 .venv/bin/python benchmarks/rechtencheck_load.py [--citizens 50]
"""

import argparse
import os
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
from rechtencheck_citizen import SINGLE_PARENT, SINGLE_PARENT_MEMBERS

PORT = 8102
TIMINGS: dict[str, list[float]] = {}
LOCK = threading.Lock()


def _field(html: str, name: str) -> str:
    start = html.index(f'name="{name}" value="') + len(f'name="{name}" value="')
    return html[start : html.index('"', start)]


def citizen(base: str) -> None:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    html = opener.open(f"{base}/rechtencheck/").read().decode()

    def post(step: str, data: dict) -> str:
        data = {"csrfmiddlewaretoken": _field(html, "csrfmiddlewaretoken"), **data}
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(f"{base}/rechtencheck/", body, {"Referer": base})
        started = time.perf_counter()
        answer = opener.open(request).read().decode()
        with LOCK:
            TIMINGS.setdefault(step, []).append((time.perf_counter() - started) * 1000)
        return answer

    html = post("start", {"state": _field(html, "state"), "action": "start"})
    html = post("members", {"state": _field(html, "state"), "key": "members", "action": "answer"}
                | SINGLE_PARENT_MEMBERS)  # fmt: skip
    number = 0
    while 'name="key"' in html:
        number += 1
        key = _field(html, "key")
        name = key.split(".", 1)[1]
        value = SINGLE_PARENT.get(name) or ("nee" if 'value="ja"' in html else (
            "weet_niet" if 'type="radio"' in html else "0"))  # fmt: skip
        data = {"state": _field(html, "state"), "key": key, "action": "answer", "value": value}
        html = post(f"vraag {number:02d}" if 'name="key"' in html else "result", data)
    post("result (again)", {"state": _field(html, "state"), "action": "result"})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--citizens", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
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
    print(f"{args.citizens} citizens at once, gunicorn {args.workers} workers, {wall:.1f} s")
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
