import pytest
from django.db import transaction

from welzijn.synth.generator import MIN_SCALE
from welzijn.synth.services import synth_load


@pytest.fixture(scope="module")
def _ghent_of_the_module(django_db_setup, django_db_blocker):
    """Synthetic Ghent loaded once per module, in a transaction rolled back after its last
    test: every test's own changes roll back to a savepoint inside it (the `db` fixture)."""
    with django_db_blocker.unblock():
        loaded = transaction.atomic()
        loaded.__enter__()
        synth_load(seed=42, scale=MIN_SCALE, year=2023)
    yield 2023
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        loaded.__exit__(None, None, None)


@pytest.fixture
def ghent(_ghent_of_the_module, db):
    """Synthetic Ghent at the smallest scale, 2023."""
    return _ghent_of_the_module
