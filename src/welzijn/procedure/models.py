"""The Sociale Dienst's procedure: a request (aanvraag) and its legal deadline, the social
inquiry's report with a proposal, the teamcoach's approval, the sessions of the Bijzonder
Comité voor de Sociale Dienst (BCSD) with their agenda, and the decision letter.

The decision itself is a `casework.Decision` (created through casework's service); its
hearing and appeal fields are the ones casework already has."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length

from welzijn.casework.models import CaseNote, Decision, Document, Dossier
from welzijn.catalog.models import Service
from welzijn.core.validation import check_dates_plausible
from welzijn.registry.models import Person

models.TextField.register_lookup(Length)

#: Each part of the social report is bounded in the form, in validation and in the database.
REPORT_PART_MAX_LENGTH = 5000


class Request(models.Model):
    """A request for help, dated on receipt; its legal deadline follows from the regime of
    the service asked (procedure/rules/deadlines.yaml), fixed when it is registered."""

    class Channel(models.TextChoices):
        BALIE = "balie", "aan de balie"
        POST = "post", "per post"
        EMAIL = "email", "per e-mail"
        HUISBEZOEK = "huisbezoek", "bij een huisbezoek"

    class Status(models.TextChoices):
        OPEN = "open", "in onderzoek"
        DECIDED = "beslist", "beslist"

    dossier = models.ForeignKey(
        Dossier, models.PROTECT, related_name="requests", verbose_name="dossier"
    )
    person = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="aanvrager"
    )
    service = models.ForeignKey(
        Service, models.PROTECT, related_name="+", verbose_name="gevraagde hulp"
    )
    received_on = models.DateField("ontvangen op")
    channel = models.CharField("kanaal", max_length=12, choices=Channel.choices)
    question = models.CharField("wat wordt gevraagd", max_length=500)
    regime = models.CharField("wettelijk kader", max_length=20)
    decision_due_on = models.DateField("te beslissen uiterlijk op")
    status = models.CharField("status", max_length=12, choices=Status.choices, default="open")
    decision = models.OneToOneField(
        Decision,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="request",
        verbose_name="beslissing",
    )
    # Empty only for records written by an import or Synthetic Ghent: the services fill it.
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="geregistreerd door",
    )
    registered_at = models.DateTimeField("geregistreerd op")

    class Meta:
        verbose_name = "aanvraag"
        verbose_name_plural = "aanvragen"
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["status", "decision_due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(question=""),
                name="request_has_question",
                violation_error_message="Beschrijf wat gevraagd wordt.",
            ),
            models.CheckConstraint(
                condition=Q(decision_due_on__gte=F("received_on")),
                name="request_due_after_receipt",
            ),
            models.CheckConstraint(
                condition=Q(status="beslist", decision__isnull=False)
                | (~Q(status="beslist") & Q(decision__isnull=True)),
                name="request_decided_has_decision",
                violation_error_message="Een besliste aanvraag heeft een beslissing.",
            ),
        ]

    def __str__(self) -> str:
        return f"Aanvraag {self.service} ({self.received_on:%d/%m/%Y})"

    def clean(self) -> None:
        check_dates_plausible(self, "received_on")


class Proposal(models.Model):
    """The social report of the inquiry into a request (situation, means, needs), the
    caseworker's proposal and its motivation, with the notes and documents it relies on.
    The teamcoach approves it before it goes on the BCSD's agenda, or returns it."""

    class Status(models.TextChoices):
        SUBMITTED = "ingediend", "wacht op goedkeuring"
        APPROVED = "goedgekeurd", "goedgekeurd"
        RETURNED = "teruggestuurd", "teruggestuurd"
        ON_AGENDA = "geagendeerd", "op de agenda"
        DONE = "behandeld", "behandeld"

    TRANSITIONS = {
        Status.SUBMITTED: frozenset({Status.APPROVED, Status.RETURNED}),
        Status.APPROVED: frozenset({Status.ON_AGENDA}),
        Status.RETURNED: frozenset(),
        Status.ON_AGENDA: frozenset({Status.DONE}),
        Status.DONE: frozenset(),
    }

    request = models.ForeignKey(
        Request, models.PROTECT, related_name="proposals", verbose_name="aanvraag"
    )
    situation = models.TextField("situatie", max_length=REPORT_PART_MAX_LENGTH)
    means = models.TextField("bestaansmiddelen", max_length=REPORT_PART_MAX_LENGTH)
    needs = models.TextField("noden", max_length=REPORT_PART_MAX_LENGTH)
    proposed_result = models.CharField("voorstel", max_length=12, choices=Decision.Result.choices)
    proposed_amount = models.DecimalField(
        "voorgesteld bedrag (EUR)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    proposed_from = models.DateField("vanaf", null=True, blank=True)
    motivation = models.TextField("motivering", max_length=REPORT_PART_MAX_LENGTH)
    notes = models.ManyToManyField(
        CaseNote, blank=True, related_name="+", verbose_name="steunt op de notities"
    )
    documents = models.ManyToManyField(
        Document, blank=True, related_name="+", verbose_name="steunt op de documenten"
    )
    # Empty only for records written by an import or Synthetic Ghent: the services fill it.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="opgesteld door",
    )
    written_at = models.DateTimeField("opgesteld op")
    status = models.CharField(
        "status", max_length=14, choices=Status.choices, default=Status.SUBMITTED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="beoordeeld door",
    )
    reviewed_at = models.DateTimeField("beoordeeld op", null=True, blank=True)
    review_note = models.CharField("opmerking van de teamcoach", max_length=500, blank=True)

    class Meta:
        verbose_name = "sociaal verslag met voorstel"
        verbose_name_plural = "sociale verslagen met voorstel"
        ordering = ["-written_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(situation="") & ~Q(means="") & ~Q(needs="") & ~Q(motivation=""),
                name="proposal_report_complete",
                violation_error_message="Het verslag beschrijft situatie, bestaansmiddelen, "
                "noden en motivering.",
            ),
            models.CheckConstraint(
                condition=Q(situation__length__lte=REPORT_PART_MAX_LENGTH)
                & Q(means__length__lte=REPORT_PART_MAX_LENGTH)
                & Q(needs__length__lte=REPORT_PART_MAX_LENGTH)
                & Q(motivation__length__lte=REPORT_PART_MAX_LENGTH),
                name="proposal_parts_max_length",
            ),
            models.CheckConstraint(
                condition=Q(proposed_amount__isnull=True) | Q(proposed_amount__gte=0),
                name="proposal_amount_not_negative",
                violation_error_message="Het bedrag mag niet negatief zijn.",
            ),
            models.CheckConstraint(
                condition=Q(status="ingediend", reviewed_at__isnull=True)
                | (~Q(status="ingediend") & Q(reviewed_at__isnull=False)),
                name="proposal_reviewed_when_not_submitted",
            ),
        ]

    def __str__(self) -> str:
        return f"Voorstel {self.get_proposed_result_display()} ({self.request})"

    def clean(self) -> None:
        check_dates_plausible(self, "proposed_from")


class Session(models.Model):
    """A session of the Bijzonder Comité voor de Sociale Dienst."""

    class Status(models.TextChoices):
        PLANNED = "gepland", "gepland"
        HELD = "gehouden", "gehouden"

    held_on = models.DateField("datum van de zitting")
    members_total = models.PositiveSmallIntegerField("aantal leden van het comité")
    members_present = models.TextField(
        "aanwezige leden", blank=True, help_text="Eén naam per lijn."
    )
    status = models.CharField("status", max_length=10, choices=Status.choices, default="gepland")
    # Empty only for records written by an import or Synthetic Ghent: the services fill it.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="aangemaakt door",
    )

    class Meta:
        verbose_name = "zitting van het BCSD"
        verbose_name_plural = "zittingen van het BCSD"
        ordering = ["-held_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(members_total__gt=0),
                name="session_has_members",
                violation_error_message="Het comité heeft leden.",
            ),
        ]

    def __str__(self) -> str:
        return f"Zitting BCSD van {self.held_on:%d/%m/%Y}"

    def clean(self) -> None:
        check_dates_plausible(self, "held_on")

    @property
    def present(self) -> list[str]:
        return [line.strip() for line in self.members_present.splitlines() if line.strip()]

    @property
    def has_quorum(self) -> bool:
        """More than half of the members present (the rule and its source are in
        rules/deadlines.yaml, `quorum`)."""
        return 2 * len(self.present) > self.members_total


class AgendaItem(models.Model):
    """A point on a session's agenda: a proposal to decide, or a hearing on a decision
    taken earlier; and what the comité decided on it."""

    class Verdict(models.TextChoices):
        AS_PROPOSED = "zoals-voorgesteld", "toegekend zoals voorgesteld"
        AMENDED = "gewijzigd", "gewijzigd toegekend"
        REFUSED = "geweigerd", "geweigerd"
        POSTPONED = "uitgesteld", "uitgesteld voor verder onderzoek"
        CONFIRMED = "bevestigd", "beslissing bevestigd na hoorzitting"
        REVISED = "herzien", "beslissing herzien na hoorzitting"

    PROPOSAL_VERDICTS = (Verdict.AS_PROPOSED, Verdict.AMENDED, Verdict.REFUSED, Verdict.POSTPONED)
    HEARING_VERDICTS = (Verdict.CONFIRMED, Verdict.REVISED)

    session = models.ForeignKey(
        Session, models.PROTECT, related_name="items", verbose_name="zitting"
    )
    proposal = models.OneToOneField(
        Proposal,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_item",
        verbose_name="voorstel",
    )
    hearing_on = models.ForeignKey(
        Decision,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="hearing_items",
        verbose_name="hoorzitting over de beslissing",
    )
    verdict = models.CharField("beslissing", max_length=20, choices=Verdict.choices, blank=True)
    motivation = models.TextField("motivering", max_length=REPORT_PART_MAX_LENGTH, blank=True)
    amount = models.DecimalField(
        "bedrag (EUR)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    effective_from = models.DateField("vanaf", null=True, blank=True)
    decision = models.OneToOneField(
        Decision,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_item",
        verbose_name="genomen beslissing",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="genotuleerd door",
    )

    class Meta:
        verbose_name = "agendapunt"
        verbose_name_plural = "agendapunten"
        ordering = ["session", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(proposal__isnull=False, hearing_on__isnull=True)
                | Q(proposal__isnull=True, hearing_on__isnull=False),
                name="agendaitem_proposal_or_hearing",
            ),
            models.CheckConstraint(
                condition=Q(verdict="") | ~Q(motivation=""),
                name="agendaitem_verdict_motivated",
                violation_error_message="Een beslissing wordt gemotiveerd.",
            ),
            models.UniqueConstraint(
                fields=["session", "hearing_on"],
                condition=Q(hearing_on__isnull=False),
                name="agendaitem_one_hearing_per_session",
            ),
        ]

    def __str__(self) -> str:
        return f"Agendapunt {self.pk} van {self.session}"

    @property
    def dossier_id(self) -> int:
        return self.proposal.request.dossier_id if self.proposal_id else self.hearing_on.dossier_id


class DecisionLetter(models.Model):
    """The notification of a decision to the person: due within the legal term after the
    decision (rules/deadlines.yaml), with the date it was sent."""

    decision = models.OneToOneField(
        Decision, models.PROTECT, related_name="letter", verbose_name="beslissing"
    )
    request = models.ForeignKey(
        Request, models.PROTECT, related_name="letters", verbose_name="aanvraag"
    )
    notify_due_on = models.DateField("ter kennis te brengen uiterlijk op")
    sent_on = models.DateField("verzonden op", null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="verzonden door",
    )

    class Meta:
        verbose_name = "beslissingsbrief"
        verbose_name_plural = "beslissingsbrieven"
        constraints = [
            # Who sent it is empty only for an import or Synthetic Ghent (no user there).
            models.CheckConstraint(
                condition=Q(sent_by__isnull=True) | Q(sent_on__isnull=False),
                name="letter_sent_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"Beslissingsbrief bij {self.decision}"

    def clean(self) -> None:
        check_dates_plausible(self, "sent_on")

    def is_late(self, today) -> bool:
        """Not notified within the legal term: sent after it, or still unsent after it."""
        return (self.sent_on or today) > self.notify_due_on
