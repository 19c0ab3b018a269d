from django.contrib import admin

from welzijn.core.admin_mixins import PersonalDataAdmin
from welzijn.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(PersonalDataAdmin):
    """Read-only, and reading it is audited too: events carry search terms (names, INSZ)."""

    list_display = ["seq", "occurred_at", "actor_username", "action", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_username", "object_id", "reason"]
    date_hierarchy = "occurred_at"


# Accounts and groups: checked against self-elevation and audited.
from welzijn.core import admin_users  # noqa: E402, F401
