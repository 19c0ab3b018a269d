"""The Vrijwilligerspunt: organisations' volunteer vacancies, the volunteers the loket
registers, and the matches it proposes and follows up."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from welzijn.core.models import CodeManager
from welzijn.core.validation import check_dates_plausible
from welzijn.registry.models import Organisation, Person, Wijk

#: Matching sums a profile's causes and skills into a 64-bit mask (`matching.Bit`).
MAX_BIT = 62


class Coded(models.Model):
    """Reference data with a code and a Dutch name (a beheerder edits it; shipped as fixture).
    Its ``bit`` is its place in the masks the matching compares: never the row's id, which
    only grows as rows are deleted and added."""

    code = models.SlugField("code", max_length=60, unique=True)
    name = models.CharField("naam", max_length=100, unique=True)
    bit = models.PositiveSmallIntegerField(
        "plaats in het zoekmasker",
        unique=True,
        validators=[MaxValueValidator(MAX_BIT)],
        help_text=f"Een getal van 0 tot {MAX_BIT} dat nog niet gebruikt is.",
    )

    objects = CodeManager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class Cause(Coded):
    """What a volunteer wants to work for: armoede, zorg, cultuur, ..."""

    class Meta(Coded.Meta):
        verbose_name = "engagement"
        verbose_name_plural = "engagementen"


class Skill(Coded):
    class Meta(Coded.Meta):
        verbose_name = "vaardigheid"
        verbose_name_plural = "vaardigheden"


class DayPart(models.TextChoices):
    WEEKDAY = "weekdag", "weekdagen overdag"
    EVENING = "avond", "weekavonden"
    WEEKEND = "weekend", "weekend"


#: Languages a volunteer may speak or a vacancy may ask for (ISO 639-1 codes).
LANGUAGES = {
    "nl": "Nederlands",
    "fr": "Frans",
    "en": "Engels",
    "de": "Duits",
    "ar": "Arabisch",
    "tr": "Turks",
    "bg": "Bulgaars",
    "sk": "Slovaaks",
    "es": "Spaans",
    "uk": "Oekraïens",
}


HOURS = [MinValueValidator(1), MaxValueValidator(60)]


class Volunteer(models.Model):
    """A person who offers their time through the Vrijwilligersloket."""

    person = models.OneToOneField(
        Person, models.PROTECT, related_name="volunteer", verbose_name="persoon"
    )
    registered_on = models.DateField("ingeschreven op")
    wijk = models.ForeignKey(Wijk, models.PROTECT, related_name="+", verbose_name="woont in")
    max_distance_km = models.PositiveSmallIntegerField(
        "wil zich verplaatsen tot (km)",
        help_text="hemelsbreed, van wijk tot wijk",
        validators=[MaxValueValidator(50)],
    )
    hours_per_week = models.PositiveSmallIntegerField("uren per week", validators=HOURS)
    availability = models.JSONField("beschikbaar", default=list)
    languages = models.JSONField("talen", default=list)
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="+", verbose_name="vaardigheden"
    )
    causes = models.ManyToManyField(
        Cause, blank=True, related_name="+", verbose_name="engagementen"
    )
    needs_accessible = models.BooleanField(
        "heeft een rolstoeltoegankelijke plek nodig", default=False
    )
    note = models.TextField("notitie", max_length=2000, blank=True)
    active = models.BooleanField("zoekt vrijwilligerswerk", default=True)

    class Meta:
        verbose_name = "vrijwilliger"
        verbose_name_plural = "vrijwilligers"
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=1) & Q(hours_per_week__lte=60),
                name="volunteer_hours_plausible",
            ),
            models.CheckConstraint(
                condition=Q(max_distance_km__lte=50), name="volunteer_distance_plausible"
            ),
        ]

    def __str__(self) -> str:
        return str(self.person)

    def clean(self) -> None:
        check_dates_plausible(self, "registered_on")


class Vacancy(models.Model):
    class Status(models.TextChoices):
        DRAFT = "ontwerp", "ontwerp"
        OPEN = "open", "open"
        CLOSED = "gesloten", "gesloten"

    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="vacancies", verbose_name="organisatie"
    )
    title = models.CharField("titel", max_length=120)
    task = models.TextField("taak", max_length=3000)
    causes = models.ManyToManyField(
        Cause, blank=True, related_name="+", verbose_name="engagementen"
    )
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="+", verbose_name="vaardigheden"
    )
    wijk = models.ForeignKey(
        Wijk,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="wijk",
        help_text="leeg: op verschillende plaatsen of van thuis uit",
    )
    place = models.CharField("plaats", max_length=200, blank=True)
    hours_per_week = models.PositiveSmallIntegerField("uren per week", validators=HOURS)
    availability = models.JSONField("wanneer", default=list)
    minimum_age = models.PositiveSmallIntegerField(
        "minimumleeftijd", default=16, validators=[MinValueValidator(12), MaxValueValidator(99)]
    )
    languages = models.JSONField("talen", default=list, blank=True)
    accessible = models.BooleanField("rolstoeltoegankelijk", default=False)
    accessibility_note = models.CharField("toegankelijkheid", max_length=300, blank=True)
    insurer = models.CharField(
        "verzekeraar (burgerlijke aansprakelijkheid)", max_length=120, blank=True
    )
    policy_number = models.CharField("polisnummer", max_length=60, blank=True)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_on = models.DateField("gepubliceerd op", null=True, blank=True)
    closed_on = models.DateField("gesloten op", null=True, blank=True)

    class Meta:
        verbose_name = "vacature"
        verbose_name_plural = "vacatures"
        ordering = ["organisation__name", "title"]
        indexes = [models.Index(fields=["status"], name="vacancy_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=1) & Q(hours_per_week__lte=60),
                name="vacancy_hours_plausible",
            ),
            models.CheckConstraint(
                condition=Q(minimum_age__gte=12) & Q(minimum_age__lte=99),
                name="vacancy_minimum_age_plausible",
            ),
            models.CheckConstraint(
                condition=~Q(status="open") | Q(published_on__isnull=False),
                name="vacancy_open_is_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.organisation})"

    def clean(self) -> None:
        check_dates_plausible(self, "published_on", "closed_on")


class Match(models.Model):
    """The loket's proposal of a volunteer for a vacancy, both sides' answers, the follow-up."""

    class Status(models.TextChoices):
        PROPOSED = "voorgesteld", "voorgesteld"
        CONFIRMED = "bevestigd", "bevestigd door beide kanten"
        DECLINED = "afgewezen", "afgewezen"
        REAL = "echte-match", "opgevolgd: een echte match"
        NOT_REAL = "geen-match", "opgevolgd: geen echte match"

    class Answer(models.TextChoices):
        OPEN = "open", "nog geen antwoord"
        YES = "ja", "aanvaard"
        NO = "nee", "afgewezen"

    volunteer = models.ForeignKey(
        Volunteer, models.PROTECT, related_name="matches", verbose_name="vrijwilliger"
    )
    vacancy = models.ForeignKey(
        Vacancy, models.PROTECT, related_name="matches", verbose_name="vacature"
    )
    proposed_on = models.DateField("voorgesteld op")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="voorgesteld door",
        help_text="leeg voor een match overgenomen uit de vroegere lijsten van het loket",
    )
    score = models.FloatField("score")
    reasons = models.JSONField("waarom", default=list)
    volunteer_answer = models.CharField(
        "antwoord vrijwilliger", max_length=5, choices=Answer.choices, default=Answer.OPEN
    )
    organisation_answer = models.CharField(
        "antwoord organisatie", max_length=5, choices=Answer.choices, default=Answer.OPEN
    )
    status = models.CharField(
        "status", max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    confirmed_on = models.DateField("bevestigd op", null=True, blank=True)
    follow_up_due = models.DateField("opvolgen op", null=True, blank=True)
    followed_up_on = models.DateField("opgevolgd op", null=True, blank=True)
    note = models.TextField("notitie", max_length=2000, blank=True)

    class Meta:
        verbose_name = "match"
        verbose_name_plural = "matches"
        ordering = ["-proposed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "vacancy"], name="match_once"),
            models.CheckConstraint(
                condition=Q(status__in=["voorgesteld", "afgewezen"])
                | Q(confirmed_on__isnull=False),
                name="match_confirmed_has_date",
            ),
        ]
        indexes = [models.Index(fields=["confirmed_on"], name="match_confirmed_on")]

    def __str__(self) -> str:
        return f"{self.volunteer} – {self.vacancy}"

    def clean(self) -> None:
        check_dates_plausible(self, "proposed_on", "confirmed_on", "followed_up_on")


#: Which status may follow which (core.transitions).
MATCH_TRANSITIONS = {
    Match.Status.PROPOSED: frozenset({Match.Status.CONFIRMED, Match.Status.DECLINED}),
    Match.Status.CONFIRMED: frozenset({Match.Status.REAL, Match.Status.NOT_REAL}),
}
VACANCY_TRANSITIONS = {
    Vacancy.Status.DRAFT: frozenset({Vacancy.Status.OPEN, Vacancy.Status.CLOSED}),
    Vacancy.Status.OPEN: frozenset({Vacancy.Status.CLOSED}),
    Vacancy.Status.CLOSED: frozenset({Vacancy.Status.OPEN}),
}
