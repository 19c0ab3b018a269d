"""Writes of the subscriptions: registered by a beheerder for a client (in the admin),
switched off again; each change audited. Deliveries are written by `delivery` only."""

from django.db import transaction
from django.utils import timezone

from welzijn.core.access import AccessDenied
from welzijn.core.audit import audit_record
from welzijn.core.roles import Role, roles_of
from welzijn.core.validation import require, validate_and_save

from . import egress, secrets_box
from .events import EVENT_TYPES
from .models import Subscription, new_secret


def _require_beheerder(actor) -> None:
    if Role.BEHEERDER not in roles_of(actor):
        raise AccessDenied("Webhooks beheert een beheerder.")


def check_event_types(event_types: list[str]) -> None:
    require(bool(event_types), "event_types", "Kies minstens één gebeurtenis.")
    unknown = sorted(set(event_types) - set(EVENT_TYPES))
    require(not unknown, "event_types", f"Onbekende gebeurtenis: {', '.join(unknown)}.")


@transaction.atomic
def subscription_create(
    *, actor, client, url: str, event_types: list[str]
) -> tuple[Subscription, str]:
    """A client's URL for some event types (a public https address, `egress`); returns the
    subscription and its signing secret, shown this once to the beheerder to pass on and
    stored encrypted."""
    _require_beheerder(actor)
    check_event_types(event_types)
    url = url.strip()
    egress.check_url(url)
    secret = new_secret()
    subscription = validate_and_save(
        Subscription(
            client=client,
            url=url,
            event_types=sorted(set(event_types)),
            secret_encrypted=secrets_box.encrypt(secret),
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
    return subscription, secret


@transaction.atomic
def subscription_deactivate(*, actor, subscription_id: int) -> Subscription:
    """No new deliveries; pending ones are still tried (they were due to the client)."""
    _require_beheerder(actor)
    subscription = Subscription.objects.select_for_update().get(pk=subscription_id)
    subscription.active = False
    subscription.save(update_fields=["active"])
    audit_record(actor=actor, action="update", obj=subscription, detail={"active": False})
    return subscription
