"""Forms about a dossier and what happens in it, and the worklist's dismissal."""

from django import forms

from welzijn.casework.amounts import AMOUNT_ABOVE_CEILING
from welzijn.casework.models import MOTIVATION_MAX_LENGTH, Contact, Decision, Office, Trajectory
from welzijn.catalog.models import Service, ServiceKind
from welzijn.registry.models import Organisation
from welzijn.web.forms.common import (
    AmountField,
    BelgianDateField,
    BelgianDecimalField,
    MemberChoiceMixin,
    WorkplaceForm,
    outcomes,
    services,
    today,
)


class ContactForm(MemberChoiceMixin, WorkplaceForm):
    office = forms.ModelChoiceField(Office.objects.none(), label="Welzijnsbureau of team")
    person = forms.TypedChoiceField(label="Wie kwam", required=False, coerce=int, empty_value=None)
    occurred_on = BelgianDateField(label="Datum", initial=today)
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
    opened_on = BelgianDateField(label="Geopend op", initial=today)

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        if offices.count() == 1:
            self.fields["office"].initial = offices.first()


class DossierTransitionForm(WorkplaceForm):
    on = BelgianDateField(label="Datum", initial=today)
    reason = forms.CharField(label="Reden", max_length=300)


class TrajectoryStartForm(MemberChoiceMixin, WorkplaceForm):
    service = forms.ModelChoiceField(services(ServiceKind.TRAJECTORY), label="Traject")
    person = forms.TypedChoiceField(label="Voor", required=False, coerce=int, empty_value=None)
    start_date = BelgianDateField(label="Begindatum", initial=today)
    planned_end_date = BelgianDateField(label="Geplande einddatum", required=False)
    planned = forms.BooleanField(label="Nog niet gestart (gepland)", required=False)


class TrajectoryEndForm(WorkplaceForm):
    to = forms.ChoiceField(
        label="Afsluiten als",
        choices=[
            (Trajectory.Status.COMPLETED, "afgerond"),
            (Trajectory.Status.STOPPED, "stopgezet"),
        ],
    )
    on = BelgianDateField(label="Einddatum", initial=today)
    outcome = forms.ModelChoiceField(
        outcomes("trajectory"), label="Uitkomst", to_field_name="code", required=False
    )


class InterventionForm(MemberChoiceMixin, WorkplaceForm):
    service = forms.ModelChoiceField(services(ServiceKind.INTERVENTION), label="Tussenkomst")
    person = forms.TypedChoiceField(label="Voor", required=False, coerce=int, empty_value=None)
    date = BelgianDateField(label="Datum", initial=today)
    amount = AmountField(label="Bedrag (EUR)", required=False)
    quantity = BelgianDecimalField(label="Hoeveelheid", required=False)
    decision = forms.ModelChoiceField(
        Decision.objects.none(), label="Op basis van beslissing", required=False
    )
    confirmed_above_ceiling = forms.BooleanField(label="Ja, dit bedrag klopt", required=False)

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = (
            dossier.decisions.valid()
            .filter(outcome=Decision.Result.GRANT)
            .select_related("service")
        )
        if not self.data.get("confirmed_above_ceiling"):
            del self.fields["confirmed_above_ceiling"]

    def ask_confirmation(self) -> None:
        """After the service refused an amount above the service's plausible maximum, show
        the checkbox that confirms it (the warning itself stands on the amount)."""
        if self.has_error("amount", AMOUNT_ABOVE_CEILING):
            self.fields["confirmed_above_ceiling"] = self.declared_fields["confirmed_above_ceiling"]
            self.order_fields(["service", "person", "date", "amount", "confirmed_above_ceiling"])

    def confirmed(self) -> bool:
        return bool(self.cleaned_data.get("confirmed_above_ceiling"))


class DecisionForm(MemberChoiceMixin, WorkplaceForm):
    service = forms.ModelChoiceField(Service.objects.filter(active=True), label="Aanvraag")
    person = forms.TypedChoiceField(label="Voor", required=False, coerce=int, empty_value=None)
    outcome = forms.ChoiceField(label="Beslissing", choices=Decision.Result.choices)
    motivation = forms.CharField(
        label="Motivering",
        max_length=MOTIVATION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    decided_on = BelgianDateField(label="Datum van de beslissing", initial=today)


class HearingForm(WorkplaceForm):
    requested_on = BelgianDateField(label="Hoorzitting gevraagd op")
    held_on = BelgianDateField(label="Hoorzitting gehouden op", required=False)


class DismissForm(WorkplaceForm):
    reason = forms.CharField(label="Reden van afwijzing", max_length=300, required=False)


class ReferralAnswerForm(WorkplaceForm):
    answer_note = forms.CharField(
        label="Toelichting", max_length=300, required=False, help_text="Verplicht bij weigeren."
    )
