"""Writes of the subscriptions: registered by a beheerder for a client (in the admin),
switched off again; each change audited. Deliveries are written by `delivery` only."""

from django.db import transaction
from django.utils import timezone

from welzijn.core.access import AccessDenied
from welzijn.core.audit import audit_record
from welzijn.core.roles import Role, roles_of
from welzijn.core.validation import require, validate_and_save

from .events import EVENT_TYPES
from .models import Subscription


def _require_beheerder(actor) -> None:
    if Role.BEHEERDER not in roles_of(actor):
        raise AccessDenied("Webhooks beheert een beheerder.")


def check_event_types(event_types: list[str]) -> None:
    require(bool(event_types), "event_types", "Kies minstens één gebeurtenis.")
    unknown = sorted(set(event_types) - set(EVENT_TYPES))
    require(not unknown, "event_types", f"Onbekende gebeurtenis: {', '.join(unknown)}.")


@transaction.atomic
def subscription_create(*, actor, client, url: str, event_types: list[str]) -> Subscription:
    """A client's URL for some event types; its secret is shown to the beheerder to pass on."""
    _require_beheerder(actor)
    check_event_types(event_types)
    subscription = validate_and_save(
        Subscription(
            client=client,
            url=url.strip(),
            event_types=sorted(set(event_types)),
            created_at=timezone.now(),
            created_by=actor,
        )
    )
    audit_record(
        actor=actor,
        action="create",
        obj=subscription,
        detail={"client": client.pk, "url": subscription.url, "events": event_types},
    )
    return subscription


@transaction.atomic
def subscription_deactivate(*, actor, subscription_id: int) -> Subscription:
    """No new deliveries; pending ones are still tried (they were due to the client)."""
    _require_beheerder(actor)
    subscription = Subscription.objects.select_for_update().get(pk=subscription_id)
    subscription.active = False
    subscription.save(update_fields=["active"])
    audit_record(actor=actor, action="update", obj=subscription, detail={"active": False})
    return subscription
