"""Sessions held with groups: a session of a catalogue service on a date at a place, by an
organising team (with a partner), its participants (counted, or registered by name) and its
outcomes (items repaired of items brought); series of sessions with completion."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q

from welzijn.casework.models import Cancellable, Office, cancel_constraint
from welzijn.catalog.models import Service
from welzijn.core.validation import check_dates_plausible
from welzijn.registry.models import Organisation, Person, Wijk

TITLE_MAX_LENGTH = 200
#: A session of more people than this is a typo (a Dag van de Buren counts a few hundred).
MAX_PARTICIPANTS = 10_000


class Series(models.Model):
    """Sessions that belong together: a course, a 40-hour participation trajectory, a
    Leefstraat trajectory. A participant completes it by attending `sessions_required`
    of its sessions; `goal_reached` says whether it led where it should (the Leefstraat
    came about)."""

    class Status(models.TextChoices):
        RUNNING = "lopend", "lopend"
        COMPLETED = "afgerond", "afgerond"
        STOPPED = "stopgezet", "stopgezet"

    TRANSITIONS = {
        Status.RUNNING: frozenset({Status.COMPLETED, Status.STOPPED}),
        Status.COMPLETED: frozenset({Status.RUNNING}),
        Status.STOPPED: frozenset({Status.RUNNING}),
    }

    service = models.ForeignKey(Service, models.PROTECT, related_name="+", verbose_name="dienst")
    title = models.CharField("naam", max_length=TITLE_MAX_LENGTH)
    office = models.ForeignKey(
        Office, models.PROTECT, related_name="activity_series", verbose_name="organiserend team"
    )
    partner = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="partnerorganisatie",
    )
    wijk = models.ForeignKey(
        Wijk, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="wijk"
    )
    start_date = models.DateField("begindatum")
    end_date = models.DateField("einddatum", null=True, blank=True)
    sessions_required = models.PositiveSmallIntegerField(
        "sessies nodig om te voltooien",
        default=1,
        help_text="Wie minstens zoveel sessies bijwoonde, heeft de reeks voltooid.",
    )
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    goal_reached = models.BooleanField(
        "doel bereikt",
        null=True,
        blank=True,
        help_text="Bij het afsluiten: leidde de reeks tot het doel (bv. de Leefstraat kwam er)?",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="geregistreerd door",
    )

    class Meta:
        verbose_name = "reeks"
        verbose_name_plural = "reeksen"
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="series_end_after_start",
                violation_error_message="De einddatum mag niet voor de begindatum liggen.",
            ),
            models.CheckConstraint(
                condition=Q(status="lopend", end_date__isnull=True, goal_reached__isnull=True)
                | (Q(status__in=["afgerond", "stopgezet"]) & Q(end_date__isnull=False)),
                name="series_status_matches_end",
                violation_error_message="Een afgesloten reeks heeft een einddatum, een lopende "
                "niet.",
            ),
            models.CheckConstraint(
                condition=Q(sessions_required__gte=1), name="series_sessions_required_positive"
            ),
        ]
        indexes = [models.Index(fields=["service", "start_date"], name="series_service_start")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        check_dates_plausible(self, "start_date", "end_date")


class Activity(Cancellable):
    """One session: a Repair Café, an info session, a training, a language café, ..."""

    service = models.ForeignKey(Service, models.PROTECT, related_name="+", verbose_name="dienst")
    series = models.ForeignKey(
        Series,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name="reeks",
    )
    title = models.CharField("omschrijving", max_length=TITLE_MAX_LENGTH, blank=True)
    date = models.DateField("datum")
    office = models.ForeignKey(
        Office, models.PROTECT, related_name="activities", verbose_name="organiserend team"
    )
    partner = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="partnerorganisatie",
        help_text="De partner die de sessie (mee) organiseert.",
    )
    place = models.CharField(
        "plaats", max_length=150, blank=True, help_text="bv. Buurtcentrum Sluizeken, of online"
    )
    street = models.CharField("straat", max_length=150, blank=True)
    number = models.CharField("huisnummer", max_length=10, blank=True)
    postcode = models.CharField("postcode", max_length=4, blank=True)
    wijk = models.ForeignKey(
        Wijk, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="wijk"
    )
    headcount = models.PositiveIntegerField(
        "aantal deelnemers (geteld)",
        default=0,
        validators=[MaxValueValidator(MAX_PARTICIPANTS)],
        help_text="Deelnemers die niet op naam staan; wie op naam staat, telt vanzelf mee.",
    )
    items_brought = models.PositiveIntegerField(
        "binnengebrachte voorwerpen",
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_PARTICIPANTS)],
    )
    items_repaired = models.PositiveIntegerField(
        "herstelde voorwerpen",
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_PARTICIPANTS)],
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="geregistreerd door",
    )

    class Meta:
        verbose_name = "activiteit"
        verbose_name_plural = "activiteiten"
        ordering = ["-date", "-pk"]
        constraints = [
            cancel_constraint("activity"),
            models.CheckConstraint(
                condition=Q(items_repaired__isnull=True)
                | (Q(items_brought__isnull=False) & Q(items_repaired__lte=F("items_brought"))),
                name="activity_repaired_within_brought",
                violation_error_message="Er kunnen niet meer voorwerpen hersteld zijn dan er "
                "binnengebracht werden.",
            ),
            models.CheckConstraint(
                condition=Q(headcount__lte=MAX_PARTICIPANTS), name="activity_headcount_plausible"
            ),
        ]
        indexes = [
            models.Index(fields=["office", "date"], name="activity_office_date"),
            models.Index(fields=["service", "date"], name="activity_service_date"),
        ]

    def __str__(self) -> str:
        return f"{self.title or self.service} ({self.date:%d/%m/%Y})"

    def clean(self) -> None:
        check_dates_plausible(self, "date")
        if self.items_repaired is not None and self.items_brought is None:
            raise ValidationError(
                {"items_brought": "Vul ook in hoeveel voorwerpen er binnengebracht werden."}
            )
        if self.items_repaired is not None and self.items_repaired > (self.items_brought or 0):
            raise ValidationError(
                {
                    "items_repaired": "Er kunnen niet meer voorwerpen hersteld zijn dan er "
                    "binnengebracht werden."
                }
            )

    @property
    def participant_total(self) -> int:
        """Counted participants plus those registered by name (annotate `named` to spare
        a query per row)."""
        named = getattr(self, "named", None)
        return self.headcount + (self.participants.count() if named is None else named)


class Participant(models.Model):
    """Someone registered by name at a session: a registered person, or a name only (a
    walk-in who is not in the registry). Seen by the organising team only."""

    activity = models.ForeignKey(
        Activity, models.CASCADE, related_name="participants", verbose_name="activiteit"
    )
    person = models.ForeignKey(
        Person,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="persoon",
    )
    name = models.CharField(
        "naam", max_length=200, blank=True, help_text="Alleen voor wie niet geregistreerd is."
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="geregistreerd door",
    )

    class Meta:
        verbose_name = "deelnemer"
        verbose_name_plural = "deelnemers"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(name=""))
                | (Q(person__isnull=True) & ~Q(name="")),
                name="participant_person_or_name",
                violation_error_message="Kies een geregistreerde persoon of vul een naam in.",
            ),
            models.UniqueConstraint(
                fields=["activity", "person"],
                name="participant_once_per_activity",
                violation_error_message="Deze persoon staat al op de deelnemerslijst.",
            ),
        ]

    def __str__(self) -> str:
        return str(self.person) if self.person_id else self.name

    @property
    def identity(self) -> str:
        """Who this is across the sessions of a series: the person, else the folded name."""
        return f"p{self.person_id}" if self.person_id else "n" + " ".join(self.name.lower().split())
