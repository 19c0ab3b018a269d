"""Praktijktesten: registering tests, the statistics against a worked example, the team's
access only, the follow-up of agents."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from factories import user

from welzijn.core.access import AccessDenied
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.pairedtests import selectors
from welzijn.pairedtests import services as pairedtests
from welzijn.pairedtests.models import Agent, Characteristic, FollowUp, PairedTest
from welzijn.pairedtests.stats import NetDiscrimination
from welzijn.registry.models import Wijk

D = dt.date


def test_worked_example_by_hand():
    """20 pairs with at least one invitation: 10 both, 8 only the control, 2 only the test.

    net = (8 - 2) / 20 = 0.30
    se = sqrt(8 + 2 - 6**2 / 20) / 20 = sqrt(8.2) / 20 = 0.1431782
    95%: 0.30 ± 1.959964 × 0.1431782 = 0.30 ± 0.2806241 → [0.0193759, 0.5806241]
    McNemar mid-p, 10 discordant pairs, k = 2: P(X<2) = (1 + 10)/1024, P(X=2) = 45/1024,
    mid-p = 2 × 11/1024 + 45/1024 = 67/1024 = 0.0654297 (exact p would be 112/1024)
    """
    n = NetDiscrimination(tests=30, both=10, only_control=8, only_test=2)
    assert n.with_invitation == 20
    assert n.net == pytest.approx(0.30)
    low, high = n.interval
    assert low == pytest.approx(0.0193759, abs=1e-6)
    assert high == pytest.approx(0.5806241, abs=1e-6)
    assert n.mid_p == pytest.approx(67 / 1024)
    assert not n.significant


def test_no_discordant_pairs_nothing_to_test():
    n = NetDiscrimination(tests=12, both=5, only_control=0, only_test=0)
    assert n.net == 0 and n.mid_p is None and not n.significant
    assert NetDiscrimination(tests=3, both=0, only_control=0, only_test=0).net is None


def test_a_clear_case_is_significant():
    n = NetDiscrimination(tests=20, both=2, only_control=12, only_test=0)
    # mid-p = 2 × 0 + P(X=0) = 1/4096
    assert n.mid_p == pytest.approx(1 / 4096)
    assert n.significant


@pytest.fixture
def team(db):
    return user(Role.GELIJKE_KANSEN, "team-gelijke-kansen")


@pytest.fixture
def campaign(team):
    return pairedtests.campaign_create(
        actor=team, name="Huurmarkt 2023", start_date=D(2023, 1, 1), end_date=D(2023, 12, 31)
    )


def register(team, campaign, test_outcome, control_outcome, agent="Immo Test", **overrides):
    values = {
        "campaign_id": campaign.pk,
        "agent_name": agent,
        "agent_kind": "makelaar",
        "characteristic": Characteristic.objects.get(code="rolstoelgebruiker"),
        "advert": "Appartement 2 slaapkamers",
        "rent": Decimal("850.00"),
        "wijk": Wijk.objects.get(code="ledeberg"),
        "sent_on": D(2023, 3, 1),
        "test_outcome": test_outcome,
        "control_outcome": control_outcome,
    }
    values.update(overrides)
    return pairedtests.paired_test_register(actor=team, **values)


def test_tests_give_statistics_per_characteristic_and_agent(team, campaign):
    outcomes = (
        [("bezichtiging", "bezichtiging")] * 10
        + [("geen", "bezichtiging")] * 8
        + [("bezichtiging", "antwoord")] * 2
        + [("antwoord", "geen")] * 5
    )
    for test, control in outcomes:
        register(team, campaign, test, control)
    register(
        team, campaign, "geen", "bezichtiging", agent="Jan Verhuurder", agent_kind="particulier"
    )
    stats = selectors.campaign_statistics(user=team, campaign=campaign)
    ((characteristic, net),) = stats.by_characteristic
    assert characteristic.code == "rolstoelgebruiker"
    assert (net.tests, net.only_control, net.only_test, net.with_invitation) == (26, 9, 2, 21)
    ((agent, per_agent),) = stats.by_agent  # the private landlord has one test only
    assert agent.name == "Immo Test" and per_agent.mid_p == pytest.approx(67 / 1024)
    assert stats.agents_too_few == 1
    assert {kind for kind, _ in stats.by_kind} == {"vastgoedmakelaar", "particuliere verhuurder"}
    test = PairedTest.objects.first()
    assert test.test_profile.startswith("Kandidaat die vermeldt")  # the standard pair


def test_a_test_outside_the_campaign_is_refused_and_nothing_written(team, campaign):
    events, agents = AuditEvent.objects.count(), Agent.objects.count()
    with pytest.raises(ValidationError) as refused:
        register(team, campaign, "geen", "geen", sent_on=D(2024, 2, 1))
    assert "sent_on" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        register(team, campaign, "geen", "geen", rent=Decimal("-5"), agent="Nieuw")
    assert AuditEvent.objects.count() == events and Agent.objects.count() == agents


@pytest.mark.parametrize(
    "role", [Role.ANALIST, Role.MAATSCHAPPELIJK_WERKER, Role.VRIJWILLIGERSPUNT, Role.BEHEERDER]
)
def test_only_the_team_sees_the_agents(team, campaign, role):
    register(team, campaign, "geen", "bezichtiging")
    other = user(role, None)
    with pytest.raises(AccessDenied):
        selectors.campaign_get(user=other, campaign_id=campaign.pk)
    with pytest.raises(AccessDenied):
        selectors.agent_get(user=other, agent_id=Agent.objects.get().pk)
    with pytest.raises(AccessDenied):
        register(other, campaign, "geen", "geen")


def test_follow_up_of_an_agent(team, campaign):
    register(team, campaign, "geen", "bezichtiging")
    agent = Agent.objects.get()
    with pytest.raises(ValidationError) as refused:
        pairedtests.follow_up_register(
            actor=team, agent_id=agent.pk, kind="hertest", held_on=D(2023, 6, 1), result="lopend"
        )
    assert "retest_campaign" in refused.value.error_dict
    pairedtests.follow_up_register(
        actor=team, agent_id=agent.pk, kind="gesprek", held_on=D(2023, 5, 1), result="lopend"
    )
    retest = pairedtests.campaign_create(actor=team, name="Hertest", start_date=D(2023, 9, 1))
    pairedtests.follow_up_register(
        actor=team,
        agent_id=agent.pk,
        kind="hertest",
        held_on=D(2023, 10, 1),
        result="verbeterd",
        retest_campaign=retest,
    )
    file = selectors.agent_file(user=team, agent=agent)
    assert [f.kind for f in file.follow_ups] == ["hertest", "gesprek"]
    assert file.overall.only_control == 1
    assert FollowUp.objects.count() == 2


def test_the_report_counts_per_characteristic_and_kind_never_an_agent(team, campaign, client):
    from django.urls import reverse

    from welzijn.reporting.compute import compute
    from welzijn.reporting.indicators import BY_CODE

    for test, control in [("bezichtiging", "bezichtiging")] * 2 + [("geen", "bezichtiging")] * 3:
        register(team, campaign, test, control, agent="Immo Geheim")
    register(
        team, campaign, "bezichtiging", "geen", agent="Jan Verhuurder", agent_kind="particulier"
    )
    codes = [
        "praktijktesten",
        "praktijktesten_makelaar",
        "praktijktesten_rolstoelgebruiker",
        "praktijktesten_maghrebijnse_naam",
        "netto_discriminatie_rolstoelgebruiker",
        "netto_discriminatie_maghrebijnse_naam",
    ]
    result = compute(2023, [BY_CODE[c] for c in codes])
    values = [result[c].value for c in codes]
    assert values[:4] == [6, 5, 6, 0]
    assert values[4] == pytest.approx((3 - 1) / 6)
    assert values[5] is None  # no test of that characteristic: no figure
    client.force_login(user(Role.ANALIST, None))
    page = client.get(reverse("reporting:jaaroverzicht", kwargs={"year": 2023}))
    body = page.content.decode()
    assert page.status_code == 200 and "Netto discriminatie" in body
    assert "Immo Geheim" not in body and "Jan Verhuurder" not in body
