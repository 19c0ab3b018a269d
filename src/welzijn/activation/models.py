"""The Dienst Werk en Activering's records: support questions at its desks, work placements
with employers (on a casework trajectory: art. 60, werkervaring, wijk-werken, DBSE), Jobteam
guidance and the buyers at the Koop Sociaal network event.

A placement belongs to a casework `Trajectory`: the trajectory is the person's path (its
service, dates and outcome, decided and followed in the dossier), the placement says where
the work happens (which employer, which sector, from when to when). One trajectory can have
several placements one after the other; nothing of the trajectory is copied.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from welzijn.casework.models import Trajectory
from welzijn.core.validation import check_dates_plausible
from welzijn.registry.models import Organisation, Person

#: Trajectory services whose work happens at an employer: the ones a placement can belong to.
PLACEMENT_SERVICES = ("artikel-60", "werkervaring-bedrijven", "wijkwerken", "dbse")


class Desk(models.TextChoices):
    WERKPUNT = "werkpunt", "Onthaal Werk en Activering (werkpunt)"
    U_CONNECT = "u-connect", "Digicoaches U-Connect"


class Theme(models.TextChoices):
    WERK = "werk", "werk zoeken of houden"
    OPLEIDING = "opleiding", "opleiding"
    ACTIVERING = "activering", "activering en zinvolle dagbesteding"
    TAAL = "taal", "Nederlands leren"
    DIGITAAL_VAARDIG = "digitale-vaardigheden", "digitale vaardigheden"
    DIGITAAL_DIENST = (
        "digitale-dienstverlening",
        ("digitale dienstverlening (Mijn VDAB, Burgerprofiel, itsme, Mijn Gent, MyMinFin)"),
    )
    ANDERE = "andere", "andere vraag"


class Channel(models.TextChoices):
    BALIE = "balie", "aan de balie"
    TELEFOON = "telefoon", "telefoon"
    EMAIL = "e-mail", "e-mail"
    DOORVERWIJZING = "doorverwijzing", "doorverwezen door een dienst of partner"


class FollowUp(models.TextChoices):
    ADVIES = "informatie-en-advies", "beantwoord met informatie en advies"
    GEHOLPEN = "geholpen", "ter plaatse geholpen"
    TRAJECT = "traject", "traject gestart of voorgesteld"
    JOBTEAM = "jobteam", "naar het Jobteam"
    VDAB = "vdab", "doorverwezen naar VDAB"
    PARTNER = "partner", "doorverwezen naar een andere partner"
    GEEN = "geen-vervolg", "geen vervolg (vraag ingetrokken)"


class Question(models.Model):
    """A support question about work, training or activation, asked by a person at one of
    the Dienst's desks, and how it was followed up."""

    class Status(models.TextChoices):
        OPEN = "open", "open"
        ANSWERED = "beantwoord", "beantwoord"

    person = models.ForeignKey(Person, models.PROTECT, related_name="+", verbose_name="persoon")
    desk = models.CharField("loket", max_length=12, choices=Desk.choices)
    asked_on = models.DateField("gesteld op")
    channel = models.CharField("kanaal", max_length=16, choices=Channel.choices)
    theme = models.CharField("thema", max_length=28, choices=Theme.choices)
    question = models.CharField("vraag", max_length=500)
    status = models.CharField("status", max_length=12, choices=Status.choices, default="open")
    answered_on = models.DateField("beantwoord op", null=True, blank=True)
    follow_up = models.CharField("vervolg", max_length=24, choices=FollowUp.choices, blank=True)
    referred_to = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="doorverwezen naar",
    )
    note = models.CharField("notitie", max_length=1000, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "werkvraag"
        verbose_name_plural = "werkvragen"
        ordering = ["-asked_on", "-pk"]
        indexes = [models.Index(fields=["desk", "answered_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=F("asked_on")),
                name="question_answered_after_asked",
                violation_error_message="Een vraag kan niet beantwoord zijn voor ze gesteld werd.",
            ),
            models.CheckConstraint(
                condition=Q(status="open", answered_on__isnull=True, follow_up="")
                | (Q(status="beantwoord", answered_on__isnull=False) & ~Q(follow_up="")),
                name="question_answered_has_follow_up",
                violation_error_message="Een beantwoorde vraag heeft een datum en een vervolg.",
            ),
        ]

    def __str__(self) -> str:
        return f"Werkvraag {self.pk} ({self.get_theme_display()})"

    def clean(self) -> None:
        check_dates_plausible(self, "asked_on", "answered_on")
        if self.follow_up in (FollowUp.PARTNER,) and self.referred_to_id is None:
            raise ValidationError({"referred_to": "Naar welke partner werd doorverwezen?"})


class Sector(models.TextChoices):
    HORECA = "horeca", "horeca"
    ZORG = "zorg", "zorg"
    VERKOOP = "verkoop", "verkoop"
    ADMINISTRATIE = "administratie", "administratie"
    PRODUCTIE = "productie", "productie"
    LOGISTIEK = "logistiek", "logistiek"
    BOUW = "bouw", "bouw"
    FIETS = "fiets", "fiets"
    OPENBAAR_DOMEIN = "openbaar-domein", "openbaar domein"
    SCHOONMAAK = "schoonmaak", "schoonmaak"
    HUISHOUDELIJK = "huishoudelijk", "huishoudelijke hulp en klussen"
    ANDERE = "andere", "andere sector"


class Employer(models.Model):
    """An organisation of the registry that offers work (experience) to the Dienst's
    clients: its main sector and the contact person."""

    organisation = models.OneToOneField(
        Organisation, models.PROTECT, related_name="+", verbose_name="organisatie"
    )
    sector = models.CharField("hoofdsector", max_length=20, choices=Sector.choices)
    contact_name = models.CharField("contactpersoon", max_length=200, blank=True)
    contact_phone = models.CharField("telefoon", max_length=30, blank=True)
    since = models.DateField("samenwerking sinds")

    class Meta:
        verbose_name = "werkgever"
        verbose_name_plural = "werkgevers"
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return str(self.organisation)

    def clean(self) -> None:
        check_dates_plausible(self, "since")


class Placement(models.Model):
    """Where a trajectory's work happens: an employer, a sector, from when to when."""

    class End(models.TextChoices):
        COMPLETED = "afgerond", "afgerond zoals gepland"
        JOB = "werk-gevonden", "werk gevonden"
        OTHER_PLACE = "andere-werkplek", "naar een andere werkplek"
        STOPPED = "stopgezet", "stopgezet"

    trajectory = models.ForeignKey(
        Trajectory, models.PROTECT, related_name="+", verbose_name="traject"
    )
    employer = models.ForeignKey(
        Employer, models.PROTECT, related_name="placements", verbose_name="werkgever"
    )
    sector = models.CharField("sector", max_length=20, choices=Sector.choices)
    job = models.CharField("functie", max_length=200)
    hours_per_week = models.PositiveSmallIntegerField("uren per week")
    start_date = models.DateField("begindatum")
    end_date = models.DateField("einddatum", null=True, blank=True)
    end_reason = models.CharField("afloop", max_length=20, choices=End.choices, blank=True)

    class Meta:
        verbose_name = "tewerkstelling"
        verbose_name_plural = "tewerkstellingen"
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="placement_end_after_start",
                violation_error_message="De einddatum mag niet voor de begindatum liggen.",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True, end_reason="")
                | (Q(end_date__isnull=False) & ~Q(end_reason="")),
                name="placement_end_has_reason",
                violation_error_message="Een beëindigde tewerkstelling heeft een afloop.",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=1, hours_per_week__lte=60),
                name="placement_hours_plausible",
                violation_error_message="Uren per week: tussen 1 en 60.",
            ),
        ]

    def __str__(self) -> str:
        return f"Tewerkstelling bij {self.employer}"

    def clean(self) -> None:
        check_dates_plausible(self, "start_date", "end_date")


class JobteamGuidance(models.Model):
    """The Jobteam reaches a vulnerable person (outreach: aanklampend) and may guide them
    intensively towards work from a later date."""

    class Via(models.TextChoices):
        OUTREACH = "vindplaats", "op de vindplaats (straathoekwerk, buurt)"
        SOCIALE_DIENST = "sociale-dienst", "via de Sociale Dienst"
        VDAB = "vdab", "via VDAB"
        PARTNER = "partner", "via een andere partner"
        ZELF = "zelf", "op eigen initiatief"

    person = models.ForeignKey(Person, models.PROTECT, related_name="+", verbose_name="persoon")
    reached_on = models.DateField("bereikt op")
    via = models.CharField("bereikt via", max_length=16, choices=Via.choices)
    intensive_from = models.DateField("intensieve begeleiding vanaf", null=True, blank=True)
    ended_on = models.DateField("afgesloten op", null=True, blank=True)
    note = models.CharField("notitie", max_length=1000, blank=True)

    class Meta:
        verbose_name = "Jobteam-begeleiding"
        verbose_name_plural = "Jobteam-begeleidingen"
        ordering = ["-reached_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(intensive_from__isnull=True) | Q(intensive_from__gte=F("reached_on")),
                name="jobteam_intensive_after_reached",
                violation_error_message="De intensieve begeleiding begint niet voor de persoon "
                "bereikt werd.",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("reached_on")),
                name="jobteam_end_after_reached",
                violation_error_message="De afsluiting ligt niet voor de datum van bereik.",
            ),
        ]

    def __str__(self) -> str:
        return f"Jobteam-begeleiding {self.pk}"

    def clean(self) -> None:
        check_dates_plausible(self, "reached_on", "intensive_from", "ended_on")
        if self.intensive_from and self.ended_on and self.intensive_from > self.ended_on:
            raise ValidationError(
                {"intensive_from": "De intensieve begeleiding begint voor de afsluiting."}
            )


class KoopSociaalBuyer(models.Model):
    """A buyer (a government or non-profit organisation) that took part in an edition of
    the Koop Sociaal network event, where it met social-economy companies."""

    event_date = models.DateField("datum van het netwerkevent")
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="+", verbose_name="aankopende organisatie"
    )
    contact_name = models.CharField("aankoper (naam)", max_length=200, blank=True)

    class Meta:
        verbose_name = "aankoper Koop Sociaal"
        verbose_name_plural = "aankopers Koop Sociaal"
        ordering = ["-event_date", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event_date", "organisation"],
                name="koop_sociaal_buyer_once_per_event",
                violation_error_message="Deze organisatie staat al op de lijst van dit event.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} op Koop Sociaal {self.event_date:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates_plausible(self, "event_date")
