"""Places and occupancy on a night, for many facilities in a few aggregate queries (the
tonight's board, the full-facility rule and the report use the same functions)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet, Sum

from .models import CapacityPeriod, Refusal, Stay, WaitingEntry


def stays_on(night: dt.date) -> QuerySet[Stay]:
    """Stays that cover the night: in before or on it, not yet gone the morning after."""
    return Stay.objects.filter(
        Q(exit_date__isnull=True) | Q(exit_date__gt=night), entry_date__lte=night
    )


def capacity_on(facility_ids: Iterable[int], night: dt.date) -> dict[tuple[int, str], int]:
    """(facility id, place kind) -> places on the night."""
    rows = (
        CapacityPeriod.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=night),
            facility_id__in=list(facility_ids),
            start_date__lte=night,
        )
        .values_list("facility_id", "place_kind")
        .annotate(places=Sum("places"))
    )
    return {(f, k): p for f, k, p in rows}


def occupied_on(facility_ids: Iterable[int], night: dt.date) -> dict[tuple[int, str], int]:
    rows = (
        stays_on(night)
        .filter(facility_id__in=list(facility_ids))
        .values_list("facility_id", "place_kind")
        .annotate(n=Count("pk"))
    )
    return {(f, k): n for f, k, n in rows}


def _per_facility(rows: dict[tuple[int, str], int]) -> dict[int, int]:
    out: dict[int, int] = defaultdict(int)
    for (facility, _kind), n in rows.items():
        out[facility] += n
    return out


def board_figures(facility_ids: list[int], night: dt.date) -> dict[int, dict[str, int]]:
    """Per facility: capacity, occupied, free, waiting, refused and overbooked on the night."""
    capacity = _per_facility(capacity_on(facility_ids, night))
    occupied = _per_facility(occupied_on(facility_ids, night))
    waiting = dict(
        WaitingEntry.objects.filter(facility_id__in=facility_ids, status="wachtend")
        .values_list("facility_id")
        .annotate(n=Count("pk"))
    )
    refused = dict(
        Refusal.objects.filter(facility_id__in=facility_ids, night=night)
        .values_list("facility_id")
        .annotate(n=Count("pk"))
    )
    return {
        f: {
            "capacity": capacity.get(f, 0),
            "occupied": occupied.get(f, 0),
            "free": max(capacity.get(f, 0) - occupied.get(f, 0), 0),
            "waiting": waiting.get(f, 0),
            "refused": refused.get(f, 0),
        }
        for f in facility_ids
    }
