"""The rights findings through the API: read, confirm and dismiss, through the rights
services, for the caseworkers of the household's office only."""

import datetime as dt
from decimal import Decimal

import pytest
from factories import dossier, household, person, user

from welzijn.core.roles import Role
from welzijn.registry.models import Income
from welzijn.rights.models import Finding
from welzijn.rights.screening import rights_screen

pytestmark = pytest.mark.django_db
DEC = dt.date(2023, 12, 1)


@pytest.fixture
def findings(db):
    """A household without income: findings of rights it does not receive."""
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    member = person(worker, born=dt.date(1980, 1, 1))
    file = dossier(worker, household(worker, member))
    for year in (2022, 2023):
        Income.objects.create(
            person=member,
            category="pensioen",
            amount_gross_taxable=Decimal(0),
            amount_net=Decimal(0),
            per="jaar",
            start_date=dt.date(year, 1, 1),
            end_date=dt.date(year, 12, 31),
            source="aanslagbiljet",
        )
    rights_screen(on=DEC, grant=False)
    return Finding.objects.filter(household=file.household, outcome="onderbescherming")


def test_findings_are_read_confirmed_and_dismissed(register, findings):
    first, second = findings.order_by("pk")[:2]
    _, api = register()
    listed = api.get("/api/v1/findings/?review=open").json()
    assert {first.pk, second.pk} <= {f["id"] for f in listed["results"]}
    confirmed = api.post(
        f"/api/v1/findings/{first.pk}/confirm/", {"on": "2023-12-01"}, format="json"
    )
    assert confirmed.status_code == 200, confirmed.json()
    assert confirmed.json()["review"] in ("bevestigd", "toegekend")
    no_reason = api.post(f"/api/v1/findings/{second.pk}/dismiss/", {"reason": ""}, format="json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["errors"]
    dismissed = api.post(
        f"/api/v1/findings/{second.pk}/dismiss/", {"reason": "werkt sinds 1/12"}, format="json"
    )
    assert dismissed.json()["review"] == "afgewezen"
    assert api.get(f"/api/v1/findings/{second.pk}/").json()["review"] == "afgewezen"


def test_a_finding_of_a_right_already_received_can_be_dismissed(register, findings):
    """Such a finding keeps no inputs (nothing to explain): reviewing it still works."""
    received = findings.first()
    Finding.objects.filter(pk=received.pk).update(outcome="ontvangt", inputs={})
    _, api = register()
    dismissed = api.post(
        f"/api/v1/findings/{received.pk}/dismiss/", {"reason": "al in orde"}, format="json"
    )
    assert dismissed.status_code == 200, dismissed.json()
    assert dismissed.json()["review"] == "afgewezen"


@pytest.mark.parametrize(
    ("role", "office", "reads", "reviews"),
    [
        (Role.MAATSCHAPPELIJK_WERKER, "wb-brugse-poort", 200, 200),
        (Role.MAATSCHAPPELIJK_WERKER, "wb-nieuw-gent", 404, 404),
        (Role.ANALIST, "wb-brugse-poort", 404, 404),
    ],
)
def test_findings_per_role_and_office(register, findings, role, office, reads, reviews):
    finding = findings.first()
    _, api = register(roles=(role,), offices=(office,))
    assert api.get(f"/api/v1/findings/{finding.pk}/").status_code == reads
    answer = api.post(
        f"/api/v1/findings/{finding.pk}/dismiss/", {"reason": "geen recht"}, format="json"
    )
    assert answer.status_code == reviews
    assert Finding.objects.get(pk=finding.pk).review == ("afgewezen" if reviews == 200 else "open")
