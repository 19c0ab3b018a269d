"""Forms of the activity register: a session, its participants, a series. They only parse;
the rules are in `welzijn.activities.services`."""

from django import forms

from welzijn.activities.models import MAX_PARTICIPANTS, TITLE_MAX_LENGTH, Series
from welzijn.casework.models import Office
from welzijn.catalog.models import Service, ServiceKind
from welzijn.registry.models import Organisation, Wijk
from welzijn.web.forms.common import BelgianDateField, WorkplaceForm, today


def _count(label: str, **kwargs) -> forms.IntegerField:
    """A number typed on a phone: the numeric keypad, never below 0."""
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=MAX_PARTICIPANTS,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        **kwargs,
    )


def _offices_field(form, offices) -> None:
    form.fields["office"].queryset = offices
    if offices.count() == 1:
        form.fields["office"].initial = offices.first()


class ActivityForm(WorkplaceForm):
    """A new session (with `series`: a session of that series, whose service it has), or
    (``edit=True``) what changes afterwards: place, count, results."""

    service = forms.ModelChoiceField(
        Service.objects.filter(kind=ServiceKind.ACTIVITY, active=True), label="Dienst"
    )
    office = forms.ModelChoiceField(Office.objects.none(), label="Organiserend team")
    date = BelgianDateField(label="Datum", initial=today)
    title = forms.CharField(
        label="Omschrijving",
        max_length=TITLE_MAX_LENGTH,
        required=False,
        help_text="bv. Repair Café Sluizeken, of het thema van de vorming",
    )
    partner = forms.ModelChoiceField(
        Organisation.objects.all(), label="Partnerorganisatie", required=False
    )
    place = forms.CharField(label="Plaats", max_length=150, required=False)
    street = forms.CharField(label="Straat", max_length=150, required=False)
    number = forms.CharField(label="Huisnummer", max_length=10, required=False)
    postcode = forms.CharField(
        label="Postcode",
        max_length=4,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    wijk = forms.ModelChoiceField(
        Wijk.objects.all(),
        label="Wijk",
        required=False,
        help_text="Leeg: de wijk van de straat (uit de stratenlijst).",
    )
    headcount = _count(
        "Aantal deelnemers (geteld)",
        help_text="Wie niet op naam staat; deelnemers op naam tellen vanzelf mee.",
    )
    items_brought = _count("Binnengebrachte voorwerpen", help_text="Repair Café")
    items_repaired = _count("Herstelde voorwerpen", help_text="Repair Café")

    def __init__(self, *args, offices=None, series: Series | None = None, edit=False, **kwargs):
        super().__init__(*args, **kwargs)
        if edit or series is not None:
            del self.fields["service"], self.fields["office"]
        else:
            _offices_field(self, offices)

    def service_data(self) -> dict:
        """The cleaned data as the service functions name them."""
        data = dict(self.cleaned_data)
        data["headcount"] = data.get("headcount") or 0
        for name in ("title", "place", "street", "number", "postcode"):
            data[name] = data.get(name) or ""
        return data


class ParticipantNameForm(WorkplaceForm):
    name = forms.CharField(
        label="Naam",
        max_length=200,
        help_text="Voor wie niet in het register staat (een inloper): voornaam en naam.",
    )


class SeriesForm(WorkplaceForm):
    service = forms.ModelChoiceField(
        Service.objects.filter(
            kind__in=[ServiceKind.ACTIVITY, ServiceKind.TRAJECTORY], active=True
        ),
        label="Dienst",
    )
    office = forms.ModelChoiceField(Office.objects.none(), label="Organiserend team")
    title = forms.CharField(label="Naam van de reeks", max_length=TITLE_MAX_LENGTH)
    start_date = BelgianDateField(label="Begindatum", initial=today)
    sessions_required = forms.IntegerField(
        label="Sessies nodig om te voltooien",
        min_value=1,
        max_value=500,
        initial=1,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    partner = forms.ModelChoiceField(
        Organisation.objects.all(), label="Partnerorganisatie", required=False
    )
    wijk = forms.ModelChoiceField(Wijk.objects.all(), label="Wijk", required=False)

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        _offices_field(self, offices)


class SeriesCloseForm(WorkplaceForm):
    to = forms.ChoiceField(
        label="Afsluiten als",
        choices=[(Series.Status.COMPLETED, "afgerond"), (Series.Status.STOPPED, "stopgezet")],
    )
    on = BelgianDateField(label="Einddatum", initial=today)
    goal_reached = forms.TypedChoiceField(
        label="Doel bereikt?",
        choices=[("ja", "ja"), ("nee", "nee")],
        coerce=lambda v: v == "ja",
        help_text="bv. kwam de Leefstraat er?",
    )
