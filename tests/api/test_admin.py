"""A beheerder registers an API client in the admin (the token shown once) and revokes it."""

import re

import pytest
from factories import login_with_second_step, user
from rest_framework.test import APIClient

from welzijn.api.models import ApiClient
from welzijn.casework.models import Office
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role

pytestmark = pytest.mark.django_db


def test_a_beheerder_registers_and_revokes_a_client(client):
    beheerder = user(Role.BEHEERDER, office_code=None)
    beheerder.is_staff = True
    beheerder.save()
    login_with_second_step(client, beheerder)
    answer = client.post(
        "/admin/api/apiclient/add/",
        {
            "name": "CAW-koppeling",
            "organisation": "CAW Oost-Vlaanderen",
            "roles": [Role.MAATSCHAPPELIJK_WERKER.value],
            "offices": [Office.objects.get(code="wb-brugse-poort").pk],
            "scope_list": ["persons:read", "dossiers:read"],
            "expires_at_0": "31/12/2099",
            "expires_at_1": "12:00:00",
        },
        follow=True,
    )
    assert answer.status_code == 200
    token = re.search(r"wz_[A-Za-z0-9_-]{40,}", answer.content.decode()).group(0)
    registered = ApiClient.objects.get(name="CAW-koppeling")
    assert token not in registered.token_hash
    assert registered.user.assignments.get().office.code == "wb-brugse-poort"
    assert AuditEvent.objects.filter(action="create", object_type="api.apiclient").exists()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.get("/api/v1/dossiers/").status_code == 200
    assert token not in client.get(f"/admin/api/apiclient/{registered.pk}/change/").content.decode()

    client.post(
        "/admin/api/apiclient/",
        {"action": "revoke", "_selected_action": [registered.pk]},
    )
    registered.refresh_from_db()
    assert registered.revoked_at is not None
    assert api.get("/api/v1/dossiers/").status_code == 401
