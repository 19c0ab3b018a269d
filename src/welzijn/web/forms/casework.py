"""Forms about a dossier and what happens in it, and the worklist's dismissal."""

from django import forms

from welzijn.casework.models import MOTIVATION_MAX_LENGTH, Contact, Decision, Office, Trajectory
from welzijn.catalog.models import Service, ServiceKind
from welzijn.registry.models import Organisation
from welzijn.web.forms.common import (
    DateInput,
    MemberChoiceMixin,
    WorkplaceForm,
    outcomes,
    services,
    today,
)


class ContactForm(MemberChoiceMixin, WorkplaceForm):
    office = forms.ModelChoiceField(Office.objects.none(), label="Welzijnsbureau of team")
    person = forms.TypedChoiceField(label="Wie kwam", required=False, coerce=int, empty_value=None)
    occurred_on = forms.DateField(label="Datum", initial=today, widget=DateInput())
    channel = forms.ChoiceField(label="Kanaal", choices=Contact.Channel.choices)
    reason = forms.CharField(
        label="Vraag", max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    service = forms.ModelChoiceField(
        Service.objects.filter(active=True), label="Gevraagde dienst", required=False
    )
    outcome = forms.ModelChoiceField(
        outcomes("contact"),
        label="Uitkomst",
        to_field_name="code",
        required=False,
        help_text="Niet nodig als je een dossier opent.",
    )
    referred_to = forms.ModelChoiceField(
        Organisation.objects.all(), label="Doorverwezen naar", required=False
    )
    open_dossier = forms.BooleanField(label="Dossier openen voor dit huishouden", required=False)

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        if offices.count() == 1:
            self.fields["office"].initial = offices.first()

    def set_person_choices(self, memberships, *, person=None):
        """The household's members (or the one person, without a household), the person
        who came preselected; no choice at all for a contact without either."""
        if memberships:
            self.set_members(memberships)
        elif person is not None:
            self.fields["person"].choices = [(person.pk, str(person))]
        else:
            del self.fields["person"]
            return
        self.fields["person"].initial = person.pk if person else None

    def cleaned_person(self):
        return super().cleaned_person() if "person" in self.fields else None


class DossierOpenForm(WorkplaceForm):
    office = forms.ModelChoiceField(Office.objects.none(), label="Welzijnsbureau of team")
    opened_on = forms.DateField(label="Geopend op", initial=today, widget=DateInput())

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        if offices.count() == 1:
            self.fields["office"].initial = offices.first()


class DossierTransitionForm(WorkplaceForm):
    on = forms.DateField(label="Datum", initial=today, widget=DateInput())
    reason = forms.CharField(label="Reden", max_length=300)


class TrajectoryStartForm(MemberChoiceMixin, WorkplaceForm):
    service = forms.ModelChoiceField(services(ServiceKind.TRAJECTORY), label="Traject")
    person = forms.TypedChoiceField(label="Voor", required=False, coerce=int, empty_value=None)
    start_date = forms.DateField(label="Begindatum", initial=today, widget=DateInput())
    planned_end_date = forms.DateField(
        label="Geplande einddatum", required=False, widget=DateInput()
    )
    planned = forms.BooleanField(label="Nog niet gestart (gepland)", required=False)


class TrajectoryEndForm(WorkplaceForm):
    to = forms.ChoiceField(
        label="Afsluiten als",
        choices=[
            (Trajectory.Status.COMPLETED, "afgerond"),
            (Trajectory.Status.STOPPED, "stopgezet"),
        ],
    )
    on = forms.DateField(label="Einddatum", initial=today, widget=DateInput())
    outcome = forms.ModelChoiceField(
        outcomes("trajectory"), label="Uitkomst", to_field_name="code", required=False
    )


class InterventionForm(MemberChoiceMixin, WorkplaceForm):
    service = forms.ModelChoiceField(services(ServiceKind.INTERVENTION), label="Tussenkomst")
    person = forms.TypedChoiceField(label="Voor", required=False, coerce=int, empty_value=None)
    date = forms.DateField(label="Datum", initial=today, widget=DateInput())
    amount = forms.DecimalField(
        label="Bedrag (EUR)", required=False, max_digits=12, decimal_places=2
    )
    quantity = forms.DecimalField(
        label="Hoeveelheid", required=False, max_digits=12, decimal_places=2
    )
    decision = forms.ModelChoiceField(
        Decision.objects.none(), label="Op basis van beslissing", required=False
    )

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = (
            dossier.decisions.valid()
            .filter(outcome=Decision.Result.GRANT)
            .select_related("service")
        )


class DecisionForm(MemberChoiceMixin, WorkplaceForm):
    service = forms.ModelChoiceField(Service.objects.filter(active=True), label="Aanvraag")
    person = forms.TypedChoiceField(label="Voor", required=False, coerce=int, empty_value=None)
    outcome = forms.ChoiceField(label="Beslissing", choices=Decision.Result.choices)
    motivation = forms.CharField(
        label="Motivering",
        max_length=MOTIVATION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    decided_on = forms.DateField(label="Datum van de beslissing", initial=today, widget=DateInput())


class HearingForm(WorkplaceForm):
    requested_on = forms.DateField(label="Hoorzitting gevraagd op", widget=DateInput())
    held_on = forms.DateField(label="Hoorzitting gehouden op", required=False, widget=DateInput())


class DismissForm(WorkplaceForm):
    reason = forms.CharField(label="Reden van afwijzing", max_length=300, required=False)


class ReferralAnswerForm(WorkplaceForm):
    answer_note = forms.CharField(
        label="Toelichting", max_length=300, required=False, help_text="Verplicht bij weigeren."
    )
