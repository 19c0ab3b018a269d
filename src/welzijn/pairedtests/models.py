"""Praktijktesten (paired testing) on the private rental market.

Two fictitious candidate tenants who differ in one characteristic only (the test applicant
has it, the control applicant does not) respond to the same advert; whether each is invited
to a viewing shows unequal treatment. This is the method Ghent University designed for the
city in 2014-2015 and that the 2022-2023 round (2,663 tests: 1,438 private landlords, 1,225
estate agents) followed under the scientific guidance of Prof. Pieter-Paul Verhaeghe
(https://stad.gent/nl/samenleven-welzijn-gezondheid/diversiteit-gent/antidiscriminatie/praktijktesten-op-de-private-huurmarkt).
Agents who discriminate are followed up: a conversation, a training, a retest.
"""

from django.db import models
from django.db.models import Q

from welzijn.core.models import CodeManager
from welzijn.core.validation import check_dates_plausible
from welzijn.registry.models import Wijk


class Characteristic(models.Model):
    """What the test applicant has and the control applicant has not (reference data)."""

    code = models.SlugField("code", max_length=60, unique=True)
    name = models.CharField("naam", max_length=100, unique=True)
    ground = models.CharField(
        "discriminatiegrond", max_length=100, help_text="zoals de antidiscriminatiewetgeving"
    )
    test_profile = models.CharField("profiel testkandidaat", max_length=300)
    control_profile = models.CharField("profiel controlekandidaat", max_length=300)

    objects = CodeManager()

    class Meta:
        verbose_name = "geteste eigenschap"
        verbose_name_plural = "geteste eigenschappen"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class Agent(models.Model):
    """Who let the dwelling: an estate agency or a private landlord. Visible to the
    equal-opportunities team only, never in the report."""

    class Kind(models.TextChoices):
        AGENCY = "makelaar", "vastgoedmakelaar"
        PRIVATE = "particulier", "particuliere verhuurder"

    name = models.CharField("naam", max_length=150)
    kind = models.CharField("soort verhuurder", max_length=12, choices=Kind.choices)

    class Meta:
        verbose_name = "verhuurder"
        verbose_name_plural = "verhuurders"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "kind"], name="agent_once")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class Campaign(models.Model):
    name = models.CharField("naam", max_length=150, unique=True)
    start_date = models.DateField("van")
    end_date = models.DateField("tot en met", null=True, blank=True)
    method = models.CharField(
        "methode", max_length=200, default="gepaarde correspondentietesten (e-mail)"
    )
    note = models.TextField("toelichting", max_length=3000, blank=True)

    class Meta:
        verbose_name = "testcampagne"
        verbose_name_plural = "testcampagnes"
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="campaign_period_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        check_dates_plausible(self, "start_date", "end_date")


class Outcome(models.TextChoices):
    INVITED = "bezichtiging", "uitgenodigd voor een bezichtiging"
    ANSWER = "antwoord", "antwoord zonder uitnodiging"
    NONE = "geen", "geen antwoord"


class PairedTest(models.Model):
    """One advert, answered by the pair; each response's outcome."""

    campaign = models.ForeignKey(
        Campaign, models.PROTECT, related_name="tests", verbose_name="campagne"
    )
    agent = models.ForeignKey(
        Agent, models.PROTECT, related_name="tests", verbose_name="verhuurder"
    )
    characteristic = models.ForeignKey(
        Characteristic, models.PROTECT, related_name="+", verbose_name="geteste eigenschap"
    )
    advert = models.CharField("advertentie", max_length=300, help_text="vindplaats of kenmerk")
    rent = models.DecimalField("huurprijs per maand (EUR)", max_digits=7, decimal_places=2)
    wijk = models.ForeignKey(Wijk, models.PROTECT, related_name="+", verbose_name="wijk")
    sent_on = models.DateField("gereageerd op")
    test_profile = models.CharField("profiel testkandidaat", max_length=300)
    control_profile = models.CharField("profiel controlekandidaat", max_length=300)
    test_outcome = models.CharField(
        "uitkomst testkandidaat", max_length=12, choices=Outcome.choices
    )
    control_outcome = models.CharField(
        "uitkomst controlekandidaat", max_length=12, choices=Outcome.choices
    )

    class Meta:
        verbose_name = "praktijktest"
        verbose_name_plural = "praktijktesten"
        ordering = ["-sent_on", "-pk"]
        indexes = [models.Index(fields=["sent_on"], name="pairedtest_sent_on")]
        constraints = [
            models.CheckConstraint(
                condition=Q(rent__gt=0) & Q(rent__lt=20000), name="pairedtest_rent_plausible"
            )
        ]

    def __str__(self) -> str:
        return f"{self.advert} ({self.sent_on:%d/%m/%Y})"

    def clean(self) -> None:
        check_dates_plausible(self, "sent_on")


class FollowUp(models.Model):
    """What the city did with an agent whose tests show discrimination, and what came of it."""

    class Kind(models.TextChoices):
        CONVERSATION = "gesprek", "gesprek"
        TRAINING = "vorming", "vorming"
        RETEST = "hertest", "hertest"

    class Result(models.TextChoices):
        ONGOING = "lopend", "lopend"
        IMPROVED = "verbeterd", "geen discriminatie meer vastgesteld"
        NOT_IMPROVED = "niet-verbeterd", "nog steeds discriminatie"
        REFERRED = "doorverwezen", "doorverwezen naar Unia of het BIV"

    agent = models.ForeignKey(
        Agent, models.PROTECT, related_name="follow_ups", verbose_name="verhuurder"
    )
    kind = models.CharField("soort", max_length=10, choices=Kind.choices)
    held_on = models.DateField("datum")
    result = models.CharField("resultaat", max_length=15, choices=Result.choices)
    retest_campaign = models.ForeignKey(
        Campaign,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="hertest in campagne",
    )
    note = models.TextField("verslag", max_length=3000, blank=True)

    class Meta:
        verbose_name = "opvolging"
        verbose_name_plural = "opvolgingen"
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates_plausible(self, "held_on")
