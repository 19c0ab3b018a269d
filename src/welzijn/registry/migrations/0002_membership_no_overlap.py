"""The database itself refuses a person in two households on the same day.

PostgreSQL: an exclusion constraint over inclusive date ranges. SQLite: triggers.
"""

from django.db import migrations

from welzijn.core.migration_sql import vendor_sql

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    "ALTER TABLE registry_householdmembership ADD CONSTRAINT membership_no_overlap "
    "EXCLUDE USING gist (person_id WITH =, daterange(start_date, end_date, '[]') WITH &&)",
]
POSTGRES_REVERSE = [
    "ALTER TABLE registry_householdmembership DROP CONSTRAINT membership_no_overlap",
]

_SQLITE_OVERLAP = """
CREATE TRIGGER membership_no_overlap_{event} BEFORE {event} ON registry_householdmembership
WHEN EXISTS (
    SELECT 1 FROM registry_householdmembership m
    WHERE m.person_id = NEW.person_id AND m.id IS NOT NEW.id
      AND m.start_date <= COALESCE(NEW.end_date, '9999-12-31')
      AND COALESCE(m.end_date, '9999-12-31') >= NEW.start_date
)
BEGIN
    SELECT RAISE(ABORT, 'membership_no_overlap: persoon is op die dag al lid van een huishouden');
END
"""
SQLITE = [_SQLITE_OVERLAP.format(event=event) for event in ("INSERT", "UPDATE")]
SQLITE_REVERSE = [f"DROP TRIGGER membership_no_overlap_{event}" for event in ("INSERT", "UPDATE")]


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [
        vendor_sql(
            {"postgresql": POSTGRES, "sqlite": SQLITE},
            {"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE},
        ),
    ]
