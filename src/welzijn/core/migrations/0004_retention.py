"""The retention may change the audit trail in two ways only: replace a salted search term
by its commitment (nothing else of the event changes, so its hash stays valid), and, on
PostgreSQL inside a transaction that set `welzijn.audit_prune`, delete the oldest events
after the witness recorded the cut (`core.audit_pruning`). Anything else stays refused; a
delete past those is still caught by `welzijn audit_verify`."""

from django.db import migrations

from welzijn.core.migration_sql import vendor_sql

_SAME_BUT_DETAIL = (
    "NEW.id = OLD.id AND NEW.seq = OLD.seq AND NEW.hash = OLD.hash "
    "AND NEW.prev_hash = OLD.prev_hash AND NEW.occurred_at = OLD.occurred_at "
    "AND NEW.action = OLD.action AND NEW.object_type = OLD.object_type "
    "AND NEW.object_id = OLD.object_id AND NEW.reason = OLD.reason "
    "AND NEW.actor_username = OLD.actor_username AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id"
)

POSTGRES = [
    f"""
    CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'DELETE' AND current_setting('welzijn.audit_prune', true) = 'on' THEN
            RETURN OLD;
        END IF;
        IF TG_OP = 'UPDATE' AND {_SAME_BUT_DETAIL}
           AND OLD.detail ? 'query_salt' AND NOT NEW.detail ? 'query_salt'
           AND NOT NEW.detail ? 'query' AND NEW.detail ? 'query_commitment' THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit trail is append-only (%% refused)', TG_OP;
    END;
    $$ LANGUAGE plpgsql
    """,
]
POSTGRES_REVERSE = [
    """
    CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'audit trail is append-only (%% refused)', TG_OP;
    END;
    $$ LANGUAGE plpgsql
    """,
]
SQLITE = [
    "DROP TRIGGER core_auditevent_append_only",
    "CREATE TRIGGER core_auditevent_append_only BEFORE UPDATE ON core_auditevent "
    f"WHEN NOT ({_SAME_BUT_DETAIL.replace('IS NOT DISTINCT FROM', 'IS')} "
    "AND json_extract(OLD.detail, '$.query_salt') IS NOT NULL "
    "AND json_type(NEW.detail, '$.query_salt') IS NULL "
    "AND json_type(NEW.detail, '$.query') IS NULL "
    "AND json_type(NEW.detail, '$.query_commitment') IS NOT NULL) "
    "BEGIN SELECT RAISE(ABORT, 'audit trail is append-only (UPDATE refused)'); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER core_auditevent_append_only",
    "CREATE TRIGGER core_auditevent_append_only BEFORE UPDATE ON core_auditevent "
    "BEGIN SELECT RAISE(ABORT, 'audit trail is append-only (UPDATE refused)'); END",
]


class Migration(migrations.Migration):
    dependencies = [("core", "0003_audit_refused_action")]

    operations = [
        vendor_sql(
            {"postgresql": POSTGRES, "sqlite": SQLITE},
            {"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE},
        ),
    ]
