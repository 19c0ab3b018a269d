"""Reads of the Rechtencheck: the welzijnsbureaus for a postcode (public reference data)
and, in the workplace, the requests of the user's own office (audited)."""

from django.db import transaction

from welzijn.core.audit import audit_record, audit_record_many

from .access import access_selfcheck_request, selfcheck_requests_visible_to
from .models import OfficeVisit, SelfcheckRequest


def offices_for_postcode(postcode: str) -> list[OfficeVisit]:
    """The welzijnsbureaus that serve a postcode; all of them when none does."""
    visits = list(OfficeVisit.objects.select_related("office").order_by("office__name"))
    serving = [v for v in visits if postcode in v.postcodes()]
    return serving or visits


def selfcheck_request_list(*, user, open_only: bool = True) -> list[SelfcheckRequest]:
    """The requests of the user's offices (the open ones, or the last 200), with the
    citizen's name: one audited read per request shown."""
    queryset = selfcheck_requests_visible_to(user).select_related("office", "handled_by")
    if open_only:
        queryset = queryset.exclude(state=SelfcheckRequest.State.CLOSED)
    requests = list(queryset[:200])
    with transaction.atomic():
        audit_record_many(actor=user, action="view", objects=requests)
    return requests


def selfcheck_request_get(*, user, request_id: int) -> SelfcheckRequest:
    request = SelfcheckRequest.objects.select_related("office", "handled_by").get(pk=request_id)
    access_selfcheck_request(user, request)
    with transaction.atomic():
        audit_record(actor=user, action="view", obj=request)
    return request
