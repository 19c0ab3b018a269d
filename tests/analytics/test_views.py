"""The report on the pseudonymised views: the same figures as on the identified tables, and
no query outside the views."""

import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from welzijn.analytics import schema
from welzijn.analytics.classification import MODELS
from welzijn.analytics.pseudonym import pseudonym
from welzijn.analytics.reading import pseudonymised
from welzijn.registry.models import Person
from welzijn.reporting import dashboard
from welzijn.reporting.breakdowns import breakdowns
from welzijn.reporting.compute import (
    ServiceIds,
    compute,
    households_per_office,
    households_per_wijk,
)
from welzijn.reporting.indicators import INDICATORS
from welzijn.reporting.report import build_report, render

TABLE = re.compile(r'(?:FROM|JOIN)\s+"(\w+)"')  # Django quotes every table it names


def _figures(year):
    ids = ServiceIds()
    results = compute(year, ids=ids)
    out = {c: (r.value, r.denominator, r.previous) for c, r in results.items()}
    for ind in INDICATORS:
        for b in breakdowns(ind, year, ids):
            out[(ind.code, b.by)] = [(c.key, c.text) for c in b.cells]
    out["per_wijk"] = households_per_wijk(year, ids)
    out["per_office"] = households_per_office(year, ids)
    return out


def test_every_figure_and_breakdown_is_the_same_on_the_views(ghent):
    identified = _figures(ghent)
    with pseudonymised():
        on_views = _figures(ghent)
    assert len(identified) > 300
    assert [k for k in identified if identified[k] != on_views[k]] == []


def test_the_views_hold_no_name_and_a_keyed_pseudonym(ghent):
    person = Person.objects.order_by("id").first()
    with pseudonymised():
        row = Person.objects.order_by("birth_date").filter(id=pseudonym("person", person.id))
        got = row.values("first_name", "insz", "birth_date", "sex").get()
        assert not Person.objects.filter(id=person.id).exists()
    assert got["first_name"] is None and got["insz"] is None
    assert got["birth_date"] == person.birth_date.replace(month=1, day=1)
    assert got["sex"] == person.sex
    assert Person.objects.filter(id=person.id).exists()  # outside: the table again


def test_no_query_of_the_report_or_dashboard_reads_a_table_without_a_view(ghent):
    viewed = {apps.get_model(label)._meta.db_table for label in MODELS}
    with pseudonymised(), CaptureQueriesContext(connection) as queries:
        report = build_report(ghent)
        render(report, "csv")
        dashboard.overview(ghent)
        for ind in INDICATORS[:40]:
            dashboard.detail(ind, ghent)
    read = {t for q in queries.captured_queries for t in TABLE.findall(q["sql"])}
    assert len(queries) > 100
    assert read and read <= viewed, read - viewed


def test_a_failing_computation_leaves_the_tables_in_place(ghent):
    names = Person.objects.exclude(first_name=None).count()
    with pytest.raises(ZeroDivisionError), pseudonymised():
        assert Person.objects.exclude(first_name=None).count() == 0
        1 / 0  # noqa: B018
    assert Person.objects.exclude(first_name=None).count() == names > 0


def test_the_pseudonyms_are_computed_once_and_follow_the_key(ghent, settings):
    """A person registered after a computation gets a pseudonym at the next one; another key
    gives every id its new pseudonym (the stored ones go)."""
    with pseudonymised():
        pass
    newcomer = Person.objects.create(
        first_name="Nieuw", last_name="Persoon", birth_date="1990-05-01", sex="V"
    )
    with pseudonymised():
        assert Person.objects.filter(id=pseudonym("person", newcomer.id)).exists()
    settings.WELZIJN_PSEUDONYM_KEY = "een-andere-sleutel-voor-de-test"
    schema.refresh(connection)  # PostgreSQL: the key table (SQLite: its fingerprint, on entry)
    schema.register_functions(None, connection)  # SQLite: a connection's function has its key
    with pseudonymised():
        assert Person.objects.filter(id=pseudonym("person", newcomer.id)).exists()
        assert not Person.objects.filter(id__isnull=True).exists()  # every id has its pseudonym
