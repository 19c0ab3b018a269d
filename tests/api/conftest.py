import datetime as dt

import pytest
from django.utils import timezone
from factories import user
from rest_framework.test import APIClient

from welzijn.api.models import RESOURCES
from welzijn.api.services import apiclient_register
from welzijn.casework.models import Office
from welzijn.core.roles import Role

ALL_SCOPES = [f"{r}:write" for r in RESOURCES]


@pytest.fixture
def beheerder(db):
    return user(Role.BEHEERDER, office_code=None)


@pytest.fixture
def register(beheerder):
    """register(roles=..., offices=..., scopes=...) -> (ApiClient, an APIClient with its token)."""

    def make(
        roles=(Role.MAATSCHAPPELIJK_WERKER,),
        offices=("wb-brugse-poort",),
        scopes=ALL_SCOPES,
        name=None,
        expires_at=None,
    ):
        make.n += 1
        client, token = apiclient_register(
            actor=beheerder,
            name=name or f"systeem-{make.n}",
            organisation="Test",
            roles=[r.value for r in roles],
            office_ids=[Office.objects.get(code=c).pk for c in offices],
            scopes=list(scopes),
            expires_at=expires_at or timezone.now() + dt.timedelta(days=30),
        )
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        return client, api

    make.n = 0
    return make
