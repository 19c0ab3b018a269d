from django.contrib import admin

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
    Wijk,
)


@admin.register(Wijk)
class WijkAdmin(AuditedAdmin):
    list_display = ["name", "code"]
    search_fields = ["name"]


@admin.register(Postcode)
class PostcodeAdmin(AuditedAdmin):
    list_display = ["code", "name"]


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


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
