from django.contrib import admin

from .models import Cause, Skill, WijkCentre


@admin.register(Cause, Skill)
class CodedAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


@admin.register(WijkCentre)
class WijkCentreAdmin(admin.ModelAdmin):
    list_display = ("wijk", "latitude", "longitude")
