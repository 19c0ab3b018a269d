from decimal import Decimal

from django import template

from welzijn.core.numbers import format_eur
from welzijn.core.roles import CASEWORK_ROLES, Role, roles_of
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
def may_merge_people(user) -> bool:
    """{% if user|may_merge_people %}: a teamcoach (or beheerder) merges double registrations."""
    return bool(roles_of(user) & MERGE_ROLES)


@register.filter
def eur(amount) -> str:
    """{{ amount|eur }}: '€ 1.214,13'; empty for no amount."""
    if amount is None or amount == "":
        return ""
    return format_eur(Decimal(amount))


@register.filter
def keeps_vacancies(user) -> bool:
    """The Vrijwilligerspunt, and an organisation's account (its vacancies)."""
    return bool(roles_of(user) & {Role.VRIJWILLIGERSPUNT, Role.PARTNER})


@register.filter
def runs_paired_tests(user) -> bool:
    return Role.GELIJKE_KANSEN in roles_of(user)


@register.filter
def percent(value) -> str:
    """{{ 0.1234|percent }}: '12,3%' (Belgian notation)."""
    if value is None or value == "":
        return ""
    return f"{float(value) * 100:.1f}%".replace(".", ",")
