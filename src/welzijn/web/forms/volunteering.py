"""Forms of the Vrijwilligerspunt: a volunteer, a vacancy, an answer, a follow-up."""

from django import forms

from welzijn.registry.models import Organisation, Person, Wijk
from welzijn.volunteering.models import LANGUAGES, Cause, DayPart, Skill
from welzijn.web.forms.common import BelgianDateField, WorkplaceForm, today


def _checkboxes(label, choices, required=True, **kwargs):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=required,
        widget=forms.CheckboxSelectMultiple,
        **kwargs,
    )


def _picked(label, queryset):
    return forms.ModelMultipleChoiceField(
        label=label, queryset=queryset, required=False, widget=forms.CheckboxSelectMultiple
    )


class OfferFields(WorkplaceForm):
    """What a volunteer offers and a vacancy asks, named as the models' fields."""

    causes = _picked("Engagement", Cause.objects.all())
    skills = _picked("Vaardigheden", Skill.objects.all())
    hours_per_week = forms.IntegerField(label="Uren per week", min_value=1, max_value=60)
    availability = _checkboxes("Wanneer", DayPart.choices)
    languages = _checkboxes("Talen", sorted(LANGUAGES.items(), key=lambda item: item[1]))


class VolunteerForm(OfferFields):
    first_name = forms.CharField(label="Voornaam", max_length=100)
    last_name = forms.CharField(label="Achternaam", max_length=100)
    birth_date = BelgianDateField(label="Geboortedatum")
    sex = forms.ChoiceField(label="Geslacht", choices=Person.Sex.choices)
    nationality = forms.CharField(
        label="Nationaliteit", max_length=2, help_text="landcode, bv. BE, MA, SY"
    )
    residence_status = forms.ChoiceField(
        label="Verblijfsstatus", choices=Person.ResidenceStatus.choices
    )
    wijk = forms.ModelChoiceField(label="Woont in de wijk", queryset=Wijk.objects.all())
    max_distance_km = forms.IntegerField(
        label="Wil zich verplaatsen tot (km)", min_value=0, max_value=50, initial=5
    )
    needs_accessible = forms.BooleanField(
        label="Heeft een rolstoeltoegankelijke plek nodig", required=False
    )
    note = forms.CharField(label="Notitie", max_length=2000, required=False, widget=forms.Textarea)
    registered_on = BelgianDateField(label="Ingeschreven op", initial=today)

    field_order = [
        "first_name",
        "last_name",
        "birth_date",
        "sex",
        "nationality",
        "residence_status",
        "wijk",
        "max_distance_km",
        "languages",
        "availability",
        "hours_per_week",
        "causes",
        "skills",
        "needs_accessible",
        "note",
        "registered_on",
    ]


class VacancyForm(OfferFields):
    organisation = forms.ModelChoiceField(label="Organisatie", queryset=Organisation.objects.all())
    title = forms.CharField(label="Titel", max_length=120)
    task = forms.CharField(label="Taak", max_length=3000, widget=forms.Textarea)
    wijk = forms.ModelChoiceField(
        label="Wijk",
        queryset=Wijk.objects.all(),
        required=False,
        help_text="leeg: op verschillende plaatsen of van thuis uit",
    )
    place = forms.CharField(label="Plaats", max_length=200, required=False)
    minimum_age = forms.IntegerField(
        label="Minimumleeftijd", min_value=12, max_value=99, initial=16
    )
    languages = _checkboxes(
        "Gevraagde talen",
        sorted(LANGUAGES.items(), key=lambda item: item[1]),
        required=False,
        help_text="leeg: geen voorwaarde",
    )
    accessible = forms.BooleanField(label="Rolstoeltoegankelijk", required=False)
    accessibility_note = forms.CharField(label="Toegankelijkheid", max_length=300, required=False)
    insurer = forms.CharField(
        label="Verzekeraar burgerlijke aansprakelijkheid",
        max_length=120,
        required=False,
        help_text="nodig om de vacature te publiceren (wet van 3 juli 2005, art. 6)",
    )
    policy_number = forms.CharField(label="Polisnummer", max_length=60, required=False)

    field_order = ["organisation", "title", "task", "causes", "skills", "wijk", "place"]

    def __init__(self, *args, organisation=None, **kwargs):
        """An organisation's own account keeps its own vacancies: no choice of organisation."""
        super().__init__(*args, **kwargs)
        if organisation is not None:
            del self.fields["organisation"]


class ProposeForm(WorkplaceForm):
    vacancy = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)


class AnswerForm(WorkplaceForm):
    answer = forms.ChoiceField(label="Antwoord", choices=[("ja", "aanvaard"), ("nee", "afgewezen")])


class FollowUpForm(WorkplaceForm):
    real = forms.ChoiceField(
        label="Werd het een echte match?",
        choices=[("ja", "ja, de vrijwilliger is aan de slag"), ("nee", "nee")],
        widget=forms.RadioSelect,
    )
    on = BelgianDateField(label="Opgevolgd op", initial=today)
    note = forms.CharField(label="Notitie", max_length=2000, required=False, widget=forms.Textarea)
