from urllib.parse import urlencode

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from welzijn.core.access import AccessDenied
from welzijn.core.two_factor import Step, two_factor_step


class AccessDeniedAsNotFound:
    """Someone else's dossier answers 404, exactly like a dossier that does not exist, so
    that its existence is not revealed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, AccessDenied | ObjectDoesNotExist):
            raise Http404("Niet gevonden.") from exception
        return None


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
        url = f"{page}?{urlencode({'next': request.get_full_path()})}"
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
