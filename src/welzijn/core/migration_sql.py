"""Database-specific SQL in migrations (triggers, exclusion constraints) that Django's
constraint classes cannot express on both SQLite and PostgreSQL."""

from django.db import migrations


def vendor_sql(forward: dict[str, list[str]], reverse: dict[str, list[str]]):
    """A RunPython operation that executes the statements for the current database vendor."""

    def runner(statements_by_vendor):
        def apply(apps, schema_editor):
            for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
                schema_editor.execute(statement)

        return apply

    return migrations.RunPython(runner(forward), runner(reverse))
