from django.core.management.base import BaseCommand
from django.db import connection

from welzijn.analytics import schema


class Command(BaseCommand):
    help = "Maakt de gepseudonimiseerde views (schema analytics, PostgreSQL) opnieuw aan."

    def handle(self, *args, **options) -> None:
        n = schema.refresh(connection)
        if n:
            self.stdout.write(f"{n} views in schema {schema.SCHEMA} vernieuwd.")
        else:
            self.stdout.write(
                "SQLite: de views worden per berekening als TEMP views gemaakt; niets te doen."
            )
