"""Writing and verifying the audit trail.

Every event carries sha256(previous hash + canonical content). Changing or removing an event
breaks the chain from that point; `audit_verify` finds the first break. Cutting off the
newest events or rewriting the chain with recomputed hashes leaves a consistent chain: the
signed checkpoints in the witness outside the database (`audit_witness`) catch those. Each
process writes one after a commit when its last is AUDIT_CHECKPOINT_INTERVAL seconds old;
`welzijn audit_checkpoint` writes one on demand.

A search term (detail "query": a name, an INSZ) is stored with a random salt and hashed as
a commitment sha256(salt + term), so the retention can later replace term and salt by that
commitment (`audit_pruning.erase_search_terms`) without changing the event's hash. The
salt keeps a commitment to a short term (an INSZ) from being found by trying every term.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from welzijn.core.audit_witness import (
    Checkpoint,
    WitnessReading,
    checkpoint_append,
    checkpoint_claim,
    checkpoint_due,
    witness_read,
)
from welzijn.core.models import AuditChainHead, AuditEvent

GENESIS_HASH = "0" * 64
logger = logging.getLogger(__name__)


def _canonical_detail(detail: dict[str, Any] | None) -> dict[str, Any]:
    """Round-trip through JSON so that what we hash is exactly what the database returns."""
    return json.loads(json.dumps(detail or {}, default=str, sort_keys=True))


def term_commitment(salt: str, term: str) -> str:
    return hashlib.sha256(f"{salt}:{term}".encode()).hexdigest()


def hashed_detail(detail: dict[str, Any]) -> dict[str, Any]:
    """The detail as hashed: a salted search term as its commitment (see the module doc)."""
    if "query_salt" not in detail:
        return detail
    hashed = {k: v for k, v in detail.items() if k not in ("query", "query_salt")}
    hashed["query_commitment"] = term_commitment(detail["query_salt"], str(detail.get("query")))
    return hashed


def _with_term_salt(detail: dict[str, Any]) -> dict[str, Any]:
    if "query" in detail:
        detail["query_salt"] = secrets.token_hex(16)
    return detail


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
        "detail": hashed_detail(event.detail),
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
    """Chain the entries onto the end of the trail, holding the lock on its head. Inside the
    caller's transaction without a savepoint of its own (two round trips fewer): a failure
    here fails what it records too."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    with transaction.atomic(savepoint=False):
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
                detail=_with_term_salt(_canonical_detail(entry.detail)),
                prev_hash=prev,
            )
            event.hash = prev = compute_hash(event)
            events.append(event)
        AuditEvent.objects.bulk_create(events, batch_size=2000)
        head.last_seq, head.last_hash = seq, prev
        head.save(update_fields=["last_seq", "last_hash"])
        if checkpoint_due():
            transaction.on_commit(_checkpoint_after_commit, robust=True)
    return events


def audit_checkpoint() -> Checkpoint:
    """Write the head of the chain, as committed now, to the witness."""
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None:
        return checkpoint_append(0, GENESIS_HASH)
    return checkpoint_append(head.last_seq, head.last_hash)


def _checkpoint_after_commit() -> None:
    if checkpoint_claim():
        try:
            audit_checkpoint()
        except OSError:
            logger.exception("Kon geen checkpoint van de audittrail naar de getuige schrijven")


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
    seq: int | None
    problem: str

    def __str__(self) -> str:
        return self.problem if self.seq is None else f"gebeurtenis #{self.seq}: {self.problem}"


def _events(after: int) -> Iterator[AuditEvent]:
    return AuditEvent.objects.filter(seq__gt=after).order_by("seq").iterator(chunk_size=5000)


@dataclass
class _Walk:
    """What walking the chain found: its first break, how far it got intact, and the
    hashes of the events the witness asks about."""

    problem: ChainBreak | None = None
    last_seq: int = 0
    hashes: dict[int, str] = field(default_factory=dict)


def _walk_chain(wanted: set[int], cut: Checkpoint | None = None) -> _Walk:
    """Walk from the genesis, or from after the latest cut (the last pruned event)."""
    walk = _Walk()
    start, prev_hash = (cut.seq, cut.hash) if cut else (0, GENESIS_HASH)
    expected_seq, walk.last_seq = start + 1, start
    for event in _events(after=start):
        if event.seq != expected_seq:
            walk.problem = ChainBreak(expected_seq, "ontbreekt (verwijderd)")
        elif event.prev_hash != prev_hash:
            walk.problem = ChainBreak(
                event.seq, "verwijst niet naar de vorige gebeurtenis (gewijzigd)"
            )
        elif compute_hash(event) != event.hash:
            walk.problem = ChainBreak(event.seq, "inhoud komt niet overeen met de hash (gewijzigd)")
        if walk.problem:
            return walk
        if event.seq in wanted:
            walk.hashes[event.seq] = event.hash
        expected_seq, prev_hash, walk.last_seq = event.seq + 1, event.hash, event.seq
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and head.last_seq < walk.last_seq:
        walk.problem = ChainBreak(
            head.last_seq + 1,
            f"staat na het einde van de keten (#{head.last_seq}): het einde is teruggezet",
        )
    elif head is not None and (head.last_seq != walk.last_seq or head.last_hash != prev_hash):
        walk.problem = ChainBreak(expected_seq, "ontbreekt aan het einde van de keten (verwijderd)")
    return walk


def _witness_breaks(witness: WitnessReading, walk: _Walk) -> list[ChainBreak]:
    """Forged lines; the latest checkpoint beyond the chain's end; the first checkpointed
    event whose hash differs. Past a break in the chain only the part before it counts."""
    breaks = [
        ChainBreak(
            line.seq, f"checkpoint op regel {line.line} van de getuige {line.problem} (vervalst)"
        )
        for line in witness.forged
    ]
    beyond = [c for c in witness.checkpoints if c.seq > walk.last_seq]
    if beyond and walk.problem is None:
        latest = max(beyond, key=lambda c: c.seq)
        breaks.append(
            ChainBreak(
                latest.seq,
                f"ontbreekt: de getuige legde op {latest.when} gebeurtenis #{latest.seq} vast "
                f"(regel {latest.line}), maar de keten eindigt bij #{walk.last_seq} "
                "(einde verwijderd of teruggezet)",
            )
        )
    differing = sorted(
        (c for c in witness.checkpoints if c.seq in walk.hashes and walk.hashes[c.seq] != c.hash),
        key=lambda c: c.seq,
    )
    if differing:
        first = differing[0]
        breaks.append(
            ChainBreak(
                first.seq,
                f"heeft een andere hash dan de getuige op {first.when} vastlegde (regel "
                f"{first.line}): de keten is herschreven of teruggezet",
            )
        )
    return breaks


def audit_breaks(witness: WitnessReading | None = None) -> list[ChainBreak]:
    """Every break found: the chain's first, then what the witness contradicts."""
    if witness is None:
        witness = witness_read()
    cut = max(witness.cuts, key=lambda c: c.seq) if witness.cuts else None
    walk = _walk_chain({c.seq for c in witness.checkpoints}, cut)
    return ([walk.problem] if walk.problem else []) + _witness_breaks(witness, walk)


def audit_verify() -> ChainBreak | None:
    """Return the first break (a changed or removed event, a cut-off or rewritten end, a
    forged checkpoint), or None when the chain is intact and agrees with its witness."""
    breaks = audit_breaks()
    return breaks[0] if breaks else None
