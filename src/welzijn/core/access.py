"""Shared pieces of the access helpers. Each object has its own `access_<object>` helper,
next to its model, that returns the object or raises AccessDenied."""

from enum import StrEnum

from django.core.exceptions import PermissionDenied


class AccessDenied(PermissionDenied):
    """The user may not see or change this object. The web layer answers 404, so that the
    existence of someone else's dossier is not revealed, and records the refusal in the
    audit trail with the object it was about (`obj`, when the helper had one)."""

    def __init__(self, message: str, obj=None):
        super().__init__(message)
        self.obj = obj


class Intent(StrEnum):
    VIEW = "view"
    EDIT = "edit"
