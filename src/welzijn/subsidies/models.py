"""Subsidy schemes, their calls, and applications from application to payment.

One machinery serves every scheme of the department: Samen aan zet (initiatives of
associations), the recognition of doelgroepverenigingen and their subsidy, the Sociaal
Innovatiefonds. What differs between schemes is data: the scheme's rules file
(`subsidies/rules/<code>.yaml`), its categories and its calls.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q, Sum

from welzijn.casework.models import Office
from welzijn.catalog.models import Service
from welzijn.core.models import CodeManager
from welzijn.core.validation import check_dates_plausible
from welzijn.registry.models import Organisation, Wijk
from welzijn.subsidies.rules import Ruleset, ruleset

POSITIVE = [MinValueValidator(Decimal("0.01"))]


class Scheme(models.Model):
    """A subsidy regulation of the city, as the council approved it (its version and date),
    run by one team (its officials and jury are that office's staff)."""

    code = models.SlugField("code", max_length=60, unique=True)
    name = models.CharField("naam", max_length=150, unique=True)
    regulation = models.CharField("reglement", max_length=300)
    regulation_version = models.CharField("versie van het reglement", max_length=60)
    regulation_date = models.DateField("datum van het reglement")
    source_url = models.CharField(
        "bron", max_length=300, blank=True, validators=[URLValidator(schemes=["https", "http"])]
    )
    rules = models.SlugField(
        "regels",
        max_length=60,
        help_text="Het regelbestand subsidies/rules/<regels>.yaml: voorwaarden, bedragen, bronnen.",
    )
    office = models.ForeignKey(
        Office, models.PROTECT, related_name="subsidy_schemes", verbose_name="team"
    )
    service = models.ForeignKey(
        Service,
        models.PROTECT,
        related_name="subsidy_schemes",
        verbose_name="dienst in de catalogus",
        help_text="De dienst van het jaaroverzicht waaronder de toekenningen geteld worden.",
    )

    objects = CodeManager()

    class Meta:
        verbose_name = "subsidiereglement"
        verbose_name_plural = "subsidiereglementen"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    def ruleset(self) -> Ruleset:
        return ruleset(self.rules)


class Call(models.Model):
    """A period in which applications to a scheme are received, with its budget."""

    scheme = models.ForeignKey(
        Scheme, models.PROTECT, related_name="calls", verbose_name="reglement"
    )
    code = models.SlugField("code", max_length=60, unique=True)
    name = models.CharField("naam", max_length=150)
    opens_on = models.DateField("open vanaf")
    closes_on = models.DateField("open tot en met")
    budget = models.DecimalField("budget (EUR)", max_digits=12, decimal_places=2)

    objects = CodeManager()

    class Meta:
        verbose_name = "oproep"
        verbose_name_plural = "oproepen"
        ordering = ["-opens_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="call_period_order"
            ),
            models.CheckConstraint(condition=Q(budget__gte=0), name="call_budget_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.scheme} — {self.name}"

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    def clean(self) -> None:
        check_dates_plausible(self, "opens_on", "closes_on")
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": "De oproep sluit voor ze opent."})

    def committed(self) -> Decimal:
        """What the call's grants hold of its budget: the granted amounts; of a grant claimed
        back, what was paid less what came back."""
        holding = (
            Application.Status.GRANTED,
            Application.Status.REPORTED,
            Application.Status.CLOSED,
        )
        granted = self.applications.filter(status__in=holding).aggregate(s=Sum("granted_amount"))[
            "s"
        ] or Decimal("0")
        # A grant claimed back holds only what was paid and not returned.
        moved = Payment.objects.filter(
            application__call=self, application__status=Application.Status.CLAWED_BACK
        ).aggregate(
            paid=Sum("amount", filter=Q(kind=Payment.Kind.PAYMENT)),
            back=Sum("amount", filter=Q(kind=Payment.Kind.CLAWBACK)),
        )
        return granted + (moved["paid"] or Decimal("0")) - (moved["back"] or Decimal("0"))

    def budget_left(self) -> Decimal:
        return self.budget - self.committed()


class LegalForm(models.TextChoices):
    VZW = "vzw", "vzw"
    FEITELIJKE_VERENIGING = "feitelijke-vereniging", "feitelijke vereniging"
    BEWONERSGROEP = "bewonersgroep", "bewonersgroep"
    COOPERATIEVE = "cooperatieve", "erkende coöperatieve vennootschap"
    ANDERE = "andere", "andere (bedrijf, individu, ...)"


class Application(models.Model):
    """An organisation's application to a call: what, when, for whom, where, and its budget."""

    class Status(models.TextChoices):
        DRAFT = "ontwerp", "ontwerp (nog niet ingediend)"
        SUBMITTED = "ingediend", "ingediend"
        CHECKED = "gecontroleerd", "gecontroleerd door de dienst"
        JURY = "jury", "bij de jury"
        GRANTED = "toegekend", "toegekend"
        REFUSED = "geweigerd", "geweigerd"
        REPORTED = "verslag", "eindverslag ingediend"
        CLOSED = "afgesloten", "afgesloten"
        CLAWED_BACK = "teruggevorderd", "teruggevorderd"
        WITHDRAWN = "ingetrokken", "ingetrokken"

    TRANSITIONS = {
        Status.DRAFT: frozenset({Status.SUBMITTED, Status.WITHDRAWN}),
        Status.SUBMITTED: frozenset(
            {Status.CHECKED, Status.JURY, Status.REFUSED, Status.WITHDRAWN}
        ),
        Status.CHECKED: frozenset({Status.GRANTED, Status.REFUSED}),
        Status.JURY: frozenset({Status.GRANTED, Status.REFUSED}),
        Status.GRANTED: frozenset({Status.REPORTED, Status.CLAWED_BACK}),
        Status.REPORTED: frozenset({Status.CLOSED, Status.CLAWED_BACK}),
    }
    #: States in which the grant holds budget of the call.
    GRANTED_STATES = (Status.GRANTED, Status.REPORTED, Status.CLOSED, Status.CLAWED_BACK)
    #: States that count towards the applicant's yearly maximum (submitted, not refused).
    COUNTING_STATES = (Status.SUBMITTED, Status.CHECKED, Status.JURY, *GRANTED_STATES)

    call = models.ForeignKey(
        Call, models.PROTECT, related_name="applications", verbose_name="oproep"
    )
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="subsidy_applications", verbose_name="aanvrager"
    )
    number = models.PositiveIntegerField(
        "volgnummer",
        null=True,
        blank=True,
        help_text="Het hoeveelste ingediende aanvraag van het reglement.",
    )
    title = models.CharField("titel van het initiatief", max_length=200)
    description = models.TextField("omschrijving", max_length=5000)
    category = models.CharField("categorie", max_length=60, blank=True)
    legal_form = models.CharField("rechtsvorm", max_length=30, choices=LegalForm.choices)
    active_in_ghent = models.BooleanField("werking op het grondgebied Gent", default=False)
    exclusions = models.JSONField("uitsluitingen die van toepassing zijn", default=list, blank=True)
    target_group = models.CharField("doelgroep", max_length=200)
    wijk = models.ForeignKey(
        Wijk, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="wijk"
    )
    activities_last_year = models.PositiveIntegerField(
        "activiteiten in het vorige werkingsjaar", null=True, blank=True
    )
    members = models.PositiveIntegerField("aantal leden", null=True, blank=True)
    start_date = models.DateField("startdatum")
    end_date = models.DateField("einddatum")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="aangemaakt door",
        help_text="Leeg voor een aanvraag die uit een ander systeem werd overgenomen.",
    )
    submitted_on = models.DateField("ingediend op", null=True, blank=True)
    jury_deadline = models.DateField("indiendatum van de jury", null=True, blank=True)
    # The official's check.
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    checked_on = models.DateField("gecontroleerd op", null=True, blank=True)
    check_note = models.TextField("opmerking bij de controle", max_length=2000, blank=True)
    # The decision.
    granted_amount = models.DecimalField(
        "toegekend bedrag (EUR)", max_digits=10, decimal_places=2, null=True, blank=True
    )
    decided_on = models.DateField("beslist op", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    motivation = models.TextField("motivering", max_length=5000, blank=True)

    class Meta:
        verbose_name = "subsidieaanvraag"
        verbose_name_plural = "subsidieaanvragen"
        ordering = ["-submitted_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="application_period_order"
            ),
            models.CheckConstraint(
                condition=Q(granted_amount__isnull=True) | Q(granted_amount__gt=0),
                name="application_granted_positive",
            ),
        ]
        indexes = [models.Index(fields=["status", "decided_on"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.organisation})"

    def clean(self) -> None:
        check_dates_plausible(self, "start_date", "end_date")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "De einddatum ligt voor de startdatum."})

    def requested_amount(self) -> Decimal:
        """The amount asked: the sum of the budget lines (the costs the subsidy covers)."""
        return sum((line.amount for line in self.lines.all()), Decimal("0"))

    def paid(self) -> Decimal:
        return sum(
            (p.amount for p in self.payments.all() if p.kind == Payment.Kind.PAYMENT), Decimal("0")
        )

    def reclaimed(self) -> Decimal:
        return sum(
            (p.amount for p in self.payments.all() if p.kind == Payment.Kind.CLAWBACK),
            Decimal("0"),
        )


class BudgetLine(models.Model):
    """A cost the subsidy is asked to cover."""

    class Kind(models.TextChoices):
        CATERING = "catering", "catering (eten en drinken)"
        VOLUNTEERS = "vrijwilligers", "vrijwilligersvergoedingen"
        RENT = "huur", "huur van zaal of materiaal"
        MATERIAL = "materiaal", "materiaal en aankopen"
        COMMUNICATION = "communicatie", "communicatie en drukwerk"
        SPEAKERS = "sprekers", "sprekers, begeleiders en artiesten"
        STAFF = "personeel", "personeelskosten van het project"
        INVESTMENT = "investering", "investeringen"
        TRANSPORT = "vervoer", "vervoer"
        WAGES = "loon", "loonkosten"
        OTHER = "andere", "andere kosten"

    application = models.ForeignKey(
        Application, models.CASCADE, related_name="lines", verbose_name="aanvraag"
    )
    kind = models.CharField("soort kost", max_length=20, choices=Kind.choices)
    description = models.CharField("omschrijving", max_length=200)
    amount = models.DecimalField(
        "bedrag (EUR)", max_digits=10, decimal_places=2, validators=POSITIVE
    )

    class Meta:
        verbose_name = "begrotingslijn"
        verbose_name_plural = "begrotingslijnen"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="line_amount_positive")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"


class JuryScore(models.Model):
    """One juror's score and advice on an application above the jury threshold."""

    class Advice(models.TextChoices):
        FAVOURABLE = "gunstig", "gunstig"
        PARTLY = "gedeeltelijk", "gedeeltelijk gunstig (lager bedrag)"
        UNFAVOURABLE = "ongunstig", "ongunstig"

    application = models.ForeignKey(
        Application, models.CASCADE, related_name="scores", verbose_name="aanvraag"
    )
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        "score (0 tot 10)", validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    advice = models.CharField("advies", max_length=20, choices=Advice.choices)
    advised_amount = models.DecimalField(
        "geadviseerd bedrag (EUR)",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=POSITIVE,
    )
    note = models.TextField("motivering", max_length=2000)
    scored_on = models.DateField("datum")

    class Meta:
        verbose_name = "juryscore"
        verbose_name_plural = "juryscores"
        constraints = [
            models.UniqueConstraint(fields=["application", "juror"], name="one_score_per_juror"),
            models.CheckConstraint(condition=Q(score__lte=10), name="score_at_most_10"),
        ]

    def __str__(self) -> str:
        return f"{self.score}/10, {self.get_advice_display()}"


class Payment(models.Model):
    """An instalment paid to the applicant, or an amount claimed back from it."""

    class Kind(models.TextChoices):
        PAYMENT = "betaling", "uitbetaling"
        CLAWBACK = "terugvordering", "terugvordering"

    application = models.ForeignKey(
        Application, models.PROTECT, related_name="payments", verbose_name="aanvraag"
    )
    kind = models.CharField("soort", max_length=20, choices=Kind.choices)
    amount = models.DecimalField(
        "bedrag (EUR)", max_digits=10, decimal_places=2, validators=POSITIVE
    )
    on = models.DateField("datum")
    reason = models.CharField("omschrijving", max_length=300, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "betaling of terugvordering"
        verbose_name_plural = "betalingen en terugvorderingen"
        ordering = ["on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payment_positive")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} van {self.amount} EUR op {self.on:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates_plausible(self, "on")


class FinalReport(models.Model):
    """The applicant's report after the initiative: did it happen, how many took part,
    what it cost, with an optional attachment (stored like a dossier's documents)."""

    application = models.OneToOneField(
        Application, models.PROTECT, related_name="final_report", verbose_name="aanvraag"
    )
    happened = models.BooleanField("het initiatief heeft plaatsgevonden")
    participants = models.PositiveIntegerField("aantal deelnemers")
    spent = models.DecimalField("werkelijke kosten (EUR)", max_digits=10, decimal_places=2)
    text = models.TextField("verslag", max_length=10000)
    submitted_on = models.DateField("ingediend op")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    file_name = models.CharField("bestandsnaam", max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    storage_name = models.CharField(max_length=40, blank=True, editable=False)
    sha256 = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = "eindverslag"
        verbose_name_plural = "eindverslagen"

    def __str__(self) -> str:
        return f"Eindverslag van {self.submitted_on:%d/%m/%Y}"


class Advice(models.Model):
    """Advice on measure given to an association (the Verenigingswijzer): which association,
    when, on what, by which team. The report counts the associations advised in a year."""

    class Topic(models.TextChoices):
        LEGAL = "juridisch", "juridisch"
        ADMINISTRATIVE = "administratief", "administratief"
        FINANCIAL = "financieel", "financieel"
        OTHER = "ander", "ander"

    service = models.ForeignKey(Service, models.PROTECT, related_name="+", verbose_name="dienst")
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="advices", verbose_name="vereniging"
    )
    office = models.ForeignKey(Office, models.PROTECT, related_name="+", verbose_name="team")
    given_on = models.DateField("datum van het advies")
    topic = models.CharField("onderwerp", max_length=20, choices=Topic.choices)
    note = models.TextField("wat werd geadviseerd", max_length=2000, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="geregistreerd door",
    )

    class Meta:
        verbose_name = "advies aan een vereniging"
        verbose_name_plural = "adviezen aan verenigingen"
        ordering = ["-given_on", "-pk"]
        indexes = [models.Index(fields=["service", "given_on"], name="advice_service_given")]

    def __str__(self) -> str:
        return f"Advies ({self.get_topic_display()}) aan {self.organisation} op {self.given_on}"

    def clean(self) -> None:
        check_dates_plausible(self, "given_on")
