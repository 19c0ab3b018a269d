"""On PostgreSQL the application's role can add to the audit trail and nothing else."""

from contextlib import contextmanager

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from welzijn.core.audit import audit_record, audit_verify
from welzijn.core.models import AuditEvent

OWNER, APP_ROLE = "welzijn_audit", "welzijn_app"  # .ci/run creates both; so does the test

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),  # the app role's connection must see the grants
]

REFUSED = {
    "UPDATE": "UPDATE core_auditevent SET reason = 'verdoezeld'",
    "DELETE": "DELETE FROM core_auditevent",
    "TRUNCATE": "TRUNCATE core_auditevent",
    "ALTER TABLE": "ALTER TABLE core_auditevent ADD COLUMN hidden text",
    "DISABLE TRIGGER": "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only",
    "DROP TABLE": "DROP TABLE core_auditevent",
    "replace the trigger function": (
        "CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS "
        "$$ BEGIN RETURN OLD; END; $$ LANGUAGE plpgsql"
    ),
    "DELETE on the head": "DELETE FROM core_auditchainhead",
    "setval": "SELECT setval(pg_get_serial_sequence('core_auditevent', 'id'), 1)",
}


def _create_login_role(name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE ROLE {connection.ops.quote_name(name)} LOGIN")


def _connect_as(role):
    db = connection.settings_dict
    return psycopg.connect(
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        dbname=db["NAME"],
        user=role,
        autocommit=True,
    )


@contextmanager
def _django_connection_as(role):
    original = connection.settings_dict["USER"]
    connection.close()
    connection.settings_dict["USER"] = role
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["USER"] = original


@pytest.fixture
def protected(capsys):
    """One event; the application role owns the audit tables, as when it ran `migrate`;
    then audit_protect (as the superuser) hands them to their own owner."""
    audit_record(actor=None, action="view", object_type="registry.person", object_id="1")
    _create_login_role(APP_ROLE)
    with connection.cursor() as cursor:
        for table in ("core_auditevent", "core_auditchainhead"):
            cursor.execute(f"ALTER TABLE {table} OWNER TO {APP_ROLE}")
        cursor.execute(f"ALTER FUNCTION core_auditevent_append_only() OWNER TO {APP_ROLE}")
    call_command("audit_protect", owner=OWNER, app_role=APP_ROLE)
    assert f"Audittabellen zijn van {OWNER}" in capsys.readouterr().out


def test_the_application_role_cannot_change_remove_or_unprotect_events(protected):
    with _connect_as(APP_ROLE) as app:
        for what, statement in REFUSED.items():
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                app.execute(statement)
                pytest.fail(f"{what} was allowed")
        assert app.execute("SELECT count(*) FROM core_auditevent").fetchone() == (1,)
        owner = app.execute(
            "SELECT tableowner FROM pg_tables WHERE tablename = 'core_auditevent'"
        ).fetchone()
        assert owner == (OWNER,)


def test_audit_record_and_verify_work_as_the_application_role(protected):
    with _django_connection_as(APP_ROLE):
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone() == (APP_ROLE,)
        event = audit_record(
            actor=None, action="view", object_type="registry.person", object_id="2"
        )
        assert event.seq == 2
        assert AuditEvent.objects.count() == 2
        assert audit_verify() is None


def test_audit_protect_refuses_a_superuser_as_application_role():
    with pytest.raises(CommandError, match="superuser"):
        call_command("audit_protect", owner=OWNER, app_role=connection.settings_dict["USER"])
