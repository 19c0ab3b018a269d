"""Forms about a person's identity: registering someone new, correcting, merging."""

from django import forms

from welzijn.registry.models import Person
from welzijn.web.forms.common import BelgianDateField, WorkplaceForm

NO_LEGAL_RESIDENCE_HINT = (
    "Wie zonder wettig verblijf is, heeft meestal geen INSZ-nummer: laat het dan leeg."
)


class PersonForm(WorkplaceForm):
    """The identity data, named as the Person model's fields."""

    first_name = forms.CharField(label="Voornaam", max_length=100)
    last_name = forms.CharField(label="Achternaam", max_length=100)
    birth_date = BelgianDateField(label="Geboortedatum")
    sex = forms.ChoiceField(label="Geslacht", choices=Person.Sex.choices)
    insz = forms.CharField(
        label="INSZ-nummer",
        max_length=20,
        required=False,
        help_text="Rijksregister- of bisnummer, 11 cijfers (bv. 85.07.30-033.28). Leeg voor "
        "wie er geen heeft.",
    )
    nationality = forms.CharField(
        label="Nationaliteit", max_length=2, initial="BE", help_text="landcode, bv. BE, MA, SY"
    )
    residence_status = forms.ChoiceField(
        label="Verblijfsstatus",
        choices=Person.ResidenceStatus.choices,
        help_text=NO_LEGAL_RESIDENCE_HINT,  # shown for that status only (welzijn.css)
    )
    language = forms.CharField(
        label="Taal", max_length=8, initial="nl", help_text="bv. nl, fr, ar, tr"
    )


class PersonNewForm(PersonForm):
    #: The ids of the likely duplicates the user saw and set aside: the value of the button
    #: "Toch nieuwe persoon registreren". A duplicate not among them asks again.
    confirmed = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)

    def confirmed_ids(self) -> set[int]:
        raw = self.cleaned_data.get("confirmed") or ""
        return {
            int(part)
            for part in raw.split(",")
            if part.strip().isascii() and part.strip().isdigit()
        }


class PersonMergeForm(WorkplaceForm):
    other = forms.IntegerField(
        label="Nummer van de dubbele registratie", min_value=1, widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label="Reden",
        max_length=300,
        help_text="bv. twee keer geregistreerd, eens met en eens zonder INSZ-nummer",
    )
