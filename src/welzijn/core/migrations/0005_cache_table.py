"""The table of the shared cache (settings.CACHES): Django makes it with `createcachetable`,
which `migrate` does not run, so this migration does."""

from django.conf import settings
from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    """The tables `createcachetable` made: those of the database caches in the settings."""
    for cache in settings.CACHES.values():
        if cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
            schema_editor.execute(
                f"DROP TABLE IF EXISTS {schema_editor.quote_name(cache['LOCATION'])}"
            )


class Migration(migrations.Migration):
    dependencies = [("core", "0004_retention")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
