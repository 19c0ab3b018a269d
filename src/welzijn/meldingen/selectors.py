"""Reads of the meldingen: access-checked (access.py) and audited."""

import datetime as dt
import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F, Q, QuerySet

from welzijn.core.access import Intent
from welzijn.core.audit import audit_record
from welzijn.registry.models import Wijk

from .access import (
    access_conflict,
    access_melding,
    conflicts_visible_to,
    may_see_reporter,
    meldingen_offices,
    meldingen_visible_parts,
)
from .models import Category, Conflict, Melding, MeldingPhoto

PAGE_SIZE = 50
COUNT_CAP = 1000  # the list says "meer dan 1.000" rather than count a whole archive


@dataclass(frozen=True)
class Filters:
    """The team list's filters, read from the query string (unknown values ignored)."""

    status: str = ""  # a state, or "open"
    category: int | None = None  # a main or a subcategory
    wijk: int | None = None
    overdue: bool = False
    mine: str = ""  # "team": handled by my team; "gemeld": reported by my team; "": both

    def parts(self, *, user, today: dt.date) -> list[QuerySet[Melding]]:
        """The meldingen the user may see (access.meldingen_visible_parts), narrowed to the
        filters: disjoint querysets that each stay on one index."""
        narrow = Q()
        if self.status == "open":
            narrow &= Q(status__in=Melding.OPEN)
        elif self.status:
            narrow &= Q(status=self.status)
        if self.category is not None:
            ids = [
                self.category,
                *Category.objects.filter(parent_id=self.category).values_list("pk", flat=True),
            ]
            narrow &= Q(category_id__in=ids)
        if self.wijk is not None:
            narrow &= Q(wijk_id=self.wijk)
        if self.overdue:
            narrow &= Q(status__in=Melding.OPEN, due_on__lt=today)
        # A side without any melding is left out before its conditions are combined:
        # SQLite's statistics know averages only, and it would scan for the empty side.
        return [
            Melding.objects.filter(part, narrow).order_by()
            for reach, part in meldingen_visible_parts(user, self.mine)
            if Melding.objects.filter(reach).exists()
        ]


def default_side(user) -> str:
    """A team that receives meldingen starts on its own work; a warden on what their team
    reported."""
    offices = meldingen_offices(user)
    return "team" if Category.objects.filter(team_id__in=offices).exists() else "gemeld"


EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Cursor:
    """A place in the list (newest first): the melding's report time and id. Pages go on
    from a cursor (keyset), so a page deep in the archive costs what the first one does."""

    reported_at: dt.datetime
    pk: int

    @classmethod
    def of(cls, melding: Melding) -> "Cursor":
        return cls(melding.reported_at, melding.pk)

    def token(self) -> str:
        micro = (self.reported_at - EPOCH) // dt.timedelta(microseconds=1)
        return f"{micro}-{self.pk}"

    @classmethod
    def parse(cls, token: str) -> "Cursor | None":
        """None for anything that is not a token of ours (the list starts at the top)."""
        found = re.fullmatch(r"(\d{1,17})-(\d{1,12})", token or "")
        if not found:
            return None
        at = EPOCH + dt.timedelta(microseconds=int(found[1]))
        return cls(at, int(found[2])) if at.year < 10000 else None

    def older(self) -> Q:
        return Q(reported_at__lte=self.reported_at) & ~Q(
            reported_at=self.reported_at, pk__gte=self.pk
        )

    def newer(self) -> Q:
        return Q(reported_at__gte=self.reported_at) & ~Q(
            reported_at=self.reported_at, pk__lte=self.pk
        )


@dataclass(frozen=True)
class MeldingPage:
    rows: list[Melding]
    total: int  # capped at COUNT_CAP + 1
    newer: str = ""  # the cursor tokens of the neighbouring pages, "" at either end
    older: str = ""

    @property
    def more_than_cap(self) -> bool:
        return self.total > COUNT_CAP


def _rows(parts: list[QuerySet[Melding]], *, after: Cursor | None, before: Cursor | None):
    """Up to PAGE_SIZE + 1 rows past the cursor, newest first, merged over the parts."""
    if before is not None:
        where, order = before.newer(), ("reported_at", "pk")
    else:
        where, order = (after.older() if after else Q()), ("-reported_at", "-pk")
    rows = [
        melding
        for part in parts
        for melding in part.filter(where)
        .select_related("category__parent", "team", "wijk", "postcode")
        .order_by(*order)[: PAGE_SIZE + 1]
    ]
    rows.sort(key=lambda m: (m.reported_at, m.pk), reverse=before is None)
    return rows


@transaction.atomic
def meldingen_list(
    *,
    user,
    filters: Filters,
    today: dt.date,
    after: Cursor | None = None,
    before: Cursor | None = None,
) -> MeldingPage:
    """A page of the meldingen the user may see, newest first, with the filters: the first
    page, the one older than ``after`` or the one newer than ``before``."""
    counted = [
        (part, part[: COUNT_CAP + 1].count()) for part in filters.parts(user=user, today=today)
    ]
    total = sum(count for _, count in counted)
    # A part without rows under these filters is left out of the page query (SQLite would
    # walk the report-time index to its end looking for one).
    parts = [part for part, count in counted if count]
    rows = _rows(parts, after=after, before=before)
    more = len(rows) > PAGE_SIZE
    if before is not None and not more:
        before = None  # back at the top: show a full first page
        rows = _rows(parts, after=None, before=None)
        more = len(rows) > PAGE_SIZE
    if before is not None:
        rows = rows[:PAGE_SIZE][::-1]
        newer, older = Cursor.of(rows[0]).token(), Cursor.of(rows[-1]).token()
    else:
        rows = rows[:PAGE_SIZE]
        newer = Cursor.of(rows[0]).token() if after is not None and rows else ""
        older = Cursor.of(rows[-1]).token() if more else ""
    audit_record(
        actor=user,
        action="list",
        object_type="meldingen.melding",
        reason="lijst",
        detail={
            "filters": filters.__dict__,
            "after": after.token() if after else "",
            "before": before.token() if before else "",
            "ids": [m.pk for m in rows],
        },
    )
    return MeldingPage(rows, total, newer, older)


def open_per_wijk(*, user, filters: Filters, today: dt.date) -> list[dict]:
    """Open meldingen the user may see, per wijk (with the overdue ones): counts only.

    Grouped on ``wijk_id + 0`` rather than the column itself: grouping on the column makes
    SQLite walk the wijk index over every melding; on the expression it reads the team's
    open meldingen from the (team, status, wijk, due_on) index and groups those."""
    counts: dict[int, dict[str, int]] = {}
    for part in filters.parts(user=user, today=today):
        grouped = (
            part.filter(status__in=Melding.OPEN)
            .values(in_wijk=F("wijk_id") + 0)
            .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
            .order_by()
        )
        for row in grouped:
            into = counts.setdefault(row["in_wijk"], {"open": 0, "overdue": 0})
            into["open"] += row["open"]
            into["overdue"] += row["overdue"]
    out = []
    for wijk in Wijk.objects.order_by("name"):
        row = counts.get(wijk.pk, {})
        located = wijk.latitude is not None and wijk.longitude is not None
        out.append(
            {
                "wijk": wijk,
                "open": row.get("open", 0),
                "overdue": row.get("overdue", 0),
                "lat": float(wijk.latitude) if located else None,
                "lon": float(wijk.longitude) if located else None,
            }
        )
    return out


@dataclass(frozen=True)
class MeldingView:
    melding: Melding
    sees_reporter: bool
    may_edit: bool


@transaction.atomic
def melding_get(
    *, user, melding_id: int, intent: Intent = Intent.VIEW, reason: str = ""
) -> MeldingView:
    melding = access_melding(
        user,
        Melding.objects.select_related(
            "category__parent", "team", "reporting_office", "wijk", "postcode", "created_by"
        ).get(pk=melding_id),
        intent,
    )
    sees = may_see_reporter(user, melding)
    audit_record(actor=user, action="view", obj=melding, reason=reason, detail={"reporter": sees})
    return MeldingView(melding, sees, may_edit=sees)


@transaction.atomic
def photo_open(*, user, photo_id: int):
    from welzijn.casework import documents

    photo = MeldingPhoto.objects.select_related("melding").get(pk=photo_id)
    access_melding(user, photo.melding, Intent.VIEW)
    audit_record(actor=user, action="view", obj=photo, reason="foto")
    return photo, open(documents.path_of(photo.storage_name), "rb")


@transaction.atomic
def conflict_get(
    *, user, conflict_id: int, intent: Intent = Intent.VIEW, reason: str = ""
) -> Conflict:
    conflict = access_conflict(
        user,
        Conflict.objects.select_related("melding__category", "melding__wijk").get(pk=conflict_id),
        intent,
    )
    audit_record(actor=user, action="view", obj=conflict, reason=reason)
    return conflict


@transaction.atomic
def conflicts_list(*, user, running_only: bool = True) -> list[Conflict]:
    found = conflicts_visible_to(user).select_related("melding__category", "melding__wijk")
    if running_only:
        found = found.filter(status=Conflict.Status.RUNNING)
    rows = list(found.order_by("-started_on", "-pk")[:200])
    audit_record(
        actor=user,
        action="list",
        object_type="meldingen.conflict",
        reason="conflicten",
        detail={"ids": [c.pk for c in rows]},
    )
    return rows


def categories_tree() -> list[tuple[Category, list[Category]]]:
    """Active main categories with their active subcategories, for the forms."""
    subs: dict[int, list[Category]] = {}
    mains = []
    for c in Category.objects.filter(active=True).select_related("parent").order_by("name"):
        if c.parent_id is None:
            mains.append(c)
        else:
            subs.setdefault(c.parent_id, []).append(c)
    return [(m, subs.get(m.pk, [])) for m in mains if subs.get(m.pk)]


def category_get(pk: int | None) -> Category | None:
    return Category.objects.select_related("team", "parent").filter(pk=pk).first() if pk else None


def wijk_get(pk: int | None) -> Wijk | None:
    return Wijk.objects.filter(pk=pk).first() if pk else None


@transaction.atomic
def conflict_meldingen_waiting(*, user) -> list[Melding]:
    """Open conflict meldingen of the user's team that nobody took up yet."""
    rows = list(
        Melding.objects.filter(
            team_id__in=meldingen_offices(user),
            category__opens_conflict=True,
            status__in=Melding.OPEN,
            conflict__isnull=True,
        )
        .select_related("category", "wijk")
        .order_by("due_on")[:200]
    )
    audit_record(
        actor=user,
        action="list",
        object_type="meldingen.melding",
        reason="conflicten te starten",
        detail={"ids": [m.pk for m in rows]},
    )
    return rows
