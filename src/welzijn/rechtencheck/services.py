"""Writes of the Rechtencheck: a citizen's request to a welzijnsbureau (only with consent)
and its handling by that office."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from welzijn.casework.models import Office
from welzijn.core.audit import audit_record
from welzijn.core.transitions import lock_for_transition

from .access import access_selfcheck_request
from .models import SelfcheckRequest


def selfcheck_request_send(
    *,
    office_code: str,
    consent: bool,
    name: str,
    phone: str,
    email: str,
    language: str,
    answers: dict,
    results: list[dict],
) -> SelfcheckRequest:
    """Store the citizen's answers and results in the office's queue. Without consent
    nothing is written. The actor is the anonymous citizen (no user)."""
    if not consent:
        raise ValidationError({"consent": "Zonder uw toestemming sturen we niets door."})
    office = Office.objects.filter(code=office_code, kind=Office.Kind.WELZIJNSBUREAU).first()
    if office is None:
        raise ValidationError({"office": "Kies een welzijnsbureau."})
    request = SelfcheckRequest(
        office=office,
        name=name.strip(),
        phone=phone.strip(),
        email=email.strip(),
        language=language,
        answers=answers,
        results=results,
        consent_at=timezone.now(),
    )
    request.full_clean()
    with transaction.atomic():
        request.save()
        audit_record(
            actor=None,
            action="create",
            obj=request,
            reason="Rechtencheck doorgestuurd met toestemming",
            detail={"office": office.code, "language": language},
        )
    return request


def selfcheck_request_transition(*, actor, request_id: int, to: str) -> SelfcheckRequest:
    """Take up (opgenomen) or close (afgesloten) a request of the actor's office."""
    with transaction.atomic():
        request = lock_for_transition(
            SelfcheckRequest.objects.all(),
            request_id,
            to=to,
            allowed=SelfcheckRequest.TRANSITIONS,
            labels=dict(SelfcheckRequest.State.choices),
            field="state",
        )
        access_selfcheck_request(actor, request)
        before = request.state
        request.state = to
        if to == SelfcheckRequest.State.TAKEN or request.handled_by_id is None:
            request.handled_by = actor
        if to == SelfcheckRequest.State.CLOSED:
            request.closed_at = timezone.now()
        request.full_clean()
        request.save()
        audit_record(
            actor=actor,
            action="transition",
            obj=request,
            detail={"from": before, "to": to},
        )
    return request
