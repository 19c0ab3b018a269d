"""The application under gunicorn for the load benchmarks: started, awaited, stopped."""

import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


@contextlib.contextmanager
def served(port: int, workers: int, ready_path: str, env: dict | None = None):
    """gunicorn (gthread, 4 threads a worker) on 127.0.0.1:port until the block ends; waits
    until `ready_path` answers. Yields the base URL."""
    env = env or {**os.environ, "WELZIJN_DEBUG": "0", "DJANGO_SETTINGS_MODULE": "welzijn.settings"}
    command = [
        str(Path(sys.executable).with_name("gunicorn")), "welzijn.wsgi:application",
        "-b", f"127.0.0.1:{port}", "-w", str(workers), "--threads", "4",
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
