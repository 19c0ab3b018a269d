from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from welzijn.analytics import schema


class Command(BaseCommand):
    help = "Geeft een PostgreSQL-rol leesrecht op de gepseudonimiseerde views, en op niets anders."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="bestaande rol, bv. welzijn_analist")

    def handle(self, *args, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("analytics_grant: alleen op PostgreSQL (SQLite kent geen rollen).")
        schema.refresh(connection)
        schema.grant(connection, options["role"])
        self.stdout.write(f"Rol {options['role']} mag schema {schema.SCHEMA} lezen.")
