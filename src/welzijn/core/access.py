"""Shared pieces of the access helpers. Each object has its own `access_<object>` helper,
next to its model, that returns the object or raises AccessDenied."""

from enum import StrEnum

from django.core.exceptions import PermissionDenied


class AccessDenied(PermissionDenied):
    """The user may not see or change this object. The web layer answers 404, so that the
    existence of someone else's dossier is not revealed."""


class Intent(StrEnum):
    VIEW = "view"
    EDIT = "edit"
