"""Reads from casework. Reads of a dossier by a user are access-checked and audited."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from welzijn.casework.access import (
    access_dossier,
    access_referral,
    dossiers_visible_to,
    referrals_visible_to,
)
from welzijn.casework.models import Decision, Dossier, Referral, Trajectory
from welzijn.core.access import Intent
from welzijn.core.audit import audit_record


@transaction.atomic
def dossier_get(
    *, user, dossier_id: int, intent: Intent = Intent.VIEW, reason: str = ""
) -> Dossier:
    """A dossier for a user who views it or opens one of its forms (which list the
    household's members): access-checked, and the read is audited."""
    dossier = access_dossier(
        user, Dossier.objects.select_related("household", "office").get(pk=dossier_id), intent
    )
    audit_record(actor=user, action="view", obj=dossier, reason=reason)
    return dossier


@transaction.atomic
def trajectory_get(
    *, user, trajectory_id: int, intent: Intent = Intent.VIEW, reason: str = ""
) -> Trajectory:
    trajectory = Trajectory.objects.select_related("dossier__household", "service").get(
        pk=trajectory_id
    )
    access_dossier(user, trajectory.dossier, intent)
    audit_record(actor=user, action="view", obj=trajectory, reason=reason)
    return trajectory


@transaction.atomic
def decision_get(
    *, user, decision_id: int, intent: Intent = Intent.VIEW, reason: str = ""
) -> Decision:
    decision = Decision.objects.select_related("dossier__household", "service").get(pk=decision_id)
    access_dossier(user, decision.dossier, intent)
    audit_record(actor=user, action="view", obj=decision, reason=reason)
    return decision


@dataclass
class TimelineItem:
    date: dt.date
    kind: str  # contact | traject | tussenkomst | beslissing
    record: object


@dataclass
class DossierOverview:
    dossier: Dossier
    memberships: list
    timeline: list[TimelineItem]
    other_dossiers: list


@transaction.atomic
def dossier_overview(*, user, dossier_id: int) -> DossierOverview:
    """Everything the dossier page shows, in a fixed number of queries whatever the
    dossier's size; the read is audited."""
    from welzijn.registry.models import HouseholdMembership

    dossier = access_dossier(
        user,
        Dossier.objects.select_related(
            "household__address__wijk", "household__address__postcode", "office", "caseworker"
        ).get(pk=dossier_id),
    )
    household = dossier.household
    memberships = list(
        HouseholdMembership.objects.filter(household=household)
        .select_related("person")
        .order_by("end_date", "start_date")
    )
    timeline = [
        TimelineItem(c.occurred_on, "contact", c)
        for c in dossier.contacts.select_related("outcome", "service", "person")
    ]
    timeline += [
        TimelineItem(t.start_date, "traject", t)
        for t in dossier.trajectories.select_related("service", "outcome", "person")
    ]
    timeline += [
        TimelineItem(i.date, "tussenkomst", i)
        for i in dossier.interventions.select_related("service", "person")
    ]
    timeline += [
        TimelineItem(d.decided_on, "beslissing", d)
        for d in dossier.decisions.select_related("service", "person")
    ]
    timeline.sort(key=lambda item: item.date, reverse=True)
    other_dossiers = list(
        dossiers_visible_to(user)
        .filter(household=household)
        .exclude(pk=dossier.pk)
        .select_related("office")
    )
    audit_record(actor=user, action="view", obj=dossier, reason="dossier ingekeken")
    return DossierOverview(dossier, memberships, timeline, other_dossiers)


def my_dossiers(user, limit: int = 50) -> tuple[bool, list[Dossier]]:
    """(own, dossiers): the open dossiers the user is responsible for or, when there are
    none, the most recently opened ones of their offices."""
    visible = dossiers_visible_to(user).filter(status=Dossier.Status.OPEN)
    recent = visible.select_related("household", "office").order_by("-opened_on")
    own = list(recent.filter(caseworker=user)[:limit])
    return (True, own) if own else (False, list(recent[:limit]))


def trajectories_ending_soon(user, *, today: dt.date, days: int = 30, limit: int = 50):
    return list(
        Trajectory.objects.filter(
            dossier__in=dossiers_visible_to(user).values("pk"),
            status=Trajectory.Status.RUNNING,
            planned_end_date__gte=today,
            planned_end_date__lte=today + dt.timedelta(days=days),
        )
        .select_related("dossier__household", "service")
        .order_by("planned_end_date")[:limit]
    )


def dossiers_of_households(user, household_ids) -> list[Dossier]:
    """The dossiers of these households that the user may see."""
    return list(
        dossiers_visible_to(user)
        .filter(household_id__in=household_ids)
        .select_related("office")
        .order_by("status", "-opened_on")
    )


@transaction.atomic
def referrals_list(*, user, status: str = "", limit: int = 200) -> list[Referral]:
    """The referrals the user may see (a partner: those to their organisation), open ones
    first; the list shows persons, so it is audited."""
    referrals = referrals_visible_to(user).select_related(
        "contact__person", "contact__household", "contact__office", "organisation"
    )
    if status:
        referrals = referrals.filter(status=status)
    found = list(referrals.order_by("-status", "-contact__occurred_on", "-pk")[:limit])
    # "open" sorts after "geweigerd" and "aanvaard": reversed, open ones come first.
    audit_record(
        actor=user,
        action="list",
        object_type="casework.referral",
        reason="doorverwijzingen",
        detail={"status": status, "results": len(found)},
    )
    return found


@transaction.atomic
def referral_get(*, user, referral_id: int, intent: Intent = Intent.VIEW) -> Referral:
    referral = access_referral(
        user,
        Referral.objects.select_related("contact__person", "contact__office", "organisation").get(
            pk=referral_id
        ),
        intent,
    )
    audit_record(actor=user, action="view", obj=referral, reason="doorverwijzing")
    return referral
