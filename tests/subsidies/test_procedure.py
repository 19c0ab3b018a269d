"""Samen aan Zet from application to payment, through the service functions."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from factories import SUBSIDY_OFFICE, applicant, association, subsidy_application, user

from welzijn.core.access import AccessDenied
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.subsidies import services as subsidies
from welzijn.subsidies.models import Application, BudgetLine, Call, Payment

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def people():
    org = association()
    return {
        "org": org,
        "vera": applicant(org),
        "other": applicant(association("vzw-ander", "Andere vzw")),
        "official": user(Role.SUBSIDIES, SUBSIDY_OFFICE),
        "juror": user(Role.JURY, SUBSIDY_OFFICE),
        "outsider": user(Role.SUBSIDIES, "team-energiecel"),
    }


SUBMITTED_ON = D(2023, 3, 1)


def _submit(app, actor, on=SUBMITTED_ON):
    return subsidies.application_submit(actor=actor, application_id=app.pk, on=on)


def test_a_catering_line_over_20_percent_is_refused_then_corrected(people):
    vera = people["vera"]
    app = subsidy_application(
        vera, lines=[("huur", "Zaal", "600.00"), ("catering", "Broodjes", "300.00")]
    )
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        _submit(app, vera)
    message = " ".join(refused.value.message_dict["lines"])
    assert "Catering mag hoogstens 20 % van het subsidiebedrag zijn" in message
    assert "€ 300,00 van € 900,00 (33,3 %)" in message
    app.refresh_from_db()
    assert app.status == Application.Status.DRAFT and app.number is None
    assert AuditEvent.objects.count() == before
    line = app.lines.get(kind="catering")
    subsidies.budget_line_remove(actor=vera, line_id=line.pk)
    subsidies.budget_line_add(
        actor=vera,
        application_id=app.pk,
        kind="catering",
        description="Koffie",
        amount=Decimal("150"),
    )
    done = _submit(app, vera)
    assert done.status == Application.Status.SUBMITTED and done.number == 1
    assert done.jury_deadline == D(2023, 3, 15)  # 750 > 500: the jury of 15 March


def test_category_caps_and_flat_amounts(people):
    vera = people["vera"]
    big = subsidy_application(vera, category="1b", lines=[("huur", "Zaal", "2000.01")])
    with pytest.raises(ValidationError, match=r"hoogstens € 2\.000,00"):
        _submit(big, vera)
    flat = subsidy_application(vera, category="1a", lines=[("huur", "Zaal", "250.00")])
    with pytest.raises(ValidationError, match="forfaitair € 150,00 of € 300,00 of € 500,00"):
        _submit(flat, vera)
    trajectory = subsidy_application(
        vera,
        category="3",
        lines=[("sprekers", "Begeleiding", "5000.00")],
        start=D(2023, 6, 1),
        end_date=D(2023, 12, 31),
    )
    assert _submit(trajectory, vera).status == Application.Status.SUBMITTED


def test_six_weeks_before_the_start_and_twelve_months(people):
    vera = people["vera"]
    soon = subsidy_application(vera, lines=[("huur", "Zaal", "300")], start=D(2023, 4, 1))
    with pytest.raises(ValidationError, match="ten vroegste op 12/04/2023"):
        _submit(soon, vera)
    long = subsidy_application(
        vera, lines=[("huur", "Zaal", "300")], start=D(2023, 6, 1), end_date=D(2024, 6, 1)
    )
    with pytest.raises(ValidationError, match="hoogstens 12 maanden"):
        _submit(long, vera)


def test_eligibility_and_exclusions(people):
    vera = people["vera"]
    app = subsidy_application(
        vera, legal_form="andere", active_in_ghent=False, exclusions=["commercieel"]
    )
    with pytest.raises(ValidationError) as refused:
        _submit(app, vera)
    errors = refused.value.message_dict
    assert "vzw, een feitelijke vereniging of een bewonersgroep" in errors["legal_form"][0]
    assert "grondgebied van Gent" in errors["active_in_ghent"][0]
    assert "commercieel initiatief" in errors["exclusions"][0]


def test_at_most_four_a_year(people):
    vera = people["vera"]
    for _ in range(4):
        _submit(subsidy_application(vera, lines=[("huur", "Zaal", "300")]), vera)
    fifth = subsidy_application(vera, lines=[("huur", "Zaal", "300")])
    with pytest.raises(
        ValidationError, match="hoogstens 4 keer per jaar; in 2023 heeft ze er al 4"
    ):
        _submit(fifth, vera)
    next_year = subsidy_application(vera, lines=[("huur", "Zaal", "300")], start=D(2024, 1, 10))
    assert _submit(next_year, vera).number == 5  # the scheme's counter goes on


def test_only_the_own_association_edits_and_submits(people):
    app = subsidy_application(people["vera"])
    with pytest.raises(AccessDenied):
        _submit(app, people["other"])
    with pytest.raises(AccessDenied):
        subsidies.budget_line_add(
            actor=people["other"],
            application_id=app.pk,
            kind="huur",
            description="x",
            amount=Decimal("1"),
        )
    with pytest.raises(AccessDenied):
        subsidy_application(people["official"])


def _granted(people, amount="300.00", lines=(("huur", "Zaal", "300.00"),)):
    app = subsidy_application(people["vera"], lines=lines)
    _submit(app, people["vera"])
    official = people["official"]
    subsidies.application_check(actor=official, application_id=app.pk, note="", on=D(2023, 3, 2))
    return subsidies.application_decide(
        actor=official,
        application_id=app.pk,
        outcome="toekenning",
        amount=Decimal(amount),
        motivation="Voldoet aan het reglement.",
        on=D(2023, 3, 3),
    )


def test_grant_takes_from_the_budget_and_overspending_is_refused(people):
    call = Call.objects.get(code="samen-aan-zet-2023")
    call.budget = Decimal("500.00")
    call.save()
    app = _granted(people)
    assert app.status == Application.Status.GRANTED
    assert call.budget_left() == Decimal("200.00")
    second = subsidy_application(people["vera"], lines=[("huur", "Zaal", "300.00")])
    _submit(second, people["vera"])
    subsidies.application_check(
        actor=people["official"], application_id=second.pk, note="", on=D(2023, 3, 2)
    )
    with pytest.raises(
        ValidationError, match="overschrijdt het budget van de oproep: er blijft nog € 200,00"
    ):
        subsidies.application_decide(
            actor=people["official"],
            application_id=second.pk,
            outcome="toekenning",
            amount=Decimal("300.00"),
            motivation="ok",
            on=D(2023, 3, 3),
        )
    second.refresh_from_db()
    assert second.status == Application.Status.CHECKED and second.granted_amount is None


def test_an_official_of_another_team_cannot_decide(people):
    app = subsidy_application(people["vera"], lines=[("huur", "Zaal", "300")])
    _submit(app, people["vera"])
    with pytest.raises(AccessDenied):
        subsidies.application_check(
            actor=people["outsider"], application_id=app.pk, note="", on=D(2023, 3, 2)
        )


def test_jury_scores_before_a_large_grant(people):
    vera, official, juror = people["vera"], people["official"], people["juror"]
    app = subsidy_application(vera, lines=[("huur", "Zaal", "1500.00")], start=D(2023, 6, 1))
    _submit(app, vera)
    subsidies.application_check(actor=official, application_id=app.pk, note="", on=D(2023, 3, 2))
    with pytest.raises(ValidationError, match="nog niet gescoord"):
        subsidies.application_decide(
            actor=official,
            application_id=app.pk,
            outcome="toekenning",
            amount=Decimal("1500"),
            motivation="ok",
            on=D(2023, 3, 20),
        )
    subsidies.jury_score_record(
        actor=juror,
        application_id=app.pk,
        score=8,
        advice="gunstig",
        note="Sterk",
        on=D(2023, 3, 16),
    )
    done = subsidies.application_decide(
        actor=official,
        application_id=app.pk,
        outcome="toekenning",
        amount=Decimal("1200"),
        motivation="Op advies van de jury.",
        on=D(2023, 3, 20),
    )
    assert done.granted_amount == Decimal("1200")


def test_instalments_report_and_clawback(people):
    app = _granted(people)
    official = people["official"]
    subsidies.payment_register(
        actor=official, application_id=app.pk, amount=Decimal("200"), on=D(2023, 3, 10)
    )
    with pytest.raises(ValidationError, match="nog uit te betalen is"):
        subsidies.payment_register(
            actor=official, application_id=app.pk, amount=Decimal("101"), on=D(2023, 3, 11)
        )
    subsidies.final_report_submit(
        actor=people["vera"],
        application_id=app.pk,
        happened=False,
        participants=0,
        spent=Decimal("0"),
        text="Afgelast door regen.",
        on=D(2023, 6, 10),
    )
    closed = subsidies.application_close(
        actor=official,
        application_id=app.pk,
        outcome="teruggevorderd",
        reason="Het initiatief vond niet plaats.",
        reclaim=Decimal("200"),
        on=D(2023, 6, 20),
    )
    assert closed.status == Application.Status.CLAWED_BACK
    assert Payment.objects.filter(application=app, kind="terugvordering").get().amount == 200
    assert Call.objects.get(code="samen-aan-zet-2023").budget_left() == Decimal("580000.00")
    assert BudgetLine.objects.filter(application=app).count() == 1
