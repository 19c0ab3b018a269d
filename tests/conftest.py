import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data (wijken, catalogue, offices, roles) once per test database."""
    with django_db_blocker.unblock():
        call_command("reference_load", verbosity=0)


@pytest.fixture
def reference_data():
    """Transactional tests empty the database afterwards: they load the reference data
    themselves."""
    call_command("reference_load", verbosity=0)


@pytest.fixture(autouse=True)
def audit_witness(settings, tmp_path):
    """Each test its own audit witness file: the test database starts empty every time."""
    from welzijn.core.audit_witness import checkpoint_schedule_reset

    settings.AUDIT_WITNESS_PATH = tmp_path / "audit-witness.jsonl"
    checkpoint_schedule_reset()
    return settings.AUDIT_WITNESS_PATH
