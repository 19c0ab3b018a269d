from decimal import Decimal

from django import template

from welzijn.core.numbers import format_eur
from welzijn.core.roles import (
    ACTIVITY_ROLES,
    CASEWORK_ROLES,
    DOSSIER_EDIT_ROLES,
    MELDINGEN_ROLES,
    OUTPUT_ROLES,
    SUBSIDY_ROLES,
    Role,
    roles_of,
)
from welzijn.outputs.months import month_name
from welzijn.registry.access import MERGE_ROLES

register = template.Library()


@register.filter
def does_casework(user) -> bool:
    """{% if user|does_casework %}: show the links of the caseworker's workplace."""
    return bool(roles_of(user) & CASEWORK_ROLES)


@register.filter
def organises_activities(user) -> bool:
    """{% if user|organises_activities %}: the link to the team's activity register."""
    return bool(roles_of(user) & ACTIVITY_ROLES)


@register.filter
def is_partner(user) -> bool:
    return Role.PARTNER in roles_of(user)


@register.filter
def works_in_shelter(user) -> bool:
    """{% if user|works_in_shelter %}: the opvang's tonight's board."""
    return Role.OPVANG in roles_of(user)


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


@register.filter
def works_on_dossiers(user) -> bool:
    """{% if user|works_on_dossiers %}: caseworker or teamcoach (the comité's sessions)."""
    return bool(roles_of(user) & DOSSIER_EDIT_ROLES)


@register.filter
def letter_late(letter, today) -> bool:
    """{% if letter|letter_late:today %}: a decision not notified within the legal term."""
    return letter.is_late(today)


@register.filter
def does_meldingen(user) -> bool:
    """{% if user|does_meldingen %}: the links of the meldingen (wardens and handling teams)."""
    return bool(roles_of(user) & MELDINGEN_ROLES)


@register.filter
def keeps_vacancies(user) -> bool:
    """The Vrijwilligerspunt, and an organisation's account (its vacancies)."""
    return bool(roles_of(user) & {Role.VRIJWILLIGERSPUNT, Role.PARTNER})


@register.filter
def percent(value) -> str:
    """{{ 0.1234|percent }}: '12,3%' (Belgian notation)."""
    if value is None or value == "":
        return ""
    return f"{float(value) * 100:.1f}%".replace(".", ",")


@register.filter
def user_name(user) -> str:
    """{{ p.author|user_name }}: the full name, else the username; empty for nobody (a record
    loaded without an author, such as an import)."""
    if user is None:
        return ""
    return user.get_full_name() or user.username


@register.filter
def has_role(user, role: str) -> bool:
    """{% if user|has_role:"energiecel" %}: the user holds this role (a team's own links)."""
    return Role(role) in roles_of(user)


@register.filter
def overdue(record, today) -> bool:
    """{% if d|overdue:today %}: past its legal term or due date, not yet settled."""
    return record.is_overdue(today)


@register.filter
def reports_outputs(user) -> bool:
    """{% if user|reports_outputs %}: the links to the team's monthly figures."""
    return bool(roles_of(user) & OUTPUT_ROLES)


@register.filter
def quantity(value) -> str:
    """{{ n|quantity }}: 99758 -> ‘99.758’, 28.5 -> ‘28,5’ (nl-BE, no trailing zeros)."""
    number = Decimal(value)
    decimals = 0 if number == number.to_integral_value() else 2
    text = f"{number:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


@register.filter
def month_label(day) -> str:
    """{{ month|month_label }}: ‘maart 2023’."""
    return month_name(day)


@register.filter
def get_item(mapping, key):
    return mapping.get(key)
