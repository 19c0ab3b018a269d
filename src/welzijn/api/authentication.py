"""Who calls: a system with its token (`Authorization: Bearer wz_...`), or a signed-in user
with their session (DRF's SessionAuthentication, which enforces CSRF on writes)."""

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from welzijn.api.services import client_for_token


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
        return client.user, client

    def authenticate_header(self, request):
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The token in the OpenAPI schema (a bearer token)."""

    target_class = ApiTokenAuthentication
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "Het token van een API-client"}
