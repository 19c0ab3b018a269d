from decimal import Decimal

from django import template

from welzijn.core.numbers import format_eur
from welzijn.core.roles import CASEWORK_ROLES, SUBSIDY_ROLES, Role, roles_of
from welzijn.registry.access import MERGE_ROLES

register = template.Library()


@register.filter
def does_casework(user) -> bool:
    """{% if user|does_casework %}: show the links of the caseworker's workplace."""
    return bool(roles_of(user) & CASEWORK_ROLES)


@register.filter
def is_partner(user) -> bool:
    return Role.PARTNER in roles_of(user)


@register.filter
def does_subsidies(user) -> bool:
    """{% if user|does_subsidies %}: an association, a subsidy official or a juror."""
    return bool(roles_of(user) & SUBSIDY_ROLES)


@register.filter
def may_merge_people(user) -> bool:
    """{% if user|may_merge_people %}: a teamcoach (or beheerder) merges double registrations."""
    return bool(roles_of(user) & MERGE_ROLES)


@register.filter
def eur(amount) -> str:
    """{{ amount|eur }}: '€ 1.214,13'; empty for no amount."""
    if amount is None or amount == "":
        return ""
    return format_eur(Decimal(amount))
