"""Forms of the shelters: check-in, check-out, refusal, waiting list, the count and its
form."""

import datetime as dt

from django import forms

from welzijn.shelter.models import (
    Ethos,
    ExitDestination,
    PitCount,
    PitCountRecord,
    WaitingEntry,
)

from .common import BelgianDateField, WorkplaceForm, today


class CheckInForm(WorkplaceForm):
    person_id = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    entry_date = BelgianDateField(label="Nacht van (binnenkomst)", initial=today)
    place_label = forms.CharField(label="Bed of kamer", max_length=40, required=False)
    overbooking = forms.BooleanField(
        label="Noodoverboeking: toch opnemen, ook al is de voorziening vol", required=False
    )


class RefusalForm(WorkplaceForm):
    night = BelgianDateField(label="Nacht", initial=today)
    person_id = forms.IntegerField(
        widget=forms.HiddenInput, min_value=1, max_value=2**62, required=False
    )


class CheckOutForm(WorkplaceForm):
    exit_date = BelgianDateField(label="Vertrokken op", initial=today)
    destination = forms.ModelChoiceField(
        label="Bestemming",
        queryset=ExitDestination.objects.all(),
        to_field_name="code",
        empty_label="— kies —",
    )


class WaitingAddForm(WorkplaceForm):
    person_id = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    priority = forms.TypedChoiceField(
        label="Prioriteit",
        choices=WaitingEntry.Priority.choices,
        coerce=int,
        initial=WaitingEntry.Priority.NORMAL,
    )
    registered_on = BelgianDateField(label="Ingeschreven op", initial=today)
    note = forms.CharField(label="Toelichting", max_length=300, required=False)


class WaitingCloseForm(WorkplaceForm):
    to = forms.ChoiceField(
        label="Uitkomst",
        choices=[c for c in WaitingEntry.Status.choices if c[0] != WaitingEntry.Status.WAITING],
    )
    on = BelgianDateField(label="Op", initial=today)
    note = forms.CharField(label="Toelichting", max_length=300, required=False)


class PitRecordForm(WorkplaceForm):
    ethos = forms.ChoiceField(label="Woonsituatie (ETHOS Light)", choices=Ethos.choices)
    slept = forms.ChoiceField(label="Sliep vorige nacht", choices=PitCountRecord.Slept.choices)
    age_group = forms.ChoiceField(label="Leeftijd", choices=PitCountRecord.AgeGroup.choices)
    sex = forms.ChoiceField(label="Geslacht", choices=PitCountRecord.Sex.choices)
    with_partner = forms.BooleanField(label="Met partner", required=False)
    children = forms.IntegerField(
        label="Kinderen in dezelfde situatie", min_value=0, max_value=20, initial=0
    )
    initials = forms.CharField(
        label="Initialen (niet verplicht)", max_length=4, required=False,
        help_text="Voornaam en achternaam, bv. JD: samen met geboortejaar en geslacht "
        "haalt dat dubbeltellingen tussen diensten weg.",
    )  # fmt: skip
    birth_year = forms.IntegerField(
        label="Geboortejaar (niet verplicht)",
        min_value=1900,
        max_value=dt.date.today().year,
        required=False,
    )


class PitCountOpenForm(WorkplaceForm):
    date = BelgianDateField(label="Datum van de telling")
    name = forms.CharField(
        label="Naam", max_length=150, help_text="bv. Dak- en thuislozentelling 2025"
    )
    dedup_fields = forms.MultipleChoiceField(
        label="Sleutel tegen dubbeltellingen",
        choices=list(PitCount.DEDUP_LABELS.items()),
        initial=["initials", "birth_year", "sex"],
        widget=forms.CheckboxSelectMultiple,
        help_text="Twee formulieren met dezelfde waarden voor deze velden tellen als één "
        "persoon; een formulier zonder een van die velden telt altijd apart.",
    )


class PitCountCloseForm(WorkplaceForm):
    confirm = forms.BooleanField(
        label="Ik sluit de invoer af: geen enkele dienst kan nog formulieren toevoegen"
    )


class PitCountPublishForm(WorkplaceForm):
    on = BelgianDateField(label="Gepubliceerd op", initial=today)
    confirm = forms.BooleanField(
        label="Ik publiceer de resultaten: ze worden het cijfer van het jaaroverzicht"
    )
