"""Figures a team reports as a total, and figures that come from outside the department.

Most of the annual report counts records (a stay, a session, an intervention). Some of its
figures are truly totals a team reports: meals served by the sociale restaurants, tons of
litter, taxi cheques used, interpreting assignments, BE-Alert subscribers. Such a total is
itself a registered record: a `MonthlyOutput` of an `OutputKind` (service + unit, reported
by one team), one per month, never one per year. Whether the months add up (a flow: meals,
rides, tons) or the last month stands for the year (a stock: subscribers, restaurants,
organisations in a network) is a property of the kind, shown on the form and stated in the
indicator's definition.

An `ExternalFigure` is a number from outside statistics ("1 op 7 Gentenaars leeft in
armoede", the hate crimes reported to the police): an analist registers it with its source;
the report shows it as external, with that source.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from welzijn.casework.models import Cancellable, Office, cancel_constraint
from welzijn.catalog.models import Service

SOURCE_MAX_LENGTH = 200
NOTE_MAX_LENGTH = 500
#: A monthly figure above this is a typo (the largest of the seed: 35.211 subscribers).
MAX_QUANTITY = 10_000_000


class OutputKindManager(models.Manager):
    def get_by_natural_key(self, service_code: str, unit: str) -> "OutputKind":
        return self.get(service__code=service_code, unit=unit)


class OutputKind(models.Model):
    """What one team reports each month for a service, in one unit (a beheerder edits it)."""

    service = models.ForeignKey(Service, models.PROTECT, related_name="+", verbose_name="dienst")
    unit = models.CharField("eenheid", max_length=60, help_text="bv. maaltijden, ritten, ton")
    office = models.ForeignKey(
        Office, models.PROTECT, related_name="output_kinds", verbose_name="team dat rapporteert"
    )
    stock = models.BooleanField(
        "stand",
        default=False,
        help_text="Aan: het cijfer is de stand op het einde van de maand (aansluitingen, "
        "restaurants, organisaties in een netwerk); het jaarcijfer is de laatste maand. "
        "Uit: het cijfer is wat in de maand gebeurde (maaltijden, ritten); de maanden "
        "tellen op.",
    )
    decimals = models.BooleanField("met decimalen", default=False, help_text="bv. ton")
    description = models.CharField("toelichting", max_length=300, blank=True)
    active = models.BooleanField("actief", default=True)

    objects = OutputKindManager()

    class Meta:
        verbose_name = "soort maandcijfer"
        verbose_name_plural = "soorten maandcijfers"
        ordering = ["service__name", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["service", "unit"], name="outputkind_unique"),
            models.CheckConstraint(condition=~Q(unit=""), name="outputkind_has_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.service.name}: {self.unit}"

    def natural_key(self) -> tuple[str, str]:
        return (self.service.code, self.unit)


class MonthlyOutput(Cancellable):
    """A team's figure of one month (``month`` is the first day of that month)."""

    kind = models.ForeignKey(
        OutputKind, models.PROTECT, related_name="outputs", verbose_name="soort"
    )
    month = models.DateField("maand")
    quantity = models.DecimalField(
        "aantal",
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_QUANTITY)],
    )
    source = models.CharField(
        "bron",
        max_length=SOURCE_MAX_LENGTH,
        help_text="Waar het cijfer vandaan komt, bv. kassasysteem, factuur, ledenlijst.",
    )
    note = models.CharField("opmerking", max_length=NOTE_MAX_LENGTH, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="geregistreerd door",
    )
    registered_at = models.DateTimeField("geregistreerd op", auto_now_add=True)

    class Meta:
        verbose_name = "maandcijfer"
        verbose_name_plural = "maandcijfers"
        ordering = ["kind", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "month"],
                condition=Q(cancelled_at__isnull=True),
                name="monthlyoutput_one_per_month",
                violation_error_message="Voor deze maand is al een cijfer geregistreerd: "
                "corrigeer dat.",
            ),
            models.CheckConstraint(condition=Q(month__day=1), name="monthlyoutput_first_of_month"),
            models.CheckConstraint(condition=Q(quantity__gte=0), name="monthlyoutput_positive"),
            models.CheckConstraint(condition=~Q(source=""), name="monthlyoutput_has_source"),
            cancel_constraint("monthlyoutput"),
        ]
        indexes = [models.Index(fields=["month", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.month:%m/%Y}: {self.quantity}"


class ExternalFigure(Cancellable):
    """A figure of outside statistics for a year, with where it comes from."""

    key = models.SlugField(
        "cijfer", max_length=80, help_text="De code van het externe cijfer in het jaaroverzicht."
    )
    year = models.PositiveSmallIntegerField("jaar")
    value = models.DecimalField(
        "waarde",
        max_digits=14,
        decimal_places=3,
        validators=[MinValueValidator(0)],
        help_text="Een aandeel als percentage (14,3 voor 14,3%).",
    )
    source = models.CharField(
        "bron", max_length=SOURCE_MAX_LENGTH, help_text="Wie het cijfer publiceert, en waar."
    )
    source_date = models.DateField("datum van de bron")
    url = models.URLField("webadres", blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="geregistreerd door",
    )
    registered_at = models.DateTimeField("geregistreerd op", auto_now_add=True)

    class Meta:
        verbose_name = "extern cijfer"
        verbose_name_plural = "externe cijfers"
        ordering = ["key", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "year"],
                condition=Q(cancelled_at__isnull=True),
                name="externalfigure_one_per_year",
                violation_error_message="Voor dit jaar is dit cijfer al geregistreerd: "
                "annuleer het eerst.",
            ),
            models.CheckConstraint(condition=~Q(source=""), name="externalfigure_has_source"),
            cancel_constraint("externalfigure"),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.year}: {self.value}"
