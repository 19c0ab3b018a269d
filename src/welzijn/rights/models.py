"""Screening results: what the rules say about each household (or person) on a date, and
what a caseworker or the system did with it."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from welzijn.casework.models import Intervention, Office, Task
from welzijn.registry.models import Household, Person


class ScreeningRun(models.Model):
    reference_date = models.DateField("peildatum")
    rules_fingerprint = models.CharField(
        "vingerafdruk van de regels",
        max_length=64,
        blank=True,
        help_text="SHA-256 van de regel- en parameterbestanden waarmee gescreend werd.",
    )
    started_at = models.DateTimeField("gestart")
    finished_at = models.DateTimeField("klaar", null=True, blank=True)
    summary = models.JSONField("samenvatting", default=dict, blank=True)

    class Meta:
        verbose_name = "screening"
        verbose_name_plural = "screenings"
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Screening {self.reference_date}"


class Finding(models.Model):
    class Outcome(models.TextChoices):
        # Values match the engine's STATUS_NAMES.
        RECEIVES = "ontvangt", "ontvangt het recht"
        UNDERPROTECTED = "onderbescherming", "heeft recht maar ontvangt het niet"
        NOT_ENTITLED = "geen_recht", "geen recht"
        UNKNOWN = "onbekend", "informatie ontbreekt"

    class Review(models.TextChoices):
        OPEN = "open", "te bekijken"
        CONFIRMED = "bevestigd", "bevestigd, aanvraag gestart"
        DISMISSED = "afgewezen", "afgewezen"
        GRANTED = "toegekend", "automatisch toegekend"

    REVIEW_TRANSITIONS = {
        Review.OPEN: frozenset({Review.CONFIRMED, Review.DISMISSED, Review.GRANTED}),
        Review.CONFIRMED: frozenset(),
        Review.DISMISSED: frozenset({Review.OPEN}),
        Review.GRANTED: frozenset(),
    }

    run = models.ForeignKey(ScreeningRun, models.CASCADE, related_name="findings")
    reference_date = models.DateField("peildatum")
    right = models.CharField("recht", max_length=60)
    household = models.ForeignKey(
        Household, models.CASCADE, related_name="findings", verbose_name="huishouden"
    )
    person = models.ForeignKey(
        Person,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name="persoon",
    )
    office = models.ForeignKey(
        Office,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name="welzijnsbureau of team",
    )
    outcome = models.CharField("uitkomst", max_length=20, choices=Outcome.choices)
    amount = models.DecimalField(
        "bedrag (EUR)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    inputs = models.JSONField(
        "gegevens waarop de bevinding steunt",
        default=dict,
        blank=True,  # a right the household already receives keeps none (screening)
        help_text="De invoer van de regels voor dit huishouden op de peildatum; de uitleg "
        "wordt eruit herberekend.",
    )
    review = models.CharField(
        "opvolging", max_length=12, choices=Review.choices, default=Review.OPEN
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="opgevolgd door",
    )
    reviewed_at = models.DateTimeField("opgevolgd op", null=True, blank=True)
    review_reason = models.CharField("reden", max_length=300, blank=True)
    intervention = models.ForeignKey(
        Intervention,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="toekenning",
    )
    task = models.ForeignKey(
        Task,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="opvolgtaak",
    )

    class Meta:
        verbose_name = "bevinding"
        verbose_name_plural = "bevindingen"
        indexes = [
            models.Index(fields=["office", "outcome", "review"]),
            models.Index(fields=["household", "reference_date"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "right", "reference_date"],
                condition=Q(person__isnull=True),
                name="finding_unique_household_right_date",
            ),
            models.UniqueConstraint(
                fields=["person", "right", "reference_date"],
                condition=Q(person__isnull=False),
                name="finding_unique_person_right_date",
            ),
            models.CheckConstraint(
                condition=~Q(review="afgewezen") | ~Q(review_reason=""),
                name="finding_dismissal_has_reason",
                violation_error_message="Geef een reden om een bevinding af te wijzen.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.right_label}: {self.get_outcome_display()}"

    @property
    def status_label(self) -> str:
        """What a caseworker reads: a granted right as granted, never as 'heeft recht maar
        ontvangt het niet' (the outcome on the screening date)."""
        if self.review == self.Review.GRANTED:
            return "toegekend"
        if self.review == self.Review.CONFIRMED:
            return "bevestigd, aanvraag gestart"
        if self.review == self.Review.DISMISSED:
            return f"{self.get_outcome_display()} — afgewezen"
        return self.get_outcome_display()

    @property
    def right_label(self) -> str:
        from welzijn.rights.active_rules import right_label

        return right_label(self.right)
