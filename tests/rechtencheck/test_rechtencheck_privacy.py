"""What the Rechtencheck promises the citizen: nothing stored or logged without consent,
no cookies but CSRF (and the session only when signed in), a strict CSP, no third-party
resources, no answers in a URL, a tampered page starts again."""

import logging
import re

import pytest
from django.contrib.sessions.models import Session
from rechtencheck_citizen import SINGLE_PARENT_MEMBERS, complete, field

from welzijn.core.models import AuditEvent
from welzijn.rechtencheck.models import SelfcheckRequest

pytestmark = pytest.mark.django_db


def _rows() -> tuple[int, int, int]:
    return SelfcheckRequest.objects.count(), AuditEvent.objects.count(), Session.objects.count()


def test_a_whole_check_writes_no_row_and_sets_no_cookie_but_csrf(client):
    before = _rows()
    result = complete(client)
    client.post("/rechtencheck/overzicht.pdf", {"state": field(result, "state")})
    client.post("/rechtencheck/doorsturen/", {"state": field(result, "state")})
    assert _rows() == before
    assert set(client.cookies) == {"csrftoken"}


def test_no_answer_reaches_a_log(client, caplog):
    caplog.set_level(logging.DEBUG)
    result = complete(client)
    wrong = client.post(
        "/rechtencheck/", {"state": field(result, "state"), "action": "result", "postcode": "12"}
    )
    assert wrong.status_code == 400  # a logged warning for a 400, but without the answers
    logged = " ".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    for typed in ("Sara", "Lina", "987,65", "987.65"):
        assert typed not in logged, typed


def test_pages_have_a_strict_csp_no_cache_and_no_third_party_resources(client):
    result = complete(client)
    csp = result["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert "no-store" in result["Cache-Control"]
    html = result.content.decode()
    assert not re.search(r'(src|href|action)="(https?:)?//', html), "a resource elsewhere"
    assert "<script" not in html and "style=" not in html
    assert re.findall(r'action="([^"]*)"', html) and all(
        "?" not in url for url in re.findall(r'(?:action|formaction)="([^"]*)"', html)
    )


def test_a_tampered_or_foreign_state_starts_again(client):
    start = client.post("/rechtencheck/", {"action": "start"})
    post = {"state": field(start, "state"), "key": "members", "action": "answer"}
    first = client.post("/rechtencheck/", post | SINGLE_PARENT_MEMBERS)
    state = field(first, "state")
    forged = client.post("/rechtencheck/", {"state": state[:-3] + "abc", "action": "result"})
    assert "Sara" not in forged.content.decode()
    assert 'name="change"' not in forged.content.decode()  # no answers carried over
    assert 'class="right unknown"' in forged.content.decode()
