"""The framework through the persons resource: tokens, scopes, problems, ETags, idempotency,
the audit of every request."""

import datetime as dt
import os
import uuid

import pytest
from django.utils import timezone
from factories import person, user
from rest_framework.test import APIClient

from welzijn.api.models import ApiClient
from welzijn.api.services import apiclient_revoke
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.registry.models import Person

pytestmark = pytest.mark.django_db

NEW_PERSON = {
    "first_name": "Amina",
    "last_name": "El Idrissi",
    "birth_date": "1990-03-14",
    "sex": "V",
    "nationality": "be",
    "residence_status": "belg",
}


def test_the_token_is_stored_hashed_and_works(register):
    client, api = register()
    assert "wz_" not in client.token_hash and len(client.token_hash) == 64
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    somebody = person(worker)
    answer = api.get(f"/api/v1/persons/{somebody.pk}/")
    assert answer.status_code == 200
    assert answer.json()["last_name"] == somebody.last_name
    assert answer["ETag"]


def test_revoked_expired_and_unknown_tokens_are_refused(register, beheerder):
    client, api = register()
    apiclient_revoke(actor=beheerder, client_id=client.pk)
    answer = api.get("/api/v1/persons/?q=jan")
    assert answer.status_code == 401
    assert answer["Content-Type"] == "application/problem+json"
    assert answer.json()["status"] == 401
    old, api = register()
    ApiClient.objects.filter(pk=old.pk).update(expires_at=timezone.now() - dt.timedelta(1))
    assert api.get("/api/v1/persons/?q=jan").status_code == 401
    stranger = APIClient()
    stranger.credentials(HTTP_AUTHORIZATION="Bearer wz_guessed")
    assert stranger.get("/api/v1/persons/?q=jan").status_code == 401
    assert APIClient().get("/api/v1/persons/?q=jan").status_code in (401, 403)


def test_scope_limits_resources_and_writing(register):
    _, reader = register(scopes=["persons:read"])
    assert reader.get("/api/v1/persons/?q=jan").status_code == 200
    assert reader.post("/api/v1/persons/", NEW_PERSON, format="json").status_code == 403
    assert reader.get("/api/v1/households/1/").status_code == 403
    _, writer = register(scopes=["persons:write"])
    assert writer.post("/api/v1/persons/", NEW_PERSON, format="json").status_code == 201


def test_a_service_refusal_names_the_field_in_dutch(register):
    _, api = register()
    answer = api.post("/api/v1/persons/", {**NEW_PERSON, "birth_date": "1800-01-01"}, format="json")
    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/problem+json"
    assert "birth_date" in answer.json()["errors"]
    assert not Person.objects.filter(last_name="El Idrissi").exists()


def test_create_goes_through_the_service_and_is_audited(register):
    client, api = register()
    answer = api.post("/api/v1/persons/", NEW_PERSON, format="json")
    assert answer.status_code == 201, answer.json()
    made = Person.objects.get(pk=answer.json()["id"])
    assert made.nationality == "BE"  # the service's normalisation
    event = AuditEvent.objects.get(action="create", object_type="registry.person")
    assert event.actor_id == client.user_id


def test_the_same_idempotency_key_gives_the_same_answer_once(register):
    _, api = register()
    first = api.post("/api/v1/persons/", NEW_PERSON, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    again = api.post("/api/v1/persons/", NEW_PERSON, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Person.objects.filter(last_name="El Idrissi").count() == 1
    other = api.post(
        "/api/v1/persons/",
        {**NEW_PERSON, "first_name": "Fatima"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k1",
    )
    assert other.status_code == 422
    assert Person.objects.filter(last_name="El Idrissi").count() == 1


def test_an_update_with_a_stale_etag_is_refused(register):
    _, api = register()
    made = api.post("/api/v1/persons/", NEW_PERSON, format="json")
    url = f"/api/v1/persons/{made.json()['id']}/"
    etag = api.get(url)["ETag"]
    assert api.patch(url, {"language": "fr"}, format="json").status_code == 428
    first = api.patch(url, {"language": "fr"}, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200 and first["ETag"] != etag
    stale = api.patch(url, {"language": "ar"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert Person.objects.get(pk=made.json()["id"]).language == "fr"


def test_every_request_is_audited_with_the_client(register):
    client, api = register(roles=(Role.ANALIST,), offices=())
    before = AuditEvent.objects.filter(action="api").count()
    api.get("/api/v1/persons/?q=jan")  # refused: an analist sees no names
    api.get("/api/v1/persons/999999/")
    events = AuditEvent.objects.filter(action="api").order_by("seq")[before:]
    assert [e.object_id for e in events] == [str(client.pk)] * 2
    assert [e.detail["status"] for e in events] == [404, 404] or all(
        e.detail["status"] in (403, 404) for e in events
    )


def test_someone_elses_object_answers_as_missing_and_is_audited(register):
    _, api = register(roles=(Role.GEMEENSCHAPSWACHT,), offices=())
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    somebody = person(worker)
    answer = api.get(f"/api/v1/persons/{somebody.pk}/")
    assert answer.status_code == 404
    assert somebody.last_name not in answer.content.decode()
    assert AuditEvent.objects.filter(action="refused", object_id=str(somebody.pk)).exists()


def test_a_signed_in_user_uses_the_session_with_csrf():
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(worker)
    assert browser.get("/api/v1/persons/?q=jan").status_code == 200
    assert browser.post("/api/v1/persons/", NEW_PERSON, format="json").status_code == 403


def test_the_schema_and_the_docs_are_served_locally(client):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/persons/" in schema.content
    for page in ("/api/v1/docs/", "/api/v1/redoc/"):
        docs = client.get(page)
        assert docs.status_code == 200
        assert b"https://" not in docs.content.replace(b"https://github.com", b""), page


def test_no_operation_is_described_by_a_developers_docstring(client):
    """The schema's descriptions are for the API's users: none is a docstring of the views."""
    import inspect

    from welzijn.api.urls import router

    docstrings = set()
    for _prefix, view, _basename in router.registry:
        for klass in view.__mro__:
            docstrings.add(inspect.getdoc(klass))
            docstrings |= {inspect.getdoc(f) for f in vars(klass).values() if callable(f)}
    docstrings.discard(None)
    paths = client.get("/api/v1/schema/?format=json").json()["paths"]
    described = [
        (method, path, op["description"])
        for path, ops in paths.items()
        for method, op in ops.items()
        if op.get("description")
    ]
    assert [d for d in described if inspect.cleandoc(d[2]) in docstrings] == []


def test_the_frameworks_own_errors_are_dutch(register):
    """A body that is no JSON, a date in another format and a session call without its CSRF
    token: Django REST Framework's own messages are English or half English."""
    _, api = register()
    broken = api.post("/api/v1/persons/", data="{geen json", content_type="application/json")
    assert broken.status_code == 400
    assert broken.json()["detail"] == "De inhoud van de aanvraag is geen geldige JSON."
    dated = api.post("/api/v1/persons/", {**NEW_PERSON, "birth_date": "14/03/1990"}, format="json")
    assert dated.status_code == 400
    assert dated.json()["errors"]["birth_date"][0].startswith("De datum heeft het verkeerde")
    session = APIClient(enforce_csrf_checks=True)
    session.force_login(user(Role.MAATSCHAPPELIJK_WERKER))
    refused = session.post("/api/v1/persons/", NEW_PERSON, format="json")
    assert refused.status_code == 403
    assert refused.json()["detail"].startswith("De CSRF-controle mislukte")


def _redis_url() -> str | None:
    """A Redis server to test against (WELZIJN_TEST_REDIS_URL), if one answers."""
    import redis

    url = os.environ.get("WELZIJN_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return None
    return url


@pytest.mark.parametrize("cache", ["database", "redis"])
def test_the_rate_limit_counts_a_clients_requests_in_every_worker(
    register, monkeypatch, settings, cache
):
    """The throttle's history is in the shared cache (the database's, or Redis with
    WELZIJN_CACHE_URL), so a second worker process, with a cache object of its own, sees the
    requests the first one counted, and refuses the one too many (a memory cache per process
    let a client make its rate once per worker)."""
    from django.utils.module_loading import import_string

    from welzijn.api.throttling import ClientRateThrottle

    if cache == "redis":
        url = _redis_url() or pytest.skip("no Redis server answers (WELZIJN_TEST_REDIS_URL)")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": uuid.uuid4().hex,  # apart from other test runs on the server
            }
        }
    monkeypatch.setattr(ClientRateThrottle, "THROTTLE_RATES", {"client": "2/minute"})
    client, api = register()
    assert [api.get("/api/v1/persons/?q=jan").status_code for _ in range(2)] == [200, 200]
    config = settings.CACHES["default"]
    other_worker = import_string(config["BACKEND"])(config["LOCATION"], config)
    key = ClientRateThrottle.cache_format % {"scope": "client", "ident": client.user.pk}
    assert len(other_worker.get(key, [])) == 2
    refused = api.get("/api/v1/persons/?q=jan")
    assert refused.status_code == 429
    assert refused.json()["status"] == 429
