from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from welzijn.casework.models import Office


class OfficeVisit(models.Model):
    """Where a citizen goes to a welzijnsbureau: address, opening hours, the postcodes it
    serves (reference data, with its source)."""

    office = models.OneToOneField(
        Office,
        models.CASCADE,
        related_name="visit",
        limit_choices_to={"kind": Office.Kind.WELZIJNSBUREAU},
        verbose_name="welzijnsbureau",
    )
    street_address = models.CharField("adres", max_length=200, blank=True)
    postcode = models.CharField("postcode", max_length=4)
    opening_hours = models.CharField("openingsuren", max_length=300, blank=True)
    serves_postcodes = models.CharField(
        "bediende postcodes", max_length=100, help_text="Gescheiden door komma's."
    )
    source = models.CharField("bron", max_length=300)

    class Meta:
        verbose_name = "bezoekadres van een welzijnsbureau"
        verbose_name_plural = "bezoekadressen van de welzijnsbureaus"

    def __str__(self) -> str:
        return f"{self.office}: {self.street_address}, {self.postcode} Gent"

    def postcodes(self) -> list[str]:
        return [p.strip() for p in self.serves_postcodes.split(",") if p.strip()]


class SelfcheckRequest(models.Model):
    """A citizen's Rechtencheck, sent with consent to a welzijnsbureau's onthaal."""

    class State(models.TextChoices):
        NEW = "nieuw", "nieuw"
        TAKEN = "opgenomen", "opgenomen"
        CLOSED = "afgesloten", "afgesloten"

    TRANSITIONS = {
        State.NEW: frozenset({State.TAKEN, State.CLOSED}),
        State.TAKEN: frozenset({State.CLOSED}),
        State.CLOSED: frozenset(),
    }

    office = models.ForeignKey(
        Office,
        models.PROTECT,
        related_name="selfcheck_requests",
        verbose_name="welzijnsbureau",
    )
    name = models.CharField("naam", max_length=150, blank=True)
    phone = models.CharField("telefoon", max_length=30, blank=True)
    email = models.EmailField("e-mail", max_length=200, blank=True)
    language = models.CharField("taal", max_length=10)
    answers = models.JSONField("antwoorden")
    results = models.JSONField("resultaat")
    consent_at = models.DateTimeField("toestemming gegeven op")
    created_at = models.DateTimeField("ontvangen op", auto_now_add=True)
    state = models.CharField("status", max_length=20, choices=State.choices, default=State.NEW)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="opgenomen door",
    )
    closed_at = models.DateTimeField("afgesloten op", null=True, blank=True)

    class Meta:
        verbose_name = "aanvraag uit de Rechtencheck"
        verbose_name_plural = "aanvragen uit de Rechtencheck"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(phone="", email=""), name="selfcheck_request_has_contact"
            )
        ]

    def __str__(self) -> str:
        return f"Rechtencheck #{self.pk} ({self.office})"

    def clean(self) -> None:
        if not self.phone and not self.email:
            raise ValidationError({"phone": "Geef een telefoonnummer of een e-mailadres."})
