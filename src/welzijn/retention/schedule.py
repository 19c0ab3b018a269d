"""What a retention rule selects on a day, and checking that a rule can run at all."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Max, Q
from django.utils import timezone

if TYPE_CHECKING:
    from welzijn.retention.models import RetentionRule

_DATE_TYPES = ("DateField", "DateTimeField")
_AUDIT_ACTIONS = ("erase_search_terms", "prune_audit")


def rule_model(rule: RetentionRule) -> type[models.Model]:
    return apps.get_model(rule.model)


def _final_field(model: type[models.Model], path: str) -> models.Field:
    """The field a lookup path ends on (`household__dossiers__closed_on`)."""
    field: Any = None
    for part in path.split("__"):
        field = model._meta.get_field(part)
        if field.is_relation and field.related_model is not None:
            model = field.related_model
    return field


def rule_problems(rule: RetentionRule) -> dict[str, str]:
    """Dutch problems per field; empty when the rule can run."""
    try:
        model = rule_model(rule)
    except (LookupError, ValueError):
        return {
            "model": f"Onbekende soort record '{rule.model}' (app.model, bv. casework.dossier)."
        }
    problems = {}
    try:
        if _final_field(model, rule.anchor).get_internal_type() not in _DATE_TYPES:
            problems["anchor"] = f"'{rule.anchor}' is geen datumveld van {rule.model}."
    except FieldDoesNotExist:
        problems["anchor"] = f"{rule.model} heeft geen veld '{rule.anchor}'."
    for name in rule.erase or {}:
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            problems["erase"] = f"{rule.model} heeft geen veld '{name}'."
    if rule.action == "erase" and not rule.erase:
        problems["erase"] = "Wissen vraagt de velden die gewist worden."
    if rule.action in _AUDIT_ACTIONS and rule.model != "core.auditevent":
        problems["action"] = "Deze actie geldt alleen voor core.auditevent."
    return problems


def cutoff_of(rule: RetentionRule, today: dt.date) -> dt.date | dt.datetime:
    """Records whose anchor lies before this are due."""
    day = today - dt.timedelta(days=rule.period_days)
    if _final_field(rule_model(rule), rule.anchor).get_internal_type() == "DateTimeField":
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return day


def _already_erased(rule: RetentionRule) -> Q:
    q = Q()
    for name, value in rule.erase.items():
        if value == rule.PSEUDONYM:
            q &= Q(**{f"{name}__startswith": "p:"}) | Q(**{name: ""})
        else:
            q &= Q(**{name: value})
    return q


def due(rule: RetentionRule, today: dt.date) -> models.QuerySet:
    """The records of a delete or erase rule due on `today` (erased ones left out)."""
    model = rule_model(rule)
    queryset = model._default_manager.filter(**(rule.condition or {}))
    if rule.unless:
        queryset = queryset.exclude(**rule.unless)
    if "__" in rule.anchor:  # over a relation: the latest of the related dates counts
        queryset = queryset.annotate(_anchor=Max(rule.anchor)).filter(
            _anchor__lt=cutoff_of(rule, today)
        )
    else:
        queryset = queryset.filter(**{f"{rule.anchor}__lt": cutoff_of(rule, today)})
    if rule.action == "erase":
        queryset = queryset.exclude(_already_erased(rule))
    return queryset


def pseudonym(value: str) -> str:
    """A keyed pseudonym: equal values stay equal, the value cannot be read back."""
    secret = (settings.AUDIT_KEY or settings.SECRET_KEY).encode()
    digest = hmac.new(secret, b"retention:" + value.encode(), hashlib.sha256).hexdigest()
    return "p:" + digest[:20]


def erased_values(rule: RetentionRule, obj: models.Model) -> dict[str, Any]:
    values = {}
    for name, value in rule.erase.items():
        if value == rule.PSEUDONYM:
            current = getattr(obj, name)
            value = pseudonym(current) if current and not current.startswith("p:") else current
        values[name] = value
    return values
