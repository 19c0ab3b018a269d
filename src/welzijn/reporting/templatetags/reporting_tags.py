from django import template

from welzijn.reporting.access import may_see_report

register = template.Library()


@register.filter
def sees_report(user) -> bool:
    """{% if user|sees_report %}: show the link to the jaaroverzicht."""
    return may_see_report(user)
