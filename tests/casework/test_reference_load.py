"""`welzijn reference_load`: what a city installs with, without demo data."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from welzijn.casework.models import Office
from welzijn.core.roles import Role
from welzijn.registry.models import Household, Person

pytestmark = pytest.mark.django_db(transaction=True)


def test_reference_load_gives_offices_and_roles_and_no_people():
    call_command("flush", interactive=False, verbosity=0)  # a new city's database
    assert not Office.objects.exists() and not Group.objects.exists()
    call_command("reference_load", verbosity=0)
    offices = Office.objects.count()
    call_command("reference_load", verbosity=0)  # again: updates, adds nothing twice
    assert Office.objects.count() == offices > 0
    assert set(Group.objects.values_list("name", flat=True)) >= {role.value for role in Role}
    assert not Person.objects.exists() and not Household.objects.exists()
