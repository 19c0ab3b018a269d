"""Every column of every model the report reads is classified, and no person's key escapes."""

from django.apps import apps
from django.db.models import ForeignKey

from welzijn.analytics.classification import MODELS, PSEUDONYM, SUBJECTS, YEAR


def test_every_column_of_every_analysed_model_is_classified():
    for label, columns in MODELS.items():
        model = apps.get_model(label)
        assert set(columns) == {f.column for f in model._meta.concrete_fields}, label


def test_every_key_of_a_person_or_household_is_pseudonymised():
    for label, columns in MODELS.items():
        model = apps.get_model(label)
        for f in model._meta.concrete_fields:
            target = model if f.primary_key else getattr(f, "related_model", None)
            if target is not None and target._meta.label in SUBJECTS:
                assert columns[f.column] == PSEUDONYM, f"{label}.{f.column}"
            if isinstance(f, ForeignKey) and f.related_model._meta.label == "auth.User":
                assert columns[f.column] != "K", f"{label}.{f.column}: een medewerker"


def test_person_view_keeps_no_identifier():
    person = MODELS["registry.Person"]
    kept = {c for c, rule in person.items() if rule == "K"}
    assert kept == {"sex", "nationality", "residence_status", "language"}
    assert person["birth_date"] == YEAR
    assert {MODELS["registry.Address"][c] for c in ("street", "number", "box")} == {"N"}
