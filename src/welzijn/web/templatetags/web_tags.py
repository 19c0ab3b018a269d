from django import template

from welzijn.core.roles import CASEWORK_ROLES, Role, roles_of

register = template.Library()


@register.filter
def does_casework(user) -> bool:
    """{% if user|does_casework %}: show the links of the caseworker's workplace."""
    return bool(roles_of(user) & CASEWORK_ROLES)


@register.filter
def is_partner(user) -> bool:
    return Role.PARTNER in roles_of(user)
