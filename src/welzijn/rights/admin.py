from django.contrib import admin

from welzijn.core.admin_mixins import PersonalDataAdmin, ReadOnlyAdmin
from welzijn.rights.models import Finding, ScreeningRun


@admin.register(ScreeningRun)
class ScreeningRunAdmin(ReadOnlyAdmin):
    list_display = ["reference_date", "started_at", "finished_at"]


@admin.register(Finding)
class FindingAdmin(PersonalDataAdmin):
    list_display = ["right", "household", "person", "outcome", "review", "office", "amount"]
    list_filter = ["right", "outcome", "review", "office"]
