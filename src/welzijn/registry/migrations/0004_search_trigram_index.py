"""On PostgreSQL, name search uses a trigram index: LIKE '%word%' without a table scan."""

from django.db import migrations

from welzijn.core.migration_sql import vendor_sql

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX registry_person_search_trgm ON registry_person "
    "USING gin (search_name gin_trgm_ops)",
]
POSTGRES_REVERSE = ["DROP INDEX registry_person_search_trgm"]


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_income_and_statuses")]

    operations = [vendor_sql({"postgresql": POSTGRES}, {"postgresql": POSTGRES_REVERSE})]
