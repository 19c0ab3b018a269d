"""Search terms erased and old events pruned, while audit_verify still verifies the rest and
still finds a change after the cut."""

import datetime as dt
import importlib

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone
from factories import user

from welzijn.core.audit import audit_checkpoint, audit_record, audit_verify
from welzijn.core.audit_pruning import erase_search_terms, prune
from welzijn.core.audit_witness import witness_read
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.retention.run import retention_run

pytestmark = pytest.mark.django_db


def _search(worker, term):
    audit_record(
        actor=worker,
        action="list",
        object_type="registry.person",
        reason="zoeken",
        detail={"query": term, "results": 1},
    )


def _age(seqs, when):
    """Move events back in time, as an old trail would be (hash recomputed: the events are
    then as if written on that day)."""
    from welzijn.core.audit import compute_hash
    from welzijn.core.models import AuditChainHead

    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER core_auditevent_append_only")
    prev = "0" * 64
    for event in AuditEvent.objects.order_by("seq"):
        if event.seq in seqs:
            event.occurred_at = when
        event.prev_hash = prev
        event.hash = prev = compute_hash(event)
        event.save()
    AuditChainHead.objects.filter(pk=1).update(last_hash=prev)
    retention_migration = importlib.import_module("welzijn.core.migrations.0004_retention")
    with connection.cursor() as cursor:
        cursor.execute(retention_migration.SQLITE[1])  # the trigger back, as migrated


@pytest.fixture
def trail():
    if connection.vendor != "sqlite":
        pytest.skip("ages events by dropping the SQLite trigger")
    worker = user(Role.ONTHAAL)
    _search(worker, "Peeters Jan")  # 1
    _search(worker, "85073012345")  # 2
    audit_record(actor=worker, action="view", object_type="registry.person", object_id="7")
    _search(worker, "Janssens")  # 4: recent
    old = timezone.make_aware(dt.datetime(2016, 3, 1, 9))
    _age({1, 2, 3}, old)
    return worker


def test_erasing_search_terms_keeps_the_chain_verifiable(trail):
    audit_checkpoint()
    erased = erase_search_terms(before=timezone.make_aware(dt.datetime(2020, 1, 1)))
    assert erased == 2
    old = AuditEvent.objects.filter(seq__in=[1, 2])
    assert all("query" not in e.detail and "query_commitment" in e.detail for e in old)
    assert AuditEvent.objects.get(seq=4).detail["query"] == "Janssens"
    assert audit_verify() is None


def test_the_database_refuses_any_other_change_of_an_event(trail):
    event = AuditEvent.objects.get(seq=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=1).update(detail={**event.detail, "query": "iets anders"})
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(seq=1).update(reason="verdoezeld")


def test_pruning_records_the_cut_and_verification_starts_there(trail, capsys):
    audit_checkpoint()
    pruned = prune(before=timezone.make_aware(dt.datetime(2020, 1, 1)))
    assert pruned == 3
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == [4]
    cut = witness_read().cuts[-1]
    assert cut.seq == 3
    assert audit_verify() is None
    call_command("audit_verify")
    # a change after the cut is still found
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER core_auditevent_append_only")
    AuditEvent.objects.filter(seq=4).update(actor_username="iemand-anders")
    problem = audit_verify()
    assert problem is not None and problem.seq == 4
    with pytest.raises(CommandError):
        call_command("audit_verify")


def test_deleting_beyond_the_cut_is_still_found(trail):
    prune(before=timezone.make_aware(dt.datetime(2020, 1, 1)))
    audit_record(actor=trail, action="view", object_type="registry.person", object_id="8")
    AuditEvent.objects.filter(seq=4).delete()  # SQLite allows DELETE (see migration 0002)
    problem = audit_verify()
    assert problem is not None and problem.seq == 4 and "ontbreekt" in problem.problem


def test_the_retention_run_erases_and_prunes_by_the_schedule(trail):
    today = dt.date(2026, 12, 2)
    dry = {o.rule.code: o.count for o in retention_run(today=today, dry_run=True)}
    assert dry["zoektermen-wissen"] == 2 and dry["audit-snoeien"] == 3
    assert AuditEvent.objects.filter(seq__lte=3).count() == 3  # the dry run changed nothing
    done = {o.rule.code: o.count for o in retention_run(today=today)}
    assert done["zoektermen-wissen"] == 2 and done["audit-snoeien"] == 3
    assert not AuditEvent.objects.filter(seq__lte=3).exists()
    assert audit_verify() is None
