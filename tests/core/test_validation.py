"""validate_and_save: Django's full_clean, without a query per foreign key whose object was
read from the database; a key to a row that does not exist is still refused by name."""

import factories
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from welzijn.casework.models import Office, StaffAssignment
from welzijn.core.validation import validate_and_save

pytestmark = pytest.mark.django_db


def _account():
    return get_user_model().objects.create_user(username="validatie.test")


def test_a_key_to_an_object_read_from_the_database_is_not_looked_up_again():
    account, office = _account(), factories.office()
    with CaptureQueriesContext(connection) as captured:
        validate_and_save(StaffAssignment(user=account, office=office))
    # the unique constraint's check and the INSERT; no SELECT from auth_user or
    # casework_office to validate the keys
    sql = [q["sql"] for q in captured]
    assert len(sql) == 2 and sql[1].startswith("INSERT")
    assert '"casework_staffassignment"' in sql[0] and "auth_user" not in sql[0]
    assert StaffAssignment.objects.filter(user=account, office=office).exists()


def test_the_unique_checks_still_involve_keys_to_objects_read():
    account, office = _account(), factories.office()
    validate_and_save(StaffAssignment(user=account, office=office))
    with pytest.raises(ValidationError, match=r"bestaat al|already exists"):
        validate_and_save(StaffAssignment(user=account, office=office))


def test_a_key_given_as_an_id_is_still_checked():
    account = _account()
    missing = Office.objects.order_by("-pk").first().pk + 1000
    with pytest.raises(ValidationError) as refused:
        validate_and_save(StaffAssignment(user=account, office_id=missing))
    assert set(refused.value.message_dict) == {"office"}


def test_a_key_to_an_unsaved_object_is_still_checked():
    account = _account()
    unsaved = Office(pk=Office.objects.order_by("-pk").first().pk + 1000, code="x", name="x")
    with pytest.raises(ValidationError) as refused:
        validate_and_save(StaffAssignment(user=account, office=unsaved))
    assert set(refused.value.message_dict) == {"office"}


def test_errors_of_fields_clean_and_constraints_come_together():
    """As Model.full_clean: a field error and a constraint's error in one ValidationError."""
    from welzijn.meldingen.models import Melding

    melding = Melding(street="", latitude=None, longitude=1, description="x" * 10)
    with pytest.raises(ValidationError) as refused:
        validate_and_save(melding)
    errors = refused.value.message_dict
    assert {"category", "wijk", "reported_at"} <= set(errors)
    assert any("breedte- én lengtegraad" in m for m in errors["__all__"])
