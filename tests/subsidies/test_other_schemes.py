"""Recognition of doelgroepverenigingen, its subsidy, and the Sociaal Innovatiefonds on the
same machinery as Samen aan Zet."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from factories import SUBSIDY_OFFICE, applicant, association, subsidy_application, user

from welzijn.core.roles import Role
from welzijn.subsidies import services as subsidies

pytestmark = pytest.mark.django_db
D = dt.date
YEAR = dict(start=D(2023, 1, 1), end_date=D(2023, 12, 31))


@pytest.fixture
def vera():
    return applicant(association())


@pytest.fixture
def official():
    return user(Role.SUBSIDIES, SUBSIDY_OFFICE)


def _recognise(vera, official, **fields):
    app = subsidy_application(
        vera,
        call="erkenning-doelgroepverenigingen-2023",
        category="ouderen",
        lines=(),
        on=D(2023, 2, 1),
        **{**YEAR, "activities_last_year": 8, "members": 25, **fields},
    )
    subsidies.application_submit(actor=vera, application_id=app.pk, on=D(2023, 2, 1))
    subsidies.application_check(actor=official, application_id=app.pk, note="", on=D(2023, 2, 2))
    return subsidies.application_decide(
        actor=official,
        application_id=app.pk,
        outcome="toekenning",
        motivation="Erkend.",
        on=D(2023, 2, 3),
    )


def test_recognition_criteria_per_target_group(vera):
    app = subsidy_application(
        vera,
        call="erkenning-doelgroepverenigingen-2023",
        category="ouderen",
        lines=(),
        on=D(2023, 2, 1),
        activities_last_year=3,
        members=7,
        **YEAR,
    )
    with pytest.raises(ValidationError) as refused:
        subsidies.application_submit(actor=vera, application_id=app.pk, on=D(2023, 2, 1))
    errors = refused.value.message_dict
    assert "minstens 6 activiteiten" in errors["activities_last_year"][0]
    assert "minstens 10 effectieve leden" in errors["members"][0]


def test_a_recognition_pays_nothing_and_holds_for_its_year(vera, official):
    recognition = _recognise(vera, official)
    assert recognition.status == "toegekend" and recognition.granted_amount is None
    with pytest.raises(ValidationError, match="geen bedrag toegekend"):
        subsidies.payment_register(
            actor=official, application_id=recognition.pk, amount=Decimal("1"), on=D(2023, 3, 1)
        )


def test_the_subsidy_follows_the_recognition_of_the_same_year(vera, official):
    ask = dict(
        call="subsidie-doelgroepverenigingen-2023",
        category="ouderen",
        lines=[("huur", "Zaal", "600.00")],
        on=D(2023, 2, 1),
        **YEAR,
    )
    early = subsidy_application(vera, **ask)
    with pytest.raises(ValidationError, match="voor 2023 erkend"):
        subsidies.application_submit(actor=vera, application_id=early.pk, on=D(2023, 2, 1))
    _recognise(vera, official)
    assert (
        subsidies.application_submit(actor=vera, application_id=early.pk, on=D(2023, 2, 4)).number
        == 1
    )


def test_sociaal_innovatiefonds_goes_to_the_jury_and_caps_investments(vera, official):
    app = subsidy_application(
        vera,
        call="sociaal-innovatiefonds-2022-2024",
        category="",
        on=D(2022, 3, 1),
        start=D(2022, 9, 1),
        end_date=D(2024, 8, 31),
        legal_form="vzw",
        lines=[("personeel", "Projectmedewerker", "60000"), ("investering", "Busje", "20000")],
    )
    with pytest.raises(ValidationError, match="Investeringskosten mogen hoogstens 20 %"):
        subsidies.application_submit(actor=vera, application_id=app.pk, on=D(2022, 3, 1))
    line = app.lines.get(kind="investering")
    subsidies.budget_line_remove(actor=vera, line_id=line.pk)
    subsidies.budget_line_add(
        actor=vera,
        application_id=app.pk,
        kind="investering",
        description="Laptop",
        amount=Decimal("5000"),
    )
    done = subsidies.application_submit(actor=vera, application_id=app.pk, on=D(2022, 3, 1))
    assert done.jury_deadline is not None  # every proposal goes to the jury
    checked = subsidies.application_check(
        actor=official, application_id=app.pk, note="", on=D(2022, 7, 1)
    )
    assert checked.status == "jury"
