"""Reads of the praktijktesten (the team's only, audited) and their statistics."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, QuerySet

from welzijn.core.access import Intent
from welzijn.core.audit import audit_record

from .access import access_agent, access_campaign, campaigns_visible_to, require_team
from .models import Agent, Campaign, Characteristic, FollowUp, Outcome, PairedTest
from .stats import MIN_TESTS_PER_AGENT, NetDiscrimination

INVITED = Q(test_outcome=Outcome.INVITED), Q(control_outcome=Outcome.INVITED)
#: The pairs where both, only the control or only the test applicant were invited to a viewing.
PAIR_COUNTS = {
    "tests": Count("pk"),
    "both": Count("pk", filter=INVITED[0] & INVITED[1]),
    "only_control": Count("pk", filter=INVITED[1] & ~INVITED[0]),
    "only_test": Count("pk", filter=INVITED[0] & ~INVITED[1]),
}


def counts(tests: QuerySet[PairedTest], *group: str) -> list[dict]:
    """Per group, the PAIR_COUNTS (one aggregate query)."""
    return list(tests.values(*group).annotate(**PAIR_COUNTS).order_by(*group))


def net_of(row: dict) -> NetDiscrimination:
    return NetDiscrimination(row["tests"], row["both"], row["only_control"], row["only_test"])


@dataclass(frozen=True)
class Statistics:
    by_characteristic: list[tuple[Characteristic, NetDiscrimination]]
    by_kind: list[tuple[str, NetDiscrimination]]
    by_agent: list[tuple[Agent, NetDiscrimination]]  # agents with enough tests, worst first
    agents_too_few: int  # agents tested fewer than MIN_TESTS_PER_AGENT times


def statistics(tests: QuerySet[PairedTest]) -> Statistics:
    characteristics = Characteristic.objects.in_bulk()
    by_characteristic = [
        (characteristics[row["characteristic"]], net_of(row))
        for row in counts(tests, "characteristic")
    ]
    kinds = dict(Agent.Kind.choices)
    by_kind = [(kinds[row["agent__kind"]], net_of(row)) for row in counts(tests, "agent__kind")]
    per_agent = counts(tests, "agent")
    enough = [row for row in per_agent if row["tests"] >= MIN_TESTS_PER_AGENT]
    agents = Agent.objects.in_bulk([row["agent"] for row in enough])
    by_agent = sorted(
        ((agents[row["agent"]], net_of(row)) for row in enough),
        key=lambda pair: (not pair[1].significant, -(pair[1].net or 0), pair[0].name),
    )
    return Statistics(by_characteristic, by_kind, by_agent, len(per_agent) - len(enough))


@transaction.atomic
def campaigns_list(*, user) -> list[Campaign]:
    require_team(user)
    return list(campaigns_visible_to(user).annotate(n_tests=Count("tests")))


@transaction.atomic
def campaign_get(*, user, campaign_id: int, intent: Intent = Intent.VIEW) -> Campaign:
    campaign = access_campaign(user, Campaign.objects.get(pk=campaign_id), intent)
    audit_record(actor=user, action="view", obj=campaign)
    return campaign


@transaction.atomic
def campaign_statistics(*, user, campaign: Campaign) -> Statistics:
    """The campaign's statistics (after campaign_get), naming the agents: audited."""
    result = statistics(PairedTest.objects.filter(campaign=campaign))
    audit_record(
        actor=user,
        action="list",
        object_type="pairedtests.agent",
        reason="statistieken van de campagne",
        detail={"campaign": campaign.pk, "ids": [agent.pk for agent, _ in result.by_agent]},
    )
    return result


def recent_tests(*, user, campaign: Campaign, limit: int = 50) -> list[PairedTest]:
    require_team(user)
    return list(
        PairedTest.objects.filter(campaign=campaign).select_related(
            "agent", "characteristic", "wijk"
        )[:limit]
    )


@dataclass(frozen=True)
class AgentFile:
    agent: Agent
    overall: NetDiscrimination | None
    by_campaign: list[tuple[Campaign, NetDiscrimination]]
    follow_ups: list[FollowUp]


@transaction.atomic
def agent_get(*, user, agent_id: int, intent: Intent = Intent.VIEW) -> Agent:
    agent = access_agent(user, Agent.objects.get(pk=agent_id), intent)
    audit_record(actor=user, action="view", obj=agent)
    return agent


def agent_file(*, user, agent: Agent) -> AgentFile:
    """An agent's results per campaign (a retest shows in the later one) and follow-ups."""
    require_team(user)
    tests = PairedTest.objects.filter(agent=agent)
    overall = counts(tests, "agent")
    campaigns = Campaign.objects.in_bulk()
    return AgentFile(
        agent,
        net_of(overall[0]) if overall else None,
        [(campaigns[row["campaign"]], net_of(row)) for row in counts(tests, "campaign")],
        list(agent.follow_ups.select_related("retest_campaign")),
    )
