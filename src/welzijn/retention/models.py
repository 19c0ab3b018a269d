"""The retention schedule and the processing register (GDPR art. 30), as data a beheerder
edits: each RetentionRule says of one kind of record when it is due (a period after the
event it runs from) and what then happens to it; each rule belongs to the
ProcessingActivity the register lists."""

from django.core.exceptions import ValidationError
from django.db import models


class ProcessingActivity(models.Model):
    code = models.SlugField("code", max_length=50, unique=True)
    name = models.CharField("verwerking", max_length=150)
    purpose = models.TextField("doel")
    legal_basis = models.TextField("rechtsgrond")
    data_categories = models.TextField("categorieën van gegevens")
    data_subjects = models.TextField("categorieën van betrokkenen")
    recipients = models.TextField("ontvangers")

    class Meta:
        verbose_name = "verwerkingsactiviteit"
        verbose_name_plural = "verwerkingsregister"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RetentionRule(models.Model):
    class Action(models.TextChoices):
        DELETE = "delete", "verwijderen"
        ERASE = "erase", "persoonsgegevens wissen, statistisch record bewaren"
        #: A statistical record without personal fields of its own: kept; the person it
        #: points to is erased by the rule of registry.person.
        KEEP = "keep", "bewaren (de persoon wordt gewist)"
        ERASE_SEARCH_TERMS = "erase_search_terms", "zoektermen uit de audittrail wissen"
        PRUNE_AUDIT = "prune_audit", "oude auditgebeurtenissen snoeien"

    #: An erase value that stands for "a keyed pseudonym of the current value" (keeps a
    #: deduplication key working without the data it was made of).
    PSEUDONYM = "__pseudoniem__"

    code = models.SlugField("code", max_length=60, unique=True)
    processing = models.ForeignKey(
        ProcessingActivity,
        models.PROTECT,
        related_name="rules",
        verbose_name="verwerking",
    )
    model = models.CharField(
        "soort record", max_length=100, help_text="app.model, bv. casework.dossier"
    )
    description = models.CharField("omschrijving", max_length=200)
    condition = models.JSONField(
        "voorwaarde",
        default=dict,
        blank=True,
        help_text='Django-lookups die het record moet vervullen, bv. {"status": "geannuleerd"}.',
    )
    unless = models.JSONField(
        "tenzij",
        default=dict,
        blank=True,
        help_text="Lookups die het record uitsluiten, bv. een lopend dossier.",
    )
    anchor = models.CharField(
        "loopt vanaf",
        max_length=150,
        help_text="Het datumveld (pad met __) waarvan de termijn loopt; over meerdere "
        "records telt de laatste datum.",
    )
    period_days = models.PositiveIntegerField("termijn (dagen)")
    action = models.CharField("wat er dan gebeurt", max_length=20, choices=Action.choices)
    erase = models.JSONField(
        "te wissen velden",
        default=dict,
        blank=True,
        help_text=f'Veld: nieuwe waarde, bv. {{"note": ""}}; "{PSEUDONYM}" voor een pseudoniem.',
    )
    legal_basis = models.TextField("grond van de termijn")
    period_published = models.BooleanField(
        "termijn gepubliceerd",
        default=False,
        help_text="Uit: geen gepubliceerde termijn gevonden; de termijn is een aanname.",
    )
    active = models.BooleanField("actief", default=True)

    class Meta:
        verbose_name = "bewaarregel"
        verbose_name_plural = "bewaarschema"
        ordering = ["model", "code"]

    def __str__(self) -> str:
        return self.description

    @property
    def period_label(self) -> str:
        days = self.period_days
        if days and days % 365 == 0:
            years = days // 365
            return f"{years} jaar"
        return f"{days} dagen"

    def clean(self) -> None:
        from welzijn.retention.schedule import rule_problems

        problems = rule_problems(self)
        if problems:
            raise ValidationError(problems)
