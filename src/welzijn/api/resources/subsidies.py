"""Subsidy applications, read by the team that runs the scheme (and its jury, and the
applying association for its own), as on the web. Writing stays on the web: an application
is submitted by the association with the rules' verdicts in view."""

import datetime as dt

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from welzijn.api.resource import Resource
from welzijn.api.serializers import ModelSerializer
from welzijn.subsidies import selectors
from welzijn.subsidies.access import applications_visible_to
from welzijn.subsidies.models import Application


class ApplicationSerializer(ModelSerializer):
    scheme = serializers.CharField(source="call.scheme.code", read_only=True)
    call = serializers.SlugRelatedField(slug_field="code", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    wijk = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    requested_amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, read_only=True, help_text="som van de begrotingslijnen"
    )

    class Meta:
        model = Application
        fields = [
            "id",
            "scheme",
            "call",
            "number",
            "organisation",
            "title",
            "category",
            "target_group",
            "wijk",
            "start_date",
            "end_date",
            "status",
            "submitted_on",
            "checked_on",
            "decided_on",
            "requested_amount",
            "granted_amount",
        ]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(summary="Subsidieaanvragen van de reglementen van het team van de client"),
    retrieve=extend_schema(summary="Eén subsidieaanvraag"),
)
class ApplicationResource(Resource):
    resource = "subsidy-applications"
    serializer_class = ApplicationSerializer
    queryset = Application.objects.none()
    filter_fields = {
        "submitted_from": ("submitted_on__gte", dt.date),
        "submitted_until": ("submitted_on__lte", dt.date),
        "office": ("call__scheme__office__code", str),
        "service": ("call__scheme__service__code", str),
        "scheme": ("call__scheme__code", str),
        "call": ("call__code", str),
        "state": ("status", str),
        "wijk": ("wijk__code", str),
    }
    ordering_fields = ["submitted_on", "decided_on", "number", "id"]
    ordering = ["-id"]

    def visible(self, request):
        return (
            applications_visible_to(request.user)
            .select_related("call__scheme", "organisation", "wijk")
            .prefetch_related("lines")
        )

    def fetch(self, request, pk, intent, lock=False):
        return selectors.application_get(
            user=request.user, application_id=pk, intent=intent, reason="api"
        )
