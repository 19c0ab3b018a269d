from django.db import models


class CodeManager(models.Manager):
    """Reference data is found by its stable code (natural key in fixtures)."""

    def get_by_natural_key(self, code: str):
        return self.get(code=code)


def extern_id_field() -> models.CharField:
    """The record's number in the system it was imported from: imports match on it, so that
    importing the same file twice changes nothing. Empty for records registered here."""
    return models.CharField(
        "extern id",
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        help_text="Nummer in het systeem waaruit dit record geïmporteerd werd.",
    )


class AuditEvent(models.Model):
    """One entry of the append-only, hash-chained audit trail.

    The actor is stored as id + username (not a foreign key), so that no later change to
    the user table can alter an event and break its hash.
    """

    class Action(models.TextChoices):
        CREATE = "create", "aangemaakt"
        UPDATE = "update", "gewijzigd"
        DELETE = "delete", "verwijderd"
        TRANSITION = "transition", "status gewijzigd"
        VIEW = "view", "ingekeken"
        LIST = "list", "lijst ingekeken"
        SHARE = "share", "gedeeld"
        LOAD = "load", "gegevens geladen"
        REFUSED = "refused", "geweigerd of niet gevonden"

    seq = models.BigIntegerField("volgnummer", unique=True)
    occurred_at = models.DateTimeField("tijdstip")
    actor_id = models.BigIntegerField("gebruiker-id", null=True, blank=True)
    actor_username = models.CharField("gebruiker", max_length=150, blank=True)
    action = models.CharField("handeling", max_length=20, choices=Action.choices)
    object_type = models.CharField("soort object", max_length=100)
    object_id = models.CharField("object-id", max_length=64, blank=True)
    reason = models.CharField("reden", max_length=300, blank=True)
    detail = models.JSONField("details", default=dict, blank=True)
    prev_hash = models.CharField("vorige hash", max_length=64)
    hash = models.CharField("hash", max_length=64)

    class Meta:
        verbose_name = "auditgebeurtenis"
        verbose_name_plural = "audittrail"
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.actor_username or 'systeem'} {self.action} {self.object_type}"


class AuditChainHead(models.Model):
    """The single row that holds the end of the chain; locking it serialises appends."""

    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = "einde van de auditketen"

    def __str__(self) -> str:
        return f"#{self.last_seq}"
