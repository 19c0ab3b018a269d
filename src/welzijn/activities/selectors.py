"""Reads from activities. Reads by a user are access-checked and audited: a session's page
shows its participants' names."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum

from welzijn.activities.access import (
    access_activity,
    access_participant,
    access_series,
    activities_visible_to,
    series_visible_to,
)
from welzijn.activities.models import Activity, Participant, Series
from welzijn.core.access import Intent
from welzijn.core.audit import audit_record


@dataclass(frozen=True)
class Filters:
    """What the register is narrowed to; every field may be empty."""

    service_id: int | None = None
    office_id: int | None = None
    partner_id: int | None = None
    wijk_id: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def apply(self, activities: QuerySet[Activity]) -> QuerySet[Activity]:
        conditions = {
            "service_id": self.service_id,
            "office_id": self.office_id,
            "partner_id": self.partner_id,
            "wijk_id": self.wijk_id,
            "date__gte": self.start,
            "date__lte": self.end,
        }
        return activities.filter(**{k: v for k, v in conditions.items() if v is not None})


def _with_counts(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    return activities.annotate(named=Count("participants"))


@dataclass
class Register:
    activities: list[Activity]
    total: int
    sessions: int
    participants: int
    per_wijk: list[tuple[str, int, int]]  # (wijk, sessions, participants)


def activity_register_page(*, user, filters: Filters, limit: int = 100) -> Register:
    """The team's sessions, newest first, with the totals and a breakdown per wijk of all
    that match (cancelled sessions are listed, not counted); one audit event."""
    visible = filters.apply(activities_visible_to(user))
    rows = list(
        visible.select_related("service", "office", "partner", "wijk", "series").order_by(
            "-date", "-pk"
        )[:limit]
    )
    # the names on each list, for the rows shown only (not grouped over the whole register)
    named_of = dict(
        Participant.objects.filter(activity__in=[a.pk for a in rows])
        .order_by()
        .values_list("activity_id")
        .annotate(n=Count("id"))
    )
    for activity in rows:
        activity.named = named_of.get(activity.pk, 0)
    counted = visible.valid()
    per_wijk = list(
        counted.order_by()
        .values_list("wijk__name")
        .annotate(sessions=Count("id", distinct=True), headcount=Sum("headcount"))
        .order_by("wijk__name")
    )
    named = dict(
        Participant.objects.filter(activity__in=counted)
        .order_by()
        .values_list("activity__wijk__name")
        .annotate(n=Count("id"))
    )
    breakdown = [
        (name or "zonder wijk", sessions, (headcount or 0) + named.get(name, 0))
        for name, sessions, headcount in per_wijk
    ]
    with transaction.atomic():
        audit_record(
            actor=user,
            action="list",
            object_type="activities.activity",
            reason="activiteitenregister",
            detail={k: str(v) for k, v in filters.__dict__.items() if v is not None},
        )
    return Register(
        activities=rows,
        total=visible.count(),
        sessions=sum(r[1] for r in breakdown),
        participants=sum(r[2] for r in breakdown),
        per_wijk=breakdown,
    )


@transaction.atomic
def activity_get(
    *, user, activity_id: int, intent: Intent = Intent.VIEW, reason: str = ""
) -> Activity:
    activity = access_activity(
        user,
        _with_counts(Activity.objects.select_related("service", "office", "partner", "wijk"))
        .select_related("series")
        .get(pk=activity_id),
        intent,
    )
    audit_record(actor=user, action="view", obj=activity, reason=reason)
    return activity


def participants_of(activity: Activity) -> list[Participant]:
    """The names on a session's list (after activity_get: the read is audited there)."""
    return list(activity.participants.select_related("person"))


@transaction.atomic
def participant_get(*, user, participant_id: int, intent: Intent = Intent.VIEW) -> Participant:
    participant = access_participant(
        user,
        Participant.objects.select_related("activity", "person").get(pk=participant_id),
        intent,
    )
    audit_record(actor=user, action="view", obj=participant)
    return participant


@transaction.atomic
def series_get(*, user, series_id: int, intent: Intent = Intent.VIEW, reason: str = "") -> Series:
    series = access_series(
        user,
        Series.objects.select_related("service", "office", "partner", "wijk").get(pk=series_id),
        intent,
    )
    audit_record(actor=user, action="view", obj=series, reason=reason)
    return series


def series_list(*, user) -> list[Series]:
    rows = list(
        series_visible_to(user)
        .select_related("service", "office", "partner")
        .annotate(n_sessions=Count("sessions", filter=Q(sessions__cancelled_at__isnull=True)))
        .order_by("-start_date", "title")[:200]
    )
    with transaction.atomic():
        audit_record(actor=user, action="list", object_type="activities.series", reason="reeksen")
    return rows


@dataclass(frozen=True)
class Attendance:
    name: str
    person_id: int | None
    sessions: int
    completed: bool


def series_attendance(series: Series) -> list[Attendance]:
    """Who attended how many of the series' (valid) sessions, and who completed it
    (attended at least `sessions_required`); after series_get."""
    seen: dict[str, list] = {}
    for p in Participant.objects.filter(
        activity__series=series, activity__cancelled_at__isnull=True
    ).select_related("person"):
        entry = seen.setdefault(p.identity, [str(p), p.person_id, set()])
        entry[2].add(p.activity_id)
    rows = [
        Attendance(name, pid, len(ids), len(ids) >= series.sessions_required)
        for name, pid, ids in seen.values()
    ]
    return sorted(rows, key=lambda a: (-a.sessions, a.name.lower()))
