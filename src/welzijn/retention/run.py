"""The retention run: every active rule's due records deleted or erased, in batches.

Each batch is one transaction that also writes its audit event (the kind and how many,
never which records), so memory stays bounded and a run that stops half-way has logged
exactly what it did. The statistical records the report counts are erased, not deleted
(see the schedule's fixture), so the figures of earlier years stay the same.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import ProtectedError

from welzijn.core import audit_pruning
from welzijn.core.audit import audit_record
from welzijn.retention.models import RetentionRule
from welzijn.retention.schedule import cutoff_of, due, erased_values, rule_model

BATCH_SIZE = 500


class RetentionError(Exception):
    pass


@dataclass
class Outcome:
    rule: RetentionRule
    count: int
    #: records removed with them by cascade, per kind
    cascaded: Counter


def _log(actor, rule: RetentionRule, count: int, cascaded: Counter | None = None) -> None:
    detail: dict = {"rule": rule.code, "action": rule.action, "count": count}
    if cascaded:
        detail["cascaded"] = dict(cascaded)
    audit_record(
        actor=actor,
        action="retention",
        object_type=rule.model,
        reason="bewaartermijn",
        detail=detail,
    )


def _delete_batch(rule: RetentionRule, pks: list) -> Counter:
    model = rule_model(rule)
    try:
        _, per_kind = model._default_manager.filter(pk__in=pks).delete()
    except ProtectedError as error:
        kinds = sorted({obj._meta.label_lower for obj in error.protected_objects})
        raise RetentionError(
            f"Regel '{rule.code}': {rule.model} kan niet verwijderd worden, want "
            f"{', '.join(kinds)} verwijst ernaar. Wis de persoonsgegevens in plaats van te "
            "verwijderen, of voeg eerst een regel voor die records toe."
        ) from error
    cascaded = Counter({kind.lower(): n for kind, n in per_kind.items() if n})
    cascaded.pop(rule.model, None)
    return cascaded


def _erase_batch(rule: RetentionRule, pks: list) -> None:
    model = rule_model(rule)
    objects = list(model._default_manager.filter(pk__in=pks).only("pk", *rule.erase))
    for obj in objects:
        for name, value in erased_values(rule, obj).items():
            setattr(obj, name, value)
    model._default_manager.bulk_update(objects, list(rule.erase))


def _apply_records(rule: RetentionRule, today: dt.date, actor, batch_size: int) -> Outcome:
    outcome = Outcome(rule, 0, Counter())
    while True:
        with transaction.atomic():
            pks = list(due(rule, today).order_by("pk").values_list("pk", flat=True)[:batch_size])
            if not pks:
                return outcome
            if rule.action == RetentionRule.Action.DELETE:
                cascaded = _delete_batch(rule, pks)
            else:
                cascaded = Counter()
                _erase_batch(rule, pks)
            _log(actor, rule, len(pks), cascaded)
        outcome.count += len(pks)
        outcome.cascaded += cascaded


def _apply_audit(rule: RetentionRule, today: dt.date, actor, batch_size: int) -> Outcome:
    before = cutoff_of(rule, today)
    assert isinstance(before, dt.datetime)
    if rule.action == RetentionRule.Action.ERASE_SEARCH_TERMS:
        count = audit_pruning.erase_search_terms(before=before, batch_size=batch_size)
    else:
        count = audit_pruning.prune(before=before, batch_size=batch_size)
    if count:
        with transaction.atomic():
            _log(actor, rule, count)
    return Outcome(rule, count, Counter())


def _count_due(rule: RetentionRule, today: dt.date) -> int:
    before = cutoff_of(rule, today)
    if rule.action == RetentionRule.Action.ERASE_SEARCH_TERMS:
        assert isinstance(before, dt.datetime)
        return audit_pruning.erasable_terms(before).count()
    if rule.action == RetentionRule.Action.PRUNE_AUDIT:
        assert isinstance(before, dt.datetime)
        return audit_pruning.prunable(before).count()
    if rule.action == RetentionRule.Action.KEEP:
        return 0
    return due(rule, today).count()


def retention_run(
    *, actor=None, today: dt.date, dry_run: bool = False, batch_size: int = BATCH_SIZE
) -> list[Outcome]:
    """Apply (or with dry_run only count) every active rule; the audit rules last, so the
    run's own events are written before old ones are pruned."""
    rules = sorted(
        RetentionRule.objects.filter(active=True).select_related("processing"),
        key=lambda r: (r.model == "core.auditevent", r.action == "prune_audit", r.code),
    )
    outcomes = []
    for rule in rules:
        if dry_run:
            outcomes.append(Outcome(rule, _count_due(rule, today), Counter()))
        elif rule.action == RetentionRule.Action.KEEP:
            outcomes.append(Outcome(rule, 0, Counter()))
        elif rule.model == "core.auditevent":
            outcomes.append(_apply_audit(rule, today, actor, batch_size))
        else:
            outcomes.append(_apply_records(rule, today, actor, batch_size))
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="retention_dry_run" if dry_run else "retention_run",
            object_type="retention.retentionrule",
            reason="bewaartermijn",
            detail={
                "today": today.isoformat(),
                "counts": {o.rule.code: o.count for o in outcomes if o.count},
            },
        )
    return outcomes
