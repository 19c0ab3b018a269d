"""Persons and households: search and read (identity data, for the casework roles), create
and update through the registry's services."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from welzijn.api.resource import Creatable, Resource, Updatable
from welzijn.api.serializers import ModelSerializer
from welzijn.registry import selectors, services
from welzijn.registry.models import Address, Household, Person


class PersonSerializer(ModelSerializer):
    class Meta:
        model = Person
        fields = [
            "id",
            "first_name",
            "last_name",
            "birth_date",
            "sex",
            "nationality",
            "residence_status",
            "language",
            "insz",
        ]
        # The service checks INSZ and its uniqueness, with the web's Dutch messages.
        extra_kwargs = {"insz": {"validators": [], "allow_null": True, "required": False}}


@extend_schema_view(
    list=extend_schema(
        summary="Personen zoeken (naam, INSZ, adres of geboortedatum)",
        parameters=[OpenApiParameter("q", str, required=True, description="zoekterm")],
    ),
    retrieve=extend_schema(summary="Eén persoon"),
    create=extend_schema(summary="Een persoon registreren"),
    partial_update=extend_schema(summary="Een persoon wijzigen (If-Match verplicht)"),
)
class PersonResource(Creatable, Updatable, Resource):
    resource = "persons"
    serializer_class = PersonSerializer
    queryset = Person.objects.none()  # for the schema; reads go through the selectors
    filter_backends: list = []

    def list(self, request, *args, **kwargs):
        query = request.query_params.get("q", "")
        if len(query.strip()) < 2:
            raise ValidationError({"q": ["Geef minstens twee tekens om te zoeken."]})
        found = selectors.person_search(user=request.user, query=query, on=timezone.localdate())
        # A restricted file (GDPR art. 18/21) is found at the desk by name and birth date only;
        # a system gets nothing of it, as its detail answers 404.
        page = self.paginate_queryset([p for p in found if not p.restricted])
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def fetch(self, request, pk, intent, lock=False):
        return selectors.person_get(user=request.user, person_id=pk, intent=intent, reason="api")

    def create_object(self, request, data):
        return services.person_create(actor=request.user, reason="api", **data)

    def update_object(self, request, obj, data):
        return services.person_update(actor=request.user, person_id=obj.pk, reason="api", **data)


class AddressSerializer(ModelSerializer):
    postcode = serializers.CharField(source="postcode.code")
    wijk = serializers.CharField(source="wijk.name", allow_null=True, required=False)

    class Meta:
        model = Address
        fields = ["street", "number", "box", "postcode", "wijk"]


class HouseholdSerializer(ModelSerializer):
    address = AddressSerializer(allow_null=True, required=False)

    class Meta:
        model = Household
        fields = ["id", "name", "address"]


@extend_schema_view(
    retrieve=extend_schema(summary="Eén huishouden"),
    create=extend_schema(summary="Een huishouden registreren"),
    partial_update=extend_schema(summary="Een huishouden wijzigen (If-Match verplicht)"),
)
class HouseholdResource(Creatable, Updatable, Resource):
    resource = "households"
    serializer_class = HouseholdSerializer
    queryset = Household.objects.none()

    def list(self, request, *args, **kwargs):
        raise ValidationError({"__all__": ["Zoek huishoudens via hun leden: /api/v1/persons/?q="]})

    def fetch(self, request, pk, intent, lock=False):
        return selectors.household_get(
            user=request.user, household_id=pk, intent=intent, reason="api"
        )

    def _address(self, request, data):
        given = data.get("address")
        if not given:
            return None
        return services.address_create(
            actor=request.user,
            street=given["street"],
            number=given["number"],
            postcode=given["postcode"]["code"],
            wijk=(given.get("wijk") or {}).get("name"),
            box=given.get("box", ""),
        )

    def create_object(self, request, data):
        address = self._address(request, data)
        return services.household_create(
            actor=request.user, name=data["name"], address=address, reason="api"
        )

    def update_object(self, request, obj, data):
        return services.household_update(
            actor=request.user,
            household_id=obj.pk,
            name=data.get("name"),
            address=self._address(request, data),
            reason="api",
        )
