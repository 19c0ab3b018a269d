"""Admin base classes that route the admin through the audit trail.

The admin wraps each change and delete view in a transaction, so the audit event lands in
the same transaction as the change it records.
"""

from django.contrib import admin
from django.db import transaction

from welzijn.core.audit import audit_record, object_label


class AuditedAdmin(admin.ModelAdmin):
    """Reference data a beheerder edits (catalogue, wijken, offices): every write audited."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            action="update" if change else "create",
            obj=obj,
            reason="beheer",
            detail={"fields": list(form.changed_data)},
        )

    def delete_model(self, request, obj):
        label, pk = object_label(obj), obj.pk
        super().delete_model(request, obj)
        audit_record(actor=request.user, action="delete", object_type=label, object_id=pk)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PersonalDataAdmin(ReadOnlyAdmin):
    """Personal data in the admin: read-only (writes go through the casework services) and
    every list and every opened record is audited."""

    def changelist_view(self, request, extra_context=None):
        with transaction.atomic():
            audit_record(
                actor=request.user,
                action="list",
                object_type=self.model._meta.label_lower,
                reason="beheer",
                detail={"query": request.GET.urlencode()},
            )
            return super().changelist_view(request, extra_context)

    def _audited_object_view(self, request, object_id, view, *args):
        with transaction.atomic():
            obj = self.get_object(request, object_id)
            if obj is not None:
                audit_record(actor=request.user, action="view", obj=obj, reason="beheer")
            return view(request, object_id, *args)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self._audited_object_view(
            request, object_id, super().change_view, form_url, extra_context
        )

    def history_view(self, request, object_id, extra_context=None):
        return self._audited_object_view(request, object_id, super().history_view, extra_context)
