"""Forms of the monthly figures and the external figures: they only parse; the rules are in
`welzijn.outputs.services`."""

from django import forms
from django.core.exceptions import ValidationError

from welzijn.outputs.models import NOTE_MAX_LENGTH, SOURCE_MAX_LENGTH, OutputKind
from welzijn.outputs.months import MONTH_HINT, parse_month
from welzijn.web.forms.common import BelgianDateField, BelgianDecimalField, WorkplaceForm

#: An import file is small: a year of a team's figures is a few hundred lines.
IMPORT_MAX_BYTES = 2 * 1024 * 1024


class MonthField(forms.Field):
    """A month typed as mm/jjjj (jjjj-mm and ‘maart 2023’ too): its first day."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", MONTH_HINT)
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = str(value or "").strip()
        if not value:
            return None
        if len(value) > 20:
            raise ValidationError(f"Dit is geen maand ({MONTH_HINT}).", code="invalid")
        try:
            return parse_month(value)
        except ValueError as exc:
            raise ValidationError(str(exc), code="invalid") from None


class OutputForm(WorkplaceForm):
    kind = forms.ModelChoiceField(
        label="Dienst en eenheid", queryset=OutputKind.objects.none(), empty_label=None
    )
    month = MonthField(label="Maand")
    quantity = BelgianDecimalField(
        label="Aantal",
        min_value=0,
        help_text="Wat in de maand gebeurde; bij een stand: de stand op het einde van de maand.",
    )
    source = forms.CharField(
        label="Bron",
        max_length=SOURCE_MAX_LENGTH,
        help_text="Waar het cijfer vandaan komt, bv. kassasysteem, factuur, ledenlijst.",
    )
    note = forms.CharField(label="Opmerking", max_length=NOTE_MAX_LENGTH, required=False)

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = kinds
        self.fields["kind"].label_from_instance = lambda k: (
            f"{k.service.name}: {k.unit}{' (stand)' if k.stock else ''}"
        )


class CorrectForm(WorkplaceForm):
    quantity = BelgianDecimalField(label="Aantal", min_value=0)
    source = forms.CharField(label="Bron", max_length=SOURCE_MAX_LENGTH)
    note = forms.CharField(label="Opmerking", max_length=NOTE_MAX_LENGTH, required=False)
    reason = forms.CharField(
        label="Reden van de correctie",
        max_length=300,
        help_text="Het vorige cijfer blijft in de audittrail, met deze reden.",
    )


class ImportForm(WorkplaceForm):
    file = forms.FileField(
        label="Bestand (CSV of XLSX)",
        help_text="Kolommen: dienst;eenheid;maand;aantal;bron;opmerking. Dienst is de code "
        "van de dienst (bv. sociale-restaurants), maand mm/jjjj. Alles of niets: bij een "
        "fout wordt niets geregistreerd.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise ValidationError("Kies een CSV- of XLSX-bestand.")
        if upload.size > IMPORT_MAX_BYTES:
            raise ValidationError("Het bestand is groter dan 2 MB: splits het.")
        return upload


class ExternalFigureForm(WorkplaceForm):
    key = forms.ChoiceField(label="Cijfer")
    year = forms.IntegerField(label="Jaar", min_value=2000, max_value=2100)
    value = BelgianDecimalField(
        label="Waarde", min_value=0, decimal_places=3, help_text="Een aandeel als percentage."
    )
    source = forms.CharField(
        label="Bron", max_length=SOURCE_MAX_LENGTH, help_text="Wie het cijfer publiceert."
    )
    source_date = BelgianDateField(label="Datum van de bron")
    url = forms.URLField(label="Webadres", required=False, assume_scheme="https")

    def __init__(self, *args, keys: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = keys
