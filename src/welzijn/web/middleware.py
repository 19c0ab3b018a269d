from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import transaction
from django.http import Http404

from welzijn.core.access import AccessDenied
from welzijn.core.audit import audit_record, object_label


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
