from django.contrib import admin

from welzijn.core.admin_mixins import AuditedAdmin, PersonalDataAdmin
from welzijn.core.audit import audit_record, object_label

from .models import (
    CapacityPeriod,
    ExitDestination,
    Facility,
    PitCount,
    PitCountRecord,
    Refusal,
    Stay,
    WaitingEntry,
)


class CapacityInline(admin.TabularInline):
    model = CapacityPeriod
    extra = 0


@admin.register(Facility)
class FacilityAdmin(AuditedAdmin):
    list_display = ["name", "kind", "operator", "office", "active_from", "active_until"]
    list_filter = ["kind", "office"]
    search_fields = ["name", "code"]
    inlines = [CapacityInline]

    def save_formset(self, request, form, formset, change):
        """The places over time are reference data too: every change audited."""
        super().save_formset(request, form, formset, change)
        for period in formset.new_objects + [obj for obj, _ in formset.changed_objects]:
            audit_record(actor=request.user, action="update", obj=period, reason="beheer")
        for period in formset.deleted_objects:
            audit_record(
                actor=request.user,
                action="delete",
                object_type=object_label(period),
                object_id=str(period.pk),
                reason="beheer",
            )


@admin.register(ExitDestination)
class ExitDestinationAdmin(AuditedAdmin):
    list_display = ["name", "code", "group"]
    list_filter = ["group"]


@admin.register(PitCount)
class PitCountAdmin(AuditedAdmin):
    list_display = ["name", "date", "open_for_entry", "dedup_fields"]


@admin.register(Stay)
class StayAdmin(PersonalDataAdmin):
    list_display = ["facility", "entry_date", "exit_date", "exit_destination", "overbooking"]
    list_filter = ["facility"]


@admin.register(WaitingEntry)
class WaitingEntryAdmin(PersonalDataAdmin):
    list_display = ["facility", "registered_on", "priority", "status"]
    list_filter = ["facility", "status"]


@admin.register(Refusal)
class RefusalAdmin(PersonalDataAdmin):
    list_display = ["facility", "night"]
    list_filter = ["facility"]


@admin.register(PitCountRecord)
class PitCountRecordAdmin(PersonalDataAdmin):
    list_display = ["count", "ethos", "age_group", "sex", "organisation", "office"]
    list_filter = ["count", "ethos"]
