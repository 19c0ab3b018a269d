"""Reads of the subsidy procedure, access-checked and audited."""

import datetime as dt

from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum

from welzijn.core.access import AccessDenied, Intent
from welzijn.core.audit import audit_record
from welzijn.subsidies.access import (
    access_application,
    applications_visible_to,
    schemes_visible_to,
)
from welzijn.subsidies.models import Application, BudgetLine, Call


@transaction.atomic
def application_get(
    *, user, application_id: int, intent: Intent = Intent.VIEW, reason: str = ""
) -> Application:
    application = access_application(
        user,
        Application.objects.select_related("call__scheme", "organisation", "wijk").get(
            pk=application_id
        ),
        intent,
    )
    audit_record(actor=user, action="view", obj=application, reason=reason)
    return application


@transaction.atomic
def line_get(*, user, line_id: int) -> BudgetLine:
    line = BudgetLine.objects.select_related("application__call__scheme").get(pk=line_id)
    access_application(user, line.application, Intent.EDIT)
    audit_record(actor=user, action="view", obj=line.application, reason="begrotingslijn")
    return line


def applications_list(*, user, call: Call | None = None, reason: str = "") -> QuerySet[Application]:
    """The applications the user may see (of one call), newest first; the read is audited."""
    applications = applications_visible_to(user).select_related("call__scheme", "organisation")
    if call is not None:
        applications = applications.filter(call=call)
    audit_record(
        actor=user,
        action="list",
        object_type="subsidies.application",
        reason=reason,
        detail={"call": call.pk if call else None},
    )
    return applications.annotate(n_scores=Count("scores")).order_by("-number", "-pk")


def calls_visible_to(user) -> QuerySet[Call]:
    return Call.objects.filter(scheme__in=schemes_visible_to(user)).select_related("scheme")


def call_get(*, user, call_id: int) -> Call:
    call = Call.objects.select_related("scheme").get(pk=call_id)
    if not schemes_visible_to(user).filter(pk=call.scheme_id).exists():
        raise AccessDenied("Geen toegang tot deze oproep.", call)
    return call


def open_calls(user, on: dt.date) -> QuerySet[Call]:
    return calls_visible_to(user).filter(opens_on__lte=on, closes_on__gte=on)


def call_figures(call: Call) -> dict[str, list[dict]]:
    """Applications, grants and granted amounts of a call per category and per wijk
    (aggregates only)."""
    granted = Q(status__in=Application.GRANTED_STATES) & ~Q(status=Application.Status.CLAWED_BACK)
    submitted = call.applications.exclude(status=Application.Status.DRAFT)
    figures = {
        "applications": Count("pk"),
        "grants": Count("pk", filter=granted),
        "amount": Sum("granted_amount", filter=granted),
    }
    return {
        "per_category": list(submitted.values("category").annotate(**figures).order_by("category")),
        "per_wijk": list(submitted.values("wijk__name").annotate(**figures).order_by("wijk__name")),
    }
