"""Schemathesis runs every operation of the schema against a live server with a small demo
world and a client with every scope: no server error, no response outside the schema."""

import datetime as dt

import pytest
import schemathesis
from django.utils import timezone
from factories import dossier, household, person, user
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from welzijn.api.models import RESOURCES
from welzijn.api.services import apiclient_register
from welzijn.casework.models import Office
from welzijn.core.roles import Role

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture
def token(transactional_db, reference_data):
    """A client of a welzijnsbureau; the reference data loaded here, since an earlier
    transactional test emptied the database."""
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    dossier(worker, household(worker, person(worker), person(worker)))
    _, secret = apiclient_register(
        actor=user(Role.BEHEERDER, office_code=None),
        name="schemathesis",
        organisation="test",
        roles=[Role.MAATSCHAPPELIJK_WERKER.value, Role.ONTHAAL.value],
        office_ids=[Office.objects.get(code="wb-brugse-poort").pk],
        scopes=[f"{r}:write" for r in RESOURCES],
        expires_at=timezone.now() + dt.timedelta(days=1),
    )
    return secret


def test_every_operation_conforms(live_server, token):
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/")
    headers = {"Authorization": f"Bearer {token}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 10

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=8,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        run()
