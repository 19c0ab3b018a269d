"""The default schedule covers every kind of personal record, and every rule can run."""

import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from welzijn.retention.defaults import schedule_data
from welzijn.retention.models import ProcessingActivity, RetentionRule
from welzijn.retention.schedule import due, rule_problems

pytestmark = pytest.mark.django_db

#: Fields that identify a person by themselves, wherever they appear.
PERSONAL_FIELDS = {
    "first_name", "last_name", "insz", "reporter_name", "reporter_email", "reporter_phone",
    "initials", "contact_name", "contact_phone",
}  # fmt: skip
PERSON_MODELS = {"registry.person", "registry.household"}


def personal_models() -> set[str]:
    """Models with a personal field, or a foreign key (at any depth) to one of them.
    Synthetic Ghent's own tables (development only) are left out."""
    models = [
        m
        for m in apps.get_models()
        if m.__module__.startswith("welzijn.") and m._meta.app_label != "synth"
    ]
    personal = set(PERSON_MODELS) | {
        m._meta.label_lower for m in models if PERSONAL_FIELDS & {f.name for f in m._meta.fields}
    }
    grown = True
    while grown:
        grown = False
        for model in models:
            label = model._meta.label_lower
            targets = {
                f.related_model._meta.label_lower
                for f in model._meta.fields
                if f.is_relation and f.related_model is not None
            }
            if label not in personal and targets & personal:
                personal.add(label)
                grown = True
    return personal | {"core.auditevent"}  # search terms in its detail


def test_every_model_holding_personal_data_has_a_rule():
    ruled = set(RetentionRule.objects.values_list("model", flat=True))
    missing = personal_models() - ruled
    assert not missing, f"geen bewaarregel voor {sorted(missing)}"
    assert {"casework.dossier", "meldingen.melding", "shelter.pitcountrecord"} <= ruled


def test_the_detection_finds_a_model_through_its_foreign_keys():
    found = personal_models()
    assert "casework.casenote" in found  # dossier > household
    assert "procedure.agendaitem" in found  # proposal > request > person
    assert "catalog.service" not in found


def test_the_migration_loaded_the_whole_fixture():
    data = schedule_data()
    assert ProcessingActivity.objects.count() == len(data)
    assert RetentionRule.objects.count() == sum(len(a["rules"]) for a in data)


def test_every_rule_can_run_and_says_where_its_period_comes_from():
    for rule in RetentionRule.objects.all():
        assert rule_problems(rule) == {}, rule.code
        assert "5, lid 1, e" in rule.legal_basis, rule.code
        if not rule.period_published:
            assert "Geen gepubliceerde termijn gevonden" in rule.legal_basis, rule.code
        if rule.action in ("delete", "erase"):
            assert due(rule, dt.date(2030, 1, 1)).count() == 0


def test_a_rule_naming_an_unknown_field_is_refused_in_dutch():
    rule = RetentionRule.objects.get(code="dossier-wissen")
    rule.anchor, rule.erase = "gesloten", {"geheim": ""}
    with pytest.raises(ValidationError) as refused:
        rule.full_clean()
    assert refused.value.message_dict == {
        "anchor": ["casework.dossier heeft geen veld 'gesloten'."],
        "erase": ["casework.dossier heeft geen veld 'geheim'."],
    }
    rule.anchor, rule.erase = "status", {}
    assert rule_problems(rule)["anchor"] == "'status' is geen datumveld van casework.dossier."
