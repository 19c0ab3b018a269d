"""Start Django for a benchmark script: on DATABASE_URL when set, else on a fresh SQLite
file in a temporary directory (never the demo database under var/)."""

import os
import tempfile


def setup_django() -> str:
    if "DATABASE_URL" not in os.environ:
        os.environ["WELZIJN_VAR_DIR"] = tempfile.mkdtemp(prefix="welzijn-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "welzijn.settings")
    # Production settings (no debug: no query log), on plain HTTP, with a throwaway key.
    os.environ.setdefault("WELZIJN_SECRET_KEY", "benchmark-only-not-secret-" + "x" * 40)
    os.environ.setdefault("WELZIJN_HTTPS", "0")
    os.environ.setdefault("WELZIJN_SYNTH", "1")  # the benchmarks load Synthetic Ghent
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.db import connection

    return connection.vendor
