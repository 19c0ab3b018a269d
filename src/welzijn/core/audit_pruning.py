"""Retention of the audit trail itself: erasing old search terms and pruning old events,
both so that `audit_verify` still verifies what remains.

A salted search term is replaced by its commitment, which is what the hash covers
(`audit.hashed_detail`), so the event's hash stays valid. Pruning deletes the oldest events
up to a seq after writing a cut to the witness (`audit_witness.cut_append`): the seq and
hash of the last pruned event, from which verification starts. A term stored before terms
were salted cannot be erased without breaking the chain; it goes when its event is pruned.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.db.models import QuerySet

from welzijn.core.audit import hashed_detail
from welzijn.core.audit_witness import cut_append
from welzijn.core.models import AuditChainHead, AuditEvent


def erasable_terms(before: dt.datetime) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(occurred_at__lt=before, detail__has_key="query_salt")


def erase_search_terms(*, before: dt.datetime, batch_size: int = 1000) -> int:
    """Replace the search terms of events older than `before` by their commitments."""
    erased = 0
    while True:
        with transaction.atomic():
            batch = list(erasable_terms(before).order_by("seq")[:batch_size])
            if not batch:
                return erased
            for event in batch:
                event.detail = hashed_detail(event.detail)
            AuditEvent.objects.bulk_update(batch, ["detail"])
        erased += len(batch)


def prunable(before: dt.datetime) -> QuerySet[AuditEvent]:
    """Events older than `before`, never the chain's last (the head must stay checkable)."""
    head = AuditChainHead.objects.filter(pk=1).first()
    last = head.last_seq if head else 0
    return AuditEvent.objects.filter(occurred_at__lt=before, seq__lt=last)


def prune(*, before: dt.datetime, batch_size: int = 5000) -> int:
    """Delete the events older than `before`, oldest first, after recording the cut."""
    last = prunable(before).order_by("-seq").first()
    if last is None:
        return 0
    # Events are appended in time order, so everything up to `last` is older than `before`.
    cut_append(last.seq, last.hash)
    pruned = 0
    while True:
        with transaction.atomic():
            seqs = list(
                AuditEvent.objects.filter(seq__lte=last.seq)
                .order_by("seq")
                .values_list("seq", flat=True)[:batch_size]
            )
            if not seqs:
                return pruned
            if connection.vendor == "postgresql":  # the append-only trigger lets this pass
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL welzijn.audit_prune = 'on'")
            AuditEvent.objects.filter(seq__in=seqs).delete()
        pruned += len(seqs)
