"""A client's scope: which resources it reads or writes. The object-level rules (role x
office) are the web's, applied by the selectors and querysets each view calls."""

from rest_framework import permissions

from welzijn.api.models import ApiClient


class ScopePermission(permissions.BasePermission):
    message = "Deze API-client heeft geen toegang tot deze bron."

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        client = request.auth if isinstance(request.auth, ApiClient) else None
        if client is None:  # a signed-in user: their roles decide, as on the web
            return True
        write = request.method not in permissions.SAFE_METHODS
        return client.allows(view.resource, write)
