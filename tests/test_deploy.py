"""Production is the default: the settings refuse to start without a secret key, and with
the production variables set Django's deployment check has nothing to say."""

import os
import secrets
import subprocess
import sys

import pytest


def _run(args: list[str], tmp_path, **env: str) -> subprocess.CompletedProcess:
    """Run in a clean environment: nothing from the test run's own settings leaks in."""
    clean = {"PATH": os.environ["PATH"], "WELZIJN_VAR_DIR": str(tmp_path), **env}
    return subprocess.run(
        [sys.executable, *args], env=clean, capture_output=True, text=True, timeout=120
    )


def _production(**extra: str) -> dict[str, str]:
    return {
        "WELZIJN_SECRET_KEY": secrets.token_urlsafe(50),
        "WELZIJN_ALLOWED_HOSTS": "welzijn.stad.gent",
        "WELZIJN_CSRF_TRUSTED_ORIGINS": "https://welzijn.stad.gent",
        "WELZIJN_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO",
        **extra,
    }


def test_without_a_secret_key_production_refuses_to_start(tmp_path):
    result = _run(["-c", "import welzijn.settings"], tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "WELZIJN_SECRET_KEY ontbreekt" in result.stderr
    assert "secrets.token_urlsafe(50)" in result.stderr  # how to make one


def test_debug_is_off_unless_asked_for(tmp_path):
    show = "import welzijn.settings as s; print(s.DEBUG, s.SECURE_SSL_REDIRECT)"
    assert _run(["-c", show], tmp_path, **_production()).stdout.split() == ["False", "True"]
    debug = _run(["-c", show], tmp_path, WELZIJN_DEBUG="1")  # no key needed in debug
    assert debug.stdout.split() == ["True", "False"], debug.stderr


def test_a_mistyped_flag_is_an_error(tmp_path):
    result = _run(["-c", "import welzijn.settings"], tmp_path, WELZIJN_DEBUG="yes")
    assert result.returncode != 0 and "WELZIJN_DEBUG moet 0 of 1 zijn" in result.stderr


def test_the_cache_is_the_databases_unless_a_redis_server_is_named(tmp_path):
    show = "import welzijn.settings as s; print(*s.CACHES['default'].values())"
    assert _run(["-c", show], tmp_path, **_production()).stdout.split() == [
        "django.core.cache.backends.db.DatabaseCache",
        "welzijn_cache",
    ]
    redis = _run(["-c", show], tmp_path, **_production(WELZIJN_CACHE_URL="redis://cache:6379/1"))
    assert redis.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://cache:6379/1",
    ], redis.stderr
    wrong = _run(["-c", show], tmp_path, **_production(WELZIJN_CACHE_URL="memcached://cache"))
    assert wrong.returncode != 0 and "WELZIJN_CACHE_URL moet een Redis-adres zijn" in wrong.stderr


@pytest.mark.parametrize("broken", [None, "WELZIJN_HTTPS"])
def test_deployment_check_passes_with_production_settings(tmp_path, broken):
    env = _production(**({broken: "0"} if broken else {}))
    result = _run(
        ["-m", "welzijn", "check", "--deploy", "--fail-level", "WARNING"], tmp_path, **env
    )
    if broken is None:
        assert result.returncode == 0, result.stdout + result.stderr
        assert "no issues" in result.stdout
    else:  # the check is real: without HTTPS it names what is missing
        assert result.returncode != 0
        assert "SECURE_SSL_REDIRECT" in result.stderr + result.stdout


def test_synthetic_ghent_is_installed_only_when_asked_for(tmp_path):
    show = (
        "import django; django.setup(); from django.apps import apps; "
        "print(apps.is_installed('welzijn.synth'))"
    )
    env = {"DJANGO_SETTINGS_MODULE": "welzijn.settings", **_production()}
    assert _run(["-c", show], tmp_path, **env).stdout.split() == ["False"]
    demo = _run(["-c", show], tmp_path, **env, WELZIJN_SYNTH="1")
    assert demo.stdout.split() == ["True"], demo.stderr
