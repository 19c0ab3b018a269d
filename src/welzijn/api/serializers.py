"""The representation of a record that is read as its columns (a dossier, a trajectory, a
finding): DRF's ModelSerializer, with a cheaper `to_representation` for a list of many.

A page of 100 dossiers went through DRF's per-field machinery 700 times (`get_attribute`,
`to_representation` of each field, a related object's `pk` through its descriptor). The
fields whose output is the column as it is stored (a foreign key's id, text, a choice, an
integer, a boolean) or its ISO date are read straight from the row here; any other field
(a decimal, a date-time) still goes through its own `to_representation`, so the output is
DRF's, byte for byte (tests/api/test_serializers.py)."""

import copy

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from rest_framework import ISO_8601, serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject
from rest_framework.settings import api_settings

_AS_STORED = (
    serializers.CharField,
    serializers.ChoiceField,
    serializers.IntegerField,
    serializers.BooleanField,
)


def _reader(field, model):
    """A function row -> value for `field`, without DRF's machinery where it adds nothing."""
    try:
        column = model._meta.get_field(field.source)
    except FieldDoesNotExist:
        column = None
    if isinstance(column, models.ForeignKey) and isinstance(
        field, serializers.PrimaryKeyRelatedField
    ):
        attname = column.attname
        return lambda row: getattr(row, attname)
    if column is not None and not column.is_relation:
        name = column.attname
        if (
            isinstance(field, serializers.DateField)
            and not isinstance(field, serializers.DateTimeField)
            and getattr(field, "format", serializers.empty) is serializers.empty
            and api_settings.DATE_FORMAT == ISO_8601
            and type(column) is models.DateField
        ):
            return lambda row: None if (v := getattr(row, name)) is None else v.isoformat()
        if isinstance(field, _AS_STORED) and not isinstance(field, serializers.MultipleChoiceField):
            if isinstance(field, serializers.ChoiceField):
                lookup = field.choice_strings_to_values
                return lambda row: (
                    v if (v := getattr(row, name)) in ("", None) else lookup.get(str(v), v)
                )
            return lambda row: getattr(row, name)
    return lambda row: _as_drf(field, row)


#: serializer class -> its fields as DRF's ModelSerializer.get_fields builds them, unbound
_built_fields: dict[type, dict] = {}


class ModelSerializer(serializers.ModelSerializer):
    """DRF's ModelSerializer, whose fields are read from the model once per class, not for
    every serializer (each request; a tenth of a melding's creation went to it):
    `get_fields` depends on the class alone (its Meta and declared fields), so each
    serializer gets a copy of the class's fields, as DRF gives it copies of the declared
    ones."""

    def get_fields(self):
        built = _built_fields.get(type(self))
        if built is None:
            built = _built_fields[type(self)] = super().get_fields()
        return copy.deepcopy(built)


def _as_drf(field, row):
    """As Serializer.to_representation does it for one field: None stays None."""
    value = field.get_attribute(row)
    empty = value.pk if isinstance(value, PKOnlyObject) else value
    return None if empty is None else field.to_representation(value)


class ColumnsSerializer(ModelSerializer):
    def to_representation(self, instance):
        readers = self.__dict__.get("_readers")
        if readers is None:
            readers = self._readers = [
                (field.field_name, _reader(field, self.Meta.model))
                for field in self._readable_fields
            ]
        out = {}
        for name, read in readers:
            try:
                out[name] = read(instance)
            except SkipField:
                continue
        return out


def read_only_serializer(model, names):
    """A read-only representation: `id` and `names`, each as the model declares it."""
    meta = type("Meta", (), {"model": model, "fields": ["id", *names], "read_only_fields": names})
    return type(f"{model.__name__}Serializer", (ColumnsSerializer,), {"Meta": meta})
