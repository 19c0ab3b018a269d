"""Forms of the Energiecel and the wooncoaches. They parse input; the rules are the energy
app's services'."""

from django import forms

from welzijn.energy.models import (
    TEXT_MAX_LENGTH,
    HousingTrajectory,
    LacDossier,
    RentArrearsOutcome,
    RentGuarantee,
)
from welzijn.energy.services import AID_SERVICES
from welzijn.web.forms.common import AmountField, BelgianDateField, WorkplaceForm, today


class InszField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Rijksregisternummer van de klant")
        kwargs.setdefault("max_length", 15)
        kwargs.setdefault("help_text", "zoals op het verzoek: 11 cijfers, met of zonder punten")
        super().__init__(**kwargs)


def _text(label: str, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=TEXT_MAX_LENGTH, required=required, widget=forms.Textarea
    )


class LacSessionForm(WorkplaceForm):
    held_on = BelgianDateField(label="Datum van de zitting")
    place = forms.CharField(label="Plaats", max_length=200, required=False)
    members = forms.CharField(
        label="Samenstelling van de commissie",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Eén lid per lijn, met de instelling die het vertegenwoordigt.",
    )


class LacDossierForm(WorkplaceForm):
    insz = InszField()
    requester = forms.ChoiceField(label="Verzoek van", choices=LacDossier.Requester.choices)
    utility = forms.ChoiceField(label="Nutsvoorziening", choices=LacDossier.Utility.choices)
    trigger = forms.ChoiceField(label="Aanleiding", choices=LacDossier.Trigger.choices)
    amount_owed = AmountField(label="Openstaand bedrag")
    received_on = BelgianDateField(label="Verzoek ontvangen op", initial=today)


class InvestigationForm(WorkplaceForm):
    text = _text("Verslag van het sociaal onderzoek")


class PlanForm(WorkplaceForm):
    session_id = forms.TypedChoiceField(label="Zitting", coerce=int)

    def __init__(self, *args, sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session_id"].choices = [(s.pk, str(s)) for s in sessions]


class DecisionForm(WorkplaceForm):
    decision = forms.ChoiceField(label="Beslissing", choices=LacDossier.Decision.choices)
    motivation = _text("Motivering")
    household_heard = forms.BooleanField(label="Het huishouden werd gehoord", required=False)


class AidForm(WorkplaceForm):
    service = forms.ChoiceField(label="Soort", choices=AID_SERVICES.items())
    granted_on = BelgianDateField(label="Toegekend op", initial=today)
    amount = AmountField(label="Bedrag")


class StandaloneAidForm(AidForm):
    """Aid that comes from neither a LAC dossier nor a scan (a winter premium, ...)."""

    insz = InszField()

    field_order = ("insz", "service", "granted_on", "amount")


class ScanForm(WorkplaceForm):
    insz = InszField()
    visited_on = BelgianDateField(label="Bezocht op", initial=today)
    recommendations = _text("Aanbevelingen")


class HousingTrajectoryForm(WorkplaceForm):
    insz = InszField(label="Rijksregisternummer van de huurder of eigenaar")
    kind = forms.ChoiceField(label="Soort", choices=HousingTrajectory.Kind.choices)
    started_on = BelgianDateField(label="Gestart op", initial=today)
    steps = _text("Stappen (één per lijn)", required=False)
    budget = AmountField(label="Budget van de renovatie", required=False)


class GuaranteeForm(WorkplaceForm):
    insz = InszField(label="Rijksregisternummer van de huurder")
    form = forms.ChoiceField(label="Vorm", choices=RentGuarantee.Form.choices)
    granted_on = BelgianDateField(label="Toegekend op", initial=today)
    amount = AmountField(label="Bedrag van de waarborg")
    monthly_repayment = AmountField(label="Maandelijkse afbetaling")
    tenants = forms.IntegerField(label="Aantal huurders", min_value=1, max_value=20, initial=1)


class RepaymentForm(WorkplaceForm):
    amount = AmountField(label="Terugbetaald bedrag")


class RentArrearsForm(WorkplaceForm):
    outcome = forms.ChoiceField(label="Uitkomst", choices=RentArrearsOutcome.Outcome.choices)
    note = forms.CharField(
        label="Wat er gebeurde", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    insz = InszField(label="Rijksregisternummer van de huurder (niet verplicht)", required=False)
