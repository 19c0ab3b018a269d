"""Forms of the caseworker's everyday in a dossier: a note of the sociaal verslag, a document,
an appointment or task, and the reason to cancel or withdraw a record entered in error."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.defaultfilters import filesizeformat

from welzijn.casework.documents import ACCEPTED_EXTENSIONS
from welzijn.casework.models import (
    CANCEL_REASON_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    Decision,
    DocumentKind,
    Task,
)
from welzijn.web.forms.common import BelgianDateField, WorkplaceForm, today


class NoteForm(WorkplaceForm):
    noted_on = BelgianDateField(label="Datum", initial=today)
    text = forms.CharField(
        label="Notitie",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Een notitie wordt na het opslaan niet meer gewijzigd; een vergissing "
        "verbeter je met een correctie.",
    )
    confidential = forms.BooleanField(
        label="Vertrouwelijk (alleen voor het eigen welzijnsbureau of team)", required=False
    )


class DocumentForm(WorkplaceForm):
    kind = forms.ModelChoiceField(
        DocumentKind.objects.filter(active=True), label="Soort document", to_field_name="code"
    )
    file = forms.FileField(
        label="Bestand",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_EXTENSIONS)}),
    )
    decision = forms.ModelChoiceField(
        Decision.objects.none(), label="Bij de beslissing", required=False
    )

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        limit = filesizeformat(settings.WELZIJN_DOCUMENT_MAX_BYTES)
        self.fields["file"].help_text = f"PDF, PNG, JPEG, DOCX of ODT, hoogstens {limit}."
        self.fields["decision"].queryset = dossier.decisions.valid().select_related("service")

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > settings.WELZIJN_DOCUMENT_MAX_BYTES:
            raise forms.ValidationError(
                f"Het bestand is te groot; het mag hoogstens "
                f"{filesizeformat(settings.WELZIJN_DOCUMENT_MAX_BYTES)} zijn."
            )
        return file


class TaskForm(WorkplaceForm):
    kind = forms.ChoiceField(label="Soort", choices=Task.Kind.choices)
    description = forms.CharField(label="Wat, met wie", max_length=300)
    due_on = BelgianDateField(label="Datum", initial=today)
    due_time = forms.TimeField(
        label="Uur",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="Nodig voor een afspraak.",
    )
    place = forms.CharField(label="Plaats", max_length=200, required=False)
    assigned_to = forms.ModelChoiceField(get_user_model().objects.none(), label="Voor")

    def __init__(self, *args, dossier, user, **kwargs):
        super().__init__(*args, **kwargs)
        staff = get_user_model().objects.filter(assignments__office=dossier.office_id)
        self.fields["assigned_to"].queryset = staff.order_by("first_name", "username")
        self.fields["assigned_to"].label_from_instance = lambda u: u.get_full_name() or u.username
        default = next(
            (u for u in (dossier.caseworker, user) if u and staff.filter(pk=u.pk).exists()), None
        )
        self.fields["assigned_to"].initial = default


class CancelForm(WorkplaceForm):
    reason = forms.CharField(
        label="Reden van annulering",
        max_length=CANCEL_REASON_MAX_LENGTH,
        help_text="Wat was er fout? Het gegeven blijft bewaard, doorstreept, met deze reden.",
    )


class WithdrawForm(WorkplaceForm):
    reason = forms.CharField(label="Reden van intrekking", max_length=CANCEL_REASON_MAX_LENGTH)
