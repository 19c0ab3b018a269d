"""The Verenigingswijzer: advice on measure registered by the subsidy service, counted per
association in the report; amounts granted shown only over at least five associations."""

import datetime as dt

import pytest
from django.core.management import call_command

from tests.factories import user
from welzijn.catalog.models import Service
from welzijn.core.access import AccessDenied
from welzijn.core.audit import AuditEvent
from welzijn.core.roles import Role
from welzijn.registry.models import Organisation
from welzijn.reporting import measures
from welzijn.reporting.records import total
from welzijn.subsidies import services
from welzijn.subsidies.models import Advice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reference():
    from welzijn.casework.reference import REFERENCE_FIXTURES

    call_command("loaddata", *REFERENCE_FIXTURES, verbosity=0)


def _org(name: str) -> Organisation:
    return Organisation.objects.create(code=name.lower().replace(" ", "-"), name=name)


class _Row:
    detail = ""


def test_advice_is_registered_by_the_service_and_counted_once_per_association(client):
    official = user(Role.SUBSIDIES, "team-lokaal-sociaal-beleid")
    buurt, koor = _org("Buurtcomité Noord"), _org("Koor Zuid")
    day = dt.date(2025, 3, 4)
    for org, topic in ((buurt, "juridisch"), (buurt, "financieel"), (koor, "administratief")):
        services.advice_register(actor=official, organisation_id=org.pk, given_on=day, topic=topic)
    with pytest.raises(AccessDenied):
        services.advice_register(
            actor=user(Role.AANVRAGER, None), organisation_id=koor.pk, given_on=day, topic="ander"
        )
    assert AuditEvent.objects.filter(object_type="subsidies.advice", action="create").count() == 3
    service = Service.objects.get(code="verenigingswijzer").pk
    advised = measures.get("subsidies.organisations_advised")
    assert total(advised.count(_Row(), 2025, [service])).value == 2
    assert total(advised.count(_Row(), 2024, [service])).value == 0

    client.force_login(official)
    response = client.post(
        "/subsidies/advies/nieuw/",
        {"organisation": koor.pk, "given_on": "31/02/2025", "topic": "juridisch"},
    )
    assert response.status_code == 400 and Advice.objects.count() == 3
    response = client.post(
        "/subsidies/advies/nieuw/",
        {
            "organisation": koor.pk,
            "given_on": "05/03/2025",
            "topic": "juridisch",
            "note": "Statuten",
        },
    )
    assert response.status_code == 302 and Advice.objects.count() == 4
