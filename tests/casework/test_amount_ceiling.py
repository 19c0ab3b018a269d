"""The plausible maximum of a service's amount: the service functions and the import refuse
an amount above it unless it is confirmed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from factories import dossier, user

from welzijn.casework import services as casework
from welzijn.casework.amounts import AMOUNT_ABOVE_CEILING
from welzijn.casework.models import Intervention
from welzijn.catalog.models import Service
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def worker():
    return user(Role.MAATSCHAPPELIJK_WERKER)


def register(worker, file, amount, **kwargs):
    return casework.intervention_register(
        actor=worker,
        dossier_id=file.pk,
        service="huurwaarborg",
        date=D(2023, 5, 1),
        amount=amount,
        **kwargs,
    )


def test_the_catalogue_gives_huurwaarborg_and_leefloon_a_ceiling():
    assert Service.objects.get(code="huurwaarborg").amount_ceiling == Decimal("3000.00")
    assert Service.objects.get(code="leefloon").amount_ceiling == Decimal("2000.00")
    assert Service.objects.get(code="tussenkomst-energie").amount_ceiling is None


def test_an_amount_above_the_ceiling_is_refused_unless_confirmed(worker):
    file = dossier(worker)
    with pytest.raises(ValidationError) as refused:
        register(worker, file, Decimal("12000"))
    (error,) = refused.value.error_dict["amount"]
    assert error.code == AMOUNT_ABOVE_CEILING
    assert error.message == (
        "€ 12.000,00 is meer dan het plausibele maximum van € 3.000,00 voor Huurwaarborg; "
        "klopt dit?"
    )
    assert not Intervention.objects.exists()
    given = register(worker, file, Decimal("12000"), confirmed_above_ceiling=True)
    assert given.amount == Decimal("12000")
    event = AuditEvent.objects.get(action="create", object_type="casework.intervention")
    assert event.detail["above_ceiling_confirmed"] is True


def test_the_ceiling_itself_and_services_without_one_need_no_confirmation(worker):
    file = dossier(worker)
    assert register(worker, file, Decimal("3000.00")).amount == Decimal("3000.00")
    energy = casework.intervention_register(
        actor=worker,
        dossier_id=file.pk,
        service="tussenkomst-energie",
        date=D(2023, 5, 1),
        amount=Decimal("50000"),
    )
    assert energy.amount == Decimal("50000")


def test_a_correction_above_the_ceiling_is_asked_too(worker):
    intervention = register(worker, dossier(worker), Decimal("1200"))
    with pytest.raises(ValidationError, match="plausibele maximum"):
        casework.intervention_correct(
            actor=worker, intervention_id=intervention.pk, reason="tikfout", amount=Decimal(12000)
        )
    intervention.refresh_from_db()
    assert intervention.amount == Decimal("1200")
    casework.intervention_correct(
        actor=worker,
        intervention_id=intervention.pk,
        reason="klopt toch",
        amount=Decimal(12000),
        confirmed_above_ceiling=True,
    )
    intervention.refresh_from_db()
    assert intervention.amount == Decimal(12000)
