"""The data protection officer's forms: restricting a file and lifting it."""

from django import forms

from welzijn.registry.models import Restriction
from welzijn.web.forms.common import WorkplaceForm


class RestrictionForm(WorkplaceForm):
    ground = forms.ChoiceField(label="Grond", choices=Restriction.Ground.choices)
    reason = forms.CharField(
        label="Reden", max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )


class RestrictionLiftForm(WorkplaceForm):
    reason = forms.CharField(
        label="Reden van opheffing", max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )
