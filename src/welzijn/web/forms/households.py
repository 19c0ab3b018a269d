"""Forms about households: starting one, its members, moving house."""

from django import forms

from welzijn.registry.models import HouseholdMembership, Postcode, Wijk
from welzijn.web.forms.common import BelgianDateField, WorkplaceForm, today


class HouseholdStartForm(WorkplaceForm):
    name = forms.CharField(label="Naam van het huishouden", max_length=150)
    start_date = BelgianDateField(label="Vanaf", initial=today)
    end_current = forms.BooleanField(
        label="Het huidige lidmaatschap de dag ervoor beëindigen",
        required=False,
        help_text="Voor wie een huishouden verlaat om een eigen huishouden te vormen.",
    )


class MemberAddForm(WorkplaceForm):
    person = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    role = forms.ChoiceField(label="Rol", choices=HouseholdMembership.Role.choices)
    start_date = BelgianDateField(label="Lid vanaf", initial=today)


class MoveForm(WorkplaceForm):
    street = forms.CharField(label="Straat", max_length=150)
    number = forms.CharField(label="Huisnummer", max_length=10)
    box = forms.CharField(label="Bus", max_length=10, required=False)
    postcode = forms.ModelChoiceField(
        Postcode.objects.all(), label="Postcode", to_field_name="code"
    )
    wijk = forms.ModelChoiceField(
        Wijk.objects.all(),
        label="Wijk",
        to_field_name="code",
        required=False,
        empty_label="afleiden uit de straat",
    )
    on = BelgianDateField(label="Woont er vanaf", initial=today)
