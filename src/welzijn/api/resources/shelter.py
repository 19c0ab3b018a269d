"""Stays in the shelters (read: the facility's team, and caseworkers of the households they
follow, as on the web) and the night shelter's nights (read; registered through the
shelter's check-in, with its rules: one bed a night, a full house refuses unless
overbooked)."""

import datetime as dt

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from welzijn.api.resource import Creatable, Resource
from welzijn.api.serializers import ModelSerializer
from welzijn.shelter import selectors, services
from welzijn.shelter.access import stays_visible_to
from welzijn.shelter.models import Facility, Stay


class StaySerializer(ModelSerializer):
    facility = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Facility.objects.all(),
        error_messages={"does_not_exist": "Onbekende voorziening '{value}'."},
    )
    person = serializers.IntegerField(source="person_id", min_value=1, max_value=2**62)
    household = serializers.IntegerField(source="household_id", read_only=True, allow_null=True)
    exit_destination = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = Stay
        fields = [
            "id",
            "facility",
            "person",
            "household",
            "place_kind",
            "place_label",
            "entry_date",
            "exit_date",
            "exit_destination",
            "overbooking",
        ]
        read_only_fields = ["exit_date", "overbooking"]
        extra_kwargs = {"place_kind": {"required": False}}


class NightSerializer(StaySerializer):
    allow_overbooking = serializers.BooleanField(
        write_only=True,
        default=False,
        help_text="de persoon toch opnemen als de nachtopvang vol is (noodoverboeking)",
    )

    class Meta(StaySerializer.Meta):
        fields = [*StaySerializer.Meta.fields, "allow_overbooking"]
        read_only_fields = ["exit_date", "overbooking", "place_label"]


STAY_FILTERS = {
    "entry_from": ("entry_date__gte", dt.date),
    "entry_until": ("entry_date__lte", dt.date),
    "exit_from": ("exit_date__gte", dt.date),
    "exit_until": ("exit_date__lte", dt.date),
    "facility": ("facility__code", str),
    "office": ("facility__office__code", str),
    "service": ("facility__service__code", str),
    "wijk": ("facility__address__wijk__code", str),
}


class _StayReads(Resource):
    queryset = Stay.objects.none()
    filter_fields = STAY_FILTERS
    ordering_fields = ["entry_date", "exit_date", "id"]
    ordering = ["-entry_date", "-id"]

    def stays(self, request):
        return stays_visible_to(request.user).select_related("facility", "exit_destination")

    def fetch(self, request, pk, intent, lock=False):
        stay = selectors.stay_get(user=request.user, stay_id=pk, intent=intent, reason="api")
        self.check_kind(stay)
        return stay

    def check_kind(self, stay: Stay) -> None:
        """A night is found under /nights/, a longer stay under /stays/ only."""


@extend_schema_view(
    list=extend_schema(summary="Verblijven in de opvang die de client ziet"),
    retrieve=extend_schema(summary="Eén verblijf"),
)
class StayResource(_StayReads):
    resource = "stays"
    serializer_class = StaySerializer

    def visible(self, request):
        return self.stays(request).exclude(facility__kind=Facility.Kind.NIGHT_SHELTER)

    def check_kind(self, stay):
        if stay.facility.nightly:
            raise Stay.DoesNotExist


@extend_schema_view(
    list=extend_schema(summary="Nachten in de nachtopvang die de client ziet"),
    retrieve=extend_schema(summary="Eén nacht"),
    create=extend_schema(summary="Een nacht registreren (inchecken in de nachtopvang)"),
)
class NightResource(Creatable, _StayReads):
    resource = "stays"
    serializer_class = NightSerializer

    def visible(self, request):
        return self.stays(request).filter(facility__kind=Facility.Kind.NIGHT_SHELTER)

    def check_kind(self, stay):
        if not stay.facility.nightly:
            raise Stay.DoesNotExist

    def create_object(self, request, data):
        facility = data["facility"]
        if not facility.nightly:
            raise ValidationError(
                {"facility": f"{facility} is geen nachtopvang: een verblijf begint in de werkplek."}
            )
        return services.stay_check_in(
            actor=request.user,
            facility_id=facility.pk,
            person_id=data["person_id"],
            entry_date=data["entry_date"],
            place_kind=data.get("place_kind") or None,
            overbooking=data["allow_overbooking"],
        )
