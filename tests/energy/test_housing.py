"""Housing: a rent-arrears melding closed by a wooncoach with its outcome through the
meldingen' own transition; a rent guarantee's repayment; who may do it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from factories import household, person, user

from welzijn.core.access import AccessDenied
from welzijn.core.roles import Role
from welzijn.energy import services
from welzijn.energy.models import RentArrearsOutcome
from welzijn.meldingen import services as meldingen
from welzijn.meldingen.models import Melding, MeldingEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach():
    return user(Role.WOONCOACH, "team-wooncoaches")


def _melding(category="huurachterstal"):
    warden = user(Role.GEMEENSCHAPSWACHT, "team-gemeenschapswachten")
    return meldingen.melding_create(
        actor=warden,
        category=category,
        description="Melding van de verhuurder",
        reporter_kind="partner",
        street="Bevrijdingslaan",
        house_number="12",
        postcode="9000",
    )


def test_the_wooncoach_closes_it_with_an_outcome_through_the_meldingen_transition(coach):
    melding = _melding()
    assert melding.team.code == "team-wooncoaches"
    record = services.rent_arrears_close(
        actor=coach, melding_id=melding.pk, outcome="bemiddeling", note="Akkoord met verhuurder"
    )
    melding.refresh_from_db()
    assert melding.status == Melding.Status.AFGEHANDELD and record.outcome == "bemiddeling"
    assert MeldingEvent.objects.filter(melding=melding, status_to="afgehandeld").exists()
    # reopened and closed again: the new outcome replaces the old one
    meldingen.melding_transition(actor=coach, melding_id=melding.pk, to="heropend", note="Terug")
    services.rent_arrears_close(
        actor=coach, melding_id=melding.pk, outcome="verhuisd", note="Verhuisd"
    )
    assert RentArrearsOutcome.objects.get(melding=melding).outcome == "verhuisd"


def test_only_rent_arrears_and_only_the_wooncoaches(coach):
    with pytest.raises(ValidationError, match="huurachterstal"):
        services.rent_arrears_close(
            actor=coach, melding_id=_melding("sluikstorten").pk, outcome="bemiddeling", note="x"
        )
    melding = _melding()
    with pytest.raises(AccessDenied):
        services.rent_arrears_close(
            actor=user(Role.MELDINGEN_BEHANDELAAR, "team-netheid"),
            melding_id=melding.pk,
            outcome="bemiddeling",
            note="x",
        )
    with pytest.raises(ValidationError):  # a wrong INSZ leaves the melding open
        services.rent_arrears_close(
            actor=coach, melding_id=melding.pk, outcome="bemiddeling", note="x", insz="1"
        )
    melding.refresh_from_db()
    assert melding.status == "gemeld" and not RentArrearsOutcome.objects.exists()


def test_a_guarantee_is_repaid_up_to_its_amount(coach):
    onthaal = user(Role.ONTHAAL)
    tenant = person(onthaal, last_name="Huurder")
    household(onthaal, tenant)
    guarantee = services.rent_guarantee_grant(
        actor=coach,
        insz=tenant.insz,
        form="waarborgbrief",
        granted_on=dt.date(2023, 3, 1),
        amount=Decimal("100"),
        monthly_repayment=Decimal("50"),
    )
    services.rent_guarantee_repay(actor=coach, guarantee_id=guarantee.pk, amount=Decimal("60"))
    with pytest.raises(ValidationError, match="nog maar € 40,00"):
        services.rent_guarantee_repay(actor=coach, guarantee_id=guarantee.pk, amount=Decimal("50"))
    with pytest.raises(AccessDenied):
        services.rent_guarantee_repay(
            actor=user(Role.ENERGIECEL, "team-energiecel"),
            guarantee_id=guarantee.pk,
            amount=Decimal("1"),
        )


def test_a_gent_knapt_op_trajectory_has_a_budget_and_ends_once(coach):
    onthaal = user(Role.ONTHAAL)
    owner = person(onthaal, last_name="Eigenaar")
    household(onthaal, owner)
    with pytest.raises(ValidationError, match="budget"):
        services.housing_trajectory_start(
            actor=coach, insz=owner.insz, kind="gent-knapt-op", started_on=dt.date(2023, 2, 1)
        )
    trajectory = services.housing_trajectory_start(
        actor=coach,
        insz=owner.insz,
        kind="gent-knapt-op",
        started_on=dt.date(2023, 2, 1),
        steps="Renovatieadvies\nOffertes",
        budget=Decimal("25000"),
    )
    services.housing_trajectory_end(
        actor=coach, trajectory_id=trajectory.pk, end_date=dt.date(2023, 10, 1)
    )
    with pytest.raises(ValidationError, match="al beëindigd"):
        services.housing_trajectory_end(
            actor=coach, trajectory_id=trajectory.pk, end_date=dt.date(2023, 11, 1)
        )


def test_wooncoach_households_count_once_a_year_and_in_every_month_they_are_followed(coach):
    from welzijn.reporting.indicators import BY_CODE
    from welzijn.reporting.measures import get
    from welzijn.reporting.records import tally, total

    onthaal = user(Role.ONTHAAL)
    for n, started in enumerate((dt.date(2022, 11, 1), dt.date(2023, 4, 1))):
        tenant = person(onthaal, last_name=f"Huurder{n}")
        household(onthaal, tenant)
        services.housing_trajectory_start(
            actor=coach, insz=tenant.insz, kind="wooncoach", started_on=started
        )
    indicator = BY_CODE["wooncoaches"]
    records = get(indicator.kind).count(indicator, 2023, [])
    assert total(records).value == 2
    months = {m: t.value for m, t in tally(records, "month").items()}
    assert months == {m: 1 if m < 4 else 2 for m in range(1, 13)}  # both still followed
    assert total(get(indicator.kind).count(indicator, 2022, [])).value == 1
