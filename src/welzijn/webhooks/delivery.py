"""After the commit: fan the outbox's events out to the subscriptions that may see them, and
send what is due, signed, with exponential backoff between attempts. `webhooks_deliver`
runs both; several workers may run at once (rows are claimed with SKIP LOCKED and a lease)."""

import datetime as dt
import http.client
import json
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import egress, secrets_box, signing
from .models import Delivery, DeliveryAttempt, Event, Subscription
from .scope import client_may_receive

#: a claimed delivery is left alone by other workers this long
LEASE = dt.timedelta(minutes=5)


def max_attempts() -> int:
    return settings.WEBHOOK_MAX_ATTEMPTS


def backoff(attempt: int) -> dt.timedelta:
    """The wait after failed attempt n: base, 2 x base, 4 x base, ... at most six hours."""
    base = settings.WEBHOOK_BACKOFF_SECONDS
    return dt.timedelta(seconds=min(base * 2 ** (attempt - 1), 6 * 3600))


def fan_out(limit: int = 5000) -> int:
    """Turn new events into deliveries for every active subscription to their type whose
    client's scope (resource, offices) and access rule see the object. Returns the number
    of deliveries made."""
    made = 0
    with transaction.atomic():
        events = list(
            Event.objects.select_for_update(skip_locked=True)
            .filter(fanned_out_at__isnull=True)
            .order_by("id")[:limit]
        )
        if not events:
            return 0
        subscriptions = list(
            Subscription.objects.filter(active=True).select_related("client", "client__user")
        )
        now = timezone.now()
        deliveries = []
        for event in events:
            for subscription in subscriptions:
                if event.type in subscription.event_types and client_may_receive(
                    subscription.client, event
                ):
                    deliveries.append(
                        Delivery(
                            event=event,
                            subscription=subscription,
                            next_attempt_at=now,
                            created_at=now,
                        )
                    )
        Delivery.objects.bulk_create(deliveries, ignore_conflicts=True)
        made = len(deliveries)
        Event.objects.filter(pk__in=[e.pk for e in events]).update(fanned_out_at=now)
    return made


def body_of(event: Event) -> bytes:
    """The same bytes on every attempt (the signature covers them)."""
    payload = {
        "type": event.type,
        "timestamp": event.created_at.astimezone(dt.UTC).isoformat(),
        "data": event.data,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()


@dataclass
class Answer:
    status: int | None
    error: str
    duration_ms: int

    @property
    def succeeded(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def post(url: str, body: bytes, headers: dict[str, str]) -> Answer:
    started = time.monotonic()
    status, error = None, ""
    try:
        status = egress.post(url, body, headers, settings.WEBHOOK_TIMEOUT_SECONDS)
        if not 200 <= status < 300:
            error = http.client.responses.get(status, "")
    except egress.Refused as refused:
        error = f"geweigerd: {refused}"[:300]
    except (OSError, ValueError, http.client.HTTPException) as failed:
        error = f"{type(failed).__name__}: {failed}"[:300]
    return Answer(status, error, round((time.monotonic() - started) * 1000))


def _claim(limit: int) -> list[Delivery]:
    now = timezone.now()
    with transaction.atomic():
        due = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(status=Delivery.Status.PENDING, next_attempt_at__lte=now)
            .select_related("event", "subscription")
            .order_by("next_attempt_at", "id")[:limit]
        )
        Delivery.objects.filter(pk__in=[d.pk for d in due]).update(next_attempt_at=now + LEASE)
    return due


def attempt(delivery: Delivery) -> DeliveryAttempt:
    """One signed POST, logged; the delivery is done, failed for good, or tried again later."""
    event, subscription = delivery.event, delivery.subscription
    body = body_of(event)
    at = timezone.now()
    secret = secrets_box.decrypt(subscription.secret_encrypted)
    headers = signing.headers(secret, event.webhook_id, int(at.timestamp()), body)
    answer = post(subscription.url, body, headers)
    number = delivery.attempts + 1
    with transaction.atomic():
        logged = DeliveryAttempt.objects.create(
            delivery=delivery,
            number=number,
            at=at,
            duration_ms=answer.duration_ms,
            response_status=answer.status,
            error=answer.error,
            succeeded=answer.succeeded,
        )
        delivery.attempts = number
        if answer.succeeded:
            delivery.status, delivery.next_attempt_at = Delivery.Status.DELIVERED, None
        elif number >= max_attempts():
            delivery.status, delivery.next_attempt_at = Delivery.Status.FAILED, None
        else:
            delivery.next_attempt_at = timezone.now() + backoff(number)
        delivery.save(update_fields=["attempts", "status", "next_attempt_at"])
    return logged


def deliver_due(limit: int = 200) -> list[DeliveryAttempt]:
    return [attempt(delivery) for delivery in _claim(limit)]


def run_once() -> tuple[int, list[DeliveryAttempt]]:
    """Fan out what is new, then send what is due."""
    return fan_out(), deliver_due()
