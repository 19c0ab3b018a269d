from django.contrib import admin

from .models import Characteristic


@admin.register(Characteristic)
class CharacteristicAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "ground")
