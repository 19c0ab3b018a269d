"""Forms of the workplace. They only parse input; the rules live in the service functions,
whose Dutch messages are shown next to the field they name (see `submit`)."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from welzijn.casework.models import MOTIVATION_MAX_LENGTH, Contact, Decision, Office, Trajectory
from welzijn.catalog.models import Outcome, Service, ServiceKind
from welzijn.registry.models import Organisation

#: The search box reads at most this many characters.
SEARCH_MAX_LENGTH = 100


def today() -> dt.date:
    return timezone.localdate()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _services(kind: str):
    return Service.objects.filter(kind=kind, active=True).select_related("domain")


def _outcomes(applies_to: str):
    return Outcome.objects.filter(applies_to=applies_to, active=True)


class WorkplaceForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def submit(form: forms.Form, action, field_names: dict[str, str] | None = None, /, **kwargs):
    """Call a service function; put its validation errors on the form, next to the field
    they name (translated through field_names where the form calls it differently).
    Returns the service's result, or None when it refused."""
    field_names = field_names or {}
    try:
        return action(**kwargs)
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            form.add_error(None, exc)
            return None
        for field, errors in exc.error_dict.items():
            name = field_names.get(field, field)
            form.add_error(name if name in form.fields else None, errors)
        return None


class MemberChoiceMixin:
    """A `person` field limited to the household's members, empty = the whole household."""

    def set_members(self, memberships):
        people = {m.person_id: m.person for m in memberships}
        self.fields["person"].choices = [("", "het hele huishouden")] + [
            (pk, str(person)) for pk, person in people.items()
        ]

    def cleaned_person(self):
        from welzijn.registry.models import Person

        pk = self.cleaned_data.get("person")
        return Person.objects.get(pk=pk) if pk else None


class ContactForm(WorkplaceForm):
    office = forms.ModelChoiceField(Office.objects.none(), label="Welzijnsbureau of team")
    occurred_on = forms.DateField(label="Datum", initial=today, widget=DateInput())
    channel = forms.ChoiceField(label="Kanaal", choices=Contact.Channel.choices)
    reason = forms.CharField(
        label="Vraag", max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    service = forms.ModelChoiceField(
        Service.objects.filter(active=True), label="Gevraagde dienst", required=False
    )
    outcome = forms.ModelChoiceField(
        _outcomes("contact"),
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
    service = forms.ModelChoiceField(_services(ServiceKind.TRAJECTORY), label="Traject")
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
        _outcomes("trajectory"), label="Uitkomst", to_field_name="code", required=False
    )


class InterventionForm(MemberChoiceMixin, WorkplaceForm):
    service = forms.ModelChoiceField(_services(ServiceKind.INTERVENTION), label="Tussenkomst")
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
        self.fields["decision"].queryset = dossier.decisions.filter(
            outcome=Decision.Result.GRANT
        ).select_related("service")


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
