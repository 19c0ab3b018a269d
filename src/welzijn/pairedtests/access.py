"""The praktijktesten are the equal-opportunities team's: campaigns, tests, the agents'
identities and their follow-up are visible to its role only. The annual report shows
aggregates per characteristic and per kind of landlord (`measures.py`), never an agent."""

from django.db.models import QuerySet

from welzijn.core.access import AccessDenied, Intent
from welzijn.core.roles import Role, roles_of

from .models import Agent, Campaign


def is_team(user) -> bool:
    return Role.GELIJKE_KANSEN in roles_of(user)


def require_team(user, obj=None) -> None:
    if not is_team(user):
        raise AccessDenied("De praktijktesten zijn er voor het team Gelijke Kansen.", obj)


def access_campaign(user, campaign: Campaign, intent: Intent = Intent.VIEW) -> Campaign:
    require_team(user, campaign)
    return campaign


def access_agent(user, agent: Agent, intent: Intent = Intent.VIEW) -> Agent:
    require_team(user, agent)
    return agent


def campaigns_visible_to(user) -> QuerySet[Campaign]:
    return Campaign.objects.all() if is_team(user) else Campaign.objects.none()


def agents_visible_to(user) -> QuerySet[Agent]:
    return Agent.objects.all() if is_team(user) else Agent.objects.none()
