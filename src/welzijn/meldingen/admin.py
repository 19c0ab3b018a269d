from django.contrib import admin

from welzijn.core.admin_mixins import AuditedAdmin, PersonalDataAdmin
from welzijn.core.audit import audit_record, object_label

from .models import Category, Conflict, Melding


class SubcategoryInline(admin.TabularInline):
    model = Category
    fk_name = "parent"
    extra = 0
    fields = [
        "code",
        "name",
        "team",
        "sla_days",
        "sla_calendar_days",
        "service",
        "opens_conflict",
        "active",
    ]


@admin.register(Category)
class CategoryAdmin(AuditedAdmin):
    """The two-level category tree and its routing, edited by a beheerder."""

    list_display = ["__str__", "team", "sla_label", "service", "active"]
    list_filter = ["parent", "team", "active"]
    search_fields = ["name", "code"]
    inlines = [SubcategoryInline]

    def save_formset(self, request, form, formset, change):
        """Subcategories edited in the inline are audited one by one, like the main one."""
        deleted = [(object_label(f.instance), f.instance.pk) for f in formset.deleted_forms]
        for obj in formset.save():
            audit_record(actor=request.user, action="update", obj=obj, reason="beheer")
        for label, pk in deleted:
            audit_record(actor=request.user, action="delete", object_type=label, object_id=pk)


@admin.register(Melding)
class MeldingAdmin(PersonalDataAdmin):
    list_display = ["number", "category", "team", "wijk", "status", "reported_at", "due_on"]
    list_filter = ["status", "team", "wijk"]


@admin.register(Conflict)
class ConflictAdmin(PersonalDataAdmin):
    list_display = ["melding", "approach", "status", "started_on", "ended_on", "helped"]
    list_filter = ["approach", "status", "helped"]
