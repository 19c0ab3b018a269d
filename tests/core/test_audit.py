import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError
from factories import person, user

from welzijn.core.audit import audit_record, audit_verify
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role

pytestmark = pytest.mark.django_db


def _bypass_append_only_trigger():
    """What an attacker with database access would do first."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only"
            )
        else:
            cursor.execute("DROP TRIGGER core_auditevent_append_only")


def _make_events(count=5):
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    for _ in range(count):
        audit_record(actor=worker, action="view", object_type="registry.person", object_id="1")
    return list(AuditEvent.objects.order_by("seq"))


def test_events_form_a_chain():
    events = _make_events(3)
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].prev_hash == "0" * 64
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    assert audit_verify() is None


def test_a_service_write_adds_an_event_naming_who_and_what():
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    created = person(worker)
    event = AuditEvent.objects.get(object_type="registry.person", object_id=str(created.pk))
    assert event.action == "create"
    assert event.actor_username == worker.username


def test_the_database_refuses_to_update_an_event():
    _make_events(1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=1).update(reason="verdoezeld")


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL-only trigger")
def test_postgresql_refuses_to_delete_an_event():
    _make_events(1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=1).delete()


def test_a_changed_event_is_detected():
    _make_events(5)
    _bypass_append_only_trigger()
    AuditEvent.objects.filter(seq=3).update(actor_username="iemand-anders")
    problem = audit_verify()
    assert problem is not None and problem.seq == 3
    assert "gewijzigd" in problem.problem


def test_a_changed_event_with_a_recomputed_hash_is_detected_at_the_next_event():
    from welzijn.core.audit import compute_hash

    events = _make_events(5)
    _bypass_append_only_trigger()
    tampered = events[2]
    tampered.reason = "verdoezeld"
    AuditEvent.objects.filter(seq=3).update(reason="verdoezeld", hash=compute_hash(tampered))
    problem = audit_verify()
    assert problem is not None and problem.seq == 4


def test_a_removed_event_is_detected():
    _make_events(5)
    _bypass_append_only_trigger()
    AuditEvent.objects.filter(seq=2).delete()
    problem = audit_verify()
    assert problem is not None and problem.seq == 2
    assert "ontbreekt" in problem.problem


def test_a_removed_last_event_is_detected():
    _make_events(4)
    _bypass_append_only_trigger()
    AuditEvent.objects.filter(seq=4).delete()
    problem = audit_verify()
    assert problem is not None and problem.seq == 4


def test_audit_verify_command_reports_the_first_break(capsys):
    _make_events(3)
    call_command("audit_verify")
    assert "intact: 3" in capsys.readouterr().out
    _bypass_append_only_trigger()
    AuditEvent.objects.filter(seq=2).update(object_id="999")
    with pytest.raises(CommandError, match="#2"):
        call_command("audit_verify")
