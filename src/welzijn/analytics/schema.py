"""The pseudonymised views: one per model the report reads, with the model's table name and
columns, each column as `classification.MODELS` says.

PostgreSQL: schema ``analytics`` holds the views (refreshed after every migrate, or with
``welzijn analytics_refresh``); a role given USAGE on that schema alone reads nothing else.
The pseudonym is pgcrypto's HMAC with the key in a table of the application's schema, read
by a SECURITY DEFINER function (the key is in no view definition).
SQLite: TEMP views of the same names over ``main.``, with the same SELECT, for the time of
a computation (`reading.pseudonymised`); the pseudonym tables are filled by a Python
function registered on every connection. SQLite has no accounts: there the isolation is a
convention of the code.
"""

from __future__ import annotations

import functools
import hashlib
from typing import Any

from django.apps import apps
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, Model

from . import pseudonym as pseudonyms
from .classification import HASHED, MODELS, NULL, PSEUDONYM, SUBJECTS, YEAR

SCHEMA = "analytics"
KEY_TABLE = "analytics_pseudonym_key"
SQLITE_FUNCTION = "welzijn_pseudonym"
SQLITE_TEXT_FUNCTION = "welzijn_hashed"


def models() -> list[type[Model]]:
    return [apps.get_model(label) for label in MODELS]


def subject_kind(model: type[Model], field: Field) -> str:
    """'person' or 'household': whose key the column holds (a pseudonymised column)."""
    target = model if field.primary_key else field.related_model
    label = getattr(getattr(target, "_meta", None), "label", "")
    if label not in SUBJECTS:
        raise ValueError(f"{model._meta.label}.{field.column}: geen sleutel van een persoon")
    return SUBJECTS[label]


#: subject kind -> the table that holds the pseudonym of every id computed once
#: (`update_pseudonyms`), in the application's schema: the views join it instead of
#: computing an HMAC per row and query
PSEUDONYM_TABLES = {
    "person": "analytics_pseudonym_person",
    "household": "analytics_pseudonym_household",
}
SUBJECT_TABLES = {"person": "registry_person", "household": "registry_household"}
#: PostgreSQL: a pseudonym table that grows by more ids at once gets fresh statistics
ANALYSE_AFTER = 1000


def _column(
    model: type[Model], field: Field, conn: BaseDatabaseWrapper, joins: list[str], source: str
) -> str:
    """The view's expression for one column; a pseudonym adds its join to ``joins``."""
    quote = conn.ops.quote_name
    col = f"t.{quote(field.column)}"
    name = quote(field.column)
    rule = MODELS[model._meta.label][field.column]
    pg = conn.vendor == "postgresql"
    if rule == NULL:
        return f"CAST(NULL AS {field.db_type(conn)}) AS {name}" if pg else f"NULL AS {name}"
    if rule == PSEUDONYM:
        kind = subject_kind(model, field)
        alias = f"p{len(joins)}"
        # every id has its pseudonym (`update_pseudonyms` runs first): an inner join on a
        # key that cannot be null lets the planner join views through the indexes
        join = "LEFT JOIN" if field.null else "JOIN"
        joins.append(f"{join} {source}.{PSEUDONYM_TABLES[kind]} {alias} ON {alias}.id = {col}")
        return f"{alias}.p AS {name}"
    if rule == HASHED:
        fn = f"{SCHEMA}.hashed" if pg else SQLITE_TEXT_FUNCTION
        return f"{fn}('{model._meta.db_table}.{field.column}', {col}) AS {name}"
    if rule == YEAR:
        if pg:
            return f"CAST(date_trunc('year', {col}) AS date) AS {name}"
        return f"substr({col}, 1, 4) || '-01-01' AS {name}"
    return f"{col} AS {name}"


def view_select(model: type[Model], conn: BaseDatabaseWrapper, source: str) -> str:
    joins: list[str] = []
    columns = ", ".join(_column(model, f, conn, joins, source) for f in model._meta.concrete_fields)
    table = f"{source}.{conn.ops.quote_name(model._meta.db_table)}"
    return " ".join([f"SELECT {columns} FROM {table} t", *joins])


def create_pseudonym_tables_sql(conn: BaseDatabaseWrapper, source: str) -> list[str]:
    """The tables, indexed both ways: a join of two views on a pseudonym goes id -> p -> id."""
    integer = "bigint" if conn.vendor == "postgresql" else "integer"
    out = []
    for table in PSEUDONYM_TABLES.values():
        out += [
            f"CREATE TABLE IF NOT EXISTS {source}.{table} "
            f"(id {integer} PRIMARY KEY, p {integer} NOT NULL)",
            f"CREATE INDEX IF NOT EXISTS {table}_p ON {source}.{table} (p)"
            if conn.vendor == "postgresql"
            else f"CREATE INDEX IF NOT EXISTS {source}.{table}_p ON {table} (p)",
        ]
    return out


def fill_pseudonym_tables_sql(source: str, pseudonym_of, *, with_key: bool) -> dict[str, str]:
    """Per pseudonym table, the INSERT that adds the pseudonym of every id not in it yet;
    ``pseudonym_of(kind, id_sql)`` is the SQL of one pseudonym (``with_key``: it reads the
    key as ``k.k``)."""
    key = f" CROSS JOIN {source}.{KEY_TABLE} k" if with_key else ""
    return {
        table: f"INSERT INTO {source}.{table} (id, p) SELECT s.id, {pseudonym_of(kind, 's.id')} "
        f"FROM {source}.{SUBJECT_TABLES[kind]} s{key} WHERE NOT EXISTS "
        f"(SELECT 1 FROM {source}.{table} m WHERE m.id = s.id)"
        for kind, table in PSEUDONYM_TABLES.items()
    }


def update_pseudonyms(conn: BaseDatabaseWrapper) -> None:
    """Bring the pseudonym tables up to date (the ids registered since the last time): on
    PostgreSQL through the SECURITY DEFINER function, which a reporting role may call."""
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(f"SELECT {SCHEMA}.update_pseudonyms()")
        else:
            _sqlite_key_check(conn)
            statements = create_pseudonym_tables_sql(conn, "main")
            statements += fill_pseudonym_tables_sql(
                "main", lambda kind, v: f"{SQLITE_FUNCTION}('{kind}', {v})", with_key=False
            ).values()
            for sql in statements:
                cursor.execute(sql)


def _sqlite_key_check(conn: BaseDatabaseWrapper) -> None:
    """SQLite: the key's fingerprint next to the pseudonym tables; another key empties them."""
    fingerprint = hashlib.sha256(pseudonyms.key()).digest()
    with conn.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS main.{KEY_TABLE} (k blob NOT NULL)")
        cursor.execute(f"SELECT k FROM main.{KEY_TABLE}")
        if [bytes(r[0]) for r in cursor.fetchall()] == [fingerprint]:
            return
        forget_pseudonyms(conn, "main")
        cursor.execute(f"DELETE FROM main.{KEY_TABLE}")
        cursor.execute(f"INSERT INTO main.{KEY_TABLE} (k) VALUES (%s)", [fingerprint])


def forget_pseudonyms(conn: BaseDatabaseWrapper, source: str) -> None:
    """A new key: the pseudonyms computed with the old one go."""
    with conn.cursor() as cursor:
        for table in PSEUDONYM_TABLES.values():
            cursor.execute(f"DROP TABLE IF EXISTS {source}.{table}")


def register_functions(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """SQLite: the pseudonym as a function of the connection, with the key read once."""
    if connection.vendor != "sqlite":
        return
    key = pseudonyms.key()
    for name, fn in (
        (SQLITE_FUNCTION, pseudonyms.pseudonym),
        (SQLITE_TEXT_FUNCTION, pseudonyms.hashed),
    ):
        bound = functools.partial(_keyed, fn, key)
        connection.connection.create_function(name, 2, bound, deterministic=True)


def _keyed(fn: Any, key: bytes, kind: str, value: Any) -> Any:
    return fn(kind, value, key=key)


def create_temp_views(conn: BaseDatabaseWrapper, *, update: bool = True) -> None:
    """SQLite: a TEMP view per model over ``main.`` with the view's SELECT (with `update`,
    after bringing the pseudonym tables up to date). Its pseudonyms are joins on the
    pseudonym tables, indexed both ways, so SQLite flattens a join of two views into index
    lookups on the tables underneath (a copy of every table with indexes of its own took
    longer to make than the whole report to compute)."""
    if update:
        update_pseudonyms(conn)
    with conn.cursor() as cursor:
        for model in models():
            name = conn.ops.quote_name(model._meta.db_table)
            cursor.execute(f"CREATE TEMP VIEW {name} AS {view_select(model, conn, 'main')}")


def drop_temp_views(conn: BaseDatabaseWrapper) -> None:
    with conn.cursor() as cursor:
        for model in models():
            cursor.execute(f"DROP VIEW IF EXISTS temp.{conn.ops.quote_name(model._meta.db_table)}")


def refresh(conn: BaseDatabaseWrapper) -> int:
    """PostgreSQL: (re)create the schema's views and the pseudonym function; the number of
    views. Grants on the schema survive (`analytics_grant` sets default privileges)."""
    if conn.vendor != "postgresql":
        return 0
    with conn.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pgcrypto")
        cursor.execute(
            "SELECT current_schema(), (SELECT extnamespace::regnamespace::text "
            "FROM pg_extension WHERE extname = 'pgcrypto')"
        )
        source, crypto = cursor.fetchone()
        cursor.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {source}.{KEY_TABLE} (k bytea NOT NULL)")
        cursor.execute(f"SELECT k FROM {source}.{KEY_TABLE}")
        if [bytes(r[0]) for r in cursor.fetchall()] != [pseudonyms.key()]:
            drop_views(conn)  # they read the pseudonym tables
            forget_pseudonyms(conn, source)
            cursor.execute(f"DELETE FROM {source}.{KEY_TABLE}")
            cursor.execute(f"INSERT INTO {source}.{KEY_TABLE} (k) VALUES (%s)", [pseudonyms.key()])
        for sql in create_pseudonym_tables_sql(conn, source):
            cursor.execute(sql)

        def hmac_of(kind: str, value: str) -> str:
            text = f"'{kind}:' || {value}::text" if kind else f"kind || ':' || {value}::text"
            return (
                f"('x' || substr(encode({crypto}.hmac(convert_to({text}, 'UTF8'), k.k, "
                f"'sha256'), 'hex'), 1, 15))::bit(60)::bigint"
            )

        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {SCHEMA}.pseudonym(kind text, v bigint) RETURNS bigint "
            f"LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ "
            f"SELECT CASE WHEN v IS NULL THEN NULL ELSE {hmac_of('', 'v')} END "
            f"FROM {source}.{KEY_TABLE} k $$"
        )
        # A table that grew by many ids (a first import) is analysed at once: planned
        # without statistics, the joins over the views took twice as long, and autovacuum
        # comes later, or not at all where it is off.
        fill = " ".join(
            f"{insert}; GET DIAGNOSTICS added = ROW_COUNT; "
            f"IF added > {ANALYSE_AFTER} THEN ANALYZE {source}.{table}; END IF;"
            for table, insert in fill_pseudonym_tables_sql(source, hmac_of, with_key=True).items()
        )
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {SCHEMA}.update_pseudonyms() RETURNS void "
            f"LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp "
            f"AS $$ DECLARE added bigint; BEGIN {fill} END $$"
        )
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {SCHEMA}.hashed(kind text, v text) RETURNS text "
            f"LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ "
            f"SELECT CASE WHEN v IS NULL OR v = '' THEN v ELSE substr(encode({crypto}.hmac("
            f"convert_to(kind || ':' || v, 'UTF8'), k, 'sha256'), 'hex'), 1, 16) END "
            f"FROM {source}.{KEY_TABLE} $$"
        )
        for model in models():
            name = f"{SCHEMA}.{conn.ops.quote_name(model._meta.db_table)}"
            cursor.execute(f"DROP VIEW IF EXISTS {name}")
            cursor.execute(f"CREATE VIEW {name} AS {view_select(model, conn, source)}")
    return len(MODELS)


def grant(conn: BaseDatabaseWrapper, role: str) -> None:
    """PostgreSQL: ``role`` may read the analytics views, now and after every refresh."""
    role = conn.ops.quote_name(role)
    with conn.cursor() as cursor:
        cursor.execute(f"GRANT USAGE ON SCHEMA {SCHEMA} TO {role}")
        cursor.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {SCHEMA} TO {role}")
        cursor.execute(
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {SCHEMA} GRANT SELECT ON TABLES TO {role}"
        )
        for fn in ("pseudonym(text, bigint)", "hashed(text, text)", "update_pseudonyms()"):
            cursor.execute(f"GRANT EXECUTE ON FUNCTION {SCHEMA}.{fn} TO {role}")


def drop_views(conn: BaseDatabaseWrapper) -> None:
    """PostgreSQL: drop the schema's views (not the schema, whose grants stay), since a view
    stops a migration from altering a column it reads; `refresh` makes them again."""
    if conn.vendor != "postgresql":
        return
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.views WHERE table_schema = %s", [SCHEMA]
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f"DROP VIEW IF EXISTS {SCHEMA}.{conn.ops.quote_name(name)} CASCADE")


def drop_before_migrate(using: str = "default", **kwargs: Any) -> None:
    drop_views(connections[using])


def refresh_after_migrate(using: str = "default", **kwargs: Any) -> None:
    refresh(connections[using])
