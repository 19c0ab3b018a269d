"""Reads of the meldingen: access-checked (access.py) and audited."""

import datetime as dt
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
    meldingen_visible_to,
)
from .models import Category, Conflict, Melding, MeldingPhoto

PAGE_SIZE = 50


@dataclass(frozen=True)
class Filters:
    """The team list's filters, read from the query string (unknown values ignored)."""

    status: str = ""  # a state, or "open"
    category: int | None = None  # a main or a subcategory
    wijk: int | None = None
    overdue: bool = False
    mine: str = ""  # "team": handled by my team; "gemeld": reported by my team; "": both

    def apply(self, *, user, today: dt.date) -> QuerySet[Melding]:
        """The meldingen the user may see (access.meldingen_visible_to), narrowed to the
        filters. "Mine" picks one side of that rule, so that the query stays on one index."""
        offices = meldingen_offices(user)
        if self.mine == "team":
            meldingen = Melding.objects.filter(team_id__in=offices)
        elif self.mine == "gemeld":
            meldingen = Melding.objects.filter(
                Q(reporting_office_id__in=offices) | Q(created_by_id=user.pk)
            )
        else:
            meldingen = meldingen_visible_to(user)
        if self.status == "open":
            meldingen = meldingen.filter(status__in=Melding.OPEN)
        elif self.status:
            meldingen = meldingen.filter(status=self.status)
        if self.category is not None:
            ids = [
                self.category,
                *Category.objects.filter(parent_id=self.category).values_list("pk", flat=True),
            ]
            meldingen = meldingen.filter(category_id__in=ids)
        if self.wijk is not None:
            meldingen = meldingen.filter(wijk_id=self.wijk)
        if self.overdue:
            meldingen = meldingen.filter(status__in=Melding.OPEN, due_on__lt=today)
        return meldingen


def default_side(user) -> str:
    """A team that receives meldingen starts on its own work; a warden on what their team
    reported."""
    offices = meldingen_offices(user)
    return "team" if Category.objects.filter(team_id__in=offices).exists() else "gemeld"


@dataclass(frozen=True)
class MeldingPage:
    rows: list[Melding]
    total: int
    page: int
    pages: int


@transaction.atomic
def meldingen_list(*, user, filters: Filters, today: dt.date, page: int = 1) -> MeldingPage:
    """One page of the meldingen the user may see, newest first, with the filters."""
    found = filters.apply(user=user, today=today)
    total = found.count()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    rows = list(
        found.select_related("category__parent", "team", "wijk", "postcode").order_by(
            "-reported_at", "-pk"
        )[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    )
    audit_record(
        actor=user,
        action="list",
        object_type="meldingen.melding",
        reason="lijst",
        detail={"filters": filters.__dict__, "page": page, "ids": [m.pk for m in rows]},
    )
    return MeldingPage(rows, total, page, pages)


def open_per_wijk(*, user, filters: Filters, today: dt.date) -> list[dict]:
    """Open meldingen the user may see, per wijk (with the overdue ones): counts only.

    Grouped on ``wijk_id + 0`` rather than the column itself: grouping on the column makes
    SQLite walk the wijk index over every melding; on the expression it reads the team's
    open meldingen from the (team, status, wijk, due_on) index and groups those."""
    found = filters.apply(user=user, today=today).filter(status__in=Melding.OPEN)
    counts = {
        row["in_wijk"]: row
        for row in found.values(in_wijk=F("wijk_id") + 0)
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
        .order_by()
    }
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
