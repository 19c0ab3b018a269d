"""PostgreSQL: the report runs as a role that may read the analytics schema alone, and that
role cannot read the identified tables."""

import pytest
from django.db import ProgrammingError, connection, transaction

from welzijn.analytics import schema
from welzijn.analytics.reading import pseudonymised
from welzijn.reporting.report import build_report

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL nodig (DATABASE_URL)"
)
ROLE = "welzijn_analist_test"


def test_the_report_runs_as_a_role_with_select_on_the_views_only(ghent):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM pg_roles WHERE rolname = '{ROLE}'")
        if not cursor.fetchone():
            cursor.execute(f"CREATE ROLE {ROLE} NOLOGIN")
    schema.grant(connection, ROLE)
    identified = build_report(ghent)
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {ROLE}")
    try:
        with pseudonymised():
            report = build_report(ghent)
        for table in ("registry_person", schema.KEY_TABLE, *schema.PSEUDONYM_TABLES.values()):
            with (
                pytest.raises(ProgrammingError, match="permission denied"),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(f"SELECT count(*) FROM public.{table}")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
    assert {c: i.shown.text for c, i in report.items.items()} == {
        c: i.shown.text for c, i in identified.items.items()
    }


def test_a_pseudonym_table_that_grew_by_many_ids_is_analysed(db, monkeypatch):
    """A first import: the pseudonyms of its people come with statistics, else the report
    plans its joins over the views blind (twice its time at scale 1, autovacuum or not)."""
    from welzijn.registry.models import Person

    table = schema.PSEUDONYM_TABLES["person"]

    def statistics() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = %s", [table])
            return cursor.fetchone()[0]

    monkeypatch.setattr(schema, "ANALYSE_AFTER", 2)
    schema.refresh(connection)  # the function with the lower threshold
    with pseudonymised():
        pass
    with connection.cursor() as cursor:  # start from a table without statistics
        cursor.execute(f"DELETE FROM pg_statistic WHERE starelid = 'public.{table}'::regclass")
    assert statistics() == 0
    Person.objects.bulk_create(
        Person(first_name="Nieuw", last_name=f"Persoon {i}", birth_date="1990-05-01", sex="V")
        for i in range(2)
    )
    with pseudonymised():  # two new ids: not more than the threshold
        pass
    assert statistics() == 0
    Person.objects.bulk_create(
        Person(first_name="Nieuw", last_name=f"Lid {i}", birth_date="1990-05-01", sex="V")
        for i in range(3)
    )
    with pseudonymised():
        pass
    assert statistics() > 0
