from django.contrib import admin

from welzijn.catalog.models import Domain, Outcome, Service
from welzijn.core.admin_mixins import AuditedAdmin


@admin.register(Domain)
class DomainAdmin(AuditedAdmin):
    list_display = ["order", "name", "code"]
    list_display_links = ["name"]


@admin.register(Service)
class ServiceAdmin(AuditedAdmin):
    list_display = ["name", "domain", "kind", "unit", "amount_ceiling", "provider", "active"]
    list_filter = ["domain", "kind", "active"]
    search_fields = ["name", "code", "provider", "description"]


@admin.register(Outcome)
class OutcomeAdmin(AuditedAdmin):
    list_display = ["name", "applies_to", "code", "order", "active"]
    list_filter = ["applies_to", "active"]
