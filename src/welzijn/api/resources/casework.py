"""Dossiers and what happened in them (contacts, trajectories, interventions, decisions),
read-only, and the rights findings (read, confirm, dismiss). Lists use the web's queryset
twins of the access rules; one object goes through the web's selector."""

import datetime as dt

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from welzijn.api.resource import Resource, etag_of
from welzijn.casework import selectors
from welzijn.casework.access import contacts_visible_to, dossiers_visible_to
from welzijn.casework.models import Contact, Decision, Dossier, Intervention, Trajectory
from welzijn.rights import selectors as rights_selectors
from welzijn.rights import services as rights_services
from welzijn.rights.models import Finding


def _serializer(model, names):
    meta = type("Meta", (), {"model": model, "fields": ["id", *names], "read_only_fields": names})
    return type(f"{model.__name__}Serializer", (serializers.ModelSerializer,), {"Meta": meta})


DossierSerializer = _serializer(
    Dossier, ["household", "office", "caseworker", "status", "opened_on", "closed_on"]
)
ContactSerializer = _serializer(
    Contact,
    ["office", "occurred_on", "channel", "person", "household", "dossier", "service", "outcome"],
)
TrajectorySerializer = _serializer(
    Trajectory,
    [
        "dossier",
        "person",
        "service",
        "status",
        "start_date",
        "planned_end_date",
        "end_date",
        "outcome",
    ],
)
InterventionSerializer = _serializer(
    Intervention, ["dossier", "person", "service", "date", "amount", "quantity", "unit", "decision"]
)
DecisionSerializer = _serializer(
    Decision,
    [
        "dossier",
        "person",
        "service",
        "outcome",
        "decided_on",
        "hearing_requested_on",
        "hearing_held_on",
        "appeal_lodged_on",
        "appeal_outcome",
    ],
)
FindingSerializer = _serializer(
    Finding,
    [
        "reference_date",
        "right",
        "household",
        "person",
        "office",
        "outcome",
        "amount",
        "review",
        "reviewed_at",
        "intervention",
    ],
)

D = dt.date


class DossierResource(Resource):
    resource = "dossiers"
    serializer_class = DossierSerializer
    queryset = Dossier.objects.none()
    filter_fields = {
        "office": ("office_id", int),
        "status": ("status", str),
        "wijk": ("household__address__wijk_id", int),
        "opened_from": ("opened_on__gte", D),
        "opened_to": ("opened_on__lte", D),
    }
    ordering_fields = ["id", "opened_on", "closed_on"]

    def visible(self, request):
        return dossiers_visible_to(request.user)

    def fetch(self, request, pk, intent, lock=False):
        return selectors.dossier_get(user=request.user, dossier_id=pk, intent=intent, reason="api")


def _in_visible_dossiers(model, request):
    return model.objects.filter(dossier__in=dossiers_visible_to(request.user).values("pk"))


_DOSSIER_FILTERS = {
    "dossier": ("dossier_id", int),
    "office": ("dossier__office_id", int),
    "service": ("service_id", int),
    "wijk": ("dossier__household__address__wijk_id", int),
}


class ContactResource(Resource):
    resource = "contacts"
    serializer_class = ContactSerializer
    queryset = Contact.objects.none()
    filter_fields = {
        "office": ("office_id", int),
        "service": ("service_id", int),
        "from": ("occurred_on__gte", D),
        "to": ("occurred_on__lte", D),
    }
    ordering_fields = ["id", "occurred_on"]

    def visible(self, request):
        return contacts_visible_to(request.user)

    def fetch(self, request, pk, intent, lock=False):
        return selectors.contact_get(user=request.user, contact_id=pk, intent=intent, reason="api")


class TrajectoryResource(Resource):
    resource = "trajectories"
    serializer_class = TrajectorySerializer
    queryset = Trajectory.objects.none()
    filter_fields = {
        **_DOSSIER_FILTERS,
        "status": ("status", str),
        "from": ("start_date__gte", D),
        "to": ("start_date__lte", D),
    }
    ordering_fields = ["id", "start_date", "end_date"]

    def visible(self, request):
        return _in_visible_dossiers(Trajectory, request)

    def fetch(self, request, pk, intent, lock=False):
        return selectors.trajectory_get(
            user=request.user, trajectory_id=pk, intent=intent, reason="api"
        )


class InterventionResource(Resource):
    resource = "interventions"
    serializer_class = InterventionSerializer
    queryset = Intervention.objects.none()
    filter_fields = {**_DOSSIER_FILTERS, "from": ("date__gte", D), "to": ("date__lte", D)}
    ordering_fields = ["id", "date"]

    def visible(self, request):
        return _in_visible_dossiers(Intervention, request)

    def fetch(self, request, pk, intent, lock=False):
        return selectors.intervention_get(
            user=request.user, intervention_id=pk, intent=intent, reason="api"
        )


class DecisionResource(Resource):
    resource = "decisions"
    serializer_class = DecisionSerializer
    queryset = Decision.objects.none()
    filter_fields = {
        **_DOSSIER_FILTERS,
        "outcome": ("outcome", str),
        "from": ("decided_on__gte", D),
        "to": ("decided_on__lte", D),
    }
    ordering_fields = ["id", "decided_on"]

    def visible(self, request):
        return _in_visible_dossiers(Decision, request)

    def fetch(self, request, pk, intent, lock=False):
        return selectors.decision_get(
            user=request.user, decision_id=pk, intent=intent, reason="api"
        )


class ConfirmSerializer(serializers.Serializer):
    on = serializers.DateField(
        required=False, help_text="de dag van de toekenning; standaard vandaag"
    )
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")


class DismissSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class FindingResource(Resource):
    resource = "findings"
    serializer_class = FindingSerializer
    queryset = Finding.objects.none()
    filter_fields = {
        "office": ("office_id", int),
        "review": ("review", str),
        "right": ("right", str),
        "wijk": ("household__address__wijk_id", int),
        "from": ("reference_date__gte", D),
        "to": ("reference_date__lte", D),
    }
    ordering_fields = ["id", "reference_date"]

    def visible(self, request):
        return rights_selectors.findings_visible_to(request.user)

    def fetch(self, request, pk, intent, lock=False):
        return rights_selectors.finding_get(
            user=request.user, finding_id=pk, intent=intent, reason="api"
        )

    def _answer(self, finding):
        data = FindingSerializer(Finding.objects.get(pk=finding.pk)).data
        return Response(data, headers={"ETag": etag_of(data)})

    @extend_schema(request=ConfirmSerializer, responses=FindingSerializer, summary="Bevestigen")
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        body = ConfirmSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        finding = rights_services.finding_confirm(
            actor=request.user,
            finding_id=self._pk(),
            on=body.validated_data.get("on") or timezone.localdate(),
            reason=body.validated_data["reason"],
        )
        return self._answer(finding)

    @extend_schema(request=DismissSerializer, responses=FindingSerializer, summary="Afwijzen")
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        body = DismissSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        finding = rights_services.finding_dismiss(
            actor=request.user, finding_id=self._pk(), reason=body.validated_data["reason"]
        )
        return self._answer(finding)
