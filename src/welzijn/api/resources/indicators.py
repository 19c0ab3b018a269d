"""The indicators of the annual report: aggregates only, per year, suppressed exactly as the
jaaroverzicht prints them (`reporting.privacy.show`: a count of people under 5 and a share
on fewer than 20 give no number). For the report's roles (analist, teamcoach, beheerder)."""

from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from welzijn.api.resource import Resource
from welzijn.reporting.access import access_jaaroverzicht
from welzijn.reporting.compute import compute
from welzijn.reporting.indicators import BY_CODE, INDICATORS, Indicator
from welzijn.reporting.privacy import show
from welzijn.reporting.report import ReportError, validate_year_range

YEAR = OpenApiParameter(
    "year", OpenApiTypes.INT, required=True, description="het jaar van het jaaroverzicht"
)
CHAPTER = OpenApiParameter("chapter", OpenApiTypes.STR, description="alleen dit hoofdstuk")


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    chapter = serializers.CharField()
    section = serializers.CharField()
    unit = serializers.CharField()
    year = serializers.IntegerField()
    value = serializers.FloatField(
        allow_null=True, help_text="het gepubliceerde getal; leeg als het niet getoond wordt"
    )
    text = serializers.CharField(help_text="zoals in het jaaroverzicht (bv. '< 5', '12,5%')")
    suppressed = serializers.BooleanField(help_text="weggelaten om niemand herkenbaar te maken")
    previous_text = serializers.CharField(help_text="het vorige jaar, waar het rapport vergelijkt")
    definition = serializers.CharField()


def _year(request) -> int:
    raw = request.query_params.get("year", "")
    try:
        return validate_year_range(int(raw))
    except ValueError:
        raise ValidationError({"year": "Geef het jaar (bv. 2023)."}) from None
    except ReportError as error:
        raise ValidationError({"year": str(error)}) from None


def _rows(indicators: list[Indicator], year: int) -> list[dict]:
    results = compute(year, indicators)
    rows = []
    for ind in indicators:
        shown = show(results[ind.code])
        rows.append(
            {
                "code": ind.code,
                "label": ind.label,
                "chapter": ind.chapter,
                "section": ind.section,
                "unit": ind.unit,
                "year": year,
                "value": shown.number,
                "text": shown.text,
                "suppressed": shown.suppressed,
                "previous_text": shown.previous_text,
                "definition": ind.definition,
            }
        )
    return rows


@extend_schema_view(
    list=extend_schema(summary="De indicatoren van het jaaroverzicht", parameters=[YEAR, CHAPTER]),
    retrieve=extend_schema(summary="Eén indicator", parameters=[YEAR]),
)
class IndicatorResource(Resource):
    resource = "indicators"
    serializer_class = IndicatorSerializer
    filter_backends: list = []
    lookup_value_regex = "[a-z0-9_-]+"

    def list(self, request, *args, **kwargs):
        access_jaaroverzicht(request.user)
        year = _year(request)
        chapter = request.query_params.get("chapter", "")
        indicators = [i for i in INDICATORS if not chapter or i.chapter == chapter]
        page = self.paginate_queryset(indicators)
        return self.get_paginated_response(_rows(page, year))

    def retrieve(self, request, *args, **kwargs):
        access_jaaroverzicht(request.user)
        indicator = BY_CODE.get(self.kwargs["pk"])
        year = _year(request)
        if indicator is None:
            raise NotFound()
        (row,) = _rows([indicator], year)
        return Response(row)
