"""Organisations get a stable code (their natural key in fixtures and imports): existing
rows get one derived from their name."""

from django.db import migrations, models
from django.utils.text import slugify


def codes_from_names(apps, schema_editor):
    Organisation = apps.get_model("registry", "Organisation")
    taken: set[str] = set()
    for organisation in Organisation.objects.order_by("pk"):
        base = slugify(organisation.name)[:55] or "organisatie"
        code, n = base, 1
        while code in taken:
            n += 1
            code = f"{base}-{n}"
        taken.add(code)
        organisation.code = code
        organisation.save(update_fields=["code"])


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0006_street_and_extern_ids"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="code",
            field=models.SlugField(max_length=60, null=True, db_index=False, verbose_name="code"),
        ),
        migrations.RunPython(codes_from_names, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="organisation",
            name="code",
            field=models.SlugField(max_length=60, unique=True, verbose_name="code"),
        ),
    ]
