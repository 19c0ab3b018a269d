"""Forms of the meldingen: the warden's phone form, a change of state, the administrative
report, and the conflicts of the Dienst Preventie voor Veiligheid."""

from django import forms
from django.core.exceptions import ValidationError

from welzijn.casework.models import Office
from welzijn.meldingen.models import (
    DESCRIPTION_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    Conflict,
    ConflictParty,
    Melding,
)
from welzijn.meldingen.selectors import categories_tree
from welzijn.registry.models import Wijk
from welzijn.web.forms.common import BelgianDateField, WorkplaceForm, today


def category_choices(*, mains_selectable: bool = False) -> list:
    """Subcategories grouped under their main category (a select with optgroups)."""
    choices: list = [("", "— kies —")]
    for main, subs in categories_tree():
        group = [(c.pk, c.name) for c in subs]
        if mains_selectable:
            group.insert(0, (main.pk, f"{main.name} (alle)"))
        choices.append((main.name, group))
    return choices


def _wijk_choices(empty: str) -> list:
    return [("", empty)] + [(w.pk, w.name) for w in Wijk.objects.order_by("name")]


def handling_teams():
    """Teams that receive meldingen (the categories route to them)."""
    return Office.objects.filter(melding_categories__isnull=False).distinct().order_by("name")


class CoordinateField(forms.DecimalField):
    """A coordinate from the device (navigator.geolocation), rounded to 6 decimals."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(max_digits=9, decimal_places=6, required=False, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        if not value.is_finite() or abs(value) > 180:
            raise ValidationError("Dit is geen geldige coördinaat.", code="invalid")
        return round(value, 6)


class MeldingForm(WorkplaceForm):
    """What a warden types in the street, on a phone."""

    category = forms.TypedChoiceField(label="Categorie", coerce=int)
    street = forms.CharField(label="Straat", max_length=150, required=False)
    house_number = forms.CharField(label="Huisnummer", max_length=10, required=False)
    postcode = forms.CharField(label="Postcode", max_length=4, required=False, initial="9000")
    latitude = CoordinateField()
    longitude = CoordinateField()
    place_note = forms.CharField(label="Ter hoogte van", max_length=200, required=False)
    wijk = forms.TypedChoiceField(
        label="Wijk",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="Volgt uit de straat of de locatie; kies ze alleen als die niet gekend is.",
    )
    description = forms.CharField(
        label="Omschrijving",
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    photo = forms.ImageField(
        label="Foto",
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png", "capture": "environment"}
        ),
    )
    administrative_report = forms.BooleanField(
        label="Bestuurlijk verslag opgemaakt", required=False
    )
    reporter_kind = forms.ChoiceField(
        label="Gemeld door", choices=Melding.ReporterKind.choices, initial="gemeenschapswacht"
    )
    reporter_name = forms.CharField(label="Naam melder", max_length=150, required=False)
    reporter_email = forms.EmailField(
        label="E-mail melder",
        required=False,
        help_text="Wie een e-mailadres geeft, hoort hoe de melding afgehandeld werd.",
    )
    reporter_phone = forms.CharField(label="Telefoon melder", max_length=30, required=False)
    office = forms.ModelChoiceField(label="Voor team", queryset=Office.objects.none())

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices()
        self.fields["wijk"].choices = _wijk_choices("— volgt uit de plaats —")
        self.fields["office"].queryset = offices
        if len(offices) == 1:
            self.fields["office"].initial = offices[0].pk
            self.fields["office"].widget = forms.HiddenInput()
        for name in ("street", "house_number", "place_note", "reporter_name"):
            self.fields[name].widget.attrs["autocomplete"] = "off"
        self.fields["postcode"].widget.attrs["inputmode"] = "numeric"

    def clean(self):
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("street", "De locatie van het toestel is onvolledig: geef de straat.")
        return data


class TransitionForm(WorkplaceForm):
    to = forms.ChoiceField(label="Nieuwe status")
    note = forms.CharField(
        label="Toelichting",
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bij afhandelen of annuleren leest de melder dit (als die een e-mailadres gaf).",
    )
    team = forms.ModelChoiceField(
        label="Doorsturen naar team", queryset=Office.objects.none(), required=False
    )

    def __init__(self, *args, melding: Melding, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Melding.Status.choices)
        allowed = sorted(Melding.TRANSITIONS[melding.status], key=list(labels).index)
        self.fields["to"].choices = [(s, labels[s]) for s in allowed]
        self.fields["team"].queryset = handling_teams().exclude(pk=melding.team_id)


class ReportForm(WorkplaceForm):
    on = BelgianDateField(label="Bestuurlijk verslag opgemaakt op", initial=today)


class ConflictStartForm(WorkplaceForm):
    approach = forms.ChoiceField(label="Aanpak", choices=Conflict.Approach.choices)
    started_on = BelgianDateField(label="Gestart op", initial=today)
    reporter_party = forms.CharField(label="Naam van de melder", max_length=150, required=False)
    other_party = forms.CharField(label="Naam van de andere partij", max_length=150, required=False)

    def parties(self) -> list[dict[str, str]]:
        data = self.cleaned_data
        out = []
        if data.get("reporter_party", "").strip():
            out.append({"role": "melder", "name": data["reporter_party"].strip()})
        if data.get("other_party", "").strip():
            out.append({"role": "andere partij", "name": data["other_party"].strip()})
        return out


class PartyForm(WorkplaceForm):
    role = forms.ChoiceField(label="Rol", choices=ConflictParty.Role.choices)
    name = forms.CharField(label="Naam", max_length=150)
    contact = forms.CharField(label="Contact (telefoon of e-mail)", max_length=150, required=False)


class ConflictCloseForm(WorkplaceForm):
    ended_on = BelgianDateField(label="Afgesloten op", initial=today)
    helped = forms.ChoiceField(
        label="Voelde u zich geholpen?",
        choices=[("", "— het antwoord van de burger —"), *Conflict.Helped.choices],
    )
    note = forms.CharField(
        label="Afspraken of uitkomst",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="De melder leest dit als die een e-mailadres gaf.",
    )


class ListFilterForm(forms.Form):
    """The team list's filters (GET); invalid values are simply not applied."""

    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "alle"), ("open", "open (alle open statussen)"), *Melding.Status.choices],
    )
    category = forms.TypedChoiceField(
        label="Categorie", required=False, coerce=int, empty_value=None
    )
    wijk = forms.TypedChoiceField(label="Wijk", required=False, coerce=int, empty_value=None)
    overdue = forms.BooleanField(label="Alleen te laat", required=False)
    mine = forms.ChoiceField(
        label="Welke",
        required=False,
        choices=[
            ("team", "te behandelen door mijn team"),
            ("gemeld", "gemeld door mijn team"),
            ("alle", "alle die ik mag zien"),
        ],
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        choices = category_choices(mains_selectable=True)
        choices[0] = ("", "alle")
        self.fields["category"].choices = choices
        self.fields["wijk"].choices = _wijk_choices("alle")
