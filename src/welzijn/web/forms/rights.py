"""The worklist's filter: which right, which wijk, in which order."""

from django import forms

from welzijn.registry.models import Wijk
from welzijn.rights.active_rules import rules
from welzijn.rights.selectors import WORKLIST_ORDERS
from welzijn.web.forms.common import WorkplaceForm


class WorklistFilterForm(WorkplaceForm):
    recht = forms.ChoiceField(label="Recht", required=False)
    wijk = forms.ModelChoiceField(
        label="Wijk", queryset=Wijk.objects.all(), required=False, empty_label="alle wijken"
    )
    sorteer = forms.ChoiceField(
        label="Sorteer op",
        required=False,
        choices=[(key, label) for key, (label, _) in WORKLIST_ORDERS.items()],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = sorted((right.label, name) for name, right in rules().rights.items())
        self.fields["recht"].choices = [("", "alle rechten")] + [(n, lab) for lab, n in labels]
