"""The reference data fixtures, in load order: wijken and postcodes (and status kinds), the
street list, partner organisations, the service catalogue, offices, document kinds, the
shelter facilities, the meldingen's categories, the subsidy schemes and their calls, the
Vrijwilligerspunt's causes and skills, the praktijktesten's characteristics, the monthly
figures each team reports, the welzijnsbureaus' visiting addresses (Rechtencheck). A fixture of a
domain app is found by name in that app's `fixtures/`. Loaded by `welzijn reference_load` (which
demo_setup calls), the tests and the benchmarks; `welzijn loaddata <name>` loads one again after
an edit."""

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
    "outputs",
    "office_visits",
)
