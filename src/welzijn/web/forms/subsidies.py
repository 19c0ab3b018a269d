"""Forms of the subsidy pages. They only parse: the scheme's rules are in its YAML and the
service functions apply them (their Dutch reasons land next to the field)."""

from django import forms

from welzijn.registry.models import Organisation, Wijk
from welzijn.subsidies.models import Advice, BudgetLine, JuryScore, LegalForm
from welzijn.subsidies.rules import Ruleset
from welzijn.web.forms.common import AmountField, BelgianDateField, WorkplaceForm, today


def _text(label, max_length, rows=3, **kwargs):
    return forms.CharField(
        label=label, max_length=max_length, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


class ApplicationForm(WorkplaceForm):
    title = forms.CharField(label="Titel van het initiatief", max_length=200)
    description = _text("Wat gaat u doen?", 5000, rows=5)
    category = forms.ChoiceField(label="Categorie", choices=[])
    legal_form = forms.ChoiceField(label="Rechtsvorm van uw vereniging", choices=LegalForm.choices)
    active_in_ghent = forms.BooleanField(
        label="Onze vereniging heeft haar werking op het grondgebied van Gent", required=False
    )
    exclusions = forms.MultipleChoiceField(
        label="Vink aan wat op uw initiatief van toepassing is (als er iets van toepassing is)",
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_group = forms.CharField(label="Voor wie is het initiatief?", max_length=200)
    wijk = forms.ModelChoiceField(
        Wijk.objects.all(), label="Wijk", required=False, empty_label="heel Gent of meerdere wijken"
    )
    activities_last_year = forms.IntegerField(
        label="Aantal activiteiten in het vorige werkingsjaar",
        min_value=0,
        max_value=10_000,
        required=False,
    )
    members = forms.IntegerField(
        label="Aantal leden", min_value=0, max_value=1_000_000, required=False
    )
    start_date = BelgianDateField(label="Startdatum")
    end_date = BelgianDateField(label="Einddatum (tot en met)")

    def __init__(self, *args, rules: Ruleset, **kwargs):
        super().__init__(*args, **kwargs)
        if rules.categories:
            self.fields["category"].choices = [
                ("", "kies een categorie"),
                *rules.category_choices(),
            ]
        else:
            del self.fields["category"]
        for name in ("activities_last_year", "members"):
            if name not in rules.asks:
                del self.fields[name]
        self.fields["exclusions"].choices = list(rules.exclusions.items())
        if not rules.exclusions:
            del self.fields["exclusions"]


class BudgetLineForm(WorkplaceForm):
    kind = forms.ChoiceField(label="Soort kost", choices=BudgetLine.Kind.choices)
    description = forms.CharField(label="Omschrijving", max_length=200)
    amount = AmountField(label="Bedrag (EUR)", min_value=0)


class CheckForm(WorkplaceForm):
    note = _text("Opmerking bij de controle (niet verplicht)", 2000, required=False)


class JuryScoreForm(WorkplaceForm):
    score = forms.IntegerField(label="Score (0 tot 10)", min_value=0, max_value=10)
    advice = forms.ChoiceField(label="Advies", choices=JuryScore.Advice.choices)
    advised_amount = AmountField(label="Geadviseerd bedrag (EUR, niet verplicht)", required=False)
    note = _text("Motivering", 2000)


class DecisionForm(WorkplaceForm):
    outcome = forms.ChoiceField(
        label="Beslissing",
        choices=[("toekenning", "toekennen"), ("weigering", "weigeren")],
        widget=forms.RadioSelect,
    )
    amount = AmountField(label="Toegekend bedrag (EUR)", required=False)
    motivation = _text("Motivering (komt in de brief)", 5000, rows=4)
    decided_on = BelgianDateField(label="Datum van de beslissing", initial=today)


class PaymentForm(WorkplaceForm):
    amount = AmountField(label="Bedrag van de schijf (EUR)")
    on = BelgianDateField(label="Datum van betaling", initial=today)
    reason = forms.CharField(label="Omschrijving (niet verplicht)", max_length=300, required=False)


class FinalReportForm(WorkplaceForm):
    happened = forms.TypedChoiceField(
        label="Heeft het initiatief plaatsgevonden?",
        choices=[("ja", "ja"), ("nee", "nee")],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
    )
    participants = forms.IntegerField(label="Aantal deelnemers", min_value=0, max_value=1_000_000)
    spent = AmountField(label="Werkelijke kosten (EUR)", min_value=0)
    text = _text("Verslag: hoe verliep het?", 10000, rows=6)
    file = forms.FileField(label="Bijlage (PDF, foto, Word of ODT; niet verplicht)", required=False)


class CloseForm(WorkplaceForm):
    outcome = forms.ChoiceField(
        label="Afhandeling",
        choices=[
            ("afgesloten", "afsluiten: het eindverslag is in orde"),
            ("teruggevorderd", "terugvorderen: het initiatief vond niet (zo) plaats"),
        ],
        widget=forms.RadioSelect,
    )
    reclaim = AmountField(label="Terug te vorderen bedrag (EUR)", required=False, min_value=0)
    reason = _text("Reden", 300, required=False)


class AdviceForm(WorkplaceForm):
    """The Verenigingswijzer's advice on measure to an association."""

    organisation = forms.ModelChoiceField(Organisation.objects.order_by("name"), label="Vereniging")
    given_on = BelgianDateField(label="Datum van het advies", initial=today)
    topic = forms.ChoiceField(label="Onderwerp", choices=Advice.Topic.choices)
    note = forms.CharField(
        label="Wat werd geadviseerd", required=False, max_length=2000, widget=forms.Textarea
    )
