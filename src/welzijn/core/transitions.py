"""The one mechanism behind every `<model>_transition` service: lock the row, check the
target state against the model's explicit map of allowed transitions."""

from django.core.exceptions import ValidationError
from django.db import models


def lock_for_transition(
    queryset: models.QuerySet,
    pk: int,
    *,
    to: str,
    allowed: dict[str, frozenset[str]],
    labels: dict[str, str],
    field: str = "status",
) -> models.Model:
    """Return the row locked with select_for_update, or raise when `to` is not allowed from
    its current state. Call inside transaction.atomic."""
    instance = queryset.select_for_update().get(pk=pk)
    check_transition(instance, to=to, allowed=allowed, labels=labels, field=field)
    return instance


def check_transition(
    instance: models.Model,
    *,
    to: str,
    allowed: dict[str, frozenset[str]],
    labels: dict[str, str],
    field: str = "status",
) -> None:
    """Raise when `to` is not allowed from the instance's current state (for rows already
    locked, e.g. many at once with select_for_update)."""
    current = getattr(instance, field)
    if to not in labels:
        raise ValidationError({field: f"Onbekende status '{to}'."})
    if to not in allowed.get(current, frozenset()):
        raise ValidationError(
            {field: f"Van '{labels[current]}' naar '{labels[to]}' is geen toegelaten overgang."}
        )
