"""Query-parameter filters a resource declares as data: `filter_fields = {"office":
("office_id", int), "opened_after": ("opened_on__gte", date)}`; shown in the schema."""

import datetime as dt

from rest_framework import exceptions
from rest_framework.filters import BaseFilterBackend

_TYPES = {int: ("integer", None), str: ("string", None), dt.date: ("string", "date")}


def _parse(value: str, kind: type, name: str):
    try:
        return dt.date.fromisoformat(value) if kind is dt.date else kind(value)
    except ValueError:
        hint = "een datum (JJJJ-MM-DD)" if kind is dt.date else "een geheel getal"
        raise exceptions.ValidationError({name: [f"Geef {hint}."]}) from None


class FieldFilters(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        for name, (lookup, kind) in view.filter_fields.items():
            value = request.query_params.get(name)
            if value not in (None, ""):
                queryset = queryset.filter(**{lookup: _parse(value, kind, name)})
        return queryset

    def get_schema_operation_parameters(self, view):
        params = []
        for name, (_lookup, kind) in getattr(view, "filter_fields", {}).items():
            schema_type, schema_format = _TYPES[kind]
            schema = {"type": schema_type}
            if schema_format:
                schema["format"] = schema_format
            if kind is int:
                schema["minimum"] = 0
                schema["maximum"] = 2**62
            params.append({"name": name, "in": "query", "required": False, "schema": schema})
        return params
