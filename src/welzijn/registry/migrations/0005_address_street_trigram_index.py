"""On PostgreSQL, address search (case-insensitive LIKE on the street) uses a trigram index."""

from django.db import migrations

from welzijn.core.migration_sql import vendor_sql

POSTGRES = [
    "CREATE INDEX registry_address_street_trgm ON registry_address "
    "USING gin (UPPER(street::text) gin_trgm_ops)",
]
POSTGRES_REVERSE = ["DROP INDEX registry_address_street_trgm"]


class Migration(migrations.Migration):
    dependencies = [("registry", "0004_search_trigram_index")]

    operations = [vendor_sql({"postgresql": POSTGRES}, {"postgresql": POSTGRES_REVERSE})]
