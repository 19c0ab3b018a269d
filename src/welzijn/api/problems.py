"""Every error as RFC 9457 problem details (`application/problem+json`), in Dutch.

A service's ValidationError names its fields: the body's `errors` maps each field to its
messages, as the web's forms show them. A refused object answers exactly like a missing
one (404) and is recorded in the audit trail, as on the web.
"""

import contextlib

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from welzijn.core.access import AccessDenied
from welzijn.core.audit import audit_record, object_label

PROBLEM_TYPE = "application/problem+json"

TITLES = {
    400: "Ongeldige aanvraag",
    401: "Niet aangemeld",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Formaat niet beschikbaar",
    409: "Conflict",
    412: "Gewijzigd sinds u het las",
    415: "Mediatype niet ondersteund",
    422: "Niet verwerkbaar",
    428: "Voorwaarde vereist",
    429: "Te veel aanvragen",
}


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = (
        "Het object is gewijzigd sinds u het las (If-Match klopt niet): lees het opnieuw."
    )


class IdempotencyConflict(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "Deze Idempotency-Key werd al gebruikt voor een andere aanvraag."


@contextlib.contextmanager
def fields_named(names: dict[str, str]):
    """A service's field errors under the API's names for its fields (`{"cancel_reason":
    "reason"}`), as the web's `submit` puts them next to its form's fields."""
    try:
        yield
    except DjangoValidationError as error:
        if not names or not hasattr(error, "error_dict"):
            raise
        raise DjangoValidationError(
            {names.get(field, field): errors for field, errors in error.error_dict.items()}
        ) from error


def problem(status_code: int, detail: str, errors: dict | None = None, headers=None) -> Response:
    body = {
        "type": "about:blank",
        "title": TITLES.get(status_code, "Fout"),
        "status": status_code,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    return Response(body, status=status_code, headers=headers, content_type=PROBLEM_TYPE)


def _field_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {field: list(messages) for field, messages in error.message_dict.items()}
    return {"__all__": list(error.messages)}


def _drf_errors(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {
            ("__all__" if field == "non_field_errors" else field): [
                str(m) for m in (msgs if isinstance(msgs, list) else [msgs])
            ]
            for field, msgs in detail.items()
        }
    return {"__all__": [str(m) for m in (detail if isinstance(detail, list) else [detail])]}


def _audit_refusal(request, exc) -> None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    obj = getattr(exc, "obj", None)
    match = request.resolver_match
    with transaction.atomic():
        audit_record(
            actor=user,
            action="refused",
            object_type=object_label(obj) if obj is not None else "",
            object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
            reason="niet gevonden" if type(exc) is not PermissionDenied else "geweigerd",
            detail={
                "view": match.view_name if match else "",
                "method": request.method,
                "client": getattr(request.auth, "pk", None),
            },
        )


def problem_exception_handler(exc, context):
    request = context["request"]
    if isinstance(exc, DjangoValidationError):
        errors = _field_errors(exc)
        return problem(400, "De gegevens zijn niet geldig: zie de fouten per veld.", errors)
    if isinstance(exc, AccessDenied | ObjectDoesNotExist | Http404 | exceptions.NotFound):
        _audit_refusal(request, exc)
        return problem(404, "Niet gevonden.")
    if isinstance(exc, PermissionDenied):
        _audit_refusal(request, exc)
        return problem(403, str(exc) or "Geen toegang.")
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ParseError):  # DRF's parser writes English, untranslated
        return problem(400, "De inhoud van de aanvraag is geen geldige JSON.")
    if isinstance(exc, exceptions.ValidationError):
        errors = _drf_errors(exc.detail)
        return problem(400, "De gegevens zijn niet geldig: zie de fouten per veld.", errors)
    detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
    headers = {
        k: v
        for k, v in response.headers.items()
        if k in ("WWW-Authenticate", "Retry-After", "Allow")
    }
    if isinstance(exc, exceptions.PermissionDenied):
        _audit_refusal(request, exc)
    return problem(response.status_code, str(detail), headers=headers)
