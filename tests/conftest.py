import pytest
from django.core.management import call_command

from welzijn.casework.reference import REFERENCE_FIXTURES
from welzijn.core.roles_setup import roles_setup


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data (wijken, catalogue, offices, roles) once per test database."""
    with django_db_blocker.unblock():
        call_command("loaddata", *REFERENCE_FIXTURES, verbosity=0)
        roles_setup()
