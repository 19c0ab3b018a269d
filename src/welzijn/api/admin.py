"""The API clients in the admin: read-only (a beheerder registers them, gives them a new
token and revokes them in the workplace, /beheer/api-clients/), with the revoke action."""

from django.contrib import admin

from welzijn.api.models import ApiClient
from welzijn.api.services import apiclient_revoke


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "token_prefix", "expires_at", "revoked_at"]
    readonly_fields = [
        "name",
        "organisation",
        "scopes",
        "token_prefix",
        "created_at",
        "expires_at",
        "revoked_at",
    ]
    fields = readonly_fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="De gekozen API-clients intrekken (hun token werkt niet meer)")
    def revoke(self, request, queryset):
        for client in queryset.filter(revoked_at__isnull=True):
            apiclient_revoke(actor=request.user, client_id=client.pk, reason="beheer")
        self.message_user(request, "Ingetrokken.")
