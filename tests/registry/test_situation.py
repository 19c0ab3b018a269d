"""Incomes and statuses through the services: periods, validation, audit, access."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from factories import household, person, user

from welzijn.core.access import AccessDenied
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.registry import services as registry
from welzijn.registry.models import Income, SocialStatus

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def worker():
    return user(Role.MAATSCHAPPELIJK_WERKER)


def _register(actor, somebody, **fields):
    values = {
        "category": "beroepsinkomen",
        "amount_net": Decimal("1214.13"),
        "per": "maand",
        "start_date": D(2023, 7, 1),
        "source": "loonfiche",
    }
    return registry.income_register(actor=actor, person_id=somebody.pk, **{**values, **fields})


def test_an_income_is_registered_corrected_and_ended_with_audit(worker):
    somebody = person(worker)
    income = _register(worker, somebody, proof=" loonfiche juli ")
    assert income.proof == "loonfiche juli" and income.end_date is None
    registry.income_update(
        actor=worker, income_id=income.pk, amount_net=Decimal("1241.13"), reason="tikfout"
    )
    registry.income_end(actor=worker, income_id=income.pk, end_date=D(2023, 12, 31))
    income.refresh_from_db()
    assert (income.amount_net, income.end_date) == (Decimal("1241.13"), D(2023, 12, 31))
    events = AuditEvent.objects.filter(object_type="registry.income", object_id=str(income.pk))
    assert [e.action for e in events.order_by("seq")] == ["create", "update", "update"]
    assert events.order_by("seq")[1].detail == {"fields": ["amount_net"]}
    with pytest.raises(ValidationError) as again:
        registry.income_end(actor=worker, income_id=income.pk, end_date=D(2024, 1, 31))
    assert "al beëindigd" in again.value.message_dict["end_date"][0]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"amount_net": None}, "amount_net", "Geef een netto of een bruto belastbaar bedrag."),
        ({"amount_net": Decimal("-1")}, "amount_net", "niet negatief"),
        ({"amount_gross_taxable": Decimal("-5")}, "amount_gross_taxable", "niet negatief"),
        ({"end_date": D(2023, 6, 30)}, "end_date", "niet voor de begindatum"),
        ({"start_date": D(1901, 1, 1)}, "start_date", "te ver in het verleden"),
        ({"end_date": D(2099, 1, 1)}, "end_date", "te ver in de toekomst"),
        ({"per": "week"}, "per", "geen geldige keuze"),
        ({"source": "hoorzeggen"}, "source", "geen geldige keuze"),
    ],
)
def test_a_bad_income_is_refused_naming_the_field(worker, fields, field, message):
    somebody = person(worker)
    with pytest.raises(ValidationError) as refused:
        _register(worker, somebody, **fields)
    assert message in " ".join(refused.value.message_dict[field])
    assert not Income.objects.filter(person=somebody).exists()


def test_the_database_refuses_an_income_without_amount(worker):
    with pytest.raises(IntegrityError), transaction.atomic():
        Income.objects.create(
            person=person(worker),
            category="ander",
            per="jaar",
            start_date=D(2023, 1, 1),
            source="ander",
        )


def test_an_unknown_field_cannot_be_corrected(worker):
    income = _register(worker, person(worker))
    with pytest.raises(ValidationError) as refused:
        registry.income_update(actor=worker, income_id=income.pk, person_id=1)
    assert "kan niet gewijzigd worden" in refused.value.message_dict["person_id"][0]


def test_an_analist_cannot_register_an_income(worker):
    with pytest.raises(AccessDenied):
        _register(user(Role.ANALIST, None), person(worker))


def test_statuses_belong_to_a_person_or_a_household_as_their_kind_says(worker):
    somebody = person(worker)
    hh = household(worker, somebody)
    vt = registry.status_register(
        actor=worker,
        kind="verhoogde-tegemoetkoming",
        person_id=somebody.pk,
        start_date=D(2022, 1, 1),
        source="ksz",
        proof="attest ziekenfonds 2022/17",
    )
    assert (vt.person, vt.household, vt.source) == (somebody, None, "ksz")
    energy = registry.status_register(
        actor=worker,
        kind="sociaal-tarief-energie",
        household_id=hh.pk,
        start_date=D(2022, 1, 1),
        source="attest",
    )
    assert energy.household == hh
    with pytest.raises(ValidationError) as refused:
        registry.status_register(
            actor=worker,
            kind="sociaal-tarief-energie",
            person_id=somebody.pk,
            start_date=D(2022, 1, 1),
            source="attest",
        )
    assert "hoort bij een huishouden" in refused.value.message_dict["kind"][0]
    registry.status_end(actor=worker, status_id=vt.pk, end_date=D(2023, 6, 30))
    assert SocialStatus.objects.get(pk=vt.pk).end_date == D(2023, 6, 30)
    with pytest.raises(ValidationError):
        registry.status_end(actor=worker, status_id=energy.pk, end_date=D(2021, 1, 1))
    assert SocialStatus.objects.get(pk=energy.pk).end_date is None
