import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError
from factories import person, user

from welzijn.core.audit import audit_breaks, audit_record, audit_verify
from welzijn.core.audit_witness import WitnessReading
from welzijn.core.models import AuditChainHead, AuditEvent
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


# The witness outside the database: signed checkpoints of the chain's end.


def _witness_lines():
    return settings.AUDIT_WITNESS_PATH.read_text().splitlines()


def _rewind_chain(to_seq):
    """Cut the chain back to `to_seq` and set the head to match: a consistent chain."""
    _bypass_append_only_trigger()
    AuditEvent.objects.filter(seq__gt=to_seq).delete()
    last = AuditEvent.objects.filter(seq=to_seq).first()
    AuditChainHead.objects.filter(pk=1).update(
        last_seq=to_seq, last_hash=last.hash if last else "0" * 64
    )


def test_checkpoint_command_appends_a_signed_line(capsys):
    _make_events(3)
    call_command("audit_checkpoint")
    assert "#3" in capsys.readouterr().out
    first = _witness_lines()
    audit_record(actor=None, action="load", object_type="synth.run", object_id="1")
    call_command("audit_checkpoint")
    lines = _witness_lines()
    assert lines[: len(first)] == first and len(lines) == 2
    record = json.loads(lines[1])
    assert record["seq"] == 4
    assert record["hash"] == AuditEvent.objects.get(seq=4).hash
    assert len(record["sig"]) == 64
    assert audit_verify() is None


def test_cutting_the_tail_and_setting_the_head_back_is_caught_by_the_witness(capsys):
    _make_events(5)
    call_command("audit_checkpoint")
    _rewind_chain(3)
    assert audit_breaks(WitnessReading(settings.AUDIT_WITNESS_PATH)) == []  # chain alone: ok
    problem = audit_verify()
    assert problem is not None and problem.seq == 5
    assert "ontbreekt" in problem.problem and "eindigt bij #3" in problem.problem
    with pytest.raises(CommandError, match="#5"):
        call_command("audit_verify")


def test_a_head_set_back_in_front_of_remaining_events_is_detected():
    _make_events(4)
    second = AuditEvent.objects.get(seq=2)
    AuditChainHead.objects.filter(pk=1).update(last_seq=2, last_hash=second.hash)
    problem = audit_verify()
    assert problem is not None and problem.seq == 3 and "teruggezet" in problem.problem


def test_a_chain_rewritten_with_recomputed_hashes_is_caught_by_the_witness():
    _make_events(5)
    call_command("audit_checkpoint")
    _rewind_chain(1)
    for _ in range(4):  # the same number of events, chained anew
        audit_record(actor=None, action="view", object_type="registry.person", object_id="2")
    assert AuditEvent.objects.count() == 5
    breaks = audit_breaks()
    assert len(breaks) == 1
    assert breaks[0].seq == 5 and "andere hash" in breaks[0].problem


def test_a_forged_checkpoint_is_detected(settings):
    _make_events(2)
    call_command("audit_checkpoint")
    record = json.loads(_witness_lines()[0])
    record["seq"] = 9  # claims more than was written, without the key
    with settings.AUDIT_WITNESS_PATH.open("a") as witness:
        witness.write(json.dumps(record) + "\n")
    problem = audit_verify()
    assert problem is not None and problem.seq == 9
    assert "regel 2" in problem.problem and "vervalst" in problem.problem


def test_a_checkpoint_signed_with_another_key_is_forged(settings):
    _make_events(2)
    settings.AUDIT_KEY = "sleutel-van-een-aanvaller"
    call_command("audit_checkpoint")
    settings.AUDIT_KEY = "de-echte-sleutel"
    assert "ongeldige handtekening" in audit_verify().problem


def test_without_an_audit_key_the_secret_key_signs_under_its_own_salt(settings):
    from django.utils.crypto import salted_hmac

    _make_events(1)
    settings.AUDIT_KEY = ""
    call_command("audit_checkpoint")
    record = json.loads(_witness_lines()[0])
    assert audit_verify() is None
    session_style = salted_hmac("django.contrib.sessions", "x").hexdigest()
    assert record["sig"] != session_style
    settings.SECRET_KEY = "een-andere-secret-key"
    assert audit_verify() is not None


def test_checkpoints_of_another_database_are_skipped(monkeypatch, capsys):
    from welzijn.core import audit_witness

    _make_events(1)
    monkeypatch.setattr(audit_witness, "database_label", lambda: "postgresql://elders/welzijn")
    audit_witness.checkpoint_append(99, "f" * 64)
    monkeypatch.undo()
    assert audit_verify() is None
    call_command("audit_verify")
    out = capsys.readouterr()
    assert "1 checkpoints van andere databases" in out.out
    assert "nog geen checkpoint" in out.err


def test_a_checkpoint_is_written_after_the_commit_once_per_interval(
    settings, django_capture_on_commit_callbacks, monkeypatch
):
    from welzijn.core import audit_witness

    settings.AUDIT_CHECKPOINT_INTERVAL = 300
    clock = [1000.0]
    monkeypatch.setattr(audit_witness.time, "monotonic", lambda: clock[0])
    worker = user(Role.MAATSCHAPPELIJK_WERKER)

    def append():
        with django_capture_on_commit_callbacks(execute=True):
            audit_record(actor=worker, action="view", object_type="registry.person")

    append()  # the first append of a process writes one
    assert [json.loads(line)["seq"] for line in _witness_lines()] == [1]
    clock[0] += 299
    append()
    assert len(_witness_lines()) == 1  # not yet due: no file touched
    clock[0] += 1
    append()
    assert [json.loads(line)["seq"] for line in _witness_lines()] == [1, 3]


def test_a_rolled_back_append_writes_no_checkpoint(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        audit_record(actor=None, action="view", object_type="registry.person")
        raise RuntimeError
    assert callbacks == []
    assert not settings.AUDIT_WITNESS_PATH.exists()


def test_an_unwritable_witness_does_not_break_the_request(
    settings, tmp_path, django_capture_on_commit_callbacks, caplog
):
    settings.AUDIT_WITNESS_PATH = tmp_path / "is-a-directory"
    settings.AUDIT_WITNESS_PATH.mkdir()
    with django_capture_on_commit_callbacks(execute=True):
        event = audit_record(actor=None, action="view", object_type="registry.person")
    assert AuditEvent.objects.filter(pk=event.pk).exists()
    assert "getuige" in caplog.text
