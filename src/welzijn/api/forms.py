"""The beheerder's form to register an API client: who it is, the roles and offices it
works in (the workplace's access rules apply to it as to a colleague there), its scopes
and until when its token works."""

import datetime as dt

from django import forms
from django.utils import timezone

from welzijn.api.models import RESOURCES
from welzijn.api.services import CLIENT_ROLES
from welzijn.casework.models import Office
from welzijn.web.forms.common import BelgianDateField, WorkplaceForm

SCOPE_CHOICES = [
    (f"{resource}:{mode}", f"{resource}: {'lezen' if mode == 'read' else 'lezen en schrijven'}")
    for resource in RESOURCES
    for mode in ("read", "write")
]


class ApiClientForm(WorkplaceForm):
    name = forms.CharField(label="Naam", max_length=100, help_text="bv. CAW-koppeling")
    organisation = forms.CharField(
        label="Organisatie of systeem", max_length=200, help_text="bv. CAW Oost-Vlaanderen"
    )
    roles = forms.MultipleChoiceField(
        label="Rollen",
        choices=sorted((r.value, r.value) for r in CLIENT_ROLES),
        widget=forms.CheckboxSelectMultiple,
        help_text="De rollen waarin de client werkt, zoals een medewerker.",
    )
    offices = forms.ModelMultipleChoiceField(
        label="Welzijnsbureaus en teams",
        queryset=Office.objects.order_by("name"),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Waar de client werkt: de toegangsregels van de werkplek gelden.",
    )
    scopes = forms.MultipleChoiceField(
        label="Scopes", choices=SCOPE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    expires_on = BelgianDateField(label="Geldig tot en met")

    def expires_at(self) -> dt.datetime:
        """The end of the chosen day, in Brussels."""
        day = self.cleaned_data["expires_on"] + dt.timedelta(days=1)
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class RevokeForm(WorkplaceForm):
    reason = forms.CharField(label="Reden", max_length=300)
