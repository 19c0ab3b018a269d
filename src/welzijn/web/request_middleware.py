"""Middleware on every response: a request id, no caching of pages for signed-in users,
and a Permissions-Policy."""

import re
import uuid

from django.conf import settings
from django.utils.cache import add_never_cache_headers

from welzijn.core.structured_log import current_request

#: An incoming X-Request-ID (set by a proxy in front of us) is kept only if it is this plain.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,100}")


class RequestId:
    """Give each request an id: the proxy's X-Request-ID when it is a safe token, else a
    new uuid. Log lines written while handling it carry it, and so does the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if SAFE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


class NoStoreWhenSignedIn:
    """Every page for a signed-in user may hold personal data: no browser or proxy may keep
    a copy. (Static files are answered before this middleware and stay cacheable.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)  # no-store, private, max-age=0
        return response


class PermissionsPolicy:
    """No camera, microphone, location or payment features for any page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
