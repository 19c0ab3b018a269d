"""Meldingen: created by a partner's or a citizen app's client (in the name of its team,
through the meldingen service), read back to follow their state; the reporter's data only
for the handling team, as on the web."""

import datetime as dt

from django.db.models import Prefetch, prefetch_related_objects
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from welzijn.api.resource import Creatable, Resource
from welzijn.api.serializers import ModelSerializer
from welzijn.casework.models import Office
from welzijn.meldingen import selectors, services
from welzijn.meldingen.access import may_see_reporter, meldingen_visible_to
from welzijn.meldingen.models import Category, Melding, MeldingEvent
from welzijn.registry.models import Postcode, Wijk

REPORTER_FIELDS = ("reporter_name", "reporter_email", "reporter_phone")
#: a melding's history with each event's team, in one query
EVENTS = Prefetch("events", MeldingEvent.objects.select_related("team"))


def _by_code(queryset, what: str, **extra):
    return serializers.SlugRelatedField(
        slug_field="code",
        queryset=queryset,
        error_messages={
            "does_not_exist": f"Onbekende {what} '{{value}}'.",
            "invalid": f"Geef de code van de {what}.",
        },
        **extra,
    )


class MeldingEventSerializer(ModelSerializer):
    team = serializers.SlugRelatedField(slug_field="code", read_only=True)
    # a plain string: the same choices as the melding's status, one enum in the schema
    status_to = serializers.CharField(read_only=True, help_text="de nieuwe status")

    class Meta:
        model = MeldingEvent
        fields = ["status_from", "status_to", "at", "team", "note"]


class MeldingSerializer(ModelSerializer):
    number = serializers.CharField(read_only=True, help_text="het meldingsnummer (M000123)")
    category = _by_code(Category.objects.select_related("team"), "categorie")
    office = _by_code(
        Office.objects.all(),
        "dienst",
        source="reporting_office",
        required=False,
        help_text="het team dat meldt (nodig als de client voor meer dan één team werkt)",
    )
    team = serializers.SlugRelatedField(slug_field="code", read_only=True)
    postcode = _by_code(Postcode.objects.all(), "postcode", required=False, allow_null=True)
    wijk = _by_code(Wijk.objects.all(), "wijk", required=False, allow_null=True)
    events = MeldingEventSerializer(many=True, read_only=True)

    class Meta:
        model = Melding
        fields = [
            "id",
            "number",
            "category",
            "office",
            "team",
            "status",
            "reported_at",
            "status_changed_at",
            "due_on",
            "closed_at",
            "street",
            "house_number",
            "postcode",
            "latitude",
            "longitude",
            "wijk",
            "place_note",
            "description",
            "reporter_kind",
            *REPORTER_FIELDS,
            "events",
        ]
        read_only_fields = ["status", "reported_at", "status_changed_at", "due_on", "closed_at"]
        extra_kwargs = {
            **{f: {"help_text": "alleen voor het behandelende team"} for f in REPORTER_FIELDS},
        }

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and not may_see_reporter(request.user, instance):
            for field in REPORTER_FIELDS:
                data[field] = ""
        return data


@extend_schema_view(
    list=extend_schema(summary="Meldingen die de client ziet (behandelend of meldend team)"),
    retrieve=extend_schema(summary="Eén melding, met haar statusgeschiedenis"),
    create=extend_schema(summary="Een melding registreren (een partner of een burger-app)"),
)
class MeldingResource(Creatable, Resource):
    resource = "meldingen"
    serializer_class = MeldingSerializer
    queryset = Melding.objects.none()
    filter_fields = {
        "reported_from": ("reported_at__date__gte", dt.date),
        "reported_until": ("reported_at__date__lte", dt.date),
        "office": ("team__code", str),
        "reporting_office": ("reporting_office__code", str),
        "service": ("category__service__code", str),
        "category": ("category__code", str),
        "state": ("status", str),
        "wijk": ("wijk__code", str),
    }
    ordering_fields = ["reported_at", "due_on", "status_changed_at", "id"]
    ordering = ["-reported_at", "-id"]

    def visible(self, request):
        return (
            meldingen_visible_to(request.user)
            .select_related("category", "team", "reporting_office", "postcode", "wijk")
            .prefetch_related(EVENTS)
        )

    def fetch(self, request, pk, intent, lock=False):
        return selectors.melding_get(
            user=request.user, melding_id=pk, intent=intent, reason="api"
        ).melding

    def create_object(self, request, data):
        return services.melding_create(
            actor=request.user,
            category=data["category"],
            description=data.get("description", ""),
            reporter_kind=data["reporter_kind"],
            office=data.get("reporting_office"),
            street=data.get("street", ""),
            house_number=data.get("house_number", ""),
            postcode=data.get("postcode") or "",
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            wijk=data.get("wijk"),
            place_note=data.get("place_note", ""),
            **{f: data.get(f, "") for f in REPORTER_FIELDS},
        )

    def answer_object(self, obj):
        prefetch_related_objects([obj], EVENTS)
        return obj
