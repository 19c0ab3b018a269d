from django.db import migrations


def load(apps, schema_editor):
    from welzijn.retention.defaults import schedule_load

    schedule_load(
        apps.get_model("retention", "ProcessingActivity"),
        apps.get_model("retention", "RetentionRule"),
    )


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
