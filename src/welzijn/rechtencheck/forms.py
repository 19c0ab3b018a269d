"""The form a citizen fills in to send their check to a welzijnsbureau."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

#: A Belgian or international phone number: digits with spaces, dots, slashes or dashes.
PHONE = re.compile(r"^\+?[0-9][0-9 ./-]{7,18}[0-9]$")


class SendForm(forms.Form):
    office = forms.ChoiceField(label=_("Welzijnsbureau"))
    name = forms.CharField(
        label=_("Uw naam (mag ook een voornaam zijn)"), max_length=150, required=False
    )
    phone = forms.CharField(label=_("Telefoon"), max_length=30, required=False)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=200,
        required=False,
        error_messages={"invalid": _("Dit e-mailadres klopt niet.")},
    )
    consent = forms.BooleanField(
        label=_(
            "Ik geef toestemming: het welzijnsbureau krijgt mijn antwoorden en mijn resultaat, "
            "en neemt contact met mij op."
        ),
        required=True,
        error_messages={"required": _("Zonder uw toestemming sturen we niets door.")},
    )

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].choices = [(v.office.code, v.office.name) for v in offices]
        self.fields["office"].error_messages["invalid_choice"] = _("Kies een welzijnsbureau.")

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(
                _("Dit telefoonnummer klopt niet, bijvoorbeeld 09 123 45 67.")
            )
        return phone

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email") and "phone" not in self.errors:
            self.add_error("phone", _("Geef een telefoonnummer of een e-mailadres."))
        return data
