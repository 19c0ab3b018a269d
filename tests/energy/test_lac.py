"""The LAC: a request with its legal term, the social investigation, the session, the
decision and its letter; energy aid from a dossier or a scan; access and audit."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from factories import household, person, user

from welzijn.core.access import AccessDenied
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.energy import selectors, services
from welzijn.energy.models import EnergyAid, LacDossier
from welzijn.energy.terms import term_for

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def cel():
    return user(Role.ENERGIECEL, "team-energiecel")


@pytest.fixture
def client_insz():
    onthaal = user(Role.ONTHAAL)
    member = person(onthaal, last_name="Lacmans")
    household(onthaal, member, name="Gezin Lacmans")
    return member.insz


def _open(cel, insz, **kwargs):
    values = {
        "insz": insz,
        "requester": "fluvius",
        "utility": "elektriciteit",
        "trigger": "plan-niet-nageleefd",
        "amount_owed": Decimal("812.40"),
        "received_on": D(2023, 3, 1),
    }
    return services.lac_dossier_open(actor=cel, **(values | kwargs))


def test_the_legal_term_is_the_rules_thirty_calendar_days(cel, client_insz):
    dossier = _open(cel, client_insz)
    assert term_for("elektriciteit").advice_within_days == 30
    assert dossier.advice_due_on == D(2023, 3, 31)
    assert dossier.service.code == "lac-dossiers-energie"
    assert dossier.household.name == "Gezin Lacmans"
    assert dossier.is_overdue(D(2023, 4, 1)) and not dossier.is_overdue(D(2023, 3, 31))
    water = _open(cel, client_insz, requester="farys", utility="water")
    assert water.service.code == "lac-dossiers-water"


def test_bad_requests_name_their_field(cel, client_insz):
    with pytest.raises(ValidationError) as exc:
        _open(cel, client_insz, requester="fluvius", utility="water")
    assert "requester" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        _open(cel, "85.07.30-999.99")
    assert "insz" in exc.value.error_dict
    assert not LacDossier.objects.exists()


def test_from_investigation_to_agenda_to_decision(cel, client_insz):
    dossier = _open(cel, client_insz)
    session = services.lac_session_plan(
        actor=cel,
        held_on=D(2023, 3, 20),
        members="OCMW-voorzitter\nFluvius\nMaatschappelijk werker",
    )
    with pytest.raises(ValidationError, match="sociaal onderzoek"):
        services.lac_dossier_plan(actor=cel, dossier_id=dossier.pk, session_id=session.pk)
    services.lac_investigation_write(actor=cel, dossier_id=dossier.pk, text="Alleenstaande moeder")
    services.lac_dossier_plan(actor=cel, dossier_id=dossier.pk, session_id=session.pk)
    decided = services.lac_decide(
        actor=cel,
        dossier_id=dossier.pk,
        decision="budgetmeter",
        motivation="Budgetmeter met krediet; afbetalingsplan van 12 maanden.",
        household_heard=True,
    )
    assert decided.status == "beslist" and decided.decided_on == D(2023, 3, 20)
    assert not decided.decided_late
    session.refresh_from_db()
    assert session.status == "gehouden"
    with pytest.raises(ValidationError):  # decided is final
        services.lac_decide(
            actor=cel, dossier_id=dossier.pk, decision="afsluiting-toegestaan",
            motivation="x", household_heard=False,
        )  # fmt: skip
    actions = set(
        AuditEvent.objects.filter(object_id=str(dossier.pk)).values_list("action", flat=True)
    )
    assert {"create", "plan", "decide"} <= actions


def test_aid_comes_from_a_dossier_or_a_scan(cel, client_insz):
    dossier = _open(cel, client_insz)
    aid = services.energy_aid_grant(
        actor=cel, service="energieschulden-ten-laste", granted_on=D(2023, 4, 1),
        amount=Decimal("812.40"), lac_dossier_id=dossier.pk,
    )  # fmt: skip
    assert aid.household_id == dossier.household_id
    with pytest.raises(ValidationError, match="energiescan"):
        services.energy_aid_grant(
            actor=cel, service="energiepremie-toestellen", granted_on=D(2023, 4, 1),
            amount=Decimal("150"), lac_dossier_id=dossier.pk,
        )  # fmt: skip
    scan = services.energy_scan_register(
        actor=cel, insz=client_insz, visited_on=D(2023, 5, 2), recommendations="Koelkast A+++"
    )
    premium = services.energy_aid_grant(
        actor=cel, service="energiepremie-toestellen", granted_on=D(2023, 5, 20),
        amount=Decimal("150"), scan_id=scan.pk,
    )  # fmt: skip
    assert premium.scan == scan and EnergyAid.objects.count() == 2


def test_another_team_neither_sees_nor_changes_a_dossier(cel, client_insz):
    dossier = _open(cel, client_insz)
    outsider = user(Role.MAATSCHAPPELIJK_WERKER)
    wooncoach = user(Role.WOONCOACH, "team-wooncoaches")
    for other in (outsider, wooncoach):
        with pytest.raises(AccessDenied):
            selectors.lac_dossier_get(user=other, dossier_id=dossier.pk)
        with pytest.raises(AccessDenied):
            services.lac_investigation_write(actor=other, dossier_id=dossier.pk, text="x")
    view = selectors.lac_dossier_get(user=cel, dossier_id=dossier.pk)
    assert view.dossier == dossier
    assert AuditEvent.objects.filter(action="view", object_id=str(dossier.pk)).exists()
