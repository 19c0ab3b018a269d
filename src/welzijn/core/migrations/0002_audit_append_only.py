"""The database refuses to change audit events (and, on PostgreSQL, to delete them).

SQLite keeps DELETE possible because Django empties tables with DELETE between
transactional tests; a deleted event is still caught by `welzijn audit_verify`.
"""

from django.db import migrations

from welzijn.core.migration_sql import vendor_sql

POSTGRES = [
    """
    CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'audit trail is append-only (%% refused)', TG_OP;
    END;
    $$ LANGUAGE plpgsql
    """,
    "CREATE TRIGGER core_auditevent_append_only BEFORE UPDATE OR DELETE ON core_auditevent "
    "FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only()",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER core_auditevent_append_only ON core_auditevent",
    "DROP FUNCTION core_auditevent_append_only()",
]
SQLITE = [
    "CREATE TRIGGER core_auditevent_append_only BEFORE UPDATE ON core_auditevent "
    "BEGIN SELECT RAISE(ABORT, 'audit trail is append-only (UPDATE refused)'); END",
]
SQLITE_REVERSE = ["DROP TRIGGER core_auditevent_append_only"]


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        vendor_sql(
            {"postgresql": POSTGRES, "sqlite": SQLITE},
            {"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE},
        ),
    ]
