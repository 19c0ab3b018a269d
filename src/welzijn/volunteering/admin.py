from django.contrib import admin

from .models import Cause, Skill


@admin.register(Cause, Skill)
class CodedAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "bit")
    search_fields = ("code", "name")
