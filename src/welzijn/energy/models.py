"""The Energiecel and the housing team's records.

* The Lokale Adviescommissie (LAC): a dossier opened on the request of the grid operator or
  water company for a household, the OCMW's social investigation, the session where both
  sides are heard and the commission's decision, within the legal term (`terms.py`).
* Energy aid: debts taken over, financial interventions, appliance and winter premiums, each
  linked to the LAC dossier or the energy scan it comes from; the energy scan at home.
* Housing: wooncoach and Gent Knapt Op trajectories, rent guarantees with their repayment,
  and the outcome of a rent-arrears melding (the melding itself is the meldingen app's).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from welzijn.casework.models import Office
from welzijn.catalog.models import Service
from welzijn.core.validation import check_dates_plausible
from welzijn.meldingen.models import Melding
from welzijn.registry.models import Household

TEXT_MAX_LENGTH = 5000


def _user(verbose_name: str):
    # Empty only for records written by an import or Synthetic Ghent: the services fill it.
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class LacSession(models.Model):
    """A session of the Lokale Adviescommissie, with who sat on it (one name per line)."""

    class Status(models.TextChoices):
        PLANNED = "gepland", "gepland"
        HELD = "gehouden", "gehouden"

    office = models.ForeignKey(Office, models.PROTECT, related_name="+", verbose_name="team")
    held_on = models.DateField("datum van de zitting")
    place = models.CharField("plaats", max_length=200, blank=True)
    members = models.TextField(
        "samenstelling van de commissie", max_length=2000, help_text="Eén lid per lijn."
    )
    status = models.CharField("status", max_length=10, choices=Status.choices, default="gepland")
    created_by = _user("aangemaakt door")

    class Meta:
        verbose_name = "zitting van de LAC"
        verbose_name_plural = "zittingen van de LAC"
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(members=""),
                name="lacsession_has_members",
                violation_error_message="Geef de samenstelling van de commissie.",
            )
        ]

    def __str__(self) -> str:
        return f"Zitting LAC van {self.held_on:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates_plausible(self, "held_on")

    @property
    def member_list(self) -> list[str]:
        return [line.strip() for line in self.members.splitlines() if line.strip()]


class LacDossier(models.Model):
    """A request to the LAC about one household's supply of one utility."""

    class Requester(models.TextChoices):
        FLUVIUS = "fluvius", "Fluvius (netbeheerder)"
        FARYS = "farys", "Farys (watermaatschappij)"
        OCMW = "ocmw", "het OCMW"

    class Utility(models.TextChoices):
        ELECTRICITY = "elektriciteit", "elektriciteit"
        GAS = "aardgas", "aardgas"
        WATER = "water", "water"

    class Trigger(models.TextChoices):
        DEBT = "schuld", "openstaande schuld"
        PLAN_REFUSED = "plan-geweigerd", "afbetalingsplan geweigerd"
        PLAN_BROKEN = "plan-niet-nageleefd", "afbetalingsplan niet nageleefd"
        NO_ACCESS = "geen-toegang", "geen toegang tot de (budget)meter"
        NO_CONTRACT = "geen-contract", "contract beëindigd zonder nieuwe leverancier"
        RECONNECT = "heraansluiting", "verzoek tot heraansluiting"

    class Decision(models.TextChoices):
        PAYMENT_PLAN = "afbetalingsplan", "afbetalingsplan"
        BUDGET_METER = "budgetmeter", "budgetmeter met krediet"
        LIMITER = "stroombegrenzer", "stroombegrenzer behouden"
        DEBT_TAKEN_OVER = "schuld-ten-laste", "schuld ten laste genomen door het OCMW"
        CUT_OFF_REFUSED = "afsluiting-geweigerd", "afsluiting geweigerd"
        CUT_OFF_ALLOWED = "afsluiting-toegestaan", "afsluiting toegestaan"

    class Status(models.TextChoices):
        INVESTIGATION = "onderzoek", "sociaal onderzoek"
        ON_AGENDA = "geagendeerd", "op de agenda"
        DECIDED = "beslist", "beslist"

    #: decisions after which the household keeps its supply
    PREVENTED = frozenset(set(Decision) - {Decision.CUT_OFF_ALLOWED})

    office = models.ForeignKey(Office, models.PROTECT, related_name="+", verbose_name="team")
    household = models.ForeignKey(
        Household, models.PROTECT, related_name="lac_dossiers", verbose_name="huishouden"
    )
    service = models.ForeignKey(Service, models.PROTECT, related_name="+", verbose_name="dienst")
    requester = models.CharField("aangevraagd door", max_length=10, choices=Requester.choices)
    utility = models.CharField("nutsvoorziening", max_length=14, choices=Utility.choices)
    trigger = models.CharField("aanleiding", max_length=20, choices=Trigger.choices)
    amount_owed = models.DecimalField(
        "openstaand bedrag (EUR)", max_digits=10, decimal_places=2, default=Decimal("0")
    )
    received_on = models.DateField("verzoek ontvangen op")
    advice_due_on = models.DateField("advies uiterlijk op")
    investigation = models.TextField("sociaal onderzoek", max_length=TEXT_MAX_LENGTH, blank=True)
    session = models.ForeignKey(
        LacSession,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name="zitting",
    )
    status = models.CharField(
        "status", max_length=12, choices=Status.choices, default=Status.INVESTIGATION
    )
    household_heard = models.BooleanField("huishouden gehoord", default=False)
    decision = models.CharField("beslissing", max_length=22, choices=Decision.choices, blank=True)
    decided_on = models.DateField("beslist op", null=True, blank=True)
    motivation = models.TextField("motivering", max_length=TEXT_MAX_LENGTH, blank=True)
    registered_by = _user("geregistreerd door")
    registered_at = models.DateTimeField("geregistreerd op")

    class Meta:
        verbose_name = "LAC-dossier"
        verbose_name_plural = "LAC-dossiers"
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["service", "received_on"], name="lacdossier_service_received"),
            models.Index(fields=["status", "advice_due_on"], name="lacdossier_status_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(advice_due_on__gte=F("received_on")), name="lacdossier_due_after"
            ),
            models.CheckConstraint(
                condition=Q(amount_owed__gte=0),
                name="lacdossier_amount_not_negative",
                violation_error_message="Het bedrag mag niet negatief zijn.",
            ),
            models.CheckConstraint(
                condition=Q(status="beslist", decided_on__isnull=False)
                & ~Q(decision="")
                & ~Q(motivation="")
                | (~Q(status="beslist") & Q(decided_on__isnull=True) & Q(decision="")),
                name="lacdossier_decided_complete",
                violation_error_message="Een beslist dossier heeft een gemotiveerde beslissing.",
            ),
            models.CheckConstraint(
                condition=Q(status="onderzoek") | Q(session__isnull=False),
                name="lacdossier_agenda_has_session",
            ),
        ]

    def __str__(self) -> str:
        return f"LAC-dossier {self.pk} ({self.get_utility_display()})"

    def clean(self) -> None:
        check_dates_plausible(self, "received_on", "decided_on")

    def is_overdue(self, today) -> bool:
        """Past the legal term without a decision (counts as a refused cut-off)."""
        return self.status != self.Status.DECIDED and self.advice_due_on < today

    @property
    def decided_late(self) -> bool:
        return self.decided_on is not None and self.decided_on > self.advice_due_on


class EnergyScan(models.Model):
    """An energy scan at the household's home, with what it recommends."""

    office = models.ForeignKey(Office, models.PROTECT, related_name="+", verbose_name="team")
    household = models.ForeignKey(
        Household, models.PROTECT, related_name="energy_scans", verbose_name="huishouden"
    )
    visited_on = models.DateField("bezocht op")
    recommendations = models.TextField("aanbevelingen", max_length=TEXT_MAX_LENGTH)
    registered_by = _user("geregistreerd door")

    class Meta:
        verbose_name = "energiescan"
        verbose_name_plural = "energiescans"
        ordering = ["-visited_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(recommendations=""),
                name="energyscan_has_recommendations",
                violation_error_message="Schrijf de aanbevelingen van de scan.",
            )
        ]

    def __str__(self) -> str:
        return f"Energiescan {self.visited_on:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates_plausible(self, "visited_on")


class EnergyAid(models.Model):
    """Money for a household's energy: a debt taken over, a financial intervention, an
    appliance premium, a winter premium; the catalogue service says which."""

    office = models.ForeignKey(Office, models.PROTECT, related_name="+", verbose_name="team")
    household = models.ForeignKey(
        Household, models.PROTECT, related_name="energy_aid", verbose_name="huishouden"
    )
    service = models.ForeignKey(Service, models.PROTECT, related_name="+", verbose_name="soort")
    granted_on = models.DateField("toegekend op")
    amount = models.DecimalField("bedrag (EUR)", max_digits=10, decimal_places=2)
    lac_dossier = models.ForeignKey(
        LacDossier,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="aid",
        verbose_name="uit het LAC-dossier",
    )
    scan = models.ForeignKey(
        EnergyScan,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="aid",
        verbose_name="na de energiescan",
    )
    registered_by = _user("geregistreerd door")

    class Meta:
        verbose_name = "energietussenkomst"
        verbose_name_plural = "energietussenkomsten"
        ordering = ["-granted_on", "-pk"]
        indexes = [models.Index(fields=["service", "granted_on"], name="energyaid_service_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="energyaid_amount_positive",
                violation_error_message="Het bedrag is groter dan nul.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} ({self.granted_on:%d/%m/%Y})"

    def clean(self) -> None:
        check_dates_plausible(self, "granted_on")


class HousingTrajectory(models.Model):
    """A wooncoach's guidance of a household, or a Gent Knapt Op renovation trajectory of an
    owner (with its steps, one per line, and its budget)."""

    class Kind(models.TextChoices):
        WOONCOACH = "wooncoach", "wooncoaching"
        GENT_KNAPT_OP = "gent-knapt-op", "Gent Knapt Op"

    office = models.ForeignKey(Office, models.PROTECT, related_name="+", verbose_name="team")
    household = models.ForeignKey(
        Household, models.PROTECT, related_name="housing_trajectories", verbose_name="huishouden"
    )
    kind = models.CharField("soort", max_length=14, choices=Kind.choices)
    started_on = models.DateField("gestart op")
    ended_on = models.DateField("beëindigd op", null=True, blank=True)
    steps = models.TextField("stappen", max_length=TEXT_MAX_LENGTH, blank=True)
    budget = models.DecimalField(
        "budget (EUR)", max_digits=10, decimal_places=2, null=True, blank=True
    )
    registered_by = _user("geregistreerd door")

    class Meta:
        verbose_name = "woontraject"
        verbose_name_plural = "woontrajecten"
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="housingtrajectory_end_after_start",
                violation_error_message="Het einde ligt niet vóór het begin.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} sinds {self.started_on:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates_plausible(self, "started_on", "ended_on")


class RentGuarantee(models.Model):
    """The OCMW's help with a rent guarantee: a guarantee letter (the OCMW stands surety) or
    the deposit paid, which the tenant repays month by month."""

    class Form(models.TextChoices):
        LETTER = "waarborgbrief", "waarborgbrief van het OCMW"
        DEPOSIT = "storting", "storting van de waarborg"

    office = models.ForeignKey(Office, models.PROTECT, related_name="+", verbose_name="team")
    household = models.ForeignKey(
        Household, models.PROTECT, related_name="rent_guarantees", verbose_name="huishouden"
    )
    tenants = models.PositiveSmallIntegerField("aantal huurders", default=1)
    form = models.CharField("vorm", max_length=14, choices=Form.choices)
    granted_on = models.DateField("toegekend op")
    amount = models.DecimalField("bedrag (EUR)", max_digits=10, decimal_places=2)
    monthly_repayment = models.DecimalField(
        "maandelijkse afbetaling (EUR)", max_digits=10, decimal_places=2
    )
    repaid = models.DecimalField(
        "al terugbetaald (EUR)", max_digits=10, decimal_places=2, default=Decimal("0")
    )
    registered_by = _user("geregistreerd door")

    class Meta:
        verbose_name = "huurwaarborg"
        verbose_name_plural = "huurwaarborgen"
        ordering = ["-granted_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0) & Q(monthly_repayment__gt=0) & Q(tenants__gt=0),
                name="rentguarantee_amounts_positive",
                violation_error_message="Bedrag, afbetaling en aantal huurders zijn groter "
                "dan nul.",
            ),
            models.CheckConstraint(
                condition=Q(repaid__gte=0) & Q(repaid__lte=F("amount")),
                name="rentguarantee_repaid_within_amount",
                violation_error_message="Er is niet meer terugbetaald dan het bedrag.",
            ),
        ]

    def __str__(self) -> str:
        return f"Huurwaarborg {self.get_form_display()} ({self.granted_on:%d/%m/%Y})"

    def clean(self) -> None:
        check_dates_plausible(self, "granted_on")

    @property
    def outstanding(self) -> Decimal:
        return self.amount - self.repaid


class RentArrearsOutcome(models.Model):
    """How a wooncoach ended a rent-arrears melding (the melding's state is the meldingen
    app's: closing it goes through its transition)."""

    class Outcome(models.TextChoices):
        PAYMENT_PLAN = "afbetalingsplan", "afbetalingsplan met de verhuurder"
        GUARANTEE = "huurwaarborg", "huurwaarborg"
        MEDIATION = "bemiddeling", "bemiddeling met de verhuurder"
        EVICTION = "uithuiszetting", "uithuiszetting"
        MOVED = "verhuisd", "verhuisd"

    #: outcomes after which the tenant keeps the home
    KEPT_HOME = frozenset({Outcome.PAYMENT_PLAN, Outcome.GUARANTEE, Outcome.MEDIATION})

    melding = models.OneToOneField(
        Melding, models.PROTECT, related_name="rent_arrears_outcome", verbose_name="melding"
    )
    outcome = models.CharField("uitkomst", max_length=16, choices=Outcome.choices)
    decided_on = models.DateField("op")
    household = models.ForeignKey(
        Household,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="huishouden",
    )
    registered_by = _user("geregistreerd door")

    class Meta:
        verbose_name = "uitkomst huurachterstal"
        verbose_name_plural = "uitkomsten huurachterstal"

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.melding})"

    def clean(self) -> None:
        check_dates_plausible(self, "decided_on")
