"""Dossiers (read) and the rights findings (read, confirm, dismiss); what happened in a
dossier is in `dossier_records`. Lists use the web's queryset twins of the access rules;
one object goes through the web's selector."""

import datetime as dt

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from welzijn.api.resource import Resource, etag_of
from welzijn.api.serializers import read_only_serializer
from welzijn.casework import selectors
from welzijn.casework.access import dossiers_visible_to
from welzijn.casework.models import Dossier
from welzijn.rights import selectors as rights_selectors
from welzijn.rights import services as rights_services
from welzijn.rights.models import Finding

DossierSerializer = read_only_serializer(
    Dossier, ["household", "office", "caseworker", "status", "opened_on", "closed_on"]
)
FindingSerializer = read_only_serializer(
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
