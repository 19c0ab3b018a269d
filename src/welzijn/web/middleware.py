from urllib.parse import urlencode

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from welzijn.core.access import AccessDenied
from welzijn.core.audit import audit_record, object_label
from welzijn.core.two_factor import Step, two_factor_step
from welzijn.web.expired_session import current_page


class AccessDeniedAsNotFound:
    """Someone else's dossier answers 404, exactly like a dossier that does not exist, so
    that its existence is not revealed; both are recorded in the audit trail as a refused
    attempt (who tried which view on which object), as is a 403."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PermissionDenied | ObjectDoesNotExist | Http404):
            return None
        _audit_refusal(request, exception)
        if isinstance(exception, AccessDenied | ObjectDoesNotExist):
            raise Http404("Niet gevonden.") from exception
        return None


def _audit_refusal(request, exception) -> None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    match = request.resolver_match
    obj = getattr(exception, "obj", None)
    detail = {
        "view": match.view_name if match else "",
        "kwargs": {k: str(v) for k, v in (match.kwargs if match else {}).items()},
        "method": request.method,
        "answer": 403 if type(exception) is PermissionDenied else 404,
    }
    with transaction.atomic():
        audit_record(
            actor=user,
            action="refused",
            object_type=object_label(obj) if obj is not None else "",
            object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
            reason="niet gevonden" if not isinstance(exception, PermissionDenied) else "geweigerd",
            detail=detail,
        )


class TwoFactorRequired:
    """No page opens for a signed-in user who still owes a code from their authenticator
    app, or who must set one up first (beheerders): every view, the admin included, sends
    them to that step, and back to where they were going afterwards."""

    OPEN_VIEWS = frozenset({"web:otp_verify", "web:otp_setup", "web:logout"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        if request.resolver_match.view_name in self.OPEN_VIEWS:
            return None
        step = two_factor_step(request.user)
        if step is None:
            return None
        page = reverse("web:otp_verify" if step is Step.VERIFY else "web:otp_setup")
        url = f"{page}?{urlencode({'next': current_page(request)})}"
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
