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
