"""Reads of the Rechtencheck: the welzijnsbureaus for a postcode (public reference data)
and, in the workplace, the requests of the user's own office (audited)."""

from django.db import transaction

from welzijn.core.audit import audit_record

from .access import access_selfcheck_request, selfcheck_requests_visible_to
from .models import OfficeVisit, SelfcheckRequest


def offices_for_postcode(postcode: str) -> list[OfficeVisit]:
    """The welzijnsbureaus that serve a postcode; all of them when none does."""
    visits = list(OfficeVisit.objects.select_related("office").order_by("office__name"))
    serving = [v for v in visits if postcode in v.postcodes()]
    return serving or visits


def selfcheck_request_list(*, user) -> list[SelfcheckRequest]:
    """The open and recent requests of the user's offices: the queue shows only the date,
    office and state, no personal data, so reading it is not audited per row."""
    return list(selfcheck_requests_visible_to(user).select_related("office")[:200])


def selfcheck_request_get(*, user, request_id: int) -> SelfcheckRequest:
    request = SelfcheckRequest.objects.select_related("office", "handled_by").get(pk=request_id)
    access_selfcheck_request(user, request)
    with transaction.atomic():
        audit_record(actor=user, action="view", obj=request)
    return request
