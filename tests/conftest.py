import pytest
from django.core.management import call_command

from welzijn.core.roles_setup import roles_setup


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data (wijken, catalogue, offices, roles) once per test database."""
    with django_db_blocker.unblock():
        call_command("loaddata", "ghent", "catalog", "offices", "document_kinds", verbosity=0)
        roles_setup()


@pytest.fixture
def reference_data():
    """Transactional tests empty the database afterwards: they load the reference data
    themselves."""
    call_command("loaddata", "ghent", "catalog", "offices", "document_kinds", verbosity=0)
    roles_setup()
