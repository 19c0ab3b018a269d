"""Webhooks: the outbox of events (written in the transaction of the change), a client's
subscriptions, and each delivery to a subscription with every attempt.

An event carries no personal data: its type, the object's resource and id, the offices it
belongs to and a few codes (states, a team). A client that wants more reads the object
through the API, which checks access and audits the read."""

import base64
import secrets

from django.db import models

from .events import EVENT_CHOICES


def new_secret() -> str:
    """A Standard Webhooks signing secret: 'whsec_' and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


class Event(models.Model):
    """One thing that happened, recorded by the domain's service in the same transaction;
    `webhooks_deliver` fans it out to the subscriptions that may see it after the commit."""

    type = models.CharField("soort", max_length=40, choices=EVENT_CHOICES)
    object_type = models.CharField("object", max_length=60)
    object_id = models.CharField("object-id", max_length=40)
    office_ids = models.JSONField("diensten", default=list)
    data = models.JSONField("gegevens", default=dict)
    created_at = models.DateTimeField("aangemaakt", db_index=True)
    fanned_out_at = models.DateTimeField("verdeeld", null=True, blank=True)

    class Meta:
        verbose_name = "gebeurtenis"
        verbose_name_plural = "gebeurtenissen"
        indexes = [
            models.Index(
                fields=["id"],
                name="webhooks_event_pending",
                condition=models.Q(fanned_out_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.object_type}#{self.object_id}"

    @property
    def webhook_id(self) -> str:
        return f"evt_{self.pk}"


class Subscription(models.Model):
    """A client's URL for some event types. The secret signs every delivery; it is shown
    once, when the subscription is made, and kept encrypted (`secrets_box`)."""

    client = models.ForeignKey(
        "api.ApiClient",
        models.CASCADE,
        related_name="webhook_subscriptions",
        verbose_name="API-client",
    )
    url = models.URLField("URL", max_length=500)
    event_types = models.JSONField("gebeurtenissen", default=list)
    secret_encrypted = models.TextField("geheim (versleuteld)", editable=False)
    active = models.BooleanField("actief", default=True)
    created_at = models.DateTimeField("aangemaakt")
    created_by = models.ForeignKey(
        "auth.User", models.PROTECT, related_name="+", verbose_name="aangemaakt door"
    )

    class Meta:
        verbose_name = "webhook-abonnement"
        verbose_name_plural = "webhook-abonnementen"

    def __str__(self) -> str:
        return f"{self.client}: {self.url}"


class Delivery(models.Model):
    """One event to one subscription, tried until it succeeds or the attempts run out."""

    class Status(models.TextChoices):
        PENDING = "wachtend", "wacht op (nieuwe) poging"
        DELIVERED = "afgeleverd", "afgeleverd"
        FAILED = "mislukt", "mislukt na alle pogingen"

    event = models.ForeignKey(Event, models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(Subscription, models.CASCADE, related_name="deliveries")
    status = models.CharField(
        "status", max_length=12, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField("pogingen", default=0)
    next_attempt_at = models.DateTimeField("volgende poging", null=True, blank=True)
    created_at = models.DateTimeField("aangemaakt")

    class Meta:
        verbose_name = "aflevering"
        verbose_name_plural = "afleveringen"
        constraints = [
            models.UniqueConstraint(fields=["event", "subscription"], name="webhooks_delivery_once")
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="webhooks_delivery_due",
                condition=models.Q(status="wachtend"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription.url}"


class DeliveryAttempt(models.Model):
    """One HTTP request of a delivery: when, how long, the answer (or why there was none)."""

    delivery = models.ForeignKey(Delivery, models.CASCADE, related_name="attempt_log")
    number = models.PositiveSmallIntegerField("poging")
    at = models.DateTimeField("op")
    duration_ms = models.PositiveIntegerField("duur (ms)")
    response_status = models.PositiveSmallIntegerField("HTTP-status", null=True, blank=True)
    error = models.CharField("fout", max_length=300, blank=True)
    succeeded = models.BooleanField("gelukt")

    class Meta:
        verbose_name = "poging"
        verbose_name_plural = "pogingen"
        ordering = ["delivery", "number"]

    def __str__(self) -> str:
        return f"poging {self.number}: {self.response_status or self.error}"
