"""Tolerant search and merging: a spelling-tolerant key per person (filled for the persons
already there), a birth-date index, and `merged_into` for a person registered twice."""

import django.db.models.deletion
from django.db import migrations, models

from welzijn.registry.search import search_key


def fill_search_keys(apps, schema_editor):
    Person = apps.get_model("registry", "Person")
    batch = []
    for person in Person.objects.only("first_name", "last_name").iterator(chunk_size=5000):
        person.search_key = search_key(person.first_name, person.last_name)
        batch.append(person)
        if len(batch) == 5000:
            Person.objects.bulk_update(batch, ["search_key"])
            batch = []
    Person.objects.bulk_update(batch, ["search_key"])


class Migration(migrations.Migration):
    dependencies = [("registry", "0008_organisation_account")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="merged_into",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="Twee keer geregistreerd: alles van deze persoon staat nu bij die persoon.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="merged",
                to="registry.person",
                verbose_name="samengevoegd met",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="search_key",
            field=models.CharField(db_index=True, default="", editable=False, max_length=250),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["birth_date"], name="person_birth_date"),
        ),
        migrations.RunPython(fill_search_keys, migrations.RunPython.noop),
    ]
