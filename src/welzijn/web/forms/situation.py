"""Forms about a person's situation: incomes and statuses, with their source and proof."""

from django import forms

from welzijn.registry.models import PROOF_MAX_LENGTH, EvidenceSource, Income, StatusKind
from welzijn.web.forms.common import AmountField, BelgianDateField, WorkplaceForm, today


class IncomeForm(WorkplaceForm):
    category = forms.ChoiceField(label="Soort inkomen", choices=Income.Category.choices)
    amount_net = AmountField(label="Netto bedrag (EUR)", required=False)
    amount_gross_taxable = AmountField(label="Bruto belastbaar bedrag (EUR)", required=False)
    per = forms.ChoiceField(label="Per", choices=Income.Per.choices)
    start_date = BelgianDateField(label="Vanaf", initial=today)
    end_date = BelgianDateField(label="Tot en met", required=False, help_text="Leeg: loopt nog.")
    source = forms.ChoiceField(label="Bron", choices=EvidenceSource.choices)
    proof = forms.CharField(
        label="Bewijs",
        max_length=PROOF_MAX_LENGTH,
        required=False,
        help_text="bv. nummer van het attest",
    )


class StatusForm(WorkplaceForm):
    kind = forms.ModelChoiceField(StatusKind.objects.none(), label="Status", to_field_name="code")
    start_date = BelgianDateField(label="Vanaf", initial=today)
    end_date = BelgianDateField(label="Tot en met", required=False, help_text="Leeg: loopt nog.")
    source = forms.ChoiceField(label="Bron", choices=EvidenceSource.choices)
    proof = forms.CharField(
        label="Bewijs",
        max_length=PROOF_MAX_LENGTH,
        required=False,
        help_text="bv. nummer van het attest",
    )

    def __init__(self, *args, entity: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = StatusKind.objects.filter(entity=entity)
