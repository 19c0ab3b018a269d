"""The audit trail's witness outside the database: signed checkpoints of the chain's end.

The hash chain shows that an event was changed, not that the newest events were cut off
or that the whole chain was rewritten with recomputed hashes: whoever can write to the
database can do either and set the head row back. A checkpoint records the head's seq and
hash at a moment, one JSON line appended to a file outside the database
(settings.AUDIT_WITNESS_PATH, WELZIJN_AUDIT_WITNESS), signed with HMAC-SHA256 under a key
that is not in the database either. `audit_verify` then checks that every checkpointed
event still exists with the hash the checkpoint names.

The key is WELZIJN_AUDIT_KEY (settings.AUDIT_KEY) when set, else SECRET_KEY; either way it
goes through django.utils.crypto.salted_hmac with a salt of its own, so the signing key is
never one Django uses for sessions or tokens. Set WELZIJN_AUDIT_KEY in production: rotating
SECRET_KEY then leaves the witness valid. Rotating the audit key makes every older line
look forged: archive the witness file and start a new one.

Each line names the database it belongs to (vendor, host, port, name from the settings,
covered by the signature), so a benchmark or a second database writing to the same file
is skipped, not reported.

What this does not protect: the application process itself (it holds the key and writes
the file), the witness file (in production put it where the database's administrators
cannot write: another host, or `chattr +a`), and the events written since the last
checkpoint (at most AUDIT_CHECKPOINT_INTERVAL seconds of activity).
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.crypto import salted_hmac

_SALT = "welzijn.core.audit_witness.checkpoint"
_SIGNED_FIELDS = ("v", "db", "seq", "hash", "at")
#: Line versions (signed): a checkpoint of the chain's end, or a cut of its start.
_CHECKPOINT, _CUT = 1, 2
_lock = threading.Lock()
_last_written: float | None = None  # time.monotonic() of this process's last checkpoint


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: str
    line: int = 0

    @property
    def when(self) -> str:
        return timezone.localtime(dt.datetime.fromisoformat(self.at)).strftime("%d-%m-%Y %H:%M:%S")


@dataclass(frozen=True)
class ForgedLine:
    line: int
    seq: int | None
    problem: str


@dataclass
class WitnessReading:
    path: Path
    checkpoints: list[Checkpoint] = field(default_factory=list)
    #: where the retention pruned the chain's start: the last pruned event's seq and hash
    cuts: list[Checkpoint] = field(default_factory=list)
    forged: list[ForgedLine] = field(default_factory=list)
    other_databases: int = 0


def witness_path() -> Path:
    return Path(settings.AUDIT_WITNESS_PATH)


def database_label() -> str:
    db = connection.settings_dict
    server = f"{db['HOST']}:{db.get('PORT') or ''}" if db.get("HOST") else ""
    return f"{connection.vendor}://{server}/{db['NAME']}"


def _signature(record: dict) -> str:
    message = json.dumps([record.get(name) for name in _SIGNED_FIELDS], separators=(",", ":"))
    secret = settings.AUDIT_KEY or settings.SECRET_KEY
    return salted_hmac(_SALT, message, secret=secret, algorithm="sha256").hexdigest()


def checkpoint_append(seq: int, head_hash: str, *, version: int = _CHECKPOINT) -> Checkpoint:
    """Append one signed line; the file is opened for appending only, never rewritten."""
    at = dt.datetime.now(dt.UTC).isoformat()
    record = {"v": version, "db": database_label(), "seq": seq, "hash": head_hash, "at": at}
    record["sig"] = _signature(record)
    path = witness_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(record, sort_keys=True) + "\n").encode()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, line)  # one write: concurrent processes never interleave a line
        os.fsync(fd)
    finally:
        os.close(fd)
    return Checkpoint(seq, head_hash, at)


def cut_append(seq: int, last_pruned_hash: str) -> Checkpoint:
    """Record that the events up to `seq` are pruned: verification starts after it, from
    its hash. Written before the events are deleted, so a failed prune still verifies."""
    return checkpoint_append(seq, last_pruned_hash, version=_CUT)


def _parse(number: int, text: str, label: str, reading: WitnessReading) -> None:
    try:
        record = json.loads(text)
        seq = record.get("seq")
        seq = seq if isinstance(seq, int) else None
    except (ValueError, AttributeError):
        reading.forged.append(ForgedLine(number, None, "is onleesbaar"))
        return
    if not hmac.compare_digest(str(record.get("sig", "")), _signature(record)):
        reading.forged.append(ForgedLine(number, seq, "heeft een ongeldige handtekening"))
    elif record.get("db") != label:
        reading.other_databases += 1
    else:
        line = Checkpoint(seq or 0, str(record.get("hash")), str(record.get("at")), number)
        (reading.cuts if record.get("v") == _CUT else reading.checkpoints).append(line)


def witness_read() -> WitnessReading:
    """The checkpoints of this database, the lines whose signature fails, and a count of
    the (correctly signed) lines of other databases."""
    reading = WitnessReading(witness_path())
    if not reading.path.exists():
        return reading
    label = database_label()
    with reading.path.open(encoding="utf-8", errors="replace") as lines:
        for number, text in enumerate(lines, start=1):
            if text.strip():
                _parse(number, text, label, reading)
    return reading


def checkpoint_due() -> bool:
    """Whether this process wrote no checkpoint for AUDIT_CHECKPOINT_INTERVAL seconds: a
    clock read and a comparison, cheap enough for every append."""
    last = _last_written
    return last is None or time.monotonic() - last >= settings.AUDIT_CHECKPOINT_INTERVAL


def checkpoint_claim() -> bool:
    """Mark a checkpoint as written now if one is due; False when another thread of this
    process just did. Claiming before writing means a failing witness is retried once per
    interval, not on every request."""
    global _last_written
    with _lock:
        if not checkpoint_due():
            return False
        _last_written = time.monotonic()
        return True


def checkpoint_schedule_reset() -> None:
    """Forget this process's last checkpoint (the next append writes one)."""
    global _last_written
    _last_written = None
