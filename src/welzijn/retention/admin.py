from django.contrib import admin

from welzijn.core.admin_mixins import AuditedAdmin

from .models import ProcessingActivity, RetentionRule


class RetentionRuleInline(admin.TabularInline):
    model = RetentionRule
    fields = ("code", "model", "description", "period_days", "action", "active")
    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProcessingActivity)
class ProcessingActivityAdmin(AuditedAdmin):
    list_display = ("name", "code", "legal_basis")
    inlines = [RetentionRuleInline]


@admin.register(RetentionRule)
class RetentionRuleAdmin(AuditedAdmin):
    list_display = ("description", "model", "period_days", "action", "period_published", "active")
    list_filter = ("processing", "action", "active", "period_published")
