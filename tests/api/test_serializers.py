"""The read-only representations' cheaper path gives exactly what DRF's ModelSerializer
gives, for every resource that uses it, with values and with empty fields."""

import datetime as dt
from decimal import Decimal

import pytest
from factories import dossier, household, person, user
from rest_framework import serializers

from welzijn.api.resources import casework, dossier_records, meldingen
from welzijn.casework import services
from welzijn.casework.models import Contact, Office
from welzijn.core.roles import Role

pytestmark = pytest.mark.django_db


def _drf(serializer_class):
    meta = type("Meta", (), {"model": serializer_class.Meta.model, "fields": "__all__"})
    meta.fields = serializer_class.Meta.fields
    meta.read_only_fields = serializer_class.Meta.read_only_fields
    return type("Plain", (serializers.ModelSerializer,), {"Meta": meta})


def test_the_cheaper_path_gives_what_drf_gives():
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    member = person(worker)
    file = dossier(worker, household(worker, member))
    trajectory = services.trajectory_start(
        actor=worker,
        dossier_id=file.pk,
        service="housing-first",
        start_date=dt.date(2023, 3, 1),
        person=member,
    )
    decision = services.decision_record(
        actor=worker,
        dossier_id=file.pk,
        service="huurwaarborg",
        outcome="toekenning",
        motivation="ok",
        decided_on=dt.date(2023, 4, 1),
    )
    intervention = services.intervention_register(
        actor=worker,
        dossier_id=file.pk,
        service="huurwaarborg",
        date=dt.date(2023, 5, 1),
        amount=Decimal("912.5"),
        decision=decision,
    )
    services.intervention_cancel(actor=worker, intervention_id=intervention.pk, reason="dubbel")
    intervention.refresh_from_db()
    contact = services.contact_register(
        actor=worker,
        office=Office.objects.get(code="wb-brugse-poort"),
        occurred_on=dt.date(2023, 6, 1),
        channel="balie",
        reason="vraag",
        outcome="geen-vervolgtraject",
        person=member,
    )
    cases = [
        (casework.DossierSerializer, file),
        (dossier_records.TrajectorySerializer, trajectory),
        (dossier_records.DecisionSerializer, decision),
        (dossier_records.InterventionSerializer, intervention),
        (dossier_records.ContactSerializer, Contact.objects.get(pk=contact.pk)),
    ]
    for serializer_class, obj in cases:
        cheap = serializer_class(obj).data
        assert cheap == _drf(serializer_class)(obj).data, serializer_class
        assert list(cheap) == ["id", *serializer_class.Meta.read_only_fields]
    assert cases[3][0](intervention).data["amount"] == "912.50"
    many = dossier_records.InterventionSerializer([intervention, intervention], many=True).data
    assert many == _drf(dossier_records.InterventionSerializer)([intervention] * 2, many=True).data


@pytest.mark.parametrize(
    "serializer_class",
    [meldingen.MeldingSerializer, meldingen.MeldingEventSerializer, casework.DossierSerializer],
)
def test_fields_built_once_are_drfs_and_each_serializers_own(serializer_class):
    first, second = serializer_class(), serializer_class()
    built = {name: repr(field) for name, field in first.fields.items()}
    fresh = serializers.ModelSerializer.get_fields(serializer_class())  # DRF's own, anew
    assert built == {name: repr(field) for name, field in fresh.items()}
    for name, field in second.fields.items():
        assert field.parent is second and first.fields[name].parent is first
        assert field is not first.fields[name]
