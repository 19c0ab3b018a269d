from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse

from welzijn.core.admin_mixins import AuditedAdmin, PersonalDataAdmin
from welzijn.registry.models import (
    Address,
    Household,
    HouseholdMembership,
    Income,
    Organisation,
    Person,
    Postcode,
    SocialStatus,
    StatusKind,
    Street,
    Wijk,
)


@admin.register(Wijk)
class WijkAdmin(AuditedAdmin):
    list_display = ["name", "code", "latitude", "longitude"]
    search_fields = ["name"]


@admin.register(Postcode)
class PostcodeAdmin(AuditedAdmin):
    list_display = ["code", "name"]


@admin.register(Street)
class StreetAdmin(AuditedAdmin):
    """The street list that gives an address its wijk; partial, extended by a beheerder."""

    list_display = ["name", "postcode", "wijk"]
    list_filter = ["postcode", "wijk"]
    search_fields = ["name", "search_key"]


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "code", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


class MembershipInline(admin.TabularInline):
    model = HouseholdMembership
    extra = 0
    fields = ["person", "role", "start_date", "end_date"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Person)
class PersonAdmin(PersonalDataAdmin):
    list_display = ["last_name", "first_name", "birth_date", "residence_status"]
    list_filter = ["residence_status", "sex"]
    search_fields = ["search_name", "insz"]
    exclude = ["search_name"]
    actions = ["merge_two"]

    @admin.action(description="De twee gekozen personen samenvoegen (dubbele registratie)")
    def merge_two(self, request, queryset):
        """The merge itself is on the workplace page, which shows both side by side and
        asks for a reason; the first chosen (lowest number) is kept, the page can swap."""
        chosen = sorted(queryset.values_list("pk", flat=True)[:3])
        if len(chosen) != 2:
            self.message_user(request, "Kies precies twee personen.", level=messages.WARNING)
            return None
        keep, other = chosen
        return redirect(f"{reverse('web:person_merge', args=[keep])}?other={other}")


@admin.register(Household)
class HouseholdAdmin(PersonalDataAdmin):
    list_display = ["name", "address"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Address)
class AddressAdmin(PersonalDataAdmin):
    list_display = ["street", "number", "postcode", "wijk"]
    list_filter = ["wijk"]


@admin.register(StatusKind)
class StatusKindAdmin(AuditedAdmin):
    list_display = ["name", "code", "entity", "source"]


@admin.register(SocialStatus)
class SocialStatusAdmin(PersonalDataAdmin):
    list_display = ["kind", "person", "household", "start_date", "end_date", "source"]
    list_filter = ["kind", "source"]


@admin.register(Income)
class IncomeAdmin(PersonalDataAdmin):
    list_display = [
        "person",
        "category",
        "amount_net",
        "amount_gross_taxable",
        "per",
        "start_date",
        "end_date",
        "source",
    ]
    list_filter = ["category", "per", "source"]
