"""Activities (sessions of a service with a group): read by the organising team, registered
through the activities service. Participants' names stay on the web: the API gives the
counts."""

import datetime as dt

from django.db.models import Count
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from welzijn.activities import selectors, services
from welzijn.activities.access import activities_visible_to
from welzijn.activities.models import Activity
from welzijn.api.resource import Creatable, Resource
from welzijn.api.serializers import ModelSerializer
from welzijn.casework.models import Office
from welzijn.catalog.models import Service
from welzijn.registry.models import Organisation, Wijk


def _code(queryset, what: str, **extra):
    return serializers.SlugRelatedField(
        slug_field="code",
        queryset=queryset,
        error_messages={
            "does_not_exist": f"Onbekende {what} '{{value}}'.",
            "invalid": f"Geef de code van de {what}.",
        },
        **extra,
    )


class ActivitySerializer(ModelSerializer):
    service = _code(Service.objects.all(), "dienst")
    office = _code(Office.objects.all(), "dienst of team", help_text="het organiserende team")
    partner = _code(Organisation.objects.all(), "organisatie", required=False, allow_null=True)
    wijk = _code(Wijk.objects.all(), "wijk", required=False, allow_null=True)
    named_participants = serializers.SerializerMethodField(
        help_text="deelnemers bij naam (de namen staan alleen in de werkplek)"
    )
    cancelled = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        fields = [
            "id",
            "service",
            "office",
            "date",
            "title",
            "partner",
            "place",
            "street",
            "number",
            "postcode",
            "wijk",
            "headcount",
            "items_brought",
            "items_repaired",
            "named_participants",
            "cancelled",
        ]

    def get_named_participants(self, activity: Activity) -> int:
        named = getattr(activity, "named", None)
        return named if named is not None else activity.participants.count()

    def get_cancelled(self, activity: Activity) -> bool:
        return activity.cancelled_at is not None


@extend_schema_view(
    list=extend_schema(summary="Activiteiten van de teams van de client"),
    retrieve=extend_schema(summary="Eén activiteit"),
    create=extend_schema(summary="Een activiteit registreren"),
)
class ActivityResource(Creatable, Resource):
    resource = "activities"
    serializer_class = ActivitySerializer
    queryset = Activity.objects.none()
    filter_fields = {
        "date_from": ("date__gte", dt.date),
        "date_until": ("date__lte", dt.date),
        "office": ("office__code", str),
        "service": ("service__code", str),
        "wijk": ("wijk__code", str),
        "partner": ("partner__code", str),
    }
    ordering_fields = ["date", "id", "headcount"]
    ordering = ["-date", "-id"]

    def visible(self, request):
        return (
            activities_visible_to(request.user)
            .select_related("service", "office", "partner", "wijk")
            .annotate(named=Count("participants"))
        )

    def fetch(self, request, pk, intent, lock=False):
        return selectors.activity_get(
            user=request.user, activity_id=pk, intent=intent, reason="api"
        )

    def create_object(self, request, data):
        activity = services.activity_register(
            actor=request.user,
            office=data["office"],
            date=data["date"],
            service=data["service"],
            title=data.get("title", ""),
            partner=data.get("partner"),
            place=data.get("place", ""),
            street=data.get("street", ""),
            number=data.get("number", ""),
            postcode=data.get("postcode", ""),
            wijk=data.get("wijk"),
            headcount=data.get("headcount", 0),
            items_brought=data.get("items_brought"),
            items_repaired=data.get("items_repaired"),
        )
        return selectors.activity_get(user=request.user, activity_id=activity.pk, reason="api")
