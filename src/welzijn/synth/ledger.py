"""What Synthetic Ghent wrote, and whether the database holds anything else.

Synth deletes and replaces only its own rows, and it never loads into a database that
holds a record somebody registered: real or hand-made data would be mixed with synthetic
data, or be deleted by ``--replace``. Two signals decide, because each misses what the
other sees:

* the audit trail: every write through a service (workplace, import, API) appends an event;
  any such event other than a synthetic load is somebody's registration, also when it lies
  in a table synth never writes or changes a synthetic row;
* the ledger (`SynthRun.id_ranges`): a row in a table synth writes whose id no load's
  range covers was written by something else, with or without an audit event.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Q, QuerySet

from welzijn.core.audit import object_label
from welzijn.core.models import AuditEvent

from .models import SynthRun
from .rows import TABLES

#: The audit actions that write; views, lists and refusals change nothing.
WRITES = (
    AuditEvent.Action.CREATE,
    AuditEvent.Action.UPDATE,
    AuditEvent.Action.DELETE,
    AuditEvent.Action.TRANSITION,
    AuditEvent.Action.SHARE,
    AuditEvent.Action.LOAD,
)
#: Tables synth writes that reference data fills too (the partner organisations).
SHARED_WITH_REFERENCE = frozenset({"registry_organisation"})


def foreign_writes() -> QuerySet[AuditEvent]:
    """Audited writes that are not a synthetic load."""
    own = Q(action=AuditEvent.Action.LOAD, object_type=object_label(SynthRun))
    return AuditEvent.objects.filter(action__in=WRITES).exclude(own)


def unledgered_rows() -> dict[str, int]:
    """Per table synth writes: the rows outside every load's id range (only tables with any)."""
    ranges: dict[str, list[tuple[int, int]]] = {}
    for id_ranges in SynthRun.objects.values_list("id_ranges", flat=True):
        for table, (lo, hi) in id_ranges.items():
            ranges.setdefault(table, []).append((lo, hi))
    found = {}
    with connection.cursor() as cursor:
        for table in dict.fromkeys(TABLES):
            if table in SHARED_WITH_REFERENCE:
                continue
            spans = ranges.get(table, [])
            inside = " OR ".join("id BETWEEN %s AND %s" for _ in spans)
            where = f" WHERE NOT ({inside})" if spans else ""
            params = [bound for span in spans for bound in span]
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"{where}', params)
            if count := cursor.fetchone()[0]:
                found[table] = count
    return found


def foreign_records() -> str:
    """A Dutch sentence naming what the database holds that synth did not write, or ''."""
    parts = []
    writes = foreign_writes()
    if first := writes.first():
        n = writes.count()
        parts.append(
            f"{n} geregistreerde {'wijziging' if n == 1 else 'wijzigingen'} in de audittrail "
            f"(de eerste: #{first.seq} {first.get_action_display()} {first.object_type})"
        )
    if rows := unledgered_rows():
        listed = ", ".join(f"{table} ({n})" for table, n in rows.items())
        parts.append(f"rijen die geen synthetische lading schreef: {listed}")
    return "; ".join(parts)
