"""Writes of the praktijktesten: the team's only, validated, audited, atomic."""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from welzijn.core.audit import audit_record
from welzijn.core.validation import require, validate_and_save
from welzijn.registry.models import Wijk

from .access import require_team
from .models import Agent, Campaign, Characteristic, FollowUp, PairedTest


@transaction.atomic
def campaign_create(
    *,
    actor,
    name: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    method: str = "",
    note: str = "",
) -> Campaign:
    require_team(actor)
    campaign = Campaign(name=name.strip(), start_date=start_date, end_date=end_date, note=note)
    if method:
        campaign.method = method
    validate_and_save(campaign)
    audit_record(actor=actor, action="create", obj=campaign)
    return campaign


def _agent(actor, name: str, kind: str) -> Agent:
    """The agent by name and kind, registered the first time it is tested."""
    require(bool(name.strip()), "agent_name", "Wie verhuurt het pand?")
    agent = Agent.objects.filter(name=name.strip(), kind=kind).first()
    if agent is None:
        agent = Agent(name=name.strip(), kind=kind)
        validate_and_save(agent)
        audit_record(actor=actor, action="create", obj=agent)
    return agent


@transaction.atomic
def paired_test_register(
    *,
    actor,
    campaign_id: int,
    agent_name: str,
    agent_kind: str,
    characteristic: Characteristic,
    advert: str,
    rent: Decimal,
    wijk: Wijk,
    sent_on: dt.date,
    test_outcome: str,
    control_outcome: str,
    test_profile: str = "",
    control_profile: str = "",
) -> PairedTest:
    """One advert answered by the pair, and what each got back. The profiles default to the
    characteristic's standard pair."""
    require_team(actor)
    campaign = Campaign.objects.get(pk=campaign_id)
    require(
        sent_on >= campaign.start_date
        and (campaign.end_date is None or sent_on <= campaign.end_date),
        "sent_on",
        "Deze datum valt buiten de periode van de campagne.",
    )
    require(agent_kind in Agent.Kind.values, "agent_kind", "Kies een makelaar of een particulier.")
    test = PairedTest(
        campaign=campaign,
        agent=_agent(actor, agent_name, agent_kind),
        characteristic=characteristic,
        advert=advert,
        rent=rent,
        wijk=wijk,
        sent_on=sent_on,
        test_profile=test_profile or characteristic.test_profile,
        control_profile=control_profile or characteristic.control_profile,
        test_outcome=test_outcome,
        control_outcome=control_outcome,
    )
    validate_and_save(test)
    audit_record(actor=actor, action="create", obj=test)
    return test


@transaction.atomic
def follow_up_register(
    *,
    actor,
    agent_id: int,
    kind: str,
    held_on: dt.date,
    result: str,
    retest_campaign: Campaign | None = None,
    note: str = "",
) -> FollowUp:
    """A conversation, a training or a retest of an agent, and its result."""
    require_team(actor)
    agent = Agent.objects.get(pk=agent_id)
    require(
        kind != FollowUp.Kind.RETEST or retest_campaign is not None,
        "retest_campaign",
        "In welke campagne werd opnieuw getest?",
    )
    follow_up = FollowUp(
        agent=agent,
        kind=kind,
        held_on=held_on,
        result=result,
        retest_campaign=retest_campaign,
        note=note,
    )
    validate_and_save(follow_up)
    audit_record(actor=actor, action="create", obj=follow_up)
    return follow_up
