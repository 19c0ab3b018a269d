"""Validate-then-write helpers shared by the service functions."""

import datetime as dt
import unicodedata

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import timezone


def _read_relations(instance: models.Model) -> set[str]:
    """The foreign keys whose object the instance holds as read from (or saved to) the
    database: that row exists, so it need not be looked up again to validate the key."""
    names = set()
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.ForeignKey) or not field.is_cached(instance):
            continue
        related = field.get_cached_value(instance)
        if (
            related is not None
            and not related._state.adding
            and not field.get_limit_choices_to()
            and getattr(related, field.target_field.attname) == getattr(instance, field.attname)
        ):
            names.add(field.name)
    return names


def full_clean(instance: models.Model) -> None:
    """Model.full_clean (field validators, clean(), unique checks, constraints), except that
    a foreign key to an object read from the database is not checked by a query of its own
    (one a key; the database's foreign key constraint stays the backstop)."""
    errors: dict = {}
    read = _read_relations(instance)
    for step in (lambda: instance.clean_fields(exclude=read), instance.clean):
        try:
            step()
        except ValidationError as e:
            errors = e.update_error_dict(errors)
    # as Model.full_clean: unique checks and constraints only for the fields that passed
    for step in (instance.validate_unique, instance.validate_constraints):
        try:
            step(exclude={name for name in errors if name != NON_FIELD_ERRORS})
        except ValidationError as e:
            errors = e.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def validate_and_save(instance: models.Model, **save_kwargs) -> models.Model:
    """full_clean (field validators, clean(), constraints) and save.

    Callers run inside transaction.atomic, so a failure later on leaves nothing half-written.
    """
    full_clean(instance)
    instance.save(**save_kwargs)
    return instance


def require(condition: bool, field: str, message: str) -> None:
    if not condition:
        raise ValidationError({field: message})


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def date_window(*, past_years: int | None = None) -> tuple[dt.date, dt.date]:
    """(earliest, latest) date a registration may carry: a configurable window around
    today (settings.WELZIJN_DATE_PAST_YEARS / WELZIJN_DATE_FUTURE_YEARS), so that a typo
    such as 2099 or year 1 is caught."""
    today = timezone.localdate()
    back = settings.WELZIJN_DATE_PAST_YEARS if past_years is None else past_years
    return _years_before(today, back), _years_before(today, -settings.WELZIJN_DATE_FUTURE_YEARS)


#: How far back a person's life events (birth, household memberships) may go.
LIFE_YEARS = 120


def check_dates_plausible(instance, *fields: str, past_years: int | None = None) -> None:
    """Raise a ValidationError naming each of these date fields that lies outside the
    window (empty fields are left to the field validators)."""
    earliest, latest = date_window(past_years=past_years)
    errors = {}
    for field in fields:
        value = getattr(instance, field)
        if value is None:
            continue
        if value < earliest:
            errors[field] = (
                f"Deze datum ligt te ver in het verleden: de vroegste toegelaten datum "
                f"is {earliest:%d/%m/%Y}."
            )
        elif value > latest:
            errors[field] = (
                f"Deze datum ligt te ver in de toekomst: de laatste toegelaten datum "
                f"is {latest:%d/%m/%Y}."
            )
    if errors:
        raise ValidationError(errors)


#: Bidirectional overrides and isolates: they make text read otherwise than it is stored.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def validate_no_control_characters(value: str) -> None:
    """Refuse invisible control characters (terminal escapes, right-to-left overrides) in
    free text; tabs and line breaks are fine."""
    for char in value:
        if (unicodedata.category(char) == "Cc" and char not in "\t\n\r") or (
            char in _BIDI_CONTROLS
        ):
            raise ValidationError(
                f"Dit veld bevat een onzichtbaar stuurteken (U+{ord(char):04X}); "
                "typ de tekst opnieuw of plak hem zonder opmaak.",
                code="control_character",
            )
