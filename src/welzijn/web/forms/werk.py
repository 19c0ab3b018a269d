"""Forms of the Dienst Werk en Activering: a question and its follow-up, an employer, a
placement, Jobteam guidance, a Koop Sociaal buyer."""

from django import forms

from welzijn.activation.models import (
    Channel,
    Desk,
    FollowUp,
    JobteamGuidance,
    Placement,
    Sector,
    Theme,
)
from welzijn.activation.services import BUYER_KINDS, JOBTEAM_STEPS
from welzijn.registry.models import Organisation
from welzijn.web.forms.common import BelgianDateField, WorkplaceForm, today


def _choice(label, choices, **kwargs):
    return forms.ChoiceField(label=label, choices=[("", "— kies —"), *choices], **kwargs)


class QuestionForm(WorkplaceForm):
    desk = _choice("Loket", Desk.choices, initial=Desk.WERKPUNT)
    asked_on = BelgianDateField(label="Gesteld op", initial=today)
    channel = _choice("Kanaal", Channel.choices, initial=Channel.BALIE)
    theme = _choice("Thema", Theme.choices)
    question = forms.CharField(label="Vraag", max_length=500, widget=forms.Textarea)
    note = forms.CharField(label="Notitie", max_length=1000, required=False)


class AnswerForm(WorkplaceForm):
    answered_on = BelgianDateField(label="Beantwoord op", initial=today)
    follow_up = _choice("Vervolg", FollowUp.choices)
    referred_to = forms.ModelChoiceField(
        label="Doorverwezen naar",
        queryset=Organisation.objects.exclude(kind=Organisation.Kind.BEDRIJF),
        required=False,
        help_text="Bij een doorverwijzing naar een partner.",
    )
    note = forms.CharField(label="Notitie", max_length=1000, required=False)


class EmployerForm(WorkplaceForm):
    name = forms.CharField(
        label="Naam van de organisatie",
        max_length=200,
        help_text="Staat ze al in het register, dan wordt die organisatie gebruikt.",
    )
    enterprise_number = forms.RegexField(
        label="Ondernemingsnummer",
        regex=r"^[01]\d{9}$",
        required=False,
        error_messages={"invalid": "Tien cijfers, beginnend met 0 of 1 (zonder punten)."},
    )
    sector = _choice("Hoofdsector", Sector.choices)
    since = BelgianDateField(label="Samenwerking sinds", initial=today)
    contact_name = forms.CharField(label="Contactpersoon", max_length=200, required=False)
    contact_phone = forms.CharField(label="Telefoon", max_length=30, required=False)


class PlacementForm(WorkplaceForm):
    employer = forms.ModelChoiceField(label="Werkgever", queryset=None)
    sector = _choice("Sector", Sector.choices)
    job = forms.CharField(label="Functie", max_length=200)
    hours_per_week = forms.IntegerField(label="Uren per week", min_value=1, max_value=60)
    start_date = BelgianDateField(label="Begindatum", initial=today)

    def __init__(self, *args, employers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers


class PlacementEndForm(WorkplaceForm):
    end_date = BelgianDateField(label="Einddatum", initial=today)
    end_reason = _choice("Afloop", Placement.End.choices)


class JobteamForm(WorkplaceForm):
    reached_on = BelgianDateField(label="Bereikt op", initial=today)
    via = _choice("Bereikt via", JobteamGuidance.Via.choices)
    intensive_from = BelgianDateField(
        label="Intensieve begeleiding vanaf", required=False, help_text="Leeg als (nog) niet."
    )
    note = forms.CharField(label="Notitie", max_length=1000, required=False)


class JobteamStepForm(WorkplaceForm):
    step = _choice("Wat verandert er", JOBTEAM_STEPS)
    on = BelgianDateField(label="Vanaf of op", initial=today)


class BuyerForm(WorkplaceForm):
    event_date = BelgianDateField(label="Datum van het netwerkevent")
    name = forms.CharField(label="Aankopende organisatie", max_length=200)
    kind = _choice(
        "Soort organisatie",
        [(k, label) for k, label in Organisation.Kind.choices if k in BUYER_KINDS],
    )
    contact_name = forms.CharField(label="Naam van de aankoper", max_length=200, required=False)
