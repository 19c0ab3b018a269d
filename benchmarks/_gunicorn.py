"""The load benchmarks' server and client: the application under gunicorn (started, awaited,
stopped) and a wrk run with a Lua script."""

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path


@contextlib.contextmanager
def served(port: int, workers: int, ready_path: str, env: dict | None = None, threads: int = 4):
    """gunicorn (gthread, `threads` threads a worker) on 127.0.0.1:port until the block ends;
    waits until `ready_path` answers. Yields the base URL."""
    env = env or {**os.environ, "WELZIJN_DEBUG": "0", "DJANGO_SETTINGS_MODULE": "welzijn.settings"}
    command = [
        str(Path(sys.executable).with_name("gunicorn")), "welzijn.wsgi:application",
        "-b", f"127.0.0.1:{port}", "-w", str(workers), "--threads", str(threads),
        "--worker-class", "gthread", "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + ready_path, timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait()


def wrk(lua: str, connections: int, seconds: int, port: int) -> dict:
    """Runs wrk with the Lua script `lua` against 127.0.0.1:port; the script prints one line
    `RESULT {json}` with its percentiles, which is returned."""
    script = Path(tempfile.mkdtemp()) / "load.lua"
    script.write_text(lua)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
         "-s", str(script), f"http://127.0.0.1:{port}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))
