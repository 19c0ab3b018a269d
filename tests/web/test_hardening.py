"""What every response carries: a request id, no caching of pages with personal data, a
Content-Security-Policy; static files served by WhiteNoise; error logs without data."""

import io
import json
import logging
import types

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import include, path, reverse
from factories import user

from welzijn.core.roles import Role

pytestmark = pytest.mark.django_db

HTMX = "web/htmx-2.0.11.min.js"


@pytest.fixture
def worker():
    return user(Role.MAATSCHAPPELIJK_WERKER)


def test_pages_for_a_signed_in_user_are_never_stored(client, worker):
    client.force_login(worker)
    for name in ("web:home", "web:search", "web:worklist"):
        cache_control = client.get(reverse(name))["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, name
    missing = client.get("/personen/999999/")  # an error page too
    assert missing.status_code == 404 and "no-store" in missing["Cache-Control"]


def test_security_headers(client):
    response = client.get(reverse("web:login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_templates_have_no_inline_scripts_or_styles(client, worker):
    """The policy forbids them; a page that used one would break in the browser."""
    client.force_login(worker)
    for name in ("web:home", "web:search", "web:contact_new", "web:otp_setup"):
        page = client.get(reverse(name), {"q": "x"} if name == "web:search" else {})
        html = page.content.decode()
        assert "<style" not in html and " style=" not in html, name
        assert "<script>" not in html and "<script " not in html.replace(
            '<script src="/static/', ""
        ), name


def test_request_id_new_or_a_safe_one_from_the_proxy(client):
    first = client.get(reverse("web:login"))["X-Request-ID"]
    second = client.get(reverse("web:login"))["X-Request-ID"]
    assert len(first) == 32 and first != second
    kept = client.get(reverse("web:login"), headers={"X-Request-ID": "proxy-1234abcd"})
    assert kept["X-Request-ID"] == "proxy-1234abcd"
    unsafe = client.get(reverse("web:login"), headers={"X-Request-ID": "x\nSarah Janssens"})
    assert "Sarah" not in unsafe["X-Request-ID"] and len(unsafe["X-Request-ID"]) == 32


def test_static_files_are_served_by_whitenoise_without_debug(tmp_path, settings, client, worker):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", "--noinput", verbosity=0)
    client.force_login(worker)  # signed in, and still cacheable: no personal data here
    response = client.get(f"/static/{HTMX}")  # a new client: WhiteNoise reads STATIC_ROOT
    assert response.status_code == 200
    assert b"htmx" in b"".join(response.streaming_content)
    assert "no-store" not in response["Cache-Control"]
    assert "max-age" in response["Cache-Control"]
    compressed = client.get(f"/static/{HTMX}", headers={"Accept-Encoding": "gzip"})
    assert compressed["Content-Encoding"] == "gzip"


def _boom(request, person_id):
    raise RuntimeError(f"dossier van Sarah Janssens ({person_id})")


ERROR_URLS = types.ModuleType("error_urls")
ERROR_URLS.urlpatterns = [
    path("personen/<int:person_id>/fout/", _boom),
    path("", include("welzijn.web.urls")),
]


@pytest.fixture
def log_stream():
    """The configured stderr handler (its filter and formatter), writing into a buffer."""
    (handler,) = [h for h in logging.getLogger().handlers if h.get_name() == "stderr"]
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield buffer
    handler.setStream(previous)


def test_a_server_error_is_logged_as_one_json_line_without_personal_data(
    settings, worker, log_stream
):
    settings.ROOT_URLCONF = ERROR_URLS
    worker.username = "sarah.janssens"
    worker.save()
    client = Client(raise_request_exception=False)
    client.force_login(worker)
    response = client.get("/personen/42/fout/", {"q": "Sarah Janssens", "insz": "90031404207"})
    assert response.status_code == 500
    lines = [json.loads(line) for line in log_stream.getvalue().splitlines()]
    (error,) = [line for line in lines if line.get("status") == 500]
    assert error["request_id"] == response["X-Request-ID"]
    assert error["level"] == "ERROR"
    assert error["method"] == "GET"
    assert error["route"] == "personen/<int:person_id>/fout/"
    assert error["user_id"] == worker.pk
    assert error["exception"]["type"] == "builtins.RuntimeError"
    assert error["exception"]["frames"][-1]["function"] == "_boom"
    text = log_stream.getvalue()
    for secret in ("Sarah", "Janssens", "janssens", "90031404207", "q=", "/personen/42"):
        assert secret not in text
