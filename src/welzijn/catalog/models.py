"""What the department offers, as data a beheerder edits: domains (the annual report's
chapters) and their services, with the kind of record each service produces."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from welzijn.core.models import CodeManager


class Domain(models.Model):
    code = models.SlugField("code", max_length=60, unique=True)
    name = models.CharField("naam", max_length=150, unique=True)
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    description = models.TextField("omschrijving", blank=True)

    objects = CodeManager()

    class Meta:
        verbose_name = "domein"
        verbose_name_plural = "domeinen"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class ServiceKind(models.TextChoices):
    TRAJECTORY = "trajectory", "traject"
    INTERVENTION = "intervention", "tussenkomst"
    STAY = "stay", "verblijf"
    ACTIVITY = "activity", "activiteit"
    REPORT = "report", "melding"


class Service(models.Model):
    """A service, team or programme of the department, e.g. 'huurwaarborg' or 'Housing First'."""

    code = models.SlugField("code", max_length=80, unique=True)
    name = models.CharField("naam", max_length=200)
    domain = models.ForeignKey(
        Domain, models.PROTECT, related_name="services", verbose_name="domein"
    )
    kind = models.CharField("soort", max_length=20, choices=ServiceKind.choices)
    unit = models.CharField(
        "eenheid", max_length=40, blank=True, help_text="bv. EUR, maaltijden, nachten, ritten"
    )
    provider = models.CharField(
        "uitvoerder", max_length=200, blank=True, help_text="dienst, team of partner"
    )
    description = models.TextField("omschrijving", blank=True)
    amount_ceiling = models.DecimalField(
        "plausibel maximum (EUR)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text="Een tussenkomst met een hoger bedrag moet bevestigd worden "
        "(tegen tikfouten); leeg: geen maximum.",
    )
    seed_reference = models.CharField("bron in het jaaroverzicht", max_length=300, blank=True)
    active = models.BooleanField("actief", default=True)

    objects = CodeManager()

    class Meta:
        verbose_name = "dienst"
        verbose_name_plural = "diensten"
        ordering = ["domain__order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in ServiceKind]), name="service_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(amount_ceiling__isnull=True) | Q(amount_ceiling__gt=0),
                name="service_amount_ceiling_positive",
                violation_error_message="Het plausibele maximum moet groter zijn dan nul.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class OutcomeManager(models.Manager):
    def get_by_natural_key(self, applies_to: str, code: str) -> "Outcome":
        return self.get(applies_to=applies_to, code=code)


class Outcome(models.Model):
    """An outcome a caseworker can pick: of an onthaal contact or of a trajectory."""

    class AppliesTo(models.TextChoices):
        CONTACT = "contact", "onthaalcontact"
        TRAJECTORY = "trajectory", "traject"

    applies_to = models.CharField("geldt voor", max_length=20, choices=AppliesTo.choices)
    code = models.SlugField("code", max_length=60)
    name = models.CharField("naam", max_length=150)
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    active = models.BooleanField("actief", default=True)

    objects = OutcomeManager()

    class Meta:
        verbose_name = "uitkomst"
        verbose_name_plural = "uitkomsten"
        ordering = ["applies_to", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["applies_to", "code"], name="outcome_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str, str]:
        return (self.applies_to, self.code)
