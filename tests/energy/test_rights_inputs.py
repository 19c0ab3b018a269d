"""What the Energiecel and the wooncoaches register feeds the rights screening: a LAC
dossier about electricity or gas makes its household one the rule for protected customers
looks at; a rent guarantee registered by the wooncoaches counts as received."""

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest
from factories import household, person, user

from welzijn.core.roles import Role
from welzijn.energy import services
from welzijn.registry.models import SocialStatus, StatusKind
from welzijn.rights.inputs import build_population
from welzijn.rights.models import Finding
from welzijn.rights.screening import rights_screen

pytestmark = pytest.mark.django_db
D = dt.date
ON = D(2026, 6, 1)


@pytest.fixture
def households():
    """Two households whose reference person has a disability allowance (so the right to the
    social tariff), neither with the tariff registered."""
    onthaal = user(Role.ONTHAAL)
    members = [person(onthaal, last_name=name) for name in ("Lacmans", "Buurman")]
    for member, name in zip(members, ("Gezin Lacmans", "Gezin Buurman"), strict=True):
        household(onthaal, member, name=name)
        SocialStatus.objects.create(
            kind=StatusKind.objects.get(code="inkomensvervangende-tegemoetkoming"),
            person=member,
            start_date=D(2024, 1, 1),
        )
    return members


def _input(name: str, member) -> bool:
    built = build_population(ON)
    position = int(np.flatnonzero(built.person_ids == member.pk)[0])
    hh = built.population.household_index[position]
    return bool(built.population.inputs[name][hh])


def _open_lac(member, utility="elektriciteit", received_on=ON - dt.timedelta(days=60)):
    cel = user(Role.ENERGIECEL, "team-energiecel")
    return services.lac_dossier_open(
        actor=cel,
        insz=member.insz,
        requester="fluvius" if utility != "water" else "farys",
        utility=utility,
        trigger="plan-niet-nageleefd",
        amount_owed=Decimal("640.00"),
        received_on=received_on,
    )


def test_a_lac_dossier_about_energy_changes_the_screening_input_of_its_household(households):
    lac_client, neighbour = households
    assert not _input("heeft_lac_dossier_energie", lac_client)
    _open_lac(lac_client)
    assert _input("heeft_lac_dossier_energie", lac_client)
    assert not _input("heeft_lac_dossier_energie", neighbour)
    rights_screen(on=ON, grant=False)
    found = {
        f.household.name: f.outcome
        for f in Finding.objects.filter(right="beschermde_afnemer", reference_date=ON)
    }
    # entitled to the social tariff, none registered: the LAC household is under-protected
    assert found["Gezin Lacmans"] == Finding.Outcome.UNDERPROTECTED
    # the same allowance without a LAC dossier: this rule does not flag it
    assert found.get("Gezin Buurman", Finding.Outcome.NOT_ENTITLED) == Finding.Outcome.NOT_ENTITLED


def test_water_and_old_requests_do_not_count(households):
    lac_client, _ = households
    _open_lac(lac_client, utility="water")
    _open_lac(lac_client, received_on=D(2025, 5, 1))
    assert not _input("heeft_lac_dossier_energie", lac_client)


def test_a_guarantee_registered_by_the_wooncoaches_counts_as_received(households):
    tenant, _ = households
    assert not _input("heeft_huurwaarborg_via_ocmw", tenant)
    services.rent_guarantee_grant(
        actor=user(Role.WOONCOACH, "team-wooncoaches"),
        insz=tenant.insz,
        form="waarborgbrief",
        granted_on=D(2026, 2, 3),
        amount=Decimal("1800.00"),
        monthly_repayment=Decimal("50.00"),
    )
    assert _input("heeft_huurwaarborg_via_ocmw", tenant)
