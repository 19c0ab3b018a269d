"""Validate-then-write helpers shared by the service functions."""

from django.core.exceptions import ValidationError
from django.db import models


def validate_and_save(instance: models.Model, **save_kwargs) -> models.Model:
    """full_clean (field validators, clean(), constraints) and save.

    Callers run inside transaction.atomic, so a failure later on leaves nothing half-written.
    """
    instance.full_clean()
    instance.save(**save_kwargs)
    return instance


def require(condition: bool, field: str, message: str) -> None:
    if not condition:
        raise ValidationError({field: message})
