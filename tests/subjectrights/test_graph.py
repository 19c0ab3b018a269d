"""The export's coverage comes from the model graph: a model that holds personal data is
exported (it has a path to a person or a household) or declared out of scope with a reason."""

import pytest
from django.apps import apps

from welzijn.subjectrights.graph import OUT_OF_SCOPE, personal_models

#: Field names that mark a model as holding data about a person.
PERSONAL_FIELDS = (
    "first_name",
    "last_name",
    "insz",
    "birth",
    "email",
    "phone",
    "reporter_name",
    "contact_name",
    "ip_address",
    "username",
    "initials",
)


def _personal_fields(model) -> list[str]:
    return [
        f.name for f in model._meta.concrete_fields if any(h in f.name for h in PERSONAL_FIELDS)
    ]


def test_every_personal_model_is_exported_or_declared():
    exported = {p.label for p in personal_models()}
    missing = [
        model._meta.label_lower
        for model in apps.get_models()
        if _personal_fields(model)
        and model._meta.label_lower not in exported
        and model._meta.label_lower not in OUT_OF_SCOPE
    ]
    assert not missing, f"neither exported nor in graph.OUT_OF_SCOPE: {missing}"


def test_declared_models_exist_and_give_a_reason():
    labels = {m._meta.label_lower for m in apps.get_models()}
    for label, reason in OUT_OF_SCOPE.items():
        assert label in labels or label.startswith("synth."), label
        assert len(reason) > 20, label


@pytest.mark.parametrize(
    "label",
    [
        "registry.householdmembership",
        "registry.householdaddress",
        "registry.income",
        "registry.socialstatus",
        "casework.dossier",
        "casework.contact",
        "casework.trajectory",
        "casework.intervention",
        "casework.decision",
        "casework.casenote",
        "casework.document",
        "casework.task",
        "casework.referral",
        "procedure.request",
        "procedure.proposal",
        "procedure.decisionletter",
        "rights.finding",
        "shelter.stay",
        "meldingen.conflictparty",
        "activities.participant",
        "volunteering.volunteer",
        "activation.placement",
        "energy.lacdossier",
        "energy.rentguarantee",
    ],
)
def test_the_walk_finds_the_records_of_every_domain(label):
    assert label in {p.label for p in personal_models()}
