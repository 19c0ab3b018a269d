"""Forms of the praktijktesten: a campaign, a paired test, a follow-up of an agent."""

from django import forms

from welzijn.pairedtests.models import Agent, Campaign, Characteristic, FollowUp, Outcome
from welzijn.registry.models import Wijk
from welzijn.web.forms.common import AmountField, BelgianDateField, WorkplaceForm, today


class CampaignForm(WorkplaceForm):
    name = forms.CharField(label="Naam", max_length=150)
    start_date = BelgianDateField(label="Van")
    end_date = BelgianDateField(label="Tot en met", required=False)
    method = forms.CharField(
        label="Methode", max_length=200, initial="gepaarde correspondentietesten (e-mail)"
    )
    note = forms.CharField(
        label="Toelichting", max_length=3000, required=False, widget=forms.Textarea
    )


class PairedTestForm(WorkplaceForm):
    agent_name = forms.CharField(label="Verhuurder (naam)", max_length=150)
    agent_kind = forms.ChoiceField(label="Soort verhuurder", choices=Agent.Kind.choices)
    advert = forms.CharField(label="Advertentie", max_length=300, help_text="vindplaats of kenmerk")
    rent = AmountField(label="Huurprijs per maand")
    wijk = forms.ModelChoiceField(label="Wijk", queryset=Wijk.objects.all())
    characteristic = forms.ModelChoiceField(
        label="Geteste eigenschap", queryset=Characteristic.objects.all()
    )
    test_profile = forms.CharField(
        label="Profiel testkandidaat",
        max_length=300,
        required=False,
        help_text="leeg: het standaardprofiel van de eigenschap",
    )
    control_profile = forms.CharField(
        label="Profiel controlekandidaat", max_length=300, required=False
    )
    sent_on = BelgianDateField(label="Gereageerd op", initial=today)
    test_outcome = forms.ChoiceField(
        label="Uitkomst testkandidaat", choices=Outcome.choices, widget=forms.RadioSelect
    )
    control_outcome = forms.ChoiceField(
        label="Uitkomst controlekandidaat", choices=Outcome.choices, widget=forms.RadioSelect
    )


class FollowUpForm(WorkplaceForm):
    kind = forms.ChoiceField(label="Soort", choices=FollowUp.Kind.choices)
    held_on = BelgianDateField(label="Datum", initial=today)
    result = forms.ChoiceField(label="Resultaat", choices=FollowUp.Result.choices)
    retest_campaign = forms.ModelChoiceField(
        label="Hertest in campagne", queryset=Campaign.objects.all(), required=False
    )
    note = forms.CharField(label="Verslag", max_length=3000, required=False, widget=forms.Textarea)
