"""The rights added in issue 17 read what the registry has (statuses, the department's own
interventions) and leave the rest unknown, so screening says "informatie ontbreekt"."""

import datetime as dt
from decimal import Decimal

import pytest
from factories import dossier, household, person, user

from welzijn.casework import services as casework
from welzijn.core.roles import Role
from welzijn.registry.models import SocialStatus, StatusKind
from welzijn.rights.models import Finding
from welzijn.rights.screening import rights_screen

pytestmark = pytest.mark.django_db

D = dt.date
ON = D(2026, 6, 1)


@pytest.fixture
def worker():
    return user(Role.MAATSCHAPPELIJK_WERKER)


def _finding(right, hh, **filters):
    return Finding.objects.get(right=right, household=hh, reference_date=ON, **filters)


def test_screening_on_1_june_2026_stores_findings_of_the_new_rights(worker):
    elder = person(worker, born=D(1945, 3, 3))
    hh = household(worker, elder)
    SocialStatus.objects.create(
        kind=StatusKind.objects.get(code="tegemoetkoming-hulp-bejaarden"),
        person=elder,
        start_date=D(2024, 1, 1),
    )
    run = rights_screen(on=ON, grant=False)
    assert {"igo", "zorgbudget_ouderen", "sociaal_verwarmingsfonds"} <= set(run.summary["rights"])
    # registered as received: the zorgbudget status
    assert _finding("zorgbudget_ouderen", hh, person=elder).outcome == "ontvangt"
    # the heating and the lease are not registered: unknown, never assumed
    assert _finding("sociaal_verwarmingsfonds", hh).outcome == "onbekend"
    assert _finding("huurwaarborg", hh).outcome == "onbekend"


def test_department_interventions_count_as_received(worker):
    member = person(worker, born=D(1980, 1, 1))
    file = dossier(worker, household(worker, member), opened=D(2026, 1, 5))
    for service, amount in (("verwarmingstoelage", "210"), ("huurwaarborg", "1950")):
        casework.intervention_register(
            actor=worker,
            dossier_id=file.pk,
            service=service,
            date=D(2026, 3, 2),
            amount=Decimal(amount),
            person=member,
        )
    rights_screen(on=ON, grant=False)
    assert _finding("sociaal_verwarmingsfonds", file.household).outcome == "ontvangt"
    assert _finding("huurwaarborg", file.household).outcome == "ontvangt"
