"""The data migration of incomes: a calendar year becomes 1 January - 31 December, per year."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from welzijn.analytics import schema as analytics

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("registry", "0009_person_search_key_and_merge")]
AFTER = [("registry", "0012_income_periods_constraints")]


def _migrate(targets):
    analytics.drop_views(connection)  # as `migrate` does (pre_migrate): views pin columns
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _whole_schema_afterwards():
    """Going back to registry 0009 unapplies every app built on a later registry migration:
    migrate the whole project forward again, so later tests find every table and column."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    analytics.refresh(connection)


def test_year_incomes_become_periods():
    old = _migrate(BEFORE)
    somebody = old.get_model("registry", "Person").objects.create(
        first_name="Oud",
        last_name="Inkomen",
        birth_date=dt.date(1960, 1, 1),
        sex="V",
        nationality="BE",
        residence_status="belg",
        search_name="oud inkomen",
    )
    old.get_model("registry", "Income").objects.create(
        person_id=somebody.pk,
        year=2022,
        category="pensioen",
        gross_taxable=Decimal("14000.00"),
        net=Decimal("13000.00"),
        source="Aanslagbiljet personenbelasting",
    )
    new = _migrate(AFTER)
    income = new.get_model("registry", "Income").objects.get(person_id=somebody.pk)
    assert (income.start_date, income.end_date, income.per) == (
        dt.date(2022, 1, 1),
        dt.date(2022, 12, 31),
        "jaar",
    )
    assert (income.amount_net, income.amount_gross_taxable) == (
        Decimal("13000.00"),
        Decimal("14000.00"),
    )
    assert (income.source, income.proof) == ("aanslagbiljet", "Aanslagbiljet personenbelasting")
    status_fields = {f.name for f in new.get_model("registry", "SocialStatus")._meta.fields}
    assert {"source", "proof"} <= status_fields
