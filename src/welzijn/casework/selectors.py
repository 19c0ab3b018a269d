"""Reads from casework. Reads of a dossier by a user are access-checked and audited."""

from django.db import transaction

from welzijn.casework.access import access_dossier
from welzijn.casework.models import Dossier
from welzijn.core.audit import audit_record


@transaction.atomic
def dossier_get(*, user, dossier_id: int, reason: str = "") -> Dossier:
    dossier = access_dossier(
        user, Dossier.objects.select_related("household", "office").get(pk=dossier_id)
    )
    audit_record(actor=user, action="view", obj=dossier, reason=reason)
    return dossier
