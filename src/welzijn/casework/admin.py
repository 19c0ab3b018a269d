from django.contrib import admin

from welzijn.casework import staffing
from welzijn.casework.access import contacts_visible_to, dossiers_visible_to
from welzijn.casework.models import (
    Contact,
    Decision,
    DocumentKind,
    Dossier,
    Intervention,
    Office,
    StaffAssignment,
    Trajectory,
)
from welzijn.core.admin_mixins import AuditedAdmin, CheckedAdmin, PersonalDataAdmin


@admin.register(Office)
class OfficeAdmin(AuditedAdmin):
    list_display = ["name", "kind", "wijk", "code"]
    list_filter = ["kind"]


class _AssignmentCheckForm:
    actor = None

    def clean(self):
        cleaned = super().clean()
        stored = None
        if not self.instance._state.adding:
            stored = StaffAssignment.objects.select_related("user", "office").get(
                pk=self.instance.pk
            )
        self.change = staffing.staff_assignment_check(
            actor=self.actor,
            assignment=stored,
            user=cleaned.get("user"),
            office=cleaned.get("office"),
        )
        return cleaned


@admin.register(StaffAssignment)
class StaffAssignmentAdmin(CheckedAdmin):
    """Assignments give access to an office's dossiers: nobody changes their own."""

    list_display = ["user", "office"]
    list_filter = ["office"]
    check_form = _AssignmentCheckForm

    def record_change(self, request, obj, change, created):
        staffing.staff_assignment_record(actor=request.user, before=change)

    def delete_check(self, request, obj):
        return staffing.staff_assignment_check(
            actor=request.user, assignment=obj, user=None, office=None
        )

    def delete_model(self, request, obj):
        before = self.delete_check(request, obj)
        super().delete_model(request, obj)
        staffing.staff_assignment_record(actor=request.user, before=before)


class DossierScopedAdmin(PersonalDataAdmin):
    """Casework records, limited to the dossiers the user may see."""

    dossier_path = "dossier"

    def get_queryset(self, request):
        visible = dossiers_visible_to(request.user).values("pk")
        return super().get_queryset(request).filter(**{f"{self.dossier_path}__in": visible})


@admin.register(Dossier)
class DossierAdmin(DossierScopedAdmin):
    dossier_path = "pk"
    list_display = ["pk", "household", "office", "status", "opened_on", "closed_on"]
    list_filter = ["status", "office"]


@admin.register(Trajectory)
class TrajectoryAdmin(DossierScopedAdmin):
    list_display = ["service", "dossier", "status", "start_date", "end_date", "outcome"]
    list_filter = ["status", "service__domain"]


@admin.register(Intervention)
class InterventionAdmin(DossierScopedAdmin):
    list_display = ["service", "dossier", "date", "amount", "quantity", "unit"]
    list_filter = ["service__domain"]


@admin.register(Decision)
class DecisionAdmin(DossierScopedAdmin):
    list_display = ["service", "dossier", "outcome", "decided_on", "hearing_held_on"]
    list_filter = ["outcome"]


@admin.register(Contact)
class ContactAdmin(PersonalDataAdmin):
    list_display = ["occurred_on", "office", "channel", "outcome"]
    list_filter = ["office", "channel", "outcome"]

    def get_queryset(self, request):
        return contacts_visible_to(request.user)


@admin.register(DocumentKind)
class DocumentKindAdmin(AuditedAdmin):
    list_display = ["name", "code", "order", "active"]
    list_filter = ["active"]
