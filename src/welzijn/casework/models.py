"""What happened: offices, dossiers, onthaal contacts, trajectories, interventions and
decisions of the Bijzonder Comité voor de Sociale Dienst (BCSD)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length

from welzijn.catalog.models import Outcome, Service
from welzijn.core.models import CodeManager, extern_id_field
from welzijn.core.validation import check_dates_plausible
from welzijn.registry.models import Household, Organisation, Person, Wijk

models.TextField.register_lookup(Length)


class Office(models.Model):
    """A welzijnsbureau or a specialised team; the unit of access for caseworkers."""

    class Kind(models.TextChoices):
        WELZIJNSBUREAU = "welzijnsbureau", "welzijnsbureau"
        TEAM = "team", "team"

    code = models.SlugField("code", max_length=60, unique=True)
    name = models.CharField("naam", max_length=150, unique=True)
    kind = models.CharField("soort", max_length=20, choices=Kind.choices)
    wijk = models.ForeignKey(Wijk, models.PROTECT, null=True, blank=True, verbose_name="wijk")

    objects = CodeManager()

    class Meta:
        verbose_name = "welzijnsbureau of team"
        verbose_name_plural = "welzijnsbureaus en teams"
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class StaffAssignment(models.Model):
    """A user works for an office; their role comes from their groups."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="assignments",
        verbose_name="medewerker",
    )
    office = models.ForeignKey(
        Office, models.CASCADE, related_name="assignments", verbose_name="welzijnsbureau of team"
    )

    class Meta:
        verbose_name = "toewijzing aan een welzijnsbureau of team"
        verbose_name_plural = "toewijzingen aan welzijnsbureaus en teams"
        constraints = [
            models.UniqueConstraint(fields=["user", "office"], name="assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.office}"


class Dossier(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "open"
        CLOSED = "gesloten", "gesloten"

    TRANSITIONS = {
        Status.OPEN: frozenset({Status.CLOSED}),
        Status.CLOSED: frozenset({Status.OPEN}),
    }

    household = models.ForeignKey(
        Household, models.PROTECT, related_name="dossiers", verbose_name="huishouden"
    )
    office = models.ForeignKey(
        Office, models.PROTECT, related_name="dossiers", verbose_name="welzijnsbureau of team"
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name="verantwoordelijke maatschappelijk werker",
    )
    status = models.CharField("status", max_length=10, choices=Status.choices, default="open")
    opened_on = models.DateField("geopend op")
    closed_on = models.DateField("gesloten op", null=True, blank=True)
    close_reason = models.CharField("reden van afsluiten", max_length=300, blank=True)
    extern_id = extern_id_field()

    class Meta:
        verbose_name = "dossier"
        verbose_name_plural = "dossiers"
        ordering = ["-opened_on"]
        # an office's dossiers newest first, by opening day (the web's order) or by id (the
        # API's): read in order from the index up to the page, not every dossier then sorted
        indexes = [
            models.Index(fields=["office", "opened_on"], name="dossier_office_opened"),
            models.Index(fields=["office", "id"], name="dossier_office_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="dossier_closed_after_opened",
                violation_error_message="De sluitingsdatum mag niet voor de openingsdatum liggen.",
            ),
            models.CheckConstraint(
                condition=(Q(status="open") & Q(closed_on__isnull=True))
                | (Q(status="gesloten") & Q(closed_on__isnull=False)),
                name="dossier_status_matches_closed_on",
                violation_error_message="Een gesloten dossier heeft een sluitingsdatum, "
                "een open dossier niet.",
            ),
            models.UniqueConstraint(
                fields=["household", "office"],
                condition=Q(status="open"),
                name="dossier_one_open_per_household_and_office",
                violation_error_message="Dit huishouden heeft bij dit welzijnsbureau of team "
                "al een open dossier.",
            ),
        ]

    def __str__(self) -> str:
        return f"Dossier {self.pk} — {self.household}"

    def clean(self) -> None:
        check_dates_plausible(self, "opened_on", "closed_on")


class DossierShare(models.Model):
    """A dossier made visible to a colleague of another office, with a reason."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="shares")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="dossier_shares",
        verbose_name="gedeeld met",
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="gedeeld door"
    )
    reason = models.CharField("reden", max_length=300)
    shared_on = models.DateField("gedeeld op")

    class Meta:
        verbose_name = "gedeeld dossier"
        verbose_name_plural = "gedeelde dossiers"
        constraints = [
            models.UniqueConstraint(fields=["dossier", "user"], name="dossier_share_unique"),
            models.CheckConstraint(condition=~Q(reason=""), name="dossier_share_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} gedeeld met {self.user_id}"


#: A cancellation's reason, like every short free text, is bounded.
CANCEL_REASON_MAX_LENGTH = 300


class CancellableQuerySet(models.QuerySet):
    """Records entered in error are cancelled, never deleted. Whatever counts or relies on
    them (the report's indicators, the rights screening, a decision an intervention rests
    on) reads `.valid()`: the one place that leaves cancelled records out."""

    def valid(self):
        return self.filter(cancelled_at__isnull=True)


class Cancellable(models.Model):
    """Who cancelled a record entered in error, when and why; the record itself stays."""

    cancelled_at = models.DateTimeField("geannuleerd op", null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="geannuleerd door",
    )
    # A database default too: bulk loads (the demo generator, imports) that name only the
    # columns they know still write valid rows.
    cancel_reason = models.CharField(
        "reden van annulering",
        max_length=CANCEL_REASON_MAX_LENGTH,
        blank=True,
        default="",
        db_default="",
    )

    objects = CancellableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


def cancel_constraint(prefix: str) -> models.CheckConstraint:
    """A cancelled record has a date, an author and a reason; a valid one has none."""
    return models.CheckConstraint(
        condition=Q(cancelled_at__isnull=True, cancelled_by__isnull=True, cancel_reason="")
        | (Q(cancelled_at__isnull=False) & Q(cancelled_by__isnull=False) & ~Q(cancel_reason="")),
        name=f"{prefix}_cancel_complete",
        violation_error_message="Een annulering heeft een datum, een medewerker en een reden.",
    )


class Contact(Cancellable):
    """An onthaal contact: someone came, called or was met; what they asked and what followed."""

    class Channel(models.TextChoices):
        BALIE = "balie", "aan de balie"
        TELEFOON = "telefoon", "telefonisch"
        EMAIL = "email", "e-mail"
        HUISBEZOEK = "huisbezoek", "huisbezoek"
        VINDPLAATS = "vindplaats", "vindplaatsgericht"

    office = models.ForeignKey(
        Office, models.PROTECT, related_name="contacts", verbose_name="welzijnsbureau of team"
    )
    occurred_on = models.DateField("datum")
    channel = models.CharField("kanaal", max_length=12, choices=Channel.choices)
    person = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="persoon"
    )
    household = models.ForeignKey(
        Household,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name="huishouden",
    )
    dossier = models.ForeignKey(
        Dossier,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name="dossier",
    )
    reason = models.CharField("vraag", max_length=500)
    service = models.ForeignKey(
        Service,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gevraagde dienst",
    )
    outcome = models.ForeignKey(
        Outcome,
        models.PROTECT,
        related_name="+",
        verbose_name="uitkomst",
        limit_choices_to={"applies_to": "contact"},
    )
    referred_to = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="doorverwezen naar",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="geregistreerd door",
    )

    class Meta:
        verbose_name = "onthaalcontact"
        verbose_name_plural = "onthaalcontacten"
        ordering = ["-occurred_on"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="contact_has_reason"),
            cancel_constraint("contact"),
        ]

    def __str__(self) -> str:
        return f"Contact {self.occurred_on} ({self.office})"

    def clean(self) -> None:
        check_dates_plausible(self, "occurred_on")


class Trajectory(models.Model):
    """A followed path for the dossier's household, or for one person in it."""

    class Status(models.TextChoices):
        PLANNED = "gepland", "gepland"
        RUNNING = "lopend", "lopend"
        COMPLETED = "afgerond", "afgerond"
        STOPPED = "stopgezet", "stopgezet"
        CANCELLED = "geannuleerd", "geannuleerd"

    TRANSITIONS = {
        Status.PLANNED: frozenset({Status.RUNNING, Status.CANCELLED}),
        Status.RUNNING: frozenset({Status.COMPLETED, Status.STOPPED}),
        Status.COMPLETED: frozenset(),
        Status.STOPPED: frozenset(),
        Status.CANCELLED: frozenset(),
    }
    ENDED = frozenset({Status.COMPLETED, Status.STOPPED, Status.CANCELLED})

    dossier = models.ForeignKey(
        Dossier, models.PROTECT, related_name="trajectories", verbose_name="dossier"
    )
    person = models.ForeignKey(
        Person,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="persoon",
        help_text="Leeg als het traject het hele huishouden betreft.",
    )
    service = models.ForeignKey(
        Service, models.PROTECT, related_name="trajectories", verbose_name="dienst"
    )
    status = models.CharField("status", max_length=12, choices=Status.choices)
    start_date = models.DateField("begindatum")
    planned_end_date = models.DateField("geplande einddatum", null=True, blank=True)
    end_date = models.DateField("einddatum", null=True, blank=True)
    outcome = models.ForeignKey(
        Outcome,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="uitkomst",
        limit_choices_to={"applies_to": "trajectory"},
    )

    class Meta:
        verbose_name = "traject"
        verbose_name_plural = "trajecten"
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="trajectory_end_after_start",
                violation_error_message="De einddatum mag niet voor de begindatum liggen.",
            ),
            models.CheckConstraint(
                condition=Q(planned_end_date__isnull=True)
                | Q(planned_end_date__gte=F("start_date")),
                name="trajectory_planned_end_after_start",
                violation_error_message="De geplande einddatum mag niet voor de begindatum liggen.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["gepland", "lopend"], end_date__isnull=True)
                | Q(status__in=["afgerond", "stopgezet", "geannuleerd"], end_date__isnull=False),
                name="trajectory_status_matches_end_date",
                violation_error_message="Een beëindigd traject heeft een einddatum, "
                "een gepland of lopend traject niet.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} ({self.start_date})"

    def clean(self) -> None:
        check_dates_plausible(self, "start_date", "planned_end_date", "end_date")


#: Free text is bounded in the form, in model validation and by a check in the database.
MOTIVATION_MAX_LENGTH = 5000


class Decision(Cancellable):
    """A decision of the BCSD on a request: grant or refusal, motivated, with hearing and
    appeal (beroep bij de arbeidsrechtbank)."""

    class Result(models.TextChoices):
        GRANT = "toekenning", "toekenning"
        REFUSAL = "weigering", "weigering"

    class AppealOutcome(models.TextChoices):
        PENDING = "lopend", "lopend"
        UPHELD = "bevestigd", "beslissing bevestigd"
        OVERTURNED = "hervormd", "beslissing hervormd"
        WITHDRAWN = "ingetrokken", "beroep ingetrokken"

    dossier = models.ForeignKey(
        Dossier, models.PROTECT, related_name="decisions", verbose_name="dossier"
    )
    person = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="persoon"
    )
    service = models.ForeignKey(
        Service, models.PROTECT, related_name="+", verbose_name="gevraagde dienst"
    )
    outcome = models.CharField("beslissing", max_length=12, choices=Result.choices)
    motivation = models.TextField("motivering", max_length=MOTIVATION_MAX_LENGTH)
    decided_on = models.DateField("datum van de beslissing")
    hearing_requested_on = models.DateField("hoorzitting gevraagd op", null=True, blank=True)
    hearing_held_on = models.DateField("hoorzitting gehouden op", null=True, blank=True)
    appeal_lodged_on = models.DateField("beroep ingesteld op", null=True, blank=True)
    appeal_outcome = models.CharField(
        "uitkomst van het beroep", max_length=12, choices=AppealOutcome.choices, blank=True
    )

    class Meta:
        verbose_name = "beslissing BCSD"
        verbose_name_plural = "beslissingen BCSD"
        ordering = ["-decided_on"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(motivation=""),
                name="decision_motivated",
                violation_error_message="Een beslissing moet gemotiveerd zijn.",
            ),
            models.CheckConstraint(
                condition=Q(hearing_held_on__isnull=True)
                | (
                    Q(hearing_requested_on__isnull=False)
                    & Q(hearing_held_on__gte=F("hearing_requested_on"))
                ),
                name="decision_hearing_after_request",
                violation_error_message="Een hoorzitting wordt gehouden na de vraag ernaar.",
            ),
            models.CheckConstraint(
                condition=Q(hearing_requested_on__isnull=True)
                | Q(hearing_requested_on__gte=F("decided_on")),
                name="decision_hearing_requested_after_decision",
                violation_error_message="Een hoorzitting wordt gevraagd na de beslissing "
                "waarover ze gaat.",
            ),
            models.CheckConstraint(
                condition=Q(motivation__length__lte=MOTIVATION_MAX_LENGTH),
                name="decision_motivation_max_length",
                violation_error_message="De motivering is te lang.",
            ),
            models.CheckConstraint(
                condition=Q(appeal_lodged_on__isnull=True)
                | Q(appeal_lodged_on__gte=F("decided_on")),
                name="decision_appeal_after_decision",
                violation_error_message="Beroep kan pas na de beslissing ingesteld worden.",
            ),
            models.CheckConstraint(
                condition=Q(appeal_outcome="") | Q(appeal_lodged_on__isnull=False),
                name="decision_appeal_outcome_needs_appeal",
                violation_error_message="Een uitkomst van beroep vraagt een ingesteld beroep.",
            ),
            cancel_constraint("decision"),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} {self.service} ({self.decided_on})"

    def clean(self) -> None:
        check_dates_plausible(
            self, "decided_on", "hearing_requested_on", "hearing_held_on", "appeal_lodged_on"
        )
        if self.decided_on and self.dossier_id and self.decided_on < self.dossier.opened_on:
            raise ValidationError(
                {
                    "decided_on": "Een beslissing valt niet voor de opening van het dossier "
                    f"({self.dossier.opened_on:%d/%m/%Y})."
                }
            )


class Intervention(Cancellable):
    """A one-off grant or delivery: an amount in EUR and/or a quantity in the service's unit."""

    dossier = models.ForeignKey(
        Dossier, models.PROTECT, related_name="interventions", verbose_name="dossier"
    )
    person = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="persoon"
    )
    service = models.ForeignKey(
        Service, models.PROTECT, related_name="interventions", verbose_name="dienst"
    )
    date = models.DateField("datum")
    amount = models.DecimalField(
        "bedrag (EUR)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    quantity = models.DecimalField(
        "hoeveelheid", max_digits=12, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField("eenheid", max_length=40, blank=True)
    decision = models.ForeignKey(
        Decision,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="interventions",
        verbose_name="beslissing",
    )
    extern_id = extern_id_field()

    class Meta:
        verbose_name = "tussenkomst"
        verbose_name_plural = "tussenkomsten"
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="intervention_amount_not_negative",
                violation_error_message="Het bedrag mag niet negatief zijn.",
            ),
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | Q(quantity__gt=0),
                name="intervention_quantity_positive",
                violation_error_message="De hoeveelheid moet groter zijn dan nul.",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=False) | Q(quantity__isnull=False),
                name="intervention_amount_or_quantity",
                violation_error_message="Geef een bedrag, een hoeveelheid of beide.",
            ),
            cancel_constraint("intervention"),
        ]

    def __str__(self) -> str:
        return f"{self.service} ({self.date})"

    def clean(self) -> None:
        check_dates_plausible(self, "date")


# --- The caseworker's everyday: the sociaal verslag, documents, appointments and tasks ----

#: A note of the sociaal verslag is bounded in the form, in model validation and in the DB.
NOTE_MAX_LENGTH = 10000


class CaseNote(models.Model):
    """One entry of the dossier's sociaal verslag.

    A note is never changed once saved: a correction is a new note that refers to the one it
    corrects (`corrects`), so the verslag keeps what was written and when. A confidential note
    is read only by the dossier's own office (see casework.access.may_read_confidential)."""

    dossier = models.ForeignKey(
        Dossier, models.PROTECT, related_name="notes", verbose_name="dossier"
    )
    noted_on = models.DateField("datum")
    written_at = models.DateTimeField("geschreven op")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="auteur"
    )
    text = models.TextField("tekst", max_length=NOTE_MAX_LENGTH)
    confidential = models.BooleanField(
        "vertrouwelijk",
        default=False,
        help_text="Alleen te lezen door medewerkers van het welzijnsbureau of team van het "
        "dossier, niet door wie het dossier gedeeld kreeg.",
    )
    corrects = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name="corrigeert de notitie",
    )

    class Meta:
        verbose_name = "notitie in het sociaal verslag"
        verbose_name_plural = "sociaal verslag"
        ordering = ["-noted_on", "-written_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""),
                name="casenote_has_text",
                violation_error_message="Een notitie heeft een tekst.",
            ),
            models.CheckConstraint(
                condition=Q(text__length__lte=NOTE_MAX_LENGTH),
                name="casenote_text_max_length",
                violation_error_message="De tekst is te lang.",
            ),
        ]

    def __str__(self) -> str:
        return f"Notitie {self.noted_on} (dossier {self.dossier_id})"

    def clean(self) -> None:
        check_dates_plausible(self, "noted_on")
        if len(self.text) > NOTE_MAX_LENGTH:
            raise ValidationError(
                {"text": f"De tekst is te lang: hoogstens {NOTE_MAX_LENGTH} tekens."}
            )


class DocumentKind(models.Model):
    """The kind of an attached document (identiteitsbewijs, loonfiche, ...): reference data."""

    code = models.SlugField("code", max_length=60, unique=True)
    name = models.CharField("naam", max_length=150, unique=True)
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    active = models.BooleanField("actief", default=True)

    objects = CodeManager()

    class Meta:
        verbose_name = "soort document"
        verbose_name_plural = "soorten documenten"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class Document(models.Model):
    """A file attached to a dossier, or to one of its decisions.

    The file lies outside the web root under a random name (`storage_name`); the name it was
    uploaded under is only kept here. A document is withdrawn, never deleted, from the
    workplace."""

    dossier = models.ForeignKey(
        Dossier, models.PROTECT, related_name="documents", verbose_name="dossier"
    )
    decision = models.ForeignKey(
        Decision,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name="bij de beslissing",
    )
    kind = models.ForeignKey(
        DocumentKind, models.PROTECT, related_name="+", verbose_name="soort document"
    )
    original_name = models.CharField("bestandsnaam", max_length=200)
    storage_name = models.CharField("naam op schijf", max_length=64, unique=True, editable=False)
    content_type = models.CharField("bestandstype", max_length=100)
    size = models.PositiveBigIntegerField("grootte (bytes)")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_at = models.DateTimeField("opgeladen op")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="opgeladen door"
    )
    withdrawn_at = models.DateTimeField("ingetrokken op", null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ingetrokken door",
    )
    withdraw_reason = models.CharField(
        "reden van intrekking", max_length=CANCEL_REASON_MAX_LENGTH, blank=True
    )

    class Meta:
        verbose_name = "document"
        verbose_name_plural = "documenten"
        ordering = ["-uploaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(original_name="") & ~Q(sha256="") & ~Q(storage_name=""),
                name="document_names_and_hash",
            ),
            models.CheckConstraint(
                condition=Q(
                    withdrawn_at__isnull=True, withdrawn_by__isnull=True, withdraw_reason=""
                )
                | (
                    Q(withdrawn_at__isnull=False)
                    & Q(withdrawn_by__isnull=False)
                    & ~Q(withdraw_reason="")
                ),
                name="document_withdrawal_complete",
                violation_error_message="Een intrekking heeft een datum, een medewerker en "
                "een reden.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.original_name}"


class Task(models.Model):
    """An appointment (afspraak: a day and an hour, a place) or a task (taak: a due day) in
    a dossier, for one user of the dossier's office. Open until marked done."""

    class Kind(models.TextChoices):
        APPOINTMENT = "afspraak", "afspraak"
        TASK = "taak", "taak"

    dossier = models.ForeignKey(
        Dossier, models.PROTECT, related_name="tasks", verbose_name="dossier"
    )
    kind = models.CharField("soort", max_length=10, choices=Kind.choices)
    description = models.CharField("wat, met wie", max_length=300)
    due_on = models.DateField("datum")
    due_time = models.TimeField("uur", null=True, blank=True)
    place = models.CharField("plaats", max_length=200, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="tasks", verbose_name="voor"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="aangemaakt door"
    )
    done_at = models.DateTimeField("afgerond op", null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="afgerond door",
    )

    class Meta:
        verbose_name = "afspraak of taak"
        verbose_name_plural = "afspraken en taken"
        ordering = ["due_on", "due_time"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(description=""),
                name="task_has_description",
                violation_error_message="Beschrijf de afspraak of taak.",
            ),
            models.CheckConstraint(
                condition=Q(kind="taak") | Q(due_time__isnull=False),
                name="task_appointment_has_time",
                violation_error_message="Een afspraak heeft een uur.",
            ),
            models.CheckConstraint(
                condition=Q(done_at__isnull=True, done_by__isnull=True)
                | Q(done_at__isnull=False, done_by__isnull=False),
                name="task_done_complete",
            ),
        ]
        indexes = [models.Index(fields=["assigned_to", "done_at", "due_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_on}: {self.description}"

    def clean(self) -> None:
        check_dates_plausible(self, "due_on")
        if self.kind == self.Kind.APPOINTMENT and self.due_time is None:
            raise ValidationError({"due_time": "Geef het uur van de afspraak."})

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class Referral(models.Model):
    """An onthaal contact referred someone to a partner organisation; the partner marks it
    accepted or declined, so the welzijnsbureau knows the person was picked up."""

    class Status(models.TextChoices):
        OPEN = "open", "open"
        ACCEPTED = "aanvaard", "aanvaard"
        DECLINED = "geweigerd", "geweigerd"

    TRANSITIONS = {
        Status.OPEN: frozenset({Status.ACCEPTED, Status.DECLINED}),
        Status.ACCEPTED: frozenset(),
        Status.DECLINED: frozenset(),
    }

    contact = models.OneToOneField(
        Contact, models.PROTECT, related_name="referral", verbose_name="onthaalcontact"
    )
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="referrals", verbose_name="partner"
    )
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.OPEN)
    answered_at = models.DateTimeField("beantwoord op", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="beantwoord door",
    )
    answer_note = models.CharField("toelichting", max_length=300, blank=True)

    class Meta:
        verbose_name = "doorverwijzing"
        verbose_name_plural = "doorverwijzingen"
        ordering = ["-contact__occurred_on"]
        indexes = [models.Index(fields=["organisation", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="open") & Q(answered_at__isnull=True))
                | (~Q(status="open") & Q(answered_at__isnull=False)),
                name="referral_answered_when_not_open",
                violation_error_message="Een beantwoorde doorverwijzing heeft een datum.",
            ),
        ]

    def __str__(self) -> str:
        return f"Doorverwijzing naar {self.organisation} ({self.get_status_display()})"
