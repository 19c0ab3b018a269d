"""An expired session: htmx gets a full-page trip to the login, what was typed in a form
survives logging in again; and the error pages are Dutch, in the site's layout."""

import datetime as dt
import types

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.test import Client
from django.urls import include, path, reverse
from django.utils import timezone
from factories import dossier, totp_device, user

from welzijn.casework.models import CaseNote, Contact
from welzijn.core.roles import Role
from welzijn.web.expired_session import MAX_CHARS, MAX_FIELDS, NOTICE, SESSION_KEY, _fields_to_keep

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-test-wachtwoord"
LOGIN = "/inloggen/"
HTMX = {"HX-Request": "true"}
REASON = "Kan de huur van mei niet betalen; vraagt naar een huurwaarborg"


@pytest.fixture
def worker():
    account = user(Role.MAATSCHAPPELIJK_WERKER)
    account.set_password(PASSWORD)
    account.save()
    return account


def _login(client, worker, next_url=""):
    data = {"username": worker.username, "password": PASSWORD, "next": next_url}
    response = client.post(LOGIN, data)
    assert response.status_code == 302, response.content.decode()
    return response


def _expire_sessions():
    """What 30 idle minutes do: the row is still there, the cookie too, but it has expired."""
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))


def _kept():
    (row,) = Session.objects.filter(expire_date__gt=timezone.now())
    return row.get_decoded().get(SESSION_KEY)


# --- htmx and the login ------------------------------------------------------------------


def test_htmx_without_session_gets_a_full_page_redirect_to_the_page_it_was_on(client):
    response = client.get(
        reverse("web:search"),
        {"q": "celik"},
        headers={**HTMX, "HX-Current-URL": "http://testserver/zoeken/?q=cel"},
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/inloggen/?next=%2Fzoeken%2F%3Fq%3Dcel"
    body = response.content.decode()
    assert "<form" not in body and "Gebruikersnaam" not in body


def test_htmx_next_never_leaves_the_site(client):
    for foreign in ("https://evil.example/zoeken/", "//evil.example/", ""):
        response = client.get(reverse("web:worklist"), headers={**HTMX, "HX-Current-URL": foreign})
        assert response["HX-Redirect"] == LOGIN


def test_without_htmx_the_login_redirect_stays_a_302(client):
    response = client.get(reverse("web:search"), {"q": "celik"})
    assert response.status_code == 302
    assert response["Location"] == "/inloggen/?next=/zoeken/%3Fq%3Dcelik"
    assert "HX-Redirect" not in response


def test_second_step_for_htmx_returns_to_the_page_not_the_partial(client):
    beheerder = user(Role.BEHEERDER, None)
    beheerder.set_password(PASSWORD)
    beheerder.save()
    totp_device(beheerder)
    _login(client, beheerder)
    response = client.get(
        reverse("web:search"),
        {"q": "x"},
        headers={**HTMX, "HX-Current-URL": "http://testserver/zoeken/?q=ab"},
    )
    assert response["HX-Redirect"] == "/inloggen/code/?next=%2Fzoeken%2F%3Fq%3Dab"


# --- what was typed survives the login ----------------------------------------------------


def test_contact_typed_before_the_session_expired_is_there_after_login(client, worker):
    hh_office = worker.assignments.get().office_id
    _login(client, worker)
    assert client.get(reverse("web:contact_new")).status_code == 200
    _expire_sessions()
    response = client.post(
        reverse("web:contact_new"),
        {
            "csrfmiddlewaretoken": "het-token-uit-het-formulier",
            "office": hh_office,
            "occurred_on": "02/05/2023",
            "channel": "balie",
            "reason": REASON,
            "password": "nooit-bewaren",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/inloggen/?next=/onthaal/nieuw/"
    assert Contact.objects.count() == 0
    kept = _kept()
    assert kept["/onthaal/nieuw/"]["reason"] == REASON
    assert "csrfmiddlewaretoken" not in kept["/onthaal/nieuw/"]
    assert "password" not in kept["/onthaal/nieuw/"]

    done = _login(client, worker, next_url="/onthaal/nieuw/")  # the key rotates; data stays
    assert done["Location"] == "/onthaal/nieuw/"
    page = client.get(done["Location"])
    body = page.content.decode()
    assert page.status_code == 200
    assert f"{REASON}</textarea>" in body
    assert 'value="02/05/2023"' in body
    assert NOTICE in body
    assert "errorlist" not in body  # unbound: no messages before the user saves
    again = client.get("/onthaal/nieuw/").content.decode()
    assert REASON not in again and NOTICE not in again
    assert SESSION_KEY not in client.session


def test_an_htmx_note_comes_back_on_the_dossier_page(client, worker):
    file = dossier(worker)
    page_url = reverse("web:dossier", args=[file.pk])
    _login(client, worker)
    _expire_sessions()
    response = client.post(
        reverse("web:note_new", args=[file.pk]),
        {"noted_on": "03/05/2023", "text": "Huisbezoek: de verwarming is stuk."},
        headers={**HTMX, "HX-Current-URL": f"http://testserver{page_url}"},
    )
    assert response["HX-Redirect"] == f"/inloggen/?next={page_url.replace('/', '%2F')}"
    assert CaseNote.objects.count() == 0
    _login(client, worker, next_url=page_url)
    body = client.get(page_url).content.decode()
    assert "Huisbezoek: de verwarming is stuk.</textarea>" in body
    assert NOTICE in body


def test_nothing_is_kept_for_a_request_that_never_had_a_session(client, worker):
    response = client.post(reverse("web:contact_new"), {"reason": REASON})
    assert response.status_code == 302
    assert not Session.objects.exists()


def test_kept_fields_are_capped():
    post = QueryDict(mutable=True)
    post["lang"] = "x" * (MAX_CHARS + 1)
    post["kort"] = "x" * MAX_CHARS
    post.setlist("keuzes", ["1", "2"])
    post["new_password1"] = "geheim"
    for n in range(MAX_FIELDS * 2):
        post[f"veld{n}"] = str(n)
    kept = _fields_to_keep(post)
    assert len(kept) == MAX_FIELDS
    assert "lang" not in kept and "new_password1" not in kept
    assert kept["kort"] == "x" * MAX_CHARS and kept["keuzes"] == ["1", "2"]


def test_logout_keeps_nothing(client, worker):
    _login(client, worker)
    response = client.post(reverse("web:logout"), {"csrfmiddlewaretoken": "x", "note": "y"})
    assert response["Location"] == LOGIN
    assert not any(SESSION_KEY in s.get_decoded() for s in Session.objects.all())


# --- error pages ---------------------------------------------------------------------------


def _boom(request):
    raise RuntimeError("dossier van Sarah Janssens")


def _refused(request):
    raise PermissionDenied


ERROR_URLS = types.ModuleType("error_urls")
ERROR_URLS.urlpatterns = [
    path("fout/", _boom),
    path("geweigerd/", _refused),
    path("", include("welzijn.web.urls")),
]


def _in_layout(body: str) -> bool:
    return 'lang="nl-BE"' in body and 'id="inhoud"' in body and "welzijn.css" in body


def test_the_500_page_is_dutch_in_the_layout_without_a_traceback(settings, client, worker):
    settings.DEBUG = False
    settings.ROOT_URLCONF = ERROR_URLS
    client = Client(raise_request_exception=False)
    client.force_login(worker)
    response = client.get("/fout/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in body and _in_layout(body)
    for leak in ("Traceback", "RuntimeError", "Sarah", "_boom"):
        assert leak not in body


def test_404_and_403_are_dutch_in_the_layout(settings, client, worker):
    settings.DEBUG = False
    settings.ROOT_URLCONF = ERROR_URLS
    client.force_login(worker)
    missing = client.get("/bestaat-niet/")
    assert missing.status_code == 404
    assert "Niet gevonden" in missing.content.decode() and _in_layout(missing.content.decode())
    assert "Afmelden" in missing.content.decode()  # with the signed-in user's menu
    refused = client.get("/geweigerd/")
    assert refused.status_code == 403
    assert "Geen toegang" in refused.content.decode() and _in_layout(refused.content.decode())


def test_a_csrf_failure_shows_the_dutch_page(settings, worker):
    settings.DEBUG = False
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(worker)
    response = strict.post(reverse("web:contact_new"), {"reason": REASON})
    body = response.content.decode()
    assert response.status_code == 403
    assert "Formulier verlopen" in body and _in_layout(body)
    assert "verification failed" not in body  # not Django's English page
