"""Forms of the Sociale Dienst's procedure: a request, the social report and proposal, the
teamcoach's review, a session of the comité, the minutes of a point, the letter, assigning."""

from django import forms

from welzijn.casework.models import Decision
from welzijn.catalog.models import Service
from welzijn.procedure.models import REPORT_PART_MAX_LENGTH, AgendaItem, Request
from welzijn.web.forms.common import (
    AmountField,
    BelgianDateField,
    MemberChoiceMixin,
    WorkplaceForm,
    today,
)


def _text(label, rows=4, required=True):
    return forms.CharField(
        label=label,
        max_length=REPORT_PART_MAX_LENGTH,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class RequestForm(MemberChoiceMixin, WorkplaceForm):
    service = forms.ModelChoiceField(
        Service.objects.filter(active=True).order_by("name"), label="Gevraagde hulp"
    )
    person = forms.TypedChoiceField(label="Aanvrager", required=False, coerce=int, empty_value=None)
    received_on = BelgianDateField(label="Ontvangen op", initial=today)
    channel = forms.ChoiceField(label="Kanaal", choices=Request.Channel.choices)
    question = forms.CharField(
        label="Wat wordt gevraagd", max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class ProposalForm(WorkplaceForm):
    situation = _text("Situatie")
    means = _text("Bestaansmiddelen")
    needs = _text("Noden")
    proposed_result = forms.ChoiceField(label="Voorstel", choices=Decision.Result.choices)
    proposed_amount = AmountField(label="Bedrag (EUR)", required=False)
    proposed_from = BelgianDateField(label="Vanaf", required=False)
    motivation = _text("Motivering van het voorstel")
    notes = forms.TypedMultipleChoiceField(
        label="Steunt op de notities",
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    documents = forms.TypedMultipleChoiceField(
        label="Steunt op de documenten",
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, notes, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notes"].choices = [
            (n.pk, f"{n.noted_on:%d/%m/%Y}: {n.text[:80]}") for n in notes
        ]
        self.fields["documents"].choices = [(d.pk, str(d)) for d in documents]


class ReviewForm(WorkplaceForm):
    decision = forms.ChoiceField(
        label="Beoordeling",
        choices=[("goedkeuren", "goedkeuren voor de agenda"), ("terugsturen", "terugsturen")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Opmerking",
        max_length=500,
        required=False,
        help_text="Verplicht als je het voorstel terugstuurt.",
    )


class SessionForm(WorkplaceForm):
    held_on = BelgianDateField(label="Datum van de zitting")
    members_total = forms.IntegerField(
        label="Aantal leden van het comité", min_value=1, max_value=99
    )


class PresenceForm(WorkplaceForm):
    members_present = forms.CharField(
        label="Aanwezige leden",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Eén naam per lijn.",
    )


class ItemDecisionForm(WorkplaceForm):
    verdict = forms.ChoiceField(label="Beslissing", choices=())
    revised_result = forms.ChoiceField(
        label="Herziene beslissing, als het comité herziet",
        choices=[("", "—"), *Decision.Result.choices],
        required=False,
    )
    motivation = _text("Motivering")
    amount = AmountField(label="Bedrag (EUR), bij een gewijzigde toekenning", required=False)
    effective_from = BelgianDateField(label="Vanaf, bij een gewijzigde toekenning", required=False)

    def __init__(self, *args, hearing: bool, **kwargs):
        super().__init__(*args, **kwargs)
        verdicts = AgendaItem.HEARING_VERDICTS if hearing else AgendaItem.PROPOSAL_VERDICTS
        self.fields["verdict"].choices = [(v.value, v.label) for v in verdicts]
        if hearing:
            self.fields["amount"].label = "Bedrag (EUR), bij een herziene toekenning"
            self.fields["effective_from"].label = "Vanaf, bij een herziene toekenning"
        else:
            del self.fields["revised_result"]


class LetterSentForm(WorkplaceForm):
    sent_on = BelgianDateField(label="Verzonden op", initial=today)


class AppealForm(WorkplaceForm):
    lodged_on = BelgianDateField(label="Beroep ingesteld op")
    outcome = forms.ChoiceField(label="Uitkomst", choices=Decision.AppealOutcome.choices)


class AssignForm(WorkplaceForm):
    caseworker = forms.TypedChoiceField(label="Maatschappelijk werker", coerce=int)
    reason = forms.CharField(label="Reden", max_length=300)

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = {w.pk: w for w in workers}
        self.fields["caseworker"].choices = [
            (w.pk, w.get_full_name() or w.username) for w in workers
        ]

    def cleaned_worker(self):
        return self.workers.get(self.cleaned_data["caseworker"])
