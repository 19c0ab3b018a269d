"""The reference data fixtures, in load order: wijken and postcodes (and status kinds), the
street list, partner organisations, the service catalogue, offices, the shelter facilities
(`shelter/fixtures/facilities.yaml`, found by name). Loaded by demo_setup, the tests and the
benchmarks; `welzijn loaddata <name>` loads one again after an edit."""
street list, partner organisations, the service catalogue, offices, the subsidy schemes and
their calls. Loaded by demo_setup,
the tests and the benchmarks; `welzijn loaddata <name>` loads one again after an edit."""
street list, partner organisations, the service catalogue, offices, document kinds, the
Vrijwilligerspunt's causes, skills and wijk centres, the praktijktesten's characteristics.
Loaded by demo_setup, the tests and the benchmarks; `welzijn loaddata <name>` loads one
again after an edit."""

REFERENCE_FIXTURES = (
    "ghent",
    "streets",
    "partners",
    "catalog",
    "offices",
    "document_kinds",
    "facilities",
    "meldingen",
    "subsidies",
    "volunteering",
    "pairedtests",
)
