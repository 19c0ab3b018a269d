"""Give the audit tables to a role of their own on PostgreSQL, so that the role the
application connects with can only add to the trail.

Run it with a privileged connection (a superuser) after every `migrate`:

    DATABASE_URL=postgres://postgres@host/welzijn welzijn audit_protect \\
        --owner welzijn_audit --app-role welzijn_app

Afterwards the owner role (created NOLOGIN when missing) owns core_auditevent,
core_auditchainhead, their id sequences (they follow the table) and the append-only
trigger function, and the
application role has:

- core_auditevent: SELECT and INSERT only. No UPDATE, DELETE or TRUNCATE; not the owner,
  so no ALTER TABLE, no DISABLE TRIGGER, no DROP, and it cannot replace the trigger function.
- core_auditchainhead: SELECT, INSERT and UPDATE, because every append moves the head (and
  locks it with SELECT ... FOR UPDATE). So the application role can set the head back.
  That hides nothing: the events after it cannot be removed (`audit_verify` reports them,
  and the next append collides with their seq), and the witness outside the database
  (`welzijn audit_checkpoint`) still names the later seq and hash.
- the id sequences: USAGE (nextval), not UPDATE (setval).

Migrations that alter these tables must run as the owner or a superuser; run this command
again afterwards. A role that owns the schema can still DROP any table in it, so the
command refuses an application role that owns (or inherits the owner of) the tables' schema.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

TABLES = {
    "core_auditevent": "SELECT, INSERT",
    "core_auditchainhead": "SELECT, INSERT, UPDATE",
}
TRIGGER_FUNCTION = "core_auditevent_append_only()"


class Command(BaseCommand):
    help = (
        "PostgreSQL: maak een aparte rol eigenaar van de audittabellen; de rol van de "
        "toepassing mag er alleen aan toevoegen en ze lezen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--owner", default="welzijn_audit", help="eigenaar (rol)")
        parser.add_argument("--app-role", required=True, help="rol van de toepassing")

    def handle(self, *args, owner: str, app_role: str, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "audit_protect werkt alleen op PostgreSQL; op SQLite beschermen de trigger en "
                "de getuige (audit_checkpoint) de audittrail."
            )
        if owner == app_role:
            raise CommandError("De eigenaar en de rol van de toepassing moeten verschillen.")
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            self._check_app_role(cursor, owner, app_role)
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [owner])
            if cursor.fetchone() is None:
                cursor.execute(f"CREATE ROLE {quote(owner)} NOLOGIN")
                self.stdout.write(f"Rol {owner} aangemaakt (zonder login).")
            for table, privileges in TABLES.items():
                cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
                sequence = cursor.fetchone()[0]
                cursor.execute(f"ALTER TABLE {table} OWNER TO {quote(owner)}")
                cursor.execute(f"REVOKE ALL ON {table} FROM PUBLIC, {quote(app_role)}")
                cursor.execute(f"GRANT {privileges} ON {table} TO {quote(app_role)}")
                if sequence:
                    cursor.execute(f"REVOKE ALL ON SEQUENCE {sequence} FROM PUBLIC")
                    cursor.execute(f"REVOKE ALL ON SEQUENCE {sequence} FROM {quote(app_role)}")
                    cursor.execute(f"GRANT USAGE ON SEQUENCE {sequence} TO {quote(app_role)}")
            cursor.execute(f"ALTER FUNCTION {TRIGGER_FUNCTION} OWNER TO {quote(owner)}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Audittabellen zijn van {owner}; {app_role} mag core_auditevent alleen lezen "
                "en aanvullen (geen UPDATE, DELETE, TRUNCATE, ALTER of trigger uitschakelen)."
            )
        )

    def _check_app_role(self, cursor, owner: str, app_role: str) -> None:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [app_role])
        row = cursor.fetchone()
        if row is None:
            raise CommandError(f"De rol {app_role} bestaat niet.")
        if row[0]:
            raise CommandError(
                f"{app_role} is superuser en omzeilt dus alle rechten: laat de toepassing "
                "verbinden met een gewone rol."
            )
        cursor.execute(
            "SELECT pg_has_role(%s, oid, 'MEMBER') FROM pg_roles WHERE rolname = %s",
            [app_role, owner],
        )
        row = cursor.fetchone()
        if row is not None and row[0]:
            raise CommandError(f"{app_role} is lid van {owner} en zou zo eigenaar zijn.")
        cursor.execute(
            "SELECT n.nspname, pg_has_role(%s, n.nspowner, 'USAGE') FROM pg_class c JOIN "
            "pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = 'core_auditevent'::regclass",
            [app_role],
        )
        schema, owns_schema = cursor.fetchone()
        if owns_schema:
            raise CommandError(
                f"{app_role} is (via een rol) eigenaar van het schema {schema} en kan de "
                f"audittabellen dus verwijderen: geef het schema aan een andere rol "
                f"(ALTER SCHEMA {schema} OWNER TO ...) en verleen {app_role} USAGE en CREATE."
            )
