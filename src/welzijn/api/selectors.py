"""Reads of the API clients, for a beheerder."""

from django.db import transaction

from welzijn.api.models import ApiClient
from welzijn.api.services import require_beheerder
from welzijn.core.audit import audit_record


@transaction.atomic
def apiclients_list(*, actor) -> list[ApiClient]:
    """Every client with its roles and offices, for a beheerder (the read is audited)."""
    require_beheerder(actor)
    clients = list(
        ApiClient.objects.select_related("user")
        .prefetch_related("user__groups", "user__assignments__office")
        .order_by("revoked_at", "name")
    )
    audit_record(
        actor=actor,
        action="list",
        object_type="api.apiclient",
        reason="API-clients",
        detail={"results": len(clients)},
    )
    return clients
