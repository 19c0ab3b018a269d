from django.contrib import admin

from .models import OutputKind


@admin.register(OutputKind)
class OutputKindAdmin(admin.ModelAdmin):
    """The beheerder says which team reports which monthly figure of which service."""

    list_display = ("service", "unit", "office", "stock", "active")
    list_filter = ("office", "stock", "active")
