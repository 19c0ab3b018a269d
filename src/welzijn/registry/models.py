from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length

from welzijn.core.countries import validate_country_code
from welzijn.core.insz import validate_insz
from welzijn.core.models import CodeManager, extern_id_field

models.CharField.register_lookup(Length)


class Wijk(models.Model):
    """One of Ghent's 25 official wijken (reference data), with an approximate centre: the
    wijk of a place known only by its coordinates is that of the nearest centre (meldingen),
    the map of open meldingen draws the wijken there, and a volunteer's travel distance is
    measured between centres."""

    code = models.SlugField("code", max_length=60, unique=True)
    name = models.CharField("naam", max_length=100, unique=True)
    latitude = models.DecimalField(
        "breedtegraad van het centrum", max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        "lengtegraad van het centrum", max_digits=9, decimal_places=6, null=True, blank=True
    )

    objects = CodeManager()

    class Meta:
        verbose_name = "wijk"
        verbose_name_plural = "wijken"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class Postcode(models.Model):
    code = models.CharField("postcode", max_length=4, unique=True)
    name = models.CharField("deelgemeente", max_length=100)

    objects = CodeManager()

    class Meta:
        verbose_name = "postcode"
        verbose_name_plural = "postcodes"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class StreetManager(models.Manager):
    def get_by_natural_key(self, name: str, postcode: str):
        return self.get(name=name, postcode__code=postcode)


class Street(models.Model):
    """A street of Ghent with its postcode and wijk (reference data): gives the wijk of an
    address. One row per (street, postcode); where a street crosses wijken, the row holds the
    wijk of most of it and the caseworker chooses the wijk for the rest."""

    name = models.CharField("naam", max_length=150)
    postcode = models.ForeignKey(Postcode, models.PROTECT, verbose_name="postcode")
    wijk = models.ForeignKey(Wijk, models.PROTECT, verbose_name="wijk")
    # Folded name (registry.search.street_key): lower case, no accents, no punctuation.
    search_key = models.CharField(max_length=150, editable=False)

    objects = StreetManager()

    class Meta:
        verbose_name = "straat"
        verbose_name_plural = "straten"
        ordering = ["name", "postcode"]
        constraints = [
            models.UniqueConstraint(fields=["name", "postcode"], name="street_unique_per_postcode"),
            models.UniqueConstraint(
                fields=["search_key", "postcode"],
                name="street_key_unique_per_postcode",
                violation_error_message="Deze straat staat al in de stratenlijst bij deze "
                "postcode.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.postcode_id and self.postcode.code})"

    def natural_key(self) -> tuple[str, str]:
        return (self.name, self.postcode.code)

    natural_key.dependencies = ["registry.postcode", "registry.wijk"]  # type: ignore[attr-defined]

    def clean(self) -> None:
        from welzijn.registry.search import street_key

        self.search_key = street_key(self.name)


class Address(models.Model):
    street = models.CharField("straat", max_length=150)
    number = models.CharField("huisnummer", max_length=10)
    box = models.CharField("bus", max_length=10, blank=True)
    postcode = models.ForeignKey(Postcode, models.PROTECT, verbose_name="postcode")
    wijk = models.ForeignKey(Wijk, models.PROTECT, verbose_name="wijk")

    class Meta:
        verbose_name = "adres"
        verbose_name_plural = "adressen"
        constraints = [
            models.CheckConstraint(condition=~Q(street=""), name="address_street_not_empty"),
            models.CheckConstraint(condition=~Q(number=""), name="address_number_not_empty"),
        ]

    def __str__(self) -> str:
        box = f" bus {self.box}" if self.box else ""
        return f"{self.street} {self.number}{box}, {self.postcode_id and self.postcode}"


class Person(models.Model):
    class Sex(models.TextChoices):
        MAN = "M", "man"
        VROUW = "V", "vrouw"
        X = "X", "X"

    class ResidenceStatus(models.TextChoices):
        BELG = "belg", "Belg"
        EU = "eu", "EU-burger"
        DERDELANDER = "derdelander", "derdelander met verblijfsrecht"
        ERKEND_VLUCHTELING = "vluchteling", "erkend vluchteling"
        SUBSIDIAIR = "subsidiair", "subsidiair beschermde"
        TIJDELIJK = "tijdelijk", "tijdelijk beschermde (Oekraïne)"
        VERZOEKER = "verzoeker", "verzoeker om internationale bescherming"
        ZONDER_WETTIG_VERBLIJF = "zonder", "zonder wettig verblijf"

    first_name = models.CharField("voornaam", max_length=100)
    last_name = models.CharField("achternaam", max_length=100)
    birth_date = models.DateField("geboortedatum")
    sex = models.CharField("geslacht", max_length=1, choices=Sex.choices)
    nationality = models.CharField(
        "nationaliteit",
        max_length=2,
        help_text="ISO 3166-1 landcode, bv. BE",
        validators=[validate_country_code],
    )
    residence_status = models.CharField(
        "verblijfsstatus", max_length=12, choices=ResidenceStatus.choices
    )
    language = models.CharField("taal", max_length=8, default="nl", help_text="bv. nl, fr, ar")
    insz = models.CharField(
        "INSZ-nummer",
        max_length=11,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_insz],
        help_text="Rijksregister- of bisnummer, 11 cijfers. Leeg voor wie er geen heeft.",
    )
    extern_id = extern_id_field()
    # Lower-cased, accent-free "first last" and "last first" for tolerant search.
    search_name = models.CharField(max_length=250, editable=False, db_index=True)
    # Spelling-tolerant key (registry.search.search_key): 'Jansens' finds 'Janssens'.
    search_key = models.CharField(max_length=250, editable=False, db_index=True, default="")
    merged_into = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="merged",
        verbose_name="samengevoegd met",
        help_text="Twee keer geregistreerd: alles van deze persoon staat nu bij die persoon.",
    )

    class Meta:
        verbose_name = "persoon"
        verbose_name_plural = "personen"
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["birth_date"], name="person_birth_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(insz__isnull=True) | Q(insz__length=11), name="person_insz_11_digits"
            ),
            models.CheckConstraint(
                condition=~Q(first_name="") & ~Q(last_name=""), name="person_names_not_empty"
            ),
            models.CheckConstraint(condition=Q(sex__in=["M", "V", "X"]), name="person_sex_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def clean(self) -> None:
        from welzijn.registry.validation import clean_person

        clean_person(self)


class Household(models.Model):
    name = models.CharField("naam", max_length=150, help_text="bv. Gezin Peeters")
    address = models.ForeignKey(
        Address, models.PROTECT, null=True, blank=True, verbose_name="adres"
    )
    members = models.ManyToManyField(Person, through="HouseholdMembership", related_name="+")
    extern_id = extern_id_field()

    class Meta:
        verbose_name = "huishouden"
        verbose_name_plural = "huishoudens"

    def __str__(self) -> str:
        return self.name


class HouseholdMembership(models.Model):
    class Role(models.TextChoices):
        REFERENTIEPERSOON = "referentiepersoon", "referentiepersoon"
        PARTNER = "partner", "partner"
        KIND = "kind", "kind"
        ANDER = "ander", "ander"

    household = models.ForeignKey(
        Household, models.CASCADE, related_name="memberships", verbose_name="huishouden"
    )
    person = models.ForeignKey(
        Person, models.PROTECT, related_name="memberships", verbose_name="persoon"
    )
    role = models.CharField("rol", max_length=20, choices=Role.choices)
    start_date = models.DateField("begindatum")
    end_date = models.DateField("einddatum", null=True, blank=True)

    class Meta:
        verbose_name = "lidmaatschap van een huishouden"
        verbose_name_plural = "lidmaatschappen van huishoudens"
        indexes = [models.Index(fields=["person", "start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="membership_end_after_start",
                violation_error_message="De einddatum mag niet voor de begindatum liggen.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.household_id} ({self.role})"

    def clean(self) -> None:
        from welzijn.registry.validation import clean_membership

        clean_membership(self)


class HouseholdAddress(models.Model):
    """Where a household lived during a period (end date inclusive). The open row is the
    current address, which `Household.address` also holds for the code that reads only
    that; `household_move` keeps both in step. An address registered before this history
    existed has no known start."""

    household = models.ForeignKey(
        Household, models.CASCADE, related_name="addresses", verbose_name="huishouden"
    )
    address = models.ForeignKey(Address, models.PROTECT, related_name="+", verbose_name="adres")
    start_date = models.DateField("vanaf", null=True, blank=True)
    end_date = models.DateField("tot en met", null=True, blank=True)

    class Meta:
        verbose_name = "adres van een huishouden"
        verbose_name_plural = "adressen van huishoudens"
        ordering = ["household", "-end_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="household_address_end_after_start",
                violation_error_message="De einddatum mag niet voor de begindatum liggen.",
            ),
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(end_date__isnull=True),
                name="household_one_current_address",
                violation_error_message="Een huishouden heeft maar één huidig adres.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.address_id} voor {self.household_id}"

    def clean(self) -> None:
        from welzijn.registry.validation import clean_period

        clean_period(self)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        PARTNER = "partner", "partnerorganisatie"
        SCHOOL = "school", "school"
        VERENIGING = "vereniging", "vereniging"
        BEDRIJF = "bedrijf", "bedrijf"
        ZIEKENFONDS = "ziekenfonds", "ziekenfonds"
        OVERHEID = "overheid", "overheid"
        STADSDIENST = "stadsdienst", "stadsdienst"

    code = models.SlugField("code", max_length=60, unique=True)
    name = models.CharField("naam", max_length=200, unique=True)
    kind = models.CharField("soort", max_length=20, choices=Kind.choices)
    enterprise_number = models.CharField("ondernemingsnummer", max_length=12, blank=True)
    address = models.ForeignKey(
        Address, models.PROTECT, null=True, blank=True, verbose_name="adres"
    )

    objects = CodeManager()

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class OrganisationAccount(models.Model):
    """A user who works for an outside organisation (a partner, an association): what they
    see is limited to what belongs to that organisation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="organisation_account",
        verbose_name="gebruiker",
    )
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="accounts", verbose_name="organisatie"
    )

    class Meta:
        verbose_name = "account van een organisatie"
        verbose_name_plural = "accounts van organisaties"

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation})"


class EvidenceSource(models.TextChoices):
    """Where a registered fact about a person's situation comes from."""

    ATTEST = "attest", "attest"
    KSZ = "ksz", "KSZ/Kruispuntbank"
    AANSLAGBILJET = "aanslagbiljet", "aanslagbiljet"
    LOONFICHE = "loonfiche", "loonfiche"
    EIGEN_VERKLARING = "eigen_verklaring", "eigen verklaring"
    ANDER = "ander", "ander"


#: A proof is a short reference to a document (its number, or where it is kept).
PROOF_MAX_LENGTH = 200


class Income(models.Model):
    """A person's income during a period (end date inclusive, open = still running), as
    known to the social service: a net and/or a gross taxable amount, per month or per
    year, with its source and proof."""

    class Category(models.TextChoices):
        WORK = "beroepsinkomen", "beroepsinkomen"
        REPLACEMENT = "vervangingsinkomen", "vervangingsinkomen (werkloosheid, ziekte)"
        PENSION = "pensioen", "pensioen"
        OTHER = "ander", "ander inkomen"

    class Per(models.TextChoices):
        MONTH = "maand", "per maand"
        YEAR = "jaar", "per jaar"

    person = models.ForeignKey(
        Person, models.CASCADE, related_name="incomes", verbose_name="persoon"
    )
    category = models.CharField("soort", max_length=20, choices=Category.choices)
    amount_net = models.DecimalField(
        "netto bedrag (EUR)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    amount_gross_taxable = models.DecimalField(
        "bruto belastbaar bedrag (EUR)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    per = models.CharField("per", max_length=5, choices=Per.choices)
    start_date = models.DateField("vanaf")
    end_date = models.DateField("tot en met", null=True, blank=True)
    source = models.CharField("bron", max_length=20, choices=EvidenceSource.choices)
    proof = models.CharField(
        "bewijs", max_length=PROOF_MAX_LENGTH, blank=True, help_text="bv. nummer van het attest"
    )

    class Meta:
        verbose_name = "inkomen"
        verbose_name_plural = "inkomens"
        ordering = ["person", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_net__isnull=False) | Q(amount_gross_taxable__isnull=False),
                name="income_has_an_amount",
                violation_error_message="Geef een netto of een bruto belastbaar bedrag.",
            ),
            models.CheckConstraint(
                condition=(Q(amount_net__isnull=True) | Q(amount_net__gte=0))
                & (Q(amount_gross_taxable__isnull=True) | Q(amount_gross_taxable__gte=0)),
                name="income_not_negative",
                violation_error_message="Een inkomen kan niet negatief zijn.",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="income_end_after_start",
                violation_error_message="De einddatum mag niet voor de begindatum liggen.",
            ),
            models.CheckConstraint(condition=Q(per__in=["maand", "jaar"]), name="income_per_valid"),
        ]

    def __str__(self) -> str:
        since = f"{self.start_date:%d/%m/%Y}" if self.start_date else "?"
        return f"{self.get_category_display()} vanaf {since}"

    def clean(self) -> None:
        from welzijn.registry.validation import clean_income

        clean_income(self)


class StatusKind(models.Model):
    """A status granted by another institution that rights depend on (reference data), e.g.
    verhoogde tegemoetkoming (ziekenfonds), inkomensgarantie voor ouderen (FPD)."""

    class Entity(models.TextChoices):
        PERSON = "person", "persoon"
        HOUSEHOLD = "household", "huishouden"

    code = models.SlugField("code", max_length=60, unique=True)
    name = models.CharField("naam", max_length=150)
    entity = models.CharField("geldt voor", max_length=10, choices=Entity.choices)
    source = models.CharField("toegekend door", max_length=150, blank=True)

    objects = CodeManager()

    class Meta:
        verbose_name = "soort status"
        verbose_name_plural = "soorten status"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class SocialStatus(models.Model):
    """A person or household holds a status during a period (end date inclusive)."""

    kind = models.ForeignKey(StatusKind, models.PROTECT, verbose_name="soort")
    person = models.ForeignKey(
        Person,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="statuses",
        verbose_name="persoon",
    )
    household = models.ForeignKey(
        Household,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="statuses",
        verbose_name="huishouden",
    )
    start_date = models.DateField("begindatum")
    end_date = models.DateField("einddatum", null=True, blank=True)
    source = models.CharField("bron", max_length=20, choices=EvidenceSource.choices)
    proof = models.CharField(
        "bewijs", max_length=PROOF_MAX_LENGTH, blank=True, help_text="bv. nummer van het attest"
    )

    class Meta:
        verbose_name = "status"
        verbose_name_plural = "statussen"
        indexes = [models.Index(fields=["kind", "start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, household__isnull=True)
                | Q(person__isnull=True, household__isnull=False),
                name="status_person_xor_household",
                violation_error_message="Een status hoort bij een persoon of bij een "
                "huishouden, niet bij beide.",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="status_end_after_start",
                violation_error_message="De einddatum mag niet voor de begindatum liggen.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} vanaf {self.start_date}"

    def clean(self) -> None:
        from welzijn.registry.validation import clean_period

        clean_period(self)


class Restriction(models.Model):
    """A restriction of processing (GDPR art. 18) or an objection (art. 21) on a person's
    file, set and lifted by the data protection officer. While it is active (not lifted),
    the person's data and the dossiers of their households are read only by the DPO and the
    dossiers' responsible caseworkers (`registry.access.restricted_*`)."""

    class Ground(models.TextChoices):
        RESTRICTION = "beperking", "beperking van de verwerking (art. 18 AVG)"
        OBJECTION = "bezwaar", "bezwaar tegen de verwerking (art. 21 AVG)"

    person = models.ForeignKey(
        Person, models.PROTECT, related_name="restrictions", verbose_name="persoon"
    )
    ground = models.CharField("grond", max_length=10, choices=Ground.choices)
    reason = models.CharField("reden", max_length=300)
    started_on = models.DateTimeField("ingesteld op")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="ingesteld door"
    )
    lifted_on = models.DateTimeField("opgeheven op", null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="opgeheven door",
    )
    lift_reason = models.CharField("reden van opheffing", max_length=300, blank=True)

    class Meta:
        verbose_name = "beperking of bezwaar"
        verbose_name_plural = "beperkingen en bezwaren"
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(lifted_on__isnull=True),
                name="restriction_one_active_per_person",
                violation_error_message="Dit dossier is al beperkt.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_ground_display()} — {self.person}"
