"""Writing and verifying the audit trail.

Every event carries sha256(previous hash + canonical content). Changing or removing an event
breaks the chain from that point; `audit_verify` finds the first break.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from welzijn.core.models import AuditChainHead, AuditEvent

GENESIS_HASH = "0" * 64


def _canonical_detail(detail: dict[str, Any] | None) -> dict[str, Any]:
    """Round-trip through JSON so that what we hash is exactly what the database returns."""
    return json.loads(json.dumps(detail or {}, default=str, sort_keys=True))


def compute_hash(event: AuditEvent) -> str:
    content = {
        "seq": event.seq,
        "occurred_at": event.occurred_at.astimezone(dt.UTC).isoformat(),
        "actor_id": event.actor_id,
        "actor_username": event.actor_username,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "reason": event.reason,
        "detail": event.detail,
    }
    payload = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((event.prev_hash + payload).encode()).hexdigest()


def object_label(obj: models.Model | type[models.Model]) -> str:
    return obj._meta.label_lower


@dataclass(frozen=True)
class _Entry:
    action: str
    object_type: str
    object_id: str
    reason: str
    detail: dict[str, Any] | None


def _append(actor: Any, entries: list[_Entry]) -> list[AuditEvent]:
    """Chain the entries onto the end of the trail, holding the lock on its head."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"last_seq": 0, "last_hash": GENESIS_HASH}
        )
        now, seq, prev = timezone.now(), head.last_seq, head.last_hash
        events = []
        for entry in entries:
            seq += 1
            event = AuditEvent(
                seq=seq,
                occurred_at=now,
                actor_id=actor.pk if is_user else None,
                actor_username=actor.get_username() if is_user else "",
                action=entry.action,
                object_type=entry.object_type,
                object_id=entry.object_id,
                reason=entry.reason[:300],
                detail=_canonical_detail(entry.detail),
                prev_hash=prev,
            )
            event.hash = prev = compute_hash(event)
            events.append(event)
        AuditEvent.objects.bulk_create(events, batch_size=2000)
        head.last_seq, head.last_hash = seq, prev
        head.save(update_fields=["last_seq", "last_hash"])
    return events


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    reason: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an event. Call it inside the transaction of the change or read it records."""
    if obj is not None:
        object_type, object_id = object_label(obj), str(obj.pk)
    return _append(actor, [_Entry(action, object_type, str(object_id), reason, detail)])[0]


def audit_record_many(
    *,
    actor: Any,
    action: str,
    objects: list[models.Model],
    reason: str = "",
    details: list[dict[str, Any]] | None = None,
) -> int:
    """One event per object, appended in one go (bulk grants): the same chain as calling
    audit_record for each, at a fraction of the round trips."""
    details = details or [{} for _ in objects]
    entries = [
        _Entry(action, object_label(obj), str(obj.pk), reason, detail)
        for obj, detail in zip(objects, details, strict=True)
    ]
    return len(_append(actor, entries)) if entries else 0


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    problem: str

    def __str__(self) -> str:
        return f"gebeurtenis #{self.seq}: {self.problem}"


def _events() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("seq").iterator(chunk_size=5000)


def audit_verify() -> ChainBreak | None:
    """Return the first event that was changed or removed, or None when the chain is intact."""
    expected_seq, prev_hash = 1, GENESIS_HASH
    for event in _events():
        if event.seq != expected_seq:
            return ChainBreak(expected_seq, "ontbreekt (verwijderd)")
        if event.prev_hash != prev_hash:
            return ChainBreak(event.seq, "verwijst niet naar de vorige gebeurtenis (gewijzigd)")
        if compute_hash(event) != event.hash:
            return ChainBreak(event.seq, "inhoud komt niet overeen met de hash (gewijzigd)")
        expected_seq, prev_hash = event.seq + 1, event.hash
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_seq != expected_seq - 1 or head.last_hash != prev_hash):
        return ChainBreak(expected_seq, "ontbreekt aan het einde van de keten (verwijderd)")
    return None
