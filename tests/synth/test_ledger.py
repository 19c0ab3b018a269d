"""Synth loads only into a database holding reference data and its own loads: a record
somebody registered makes it refuse, `--replace` or not, and nothing is written."""

import datetime as dt

import factories as f
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.registry.models import Household, Person
from welzijn.synth.models import SynthRun

pytestmark = pytest.mark.django_db

SCALE = "0.01"


def _synth(*options: str) -> None:
    call_command("synth", "--scale", SCALE, *options, verbosity=0)


def _state() -> tuple[int, int, int]:
    return Person.objects.count(), SynthRun.objects.count(), AuditEvent.objects.count()


def test_replace_replaces_its_own_load_and_only_that():
    _synth("--seed", "7")
    first = SynthRun.objects.get()
    with pytest.raises(CommandError, match="--replace"):
        _synth("--seed", "7")
    _synth("--seed", "7", "--replace")
    second = SynthRun.objects.get()
    assert second.id != first.id
    assert second.row_counts == first.row_counts
    assert Person.objects.count() == first.row_counts["registry_person"]


@pytest.mark.parametrize("replace", [False, True])
def test_a_person_registered_through_a_service_makes_it_refuse(replace):
    _synth()
    worker = f.user(Role.MAATSCHAPPELIJK_WERKER)
    f.person(worker, born=dt.date(1990, 3, 4))  # registry.person_create: audited
    before = _state()
    with pytest.raises(CommandError) as refused:
        _synth(*(["--replace"] if replace else []))
    message = str(refused.value)
    assert "1 geregistreerde wijziging in de audittrail" in message
    assert "registry.person" in message
    assert "registry_person (1)" in message  # and the ledger does not cover the row either
    assert _state() == before  # nothing deleted, nothing loaded, nothing audited


def test_the_audit_trail_remembers_a_registration_whose_rows_are_gone():
    worker = f.user(Role.MAATSCHAPPELIJK_WERKER)
    f.household(worker, f.person(worker))
    with connection.cursor() as cursor:  # rows removed behind the services' back
        for table in ("registry_householdmembership", "registry_household", "registry_person"):
            cursor.execute(f'DELETE FROM "{table}"')
    with pytest.raises(CommandError, match="wijzigingen in de audittrail") as refused:
        _synth()
    assert "rijen die geen synthetische lading schreef" not in str(refused.value)
    assert not SynthRun.objects.exists()


def test_a_row_written_without_a_service_is_outside_the_ledger():
    _synth()
    run = SynthRun.objects.get()
    Household.objects.create(name="Gezin buiten de diensten om")  # as a script would
    with pytest.raises(CommandError, match=r"registry_household \(1\)") as refused:
        _synth("--replace")
    assert "audittrail" not in str(refused.value)
    assert SynthRun.objects.get() == run
