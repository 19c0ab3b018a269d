"""API clients (systems that call the API with a token) and the answers kept for
idempotency keys."""

from django.conf import settings
from django.db import models
from django.utils import timezone

#: The resources a client's scope can name; a resource module's `resource` attribute is one.
RESOURCES = (
    "persons",
    "households",
    "dossiers",
    "contacts",
    "trajectories",
    "interventions",
    "decisions",
    "findings",
    "meldingen",
    "stays",
    "activities",
    "subsidy-applications",
    "indicators",
)


class ApiClient(models.Model):
    """A system registered by a beheerder. It acts as its own (non-login) user, whose roles
    and staff assignments are those of its scope, so the web's access rules apply unchanged;
    `scopes` restricts it further to resources, each read or write."""

    name = models.CharField("naam", max_length=100, unique=True)
    organisation = models.CharField(
        "organisatie of systeem", max_length=200, help_text="bv. CAW Oost-Vlaanderen, Fluvius"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="api_client", editable=False
    )
    #: "<resource>:read" or "<resource>:write" (write includes read).
    scopes = models.JSONField("scopes", default=list)
    token_prefix = models.CharField(max_length=12, editable=False, db_index=True)
    token_hash = models.CharField(max_length=64, editable=False, unique=True)
    created_at = models.DateTimeField("geregistreerd op", default=timezone.now, editable=False)
    expires_at = models.DateTimeField("vervalt op")
    revoked_at = models.DateTimeField("ingetrokken op", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "API-client"
        verbose_name_plural = "API-clients"

    def __str__(self) -> str:
        return self.name

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now

    def allows(self, resource: str, write: bool) -> bool:
        return f"{resource}:write" in self.scopes or (
            not write and f"{resource}:read" in self.scopes
        )


class IdempotentAnswer(models.Model):
    """The answer given to a POST with an Idempotency-Key, per caller (user) and key."""

    user_id = models.BigIntegerField()
    key = models.CharField(max_length=200)
    path = models.CharField(max_length=300)
    request_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user_id", "key"], name="api_idempotency_key_once")
        ]

    def __str__(self) -> str:
        return self.key
