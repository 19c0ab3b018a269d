"""Recording events: called by the domain's service functions inside their transaction, so
an event exists exactly when its change was committed. This module imports only its own
models: the domain apps may import it."""

from collections.abc import Iterable
from itertools import islice
from typing import Any

from django.db import models
from django.utils import timezone

from .events import EVENT_TYPES
from .models import Event, Subscription


def _wanted(type: str) -> bool:
    """Nobody subscribed: nothing to record (a later subscription starts from its own day)."""
    return any(
        type in types
        for types in Subscription.objects.filter(active=True).values_list("event_types", flat=True)
    )


def event_record(
    *, type: str, obj: models.Model, office_ids: Iterable[int], data: dict[str, Any]
) -> Event | None:
    """One event about `obj`, belonging to `office_ids` (the offices whose scope sees it)."""
    event_type = EVENT_TYPES[type]
    if not _wanted(type):
        return None
    assert obj._meta.label_lower == event_type.model, (obj, type)
    return Event.objects.create(
        type=type,
        object_type=event_type.model,
        object_id=str(obj.pk),
        office_ids=sorted({int(i) for i in office_ids if i is not None}),
        data={"id": obj.pk, **data},
        created_at=timezone.now(),
    )


def events_record_many(
    *, type: str, rows: Iterable[tuple[int, Iterable[int], dict[str, Any]]]
) -> int:
    """Many events at once (a screening stores thousands of findings in one go): rows of
    (object id, office ids, data)."""
    event_type = EVENT_TYPES[type]
    if not _wanted(type):
        return 0
    now = timezone.now()
    events = (
        Event(
            type=type,
            object_type=event_type.model,
            object_id=str(object_id),
            office_ids=sorted({int(i) for i in office_ids if i is not None}),
            data={"id": object_id, **data},
            created_at=now,
        )
        for object_id, office_ids, data in rows
    )
    count = 0
    while batch := list(islice(events, 2000)):
        Event.objects.bulk_create(batch)
        count += len(batch)
    return count
