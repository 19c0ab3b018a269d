"""The reference data a city installs fits its columns on every database: SQLite does not
enforce a CharField's max_length, PostgreSQL refuses the whole fixture."""

import pytest
from django.apps import apps
from django.db import models

pytestmark = pytest.mark.django_db


def test_every_reference_text_fits_its_column():
    too_long = []
    for model in apps.get_models():
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField) and f.max_length
        ]
        if not fields or model._meta.app_label == "synth":
            continue
        for row in model._default_manager.values("pk", *(f.attname for f in fields)):
            too_long += [
                f"{model._meta.label} {row['pk']}: {f.name} ({len(row[f.attname])})"
                for f in fields
                if row[f.attname] and len(row[f.attname]) > f.max_length
            ]
    assert too_long == []
