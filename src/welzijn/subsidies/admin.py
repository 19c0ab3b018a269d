"""The beheerder edits the schemes and calls (reference data, audited) and may look at the
applications (read-only, audited); the procedure itself runs through the subsidy pages."""

from django.contrib import admin

from welzijn.core.admin_mixins import AuditedAdmin, PersonalDataAdmin
from welzijn.subsidies.models import Application, Call, Scheme


@admin.register(Scheme)
class SchemeAdmin(AuditedAdmin):
    list_display = ["name", "regulation_version", "regulation_date", "office", "rules"]


@admin.register(Call)
class CallAdmin(AuditedAdmin):
    list_display = ["name", "scheme", "opens_on", "closes_on", "budget"]
    list_filter = ["scheme"]


@admin.register(Application)
class ApplicationAdmin(PersonalDataAdmin):
    list_display = ["number", "title", "organisation", "call", "status", "granted_amount"]
    list_filter = ["status", "call__scheme"]
