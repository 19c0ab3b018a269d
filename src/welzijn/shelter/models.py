"""Opvang: facilities with their places over time, stays (a night of the night shelter is a
stay of one night), refusals for lack of a free place, waiting lists, and the point-in-time
count of homelessness (dak- en thuisloosheidstelling).

Staff are scoped to facilities through the facility's office: a Facility belongs to one
Office (the team that works there) and a StaffAssignment to that office gives its
opvangmedewerkers the facility (see `shelter.access`).
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from welzijn.casework.models import Office
from welzijn.catalog.models import Service
from welzijn.core.models import CodeManager
from welzijn.core.validation import check_dates_plausible
from welzijn.registry.models import Address, Household, Organisation, Person


class PlaceKind(models.TextChoices):
    BED = "bed", "bed"
    ROOM = "kamer", "kamer"
    UNIT = "unit", "woonunit"
    PITCH = "standplaats", "standplaats"
    HOME = "woning", "woning"
    FAMILY = "gastgezin", "plaats in een gastgezin"


class Facility(models.Model):
    """A shelter, a reception centre, a transit site, a set of housing-first homes..."""

    class Kind(models.TextChoices):
        NIGHT_SHELTER = "nachtopvang", "nachtopvang"
        STAY_24H = "verblijf", "24/24u-verblijf"
        RECOVERY = "herstelbedden", "herstelbedden"
        PROTECTION = "verzoekers", "opvang verzoekers internationale bescherming"
        EMERGENCY_VILLAGE = "nooddorp", "nooddorp"
        TRANSIT_SITE = "doortrekkersterrein", "doortrekkersterrein"
        HOUSING = "wonen", "tijdelijk of begeleid wonen"
        HOUSING_FIRST = "housing-first", "Housing First-woningen"
        HOST_FAMILIES = "gastgezinnen", "gastgezinnen"
        COLLECTIVE = "collectief", "collectieve opvang"

    code = models.SlugField("code", max_length=60, unique=True)
    name = models.CharField("naam", max_length=150, unique=True)
    kind = models.CharField("soort", max_length=24, choices=Kind.choices)
    service = models.ForeignKey(
        Service,
        models.PROTECT,
        related_name="facilities",
        verbose_name="dienst",
        help_text="De dienst van de catalogus waarvoor het jaaroverzicht de verblijven telt.",
    )
    operator = models.ForeignKey(
        Organisation, models.PROTECT, related_name="facilities", verbose_name="uitbater"
    )
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="partner_facilities", verbose_name="partners"
    )
    office = models.ForeignKey(
        Office,
        models.PROTECT,
        related_name="facilities",
        verbose_name="team",
        help_text="Het team dat er werkt: zijn opvangmedewerkers zien de bewoners.",
    )
    address = models.ForeignKey(
        Address, models.PROTECT, null=True, blank=True, verbose_name="adres"
    )
    #: Who a stay is about: one person, or a household (Leegstand, the transit site).
    per_household = models.BooleanField("verblijf per huishouden", default=False)
    active_from = models.DateField("open sinds", null=True, blank=True)
    active_until = models.DateField("open tot", null=True, blank=True)

    objects = CodeManager()

    class Meta:
        verbose_name = "opvangvoorziening"
        verbose_name_plural = "opvangvoorzieningen"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    @property
    def nightly(self) -> bool:
        """A night shelter registers one stay per night; others a stay from entry to exit."""
        return self.kind == self.Kind.NIGHT_SHELTER


class CapacityManager(models.Manager):
    def get_by_natural_key(self, facility: str, place_kind: str, start_date: str):
        return self.get(facility__code=facility, place_kind=place_kind, start_date=start_date)


class PitCountManager(models.Manager):
    def get_by_natural_key(self, date: str):
        return self.get(date=date)


class CapacityPeriod(models.Model):
    """So many places of a kind from a date (until a date): '5 herstelbedden since June
    2023' is one row, '150 extra units from April 2024' another."""

    facility = models.ForeignKey(
        Facility, models.CASCADE, related_name="capacity_periods", verbose_name="voorziening"
    )
    place_kind = models.CharField("soort plaats", max_length=12, choices=PlaceKind.choices)
    places = models.PositiveIntegerField("aantal plaatsen")
    start_date = models.DateField("vanaf")
    end_date = models.DateField("tot en met", null=True, blank=True)
    source = models.CharField("bron", max_length=300, blank=True)

    objects = CapacityManager()

    class Meta:
        verbose_name = "capaciteit"
        verbose_name_plural = "capaciteit"
        ordering = ["facility", "start_date"]
        constraints = [
            models.CheckConstraint(condition=Q(places__gt=0), name="capacity_places_positive"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="capacity_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facility}: {self.places} {self.get_place_kind_display()}"

    def natural_key(self) -> tuple:
        return (self.facility.code, self.place_kind, self.start_date.isoformat())

    natural_key.dependencies = ["shelter.facility"]  # type: ignore[attr-defined]

    def clean(self) -> None:
        if self.end_date is not None and self.end_date < self.start_date:
            raise ValidationError({"end_date": "De einddatum ligt voor de begindatum."})


class ExitDestination(models.Model):
    """Where a guest went after a stay: a Ghent category, grouped as in the HUD HMIS data
    standard (3.12 Destination: permanent, temporary, institutional, homeless, other)."""

    class Group(models.TextChoices):
        PERMANENT = "permanent", "duurzaam wonen"
        TEMPORARY = "tijdelijk", "tijdelijk onderdak"
        INSTITUTION = "instelling", "instelling"
        STREET = "straat", "straat of niet voor bewoning bedoeld"
        UNKNOWN = "onbekend", "onbekend of ander"

    code = models.SlugField("code", max_length=60, unique=True)
    name = models.CharField("naam", max_length=150)
    group = models.CharField("groep (HUD)", max_length=12, choices=Group.choices)

    objects = CodeManager()

    class Meta:
        verbose_name = "bestemming na verblijf"
        verbose_name_plural = "bestemmingen na verblijf"
        ordering = ["group", "name"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    @property
    def durable(self) -> bool:
        return self.group == self.Group.PERMANENT


class Stay(models.Model):
    """A person (and their household) in a facility from the night of ``entry_date`` to the
    morning of ``exit_date``: the nights are entry_date .. exit_date - 1. A night of the
    night shelter is a stay with exit_date = entry_date + 1."""

    facility = models.ForeignKey(
        Facility, models.PROTECT, related_name="stays", verbose_name="voorziening"
    )
    person = models.ForeignKey(Person, models.PROTECT, related_name="stays", verbose_name="persoon")
    household = models.ForeignKey(
        Household,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="stays",
        verbose_name="huishouden",
    )
    place_kind = models.CharField("soort plaats", max_length=12, choices=PlaceKind.choices)
    place_label = models.CharField("plaats", max_length=40, blank=True, help_text="bv. kamer 3")
    entry_date = models.DateField("binnen op")
    exit_date = models.DateField("vertrokken op", null=True, blank=True)
    exit_destination = models.ForeignKey(
        ExitDestination,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="stays",
        verbose_name="bestemming",
    )
    overbooking = models.BooleanField(
        "noodoverboeking", default=False, help_text="Opgenomen terwijl de voorziening vol was."
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="geregistreerd door",
        help_text="Leeg: geïmporteerd.",
    )
    registered_at = models.DateTimeField("geregistreerd op", auto_now_add=True)

    class Meta:
        verbose_name = "verblijf"
        verbose_name_plural = "verblijven"
        ordering = ["-entry_date"]
        indexes = [
            models.Index(fields=["facility", "entry_date"], name="stay_facility_entry"),
            models.Index(fields=["facility", "exit_date"], name="stay_facility_exit"),
            models.Index(fields=["person", "entry_date"], name="stay_person_entry"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(exit_date__isnull=True) | Q(exit_date__gt=F("entry_date")),
                name="stay_exit_after_entry",
            ),
        ]

    def __str__(self) -> str:
        return f"Verblijf {self.facility} vanaf {self.entry_date:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates_plausible(self, "entry_date", "exit_date")
        if self.exit_date is not None and self.exit_date <= self.entry_date:
            raise ValidationError(
                {"exit_date": "De vertrekdatum ligt na de datum van binnenkomst."}
            )
        if self.exit_destination_id and self.exit_date is None:
            raise ValidationError(
                {"exit_destination": "Een bestemming hoort bij een vertrek: geef de datum."}
            )

    def covers(self, night: dt.date) -> bool:
        return self.entry_date <= night and (self.exit_date is None or night < self.exit_date)


class Refusal(models.Model):
    """Someone turned away on a night for lack of a free place (with or without a name)."""

    facility = models.ForeignKey(
        Facility, models.PROTECT, related_name="refusals", verbose_name="voorziening"
    )
    night = models.DateField("nacht")
    person = models.ForeignKey(
        Person,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="shelter_refusals",
        verbose_name="persoon",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="door",
        help_text="Leeg: geïmporteerd.",
    )
    registered_at = models.DateTimeField("geregistreerd op", auto_now_add=True)

    class Meta:
        verbose_name = "weigering wegens plaatsgebrek"
        verbose_name_plural = "weigeringen wegens plaatsgebrek"
        ordering = ["-night"]
        indexes = [models.Index(fields=["facility", "night"], name="refusal_facility_night")]

    def __str__(self) -> str:
        return f"Weigering {self.facility} {self.night:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates_plausible(self, "night")


class WaitingEntry(models.Model):
    """A person (household) on a facility's waiting list, with priority and outcome."""

    class Priority(models.IntegerChoices):
        URGENT = 1, "dringend"
        HIGH = 2, "hoog"
        NORMAL = 3, "gewoon"

    class Status(models.TextChoices):
        WAITING = "wachtend", "wachtend"
        PLACED = "opgenomen", "opgenomen"
        ELSEWHERE = "elders", "elders geholpen"
        WITHDRAWN = "ingetrokken", "ingetrokken"

    TRANSITIONS = {
        "wachtend": frozenset({"opgenomen", "elders", "ingetrokken"}),
    }

    facility = models.ForeignKey(
        Facility, models.PROTECT, related_name="waiting", verbose_name="voorziening"
    )
    person = models.ForeignKey(
        Person, models.PROTECT, related_name="waiting_entries", verbose_name="persoon"
    )
    household = models.ForeignKey(
        Household, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="huishouden",
    )  # fmt: skip
    priority = models.PositiveSmallIntegerField(
        "prioriteit", choices=Priority.choices, default=Priority.NORMAL
    )
    registered_on = models.DateField("ingeschreven op")
    status = models.CharField(
        "uitkomst", max_length=12, choices=Status.choices, default=Status.WAITING
    )
    closed_on = models.DateField("afgesloten op", null=True, blank=True)
    note = models.CharField("toelichting", max_length=300, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="door",
        help_text="Leeg: geïmporteerd.",
    )

    class Meta:
        verbose_name = "inschrijving op de wachtlijst"
        verbose_name_plural = "wachtlijsten"
        ordering = ["priority", "registered_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "person"],
                condition=Q(status="wachtend"),
                name="waiting_once_per_facility",
            ),
        ]

    def __str__(self) -> str:
        return f"Wachtlijst {self.facility} sinds {self.registered_on:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates_plausible(self, "registered_on", "closed_on")


# -- the point-in-time count -------------------------------------------------------------------


class Ethos(models.TextChoices):
    """ETHOS Light (FEANTSA, 2007) plus the category the Belgian counts add (Koning
    Boudewijnstichting / LUCAS KU Leuven, 2020-): threatened with eviction."""

    STREET = "1-openbare-ruimte", "1. openbare ruimte (op straat)"
    EMERGENCY = "2-nachtopvang", "2. nachtopvang of noodopvang"
    HOSTEL = "3-opvang-daklozen", "3. opvang voor daklozen (tijdelijk verblijf)"
    INSTITUTION = "4-instelling", "4. instelling, zonder woonoplossing bij vertrek"
    NON_CONVENTIONAL = (
        "5-niet-conventioneel",
        "5. niet-conventionele woonruimte (auto, tent, kraakpand)",
    )
    FAMILY_FRIENDS = "6-familie-vrienden", "6. tijdelijk bij familie of vrienden"
    EVICTION = "dreigende-uithuiszetting", "dreigende uithuiszetting"
    UNKNOWN = "onbekend", "dakloos, situatie niet gekend"


class PitCount(models.Model):
    """One point-in-time count (dak- en thuisloosheidstelling) on a date. ``dedup_fields``
    says which fields of a form make the key that removes a person counted by two services.
    A count held before welzijn keeps its published totals (``published_*``) to compare with."""

    DEDUP_CHOICES = ("initials", "birth_year", "sex", "age_group")
    DEDUP_LABELS = {
        "initials": "initialen",
        "birth_year": "geboortejaar",
        "sex": "geslacht",
        "age_group": "leeftijdsgroep",
    }

    date = models.DateField("datum van de telling", unique=True)
    name = models.CharField("naam", max_length=150)
    dedup_fields = models.CharField(
        "sleutel tegen dubbeltellingen",
        max_length=80,
        default="initials,birth_year,sex",
        help_text="Velden gescheiden door komma's: initials, birth_year, sex, age_group.",
    )
    open_for_entry = models.BooleanField("open voor invoer", default=False)
    #: The count's life: opened (open_for_entry), closed for entry, its totals published
    #: (from then on they are the report's figure). Empty for a count held before welzijn.
    closed_at = models.DateTimeField("invoer gesloten op", null=True, blank=True)
    published_on = models.DateField("resultaten gepubliceerd op", null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="geopend door",
        help_text="Leeg: referentiegegevens of geïmporteerd.",
    )
    published_adults = models.PositiveIntegerField(
        "gepubliceerd: volwassenen", null=True, blank=True
    )
    published_children = models.PositiveIntegerField(
        "gepubliceerd: kinderen", null=True, blank=True
    )
    published_source = models.CharField("bron van de publicatie", max_length=300, blank=True)

    objects = PitCountManager()

    class Meta:
        verbose_name = "dak- en thuisloosheidstelling"
        verbose_name_plural = "dak- en thuisloosheidstellingen"
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.name} ({self.date:%d/%m/%Y})"

    def natural_key(self) -> tuple[str]:
        return (self.date.isoformat(),)

    @property
    def state(self) -> str:
        """'open', 'gesloten' (entry closed, totals provisional), 'gepubliceerd', or ''
        for a count held before welzijn (published totals only)."""
        if self.open_for_entry:
            return "open"
        if self.published_on:
            return "gepubliceerd"
        return "gesloten" if self.closed_at else ""

    @property
    def key_description(self) -> str:
        """The key in Dutch: 'initialen, geboortejaar, geslacht'."""
        return ", ".join(self.DEDUP_LABELS.get(f, f) for f in self.key_fields)

    @property
    def key_fields(self) -> list[str]:
        return [f.strip() for f in self.dedup_fields.split(",") if f.strip()]

    def clean(self) -> None:
        check_dates_plausible(self, "date", "published_on")
        wrong = [f for f in self.key_fields if f not in self.DEDUP_CHOICES]
        if wrong or not self.key_fields:
            raise ValidationError(
                {
                    "dedup_fields": "Kies de sleutel uit: "
                    + ", ".join(f"{label} ({f})" for f, label in self.DEDUP_LABELS.items())
                    + (f" (onbekend: {', '.join(wrong)})." if wrong else ".")
                }
            )


class PitCountRecord(models.Model):
    """The short form a service fills in per person met on the day of the count, with or
    without identifying data; children who share the person's situation are counted with
    them (``children``), as in the Belgian counts ('direct betrokken kinderen')."""

    class AgeGroup(models.TextChoices):
        MINOR = "0-17", "jonger dan 18"
        YOUNG = "18-25", "18 tot 25"
        ADULT = "26-49", "26 tot 49"
        OLDER = "50-64", "50 tot 64"
        SENIOR = "65+", "65 of ouder"
        UNKNOWN = "onbekend", "onbekend"

    class Sex(models.TextChoices):
        MALE = "M", "man"
        FEMALE = "V", "vrouw"
        OTHER = "X", "ander"
        UNKNOWN = "?", "onbekend"

    class Slept(models.TextChoices):
        STREET = "straat", "op straat of in de openbare ruimte"
        NIGHT_SHELTER = "nachtopvang", "nachtopvang"
        SHELTER = "opvang", "opvangcentrum of begeleid wonen"
        INSTITUTION = "instelling", "ziekenhuis, psychiatrie, gevangenis"
        SQUAT = "kraakpand", "kraakpand, garage, tent of auto"
        FAMILY = "familie", "bij familie of vrienden"
        OWN_HOME = "woning", "in de (eigen) woning"
        UNKNOWN = "onbekend", "onbekend"

    count = models.ForeignKey(
        PitCount, models.PROTECT, related_name="records", verbose_name="telling"
    )
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="organisatie",
    )  # fmt: skip
    office = models.ForeignKey(
        Office, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="team"
    )
    ethos = models.CharField("categorie (ETHOS Light)", max_length=30, choices=Ethos.choices)
    age_group = models.CharField("leeftijd", max_length=10, choices=AgeGroup.choices)
    sex = models.CharField("geslacht", max_length=1, choices=Sex.choices)
    with_partner = models.BooleanField("met partner", default=False)
    children = models.PositiveSmallIntegerField("kinderen in dezelfde situatie", default=0)
    slept = models.CharField("sliep vorige nacht", max_length=12, choices=Slept.choices)
    initials = models.CharField("initialen", max_length=4, blank=True)
    birth_year = models.PositiveSmallIntegerField("geboortejaar", null=True, blank=True)
    #: the count's key of this form, empty when a field of the key is missing
    dedup_key = models.CharField(max_length=60, blank=True, editable=False, db_index=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="door",
        help_text="Leeg: geïmporteerd.",
    )
    registered_at = models.DateTimeField("geregistreerd op", auto_now_add=True)

    class Meta:
        verbose_name = "getelde persoon"
        verbose_name_plural = "getelde personen"
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(office__isnull=False),
                name="pitrecord_has_a_service",
            ),
        ]

    def __str__(self) -> str:
        return f"Getelde persoon ({self.get_ethos_display()})"

    def clean(self) -> None:
        if self.birth_year is not None and not 1900 <= self.birth_year <= dt.date.today().year:
            raise ValidationError({"birth_year": "Geef een geboortejaar tussen 1900 en nu."})
        if self.initials and not self.initials.isalpha():
            raise ValidationError({"initials": "Initialen zijn enkel letters, bv. JD."})
