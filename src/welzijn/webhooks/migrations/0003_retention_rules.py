"""The retention schedule's rules for webhooks (fixtures/schedule.yaml of the retention
app) into a database whose schedule was loaded before they existed."""

from django.db import migrations


def load(apps, schema_editor):
    from welzijn.retention.defaults import schedule_load

    schedule_load(
        apps.get_model("retention", "ProcessingActivity"),
        apps.get_model("retention", "RetentionRule"),
    )


class Migration(migrations.Migration):
    dependencies = [("webhooks", "0002_secret_encrypted"), ("retention", "0002_default_schedule")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
