"""Who calls: a system with its token (`Authorization: Bearer wz_...`), or a signed-in user
with their session (DRF's SessionAuthentication, which enforces CSRF on writes)."""

import time

from django.utils import timezone
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from welzijn.api.services import client_for_token
from welzijn.casework.access import office_ids_of
from welzijn.core.roles import roles_of

#: A client's roles and offices are set when it is registered and never changed by
#: welzijn (a beheerder registers a new client instead); kept per process for this long,
#: in case someone edits the client's user in the admin. Its token, expiry and revocation
#: are read from the database on every request.
SCOPE_SECONDS = 60.0
_scope_of: dict[str, tuple[float, frozenset, frozenset]] = {}


def _with_scope(client):
    """The client's user with its roles and offices from the per-process cache (saving
    two queries a request), as roles_of and office_ids_of would read them."""
    user, now = client.user, time.monotonic()
    kept = _scope_of.get(client.token_hash)
    if kept is None or kept[0] < now:
        kept = (now + SCOPE_SECONDS, roles_of(user), office_ids_of(user))
        _scope_of[client.token_hash] = kept
    user._welzijn_roles, user._welzijn_office_ids = kept[1], kept[2]
    return user


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode(errors="replace")
        scheme, _, token = header.partition(" ")
        if scheme != self.keyword:
            return None
        client = client_for_token(token.strip())
        if client is None:
            raise exceptions.AuthenticationFailed("Onbekend token.")
        if client.revoked_at is not None:
            raise exceptions.AuthenticationFailed("Dit token is ingetrokken.")
        if client.expires_at <= timezone.now():
            raise exceptions.AuthenticationFailed("Dit token is vervallen.")
        return _with_scope(client), client

    def authenticate_header(self, request):
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The token in the OpenAPI schema (a bearer token)."""

    target_class = ApiTokenAuthentication
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "Het token van een API-client"}


class CsrfSessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication, refusing a write without CSRF token in Dutch."""

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied:
            raise exceptions.PermissionDenied(
                "De CSRF-controle mislukte: een aanvraag met uw sessie stuurt het CSRF-token "
                "mee (header X-CSRFToken)."
            ) from None


class CsrfSessionScheme(SessionScheme):
    """The session in the OpenAPI schema, as drf-spectacular describes DRF's own."""

    target_class = CsrfSessionAuthentication
