"""The report's subsidy figures count applications and decisions."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from factories import SUBSIDY_OFFICE, applicant, association, subsidy_application, user

from welzijn.core.roles import Role
from welzijn.reporting.compute import compute
from welzijn.reporting.indicators import BY_CODE
from welzijn.subsidies import services as subsidies

pytestmark = pytest.mark.django_db
D = dt.date


def _decide(vera, official, app, on, amount=None, outcome="toekenning", submitted=None):
    subsidies.application_submit(actor=vera, application_id=app.pk, on=submitted or on)
    subsidies.application_check(actor=official, application_id=app.pk, note="", on=on)
    if app.jury_deadline or subsidies.Application.objects.get(pk=app.pk).jury_deadline:
        juror = user(Role.JURY, SUBSIDY_OFFICE)
        subsidies.jury_score_record(
            actor=juror, application_id=app.pk, score=8, advice="gunstig", note="ok", on=on
        )
    return subsidies.application_decide(
        actor=official,
        application_id=app.pk,
        outcome=outcome,
        amount=amount,
        motivation="ok",
        on=on,
    )


def _value(code, year=2023):
    return compute(year, [BY_CODE[code]])[code].value


def test_samen_aan_zet_counts_grants_of_the_year_not_refused_nor_clawed_back():
    vera, official = applicant(association()), user(Role.SUBSIDIES, SUBSIDY_OFFICE)
    small = dict(lines=[("huur", "Zaal", "300")])
    granted = [subsidy_application(vera, **small) for _ in range(3)]
    for app in granted:
        _decide(vera, official, app, D(2023, 3, 1), amount=Decimal("300"))
    subsidies.application_close(
        actor=official,
        application_id=granted[0].pk,
        outcome="teruggevorderd",
        reason="Niet doorgegaan.",
        on=D(2023, 7, 1),
    )
    refused = subsidy_application(vera, **small)
    _decide(vera, official, refused, D(2023, 3, 1), outcome="weigering")
    assert _value("samen_aan_zet") == 2


def test_recognised_and_subsidised_associations_and_running_projects():
    official = user(Role.SUBSIDIES, SUBSIDY_OFFICE)
    year = dict(start=D(2023, 1, 1), end_date=D(2023, 12, 31), on=D(2023, 1, 10), lines=())
    for n in range(2):
        vera = applicant(association(f"dgv-{n}", f"Vereniging {n}"))
        for _ in range(2 if n == 0 else 1):  # a second recognition counts the association once
            app = subsidy_application(
                vera,
                call="erkenning-doelgroepverenigingen-2023",
                category="armoede",
                activities_last_year=4,
                **year,
            )
            _decide(vera, official, app, D(2023, 1, 10))
    sif = applicant(association("sif", "Innovatie vzw"))
    project = subsidy_application(
        sif,
        call="sociaal-innovatiefonds-2022-2024",
        category="",
        on=D(2022, 3, 1),
        start=D(2022, 9, 1),
        end_date=D(2024, 8, 31),
        legal_form="vzw",
        lines=[("personeel", "Medewerker", "50000")],
    )
    _decide(sif, official, project, D(2022, 7, 1), amount=Decimal("50000"), submitted=D(2022, 3, 1))
    assert _value("doelgroepverenigingen") == 2
    assert _value("doelgroepverenigingen_subsidie") == 0
    assert _value("sociaal_innovatiefonds") == 1


def _amount(category="", year=2023):
    """The amount measure on a Samen aan zet row (not a report row yet: no seed figure)."""
    row = dataclasses.replace(
        BY_CODE["samen_aan_zet"], code="bedrag", kind="subsidies.granted_amount", detail=category
    )
    return compute(year, [row])["bedrag"].value


def test_an_amount_granted_is_shown_only_over_five_associations_or_more():
    official = user(Role.SUBSIDIES, SUBSIDY_OFFICE)
    for n in range(5):
        vera = applicant(association(f"saz-{n}", f"Buurtvereniging {n}"))
        app = subsidy_application(vera, lines=[("huur", "Zaal", "300")])
        _decide(vera, official, app, D(2023, 3, 1), amount=Decimal("300"))
        if n == 3:
            assert _amount() is None  # four associations: one grant would be readable
    assert _amount() == 1500
    assert _amount(subsidies.Application.objects.first().category) == 1500
