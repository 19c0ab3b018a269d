"""A beheerder registers API clients in the workplace (the token shown once, stored
hashed), lists them, gives one a new token and revokes it; nobody else can."""

import re

import pytest
from django.utils import timezone
from factories import login_with_second_step, user
from rest_framework.test import APIClient

from welzijn.api.models import ApiClient
from welzijn.casework.models import Office
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role

pytestmark = pytest.mark.django_db
PAGES = "/beheer/api-clients/"
TOKEN = re.compile(r"wz_[A-Za-z0-9_-]{40,}")

NEW_CLIENT = {
    "name": "CAW-koppeling",
    "organisation": "CAW Oost-Vlaanderen",
    "roles": [Role.MAATSCHAPPELIJK_WERKER.value],
    "scopes": ["persons:read", "dossiers:read"],
    "expires_on": "31/12/2099",
}


def _api(token: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return api


@pytest.fixture
def beheerder_web(client):
    login_with_second_step(client, user(Role.BEHEERDER, office_code=None))
    return client


def test_a_beheerder_registers_rotates_and_revokes_a_client(beheerder_web):
    web = beheerder_web
    assert web.get(PAGES + "nieuw/").status_code == 200
    office = Office.objects.get(code="wb-brugse-poort")
    shown = web.post(PAGES + "nieuw/", {**NEW_CLIENT, "offices": [office.code]})
    assert shown.status_code == 200
    token = TOKEN.search(shown.content.decode()).group(0)
    registered = ApiClient.objects.get(name="CAW-koppeling")
    assert registered.token_hash != token and token not in registered.token_hash
    assert registered.user.assignments.get().office == office
    assert timezone.localtime(registered.expires_at).isoformat() == "2100-01-01T00:00:00+01:00"
    assert AuditEvent.objects.filter(action="create", object_type="api.apiclient").exists()
    assert _api(token).get("/api/v1/dossiers/").status_code == 200
    assert _api(token).post("/api/v1/persons/", {}, format="json").status_code == 403

    listing = web.get(PAGES).content.decode()
    assert "CAW-koppeling" in listing and registered.token_prefix in listing
    assert token not in listing
    assert AuditEvent.objects.filter(action="list", object_type="api.apiclient").exists()

    rotated = web.post(PAGES + f"{registered.pk}/nieuw-token/").content.decode()
    new_token = TOKEN.search(rotated).group(0)
    assert new_token != token
    assert _api(token).get("/api/v1/dossiers/").status_code == 401
    assert _api(new_token).get("/api/v1/dossiers/").status_code == 200

    web.post(PAGES + f"{registered.pk}/intrekken/", {"reason": "koppeling stopt"})
    registered.refresh_from_db()
    assert registered.revoked_at is not None
    assert _api(new_token).get("/api/v1/dossiers/").status_code == 401
    again = web.post(PAGES + f"{registered.pk}/nieuw-token/", follow=True).content.decode()
    assert "ingetrokken of vervallen" in again
    assert (
        AuditEvent.objects.filter(
            action="update", object_type="api.apiclient", object_id=str(registered.pk)
        ).count()
        == 2
    )


def test_the_form_names_what_is_wrong(beheerder_web):
    answer = beheerder_web.post(
        PAGES + "nieuw/", {**NEW_CLIENT, "roles": ["beheerder"], "expires_on": "01/01/2001"}
    )
    assert answer.status_code == 400
    form = answer.context["form"]
    assert "roles" in form.errors
    assert not ApiClient.objects.exists()
    past = beheerder_web.post(PAGES + "nieuw/", {**NEW_CLIENT, "expires_on": "01/01/2001"})
    assert past.context["form"].errors["expires_on"] == [
        "De vervaldatum moet in de toekomst liggen."
    ]
    assert not ApiClient.objects.exists()


def test_only_a_beheerder_manages_clients(client):
    login_with_second_step(client, user(Role.MAATSCHAPPELIJK_WERKER))
    assert client.get(PAGES).status_code == 404
    assert client.get(PAGES + "nieuw/").status_code == 404
    assert client.post(PAGES + "nieuw/", NEW_CLIENT).status_code == 404
    assert not ApiClient.objects.exists()
    assert AuditEvent.objects.filter(action="refused").count() == 3


def test_the_admin_lists_clients_read_only(beheerder_web, register):
    registered, _ = register()
    account = user(Role.BEHEERDER, office_code=None, name="admin.beheerder")
    account.is_staff = True
    account.save()
    login_with_second_step(beheerder_web, account)
    assert beheerder_web.get("/admin/api/apiclient/add/").status_code == 403
    beheerder_web.post(
        "/admin/api/apiclient/", {"action": "revoke", "_selected_action": [registered.pk]}
    )
    registered.refresh_from_db()
    assert registered.revoked_at is not None
