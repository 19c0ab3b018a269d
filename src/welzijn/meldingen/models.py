"""Reports from the street and from partners (meldingen): a two-level category tree that
routes each melding to a team with a service level, the melding's place and wijk, its states,
the administrative report (bestuurlijk verslag) and the conflicts between citizens that the
Dienst Preventie voor Veiligheid takes up.

Learned from Amsterdam's Signalen (MPL-2.0): categories one level deep under a main
category, a responsible department per category, a service level of n calendar or working
days, a status history next to the current status. Nothing of its code is used."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from welzijn.casework.models import Office
from welzijn.catalog.models import Service
from welzijn.core.models import CodeManager
from welzijn.registry.models import Organisation, Person, Postcode, Wijk

DESCRIPTION_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 1000


class Category(models.Model):
    """A main category (Vervuiling, Defect, ...) or one of its subcategories, which carries
    the routing: the team that handles it and the service level in days."""

    code = models.SlugField("code", max_length=60, unique=True)
    name = models.CharField("naam", max_length=100)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="hoofdcategorie",
    )
    team = models.ForeignKey(
        Office,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="melding_categories",
        verbose_name="behandelend team",
    )
    sla_days = models.PositiveSmallIntegerField("termijn (dagen)", null=True, blank=True)
    sla_calendar_days = models.BooleanField(
        "kalenderdagen", default=False, help_text="Aangevinkt: kalenderdagen; anders werkdagen."
    )
    service = models.ForeignKey(
        Service,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="melding_categories",
        verbose_name="dienst in het jaaroverzicht",
        help_text="De dienst uit de catalogus onder wiens cijfer deze meldingen tellen.",
    )
    opens_conflict = models.BooleanField(
        "conflict tussen burgers",
        default=False,
        help_text="Een melding van deze categorie wordt een conflicttraject (Preventie).",
    )
    active = models.BooleanField("actief", default=True)

    objects = CodeManager()

    class Meta:
        verbose_name = "categorie"
        verbose_name_plural = "categorieën"
        ordering = ["parent__name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | (Q(team__isnull=False) & Q(sla_days__gte=1)),
                name="melding_subcategory_has_routing",
                violation_error_message="Een subcategorie heeft een behandelend team en een "
                "termijn van minstens 1 dag.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    def clean(self) -> None:
        if self.parent_id is None:
            return
        if self.parent.parent_id is not None:
            raise ValidationError(
                {"parent": "De boom heeft twee niveaus: kies een hoofdcategorie."}
            )
        if self.pk and self.children.exists():
            raise ValidationError(
                {"parent": "Deze categorie heeft zelf subcategorieën en blijft een hoofdcategorie."}
            )

    @property
    def sla_label(self) -> str:
        if not self.sla_days:
            return ""
        unit = "kalenderdag" if self.sla_calendar_days else "werkdag"
        return f"{self.sla_days} {unit}{'en' if self.sla_days != 1 else ''}"


class Melding(models.Model):
    class Status(models.TextChoices):
        GEMELD = "gemeld", "gemeld"
        IN_BEHANDELING = "in behandeling", "in behandeling"
        DOORGESTUURD = "doorgestuurd", "doorgestuurd"
        AFGEHANDELD = "afgehandeld", "afgehandeld"
        GEANNULEERD = "geannuleerd", "geannuleerd"
        HEROPEND = "heropend", "heropend"

    S = Status
    TRANSITIONS = {
        S.GEMELD: frozenset({S.IN_BEHANDELING, S.DOORGESTUURD, S.AFGEHANDELD, S.GEANNULEERD}),
        S.IN_BEHANDELING: frozenset({S.DOORGESTUURD, S.AFGEHANDELD, S.GEANNULEERD}),
        S.DOORGESTUURD: frozenset({S.IN_BEHANDELING, S.AFGEHANDELD, S.GEANNULEERD}),
        S.HEROPEND: frozenset({S.IN_BEHANDELING, S.DOORGESTUURD, S.AFGEHANDELD, S.GEANNULEERD}),
        S.AFGEHANDELD: frozenset({S.HEROPEND}),
        S.GEANNULEERD: frozenset(),
    }
    #: states in which the melding waits for its team (and can be overdue)
    OPEN = frozenset({S.GEMELD, S.IN_BEHANDELING, S.DOORGESTUURD, S.HEROPEND})
    #: states that end it: the reporter hears the outcome
    CLOSED = frozenset({S.AFGEHANDELD, S.GEANNULEERD})

    class ReporterKind(models.TextChoices):
        WARDEN = "gemeenschapswacht", "gemeenschapswacht"
        CITIZEN = "burger", "burger"
        PARTNER = "partner", "partnerorganisatie"
        SERVICE = "dienst", "stadsdienst"

    category = models.ForeignKey(
        Category, models.PROTECT, related_name="meldingen", verbose_name="categorie"
    )
    team = models.ForeignKey(
        Office, models.PROTECT, related_name="meldingen", verbose_name="behandelend team"
    )
    reporting_office = models.ForeignKey(
        Office,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="meldingen_reported",
        verbose_name="gemeld door team",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="meldingen",
        verbose_name="geregistreerd door",
    )
    reported_at = models.DateTimeField("gemeld op")
    due_on = models.DateField("af te handelen tegen")
    status = models.CharField("status", max_length=20, choices=Status.choices, default="gemeld")
    status_changed_at = models.DateTimeField("status gewijzigd op")
    closed_at = models.DateTimeField("afgesloten op", null=True, blank=True)
    # The place: an address, coordinates, or both; the wijk follows from them.
    street = models.CharField("straat", max_length=150, blank=True)
    house_number = models.CharField("huisnummer", max_length=10, blank=True)
    postcode = models.ForeignKey(
        Postcode, models.PROTECT, null=True, blank=True, verbose_name="postcode"
    )
    latitude = models.DecimalField(
        "breedtegraad", max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        "lengtegraad", max_digits=9, decimal_places=6, null=True, blank=True
    )
    place_note = models.CharField("ter hoogte van", max_length=200, blank=True)
    wijk = models.ForeignKey(Wijk, models.PROTECT, related_name="+", verbose_name="wijk")
    description = models.TextField("omschrijving", max_length=DESCRIPTION_MAX_LENGTH)
    # The reporter: personal data, for the handling team only (access.may_see_reporter).
    reporter_kind = models.CharField("melder", max_length=20, choices=ReporterKind.choices)
    reporter_name = models.CharField("naam melder", max_length=150, blank=True)
    reporter_email = models.EmailField("e-mail melder", blank=True)
    reporter_phone = models.CharField("telefoon melder", max_length=30, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="partnerorganisatie",
    )
    # The administrative report (bestuurlijk verslag): a flag with its own number.
    report_number = models.CharField(
        "nummer bestuurlijk verslag", max_length=20, null=True, blank=True, unique=True
    )
    report_on = models.DateField("bestuurlijk verslag op", null=True, blank=True)

    class Meta:
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
        ordering = ["-reported_at"]
        indexes = [
            models.Index(
                fields=["team", "status", "wijk", "due_on"], name="melding_team_status_wijk"
            ),
            models.Index(fields=["team", "reported_at"], name="melding_team_reported"),
            models.Index(
                fields=["team", "status", "reported_at"], name="melding_team_status_reported"
            ),
            models.Index(fields=["team", "category", "status"], name="melding_team_category"),
            models.Index(
                fields=["reporting_office", "reported_at"], name="melding_office_reported"
            ),
            models.Index(fields=["reported_at"], name="melding_reported"),
            models.Index(fields=["report_on"], name="melding_report_on"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="melding_coordinates_both_or_none",
                violation_error_message="Geef breedte- én lengtegraad, of geen van beide.",
            ),
            models.CheckConstraint(
                condition=~Q(street="") | Q(latitude__isnull=False),
                name="melding_has_a_place",
                violation_error_message="Geef een adres of de locatie van het toestel.",
            ),
            models.CheckConstraint(
                condition=Q(report_number__isnull=True, report_on__isnull=True)
                | Q(report_number__isnull=False, report_on__isnull=False),
                name="melding_report_number_and_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Melding {self.number}"

    @property
    def number(self) -> str:
        return f"M{self.pk:06d}" if self.pk else "(nieuw)"

    @property
    def place(self) -> str:
        if self.street:
            number = f" {self.house_number}" if self.house_number else ""
            postcode = f", {self.postcode.code}" if self.postcode_id else ""
            return f"{self.street}{number}{postcode}"
        return f"{self.latitude}, {self.longitude}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def is_overdue(self, today) -> bool:
        return self.is_open and self.due_on < today

    def clean(self) -> None:
        if self.category_id and self.category.parent_id is None:
            raise ValidationError({"category": "Kies een subcategorie, niet een hoofdcategorie."})
        if self.latitude is not None and not (
            50.97 <= self.latitude <= 51.20 and 3.55 <= self.longitude <= 3.86
        ):
            raise ValidationError({"latitude": "Deze locatie ligt niet in Gent."})


class MeldingEvent(models.Model):
    """One change of a melding's state, with who, when, the team and the note."""

    melding = models.ForeignKey(Melding, models.CASCADE, related_name="events")
    status_from = models.CharField("van", max_length=20, blank=True)
    status_to = models.CharField("naar", max_length=20, choices=Melding.Status.choices)
    at = models.DateTimeField("op")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey(
        Office, models.PROTECT, related_name="+", verbose_name="team", null=True, blank=True
    )
    note = models.CharField("toelichting", max_length=NOTE_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = "statuswijziging"
        verbose_name_plural = "statuswijzigingen"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.status_from or '—'} → {self.status_to}"


class MeldingPhoto(models.Model):
    """A photo of a melding, stored outside the web root under a random name."""

    melding = models.ForeignKey(Melding, models.CASCADE, related_name="photos")
    original_name = models.CharField("bestandsnaam", max_length=200)
    content_type = models.CharField("soort", max_length=100)
    size = models.PositiveIntegerField("grootte")
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=32, unique=True, editable=False)
    added_at = models.DateTimeField("toegevoegd op")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "foto"
        verbose_name_plural = "foto's"

    def __str__(self) -> str:
        return self.original_name


class Notification(models.Model):
    """The reporter informed of the outcome (an e-mail through Django's mail backend)."""

    melding = models.ForeignKey(Melding, models.CASCADE, related_name="notifications")
    address = models.EmailField("aan")
    subject = models.CharField("onderwerp", max_length=200)
    body = models.TextField("bericht")
    created_at = models.DateTimeField("aangemaakt op")
    sent_at = models.DateTimeField("verstuurd op", null=True, blank=True)

    class Meta:
        verbose_name = "bericht aan de melder"
        verbose_name_plural = "berichten aan melders"

    def __str__(self) -> str:
        return self.subject


class Conflict(models.Model):
    """A conflict or tension between citizens, taken up from a melding by the Dienst
    Preventie voor Veiligheid: an approach, the parties and, at the end, the question
    "voelde u zich geholpen?"."""

    class Approach(models.TextChoices):
        ADVICE = "advies", "advies"
        COACHING = "coaching", "coaching"
        MEDIATION = "bemiddeling", "bemiddeling"
        ACTION_PLAN = "actieplan", "dienstoverschrijdend actieplan"

    class Status(models.TextChoices):
        RUNNING = "lopend", "lopend"
        CLOSED = "afgesloten", "afgesloten"

    TRANSITIONS = {
        Status.RUNNING: frozenset({Status.CLOSED}),
        Status.CLOSED: frozenset({Status.RUNNING}),
    }

    class Helped(models.TextChoices):
        YES = "ja", "ja"
        NO = "nee", "nee"
        NO_ANSWER = "geen antwoord", "geen antwoord"

    melding = models.OneToOneField(
        Melding, models.PROTECT, related_name="conflict", verbose_name="melding"
    )
    approach = models.CharField("aanpak", max_length=20, choices=Approach.choices)
    status = models.CharField("status", max_length=20, choices=Status.choices, default="lopend")
    started_on = models.DateField("gestart op")
    ended_on = models.DateField("afgesloten op", null=True, blank=True)
    helped = models.CharField(
        "voelde u zich geholpen?", max_length=20, choices=Helped.choices, blank=True
    )

    class Meta:
        verbose_name = "conflict tussen burgers"
        verbose_name_plural = "conflicten tussen burgers"
        ordering = ["-started_on"]
        indexes = [models.Index(fields=["started_on", "ended_on"], name="conflict_period")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="lopend") & Q(ended_on__isnull=True) & Q(helped=""))
                | (Q(status="afgesloten") & Q(ended_on__isnull=False) & ~Q(helped="")),
                name="conflict_closed_has_end_and_answer",
                violation_error_message="Een afgesloten conflict heeft een einddatum en het "
                "antwoord op 'voelde u zich geholpen?'.",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="conflict_ends_after_start",
                violation_error_message="De einddatum ligt voor de startdatum.",
            ),
        ]

    def __str__(self) -> str:
        return f"Conflict bij {self.melding}"


class ConflictParty(models.Model):
    """A party to a conflict: personal data, for the handling team only."""

    class Role(models.TextChoices):
        REPORTER = "melder", "melder"
        OTHER_PARTY = "andere partij", "andere partij"
        INVOLVED = "betrokkene", "betrokkene"

    conflict = models.ForeignKey(Conflict, models.CASCADE, related_name="parties")
    role = models.CharField("rol", max_length=20, choices=Role.choices)
    name = models.CharField("naam", max_length=150)
    contact = models.CharField("contact", max_length=150, blank=True)
    person = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="persoon"
    )

    class Meta:
        verbose_name = "partij"
        verbose_name_plural = "partijen"
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="party_has_name")]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"
