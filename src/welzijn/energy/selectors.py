"""Reads of the Energiecel and the wooncoaches. Whatever names a household goes through
`access` and is audited; the lists hold only the team's own records."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, QuerySet

from welzijn.core.access import Intent
from welzijn.core.audit import audit_record, audit_record_many
from welzijn.core.roles import Role
from welzijn.meldingen.access import access_melding, meldingen_visible_to
from welzijn.meldingen.models import Melding

from .access import access, require_role, visible_to
from .models import (
    EnergyAid,
    EnergyScan,
    HousingTrajectory,
    LacDossier,
    LacSession,
    RentGuarantee,
)
from .terms import UtilityTerm, term_for


@dataclass(frozen=True)
class DossierView:
    dossier: LacDossier
    term: UtilityTerm
    aid: list[EnergyAid]
    sessions: list[LacSession]  # planned sessions it can be put (or moved) on

    def timeline(self) -> list[tuple[dt.date, str]]:
        d = self.dossier
        steps = [(d.received_on, f"verzoek van {d.get_requester_display()} ontvangen")]
        if d.session_id:
            steps.append((d.session.held_on, f"op de agenda van de {d.session}"))
        if d.decided_on:
            steps.append((d.decided_on, f"beslissing: {d.get_decision_display()}"))
        steps += [(a.granted_on, f"{a.service}: {a.amount} euro") for a in self.aid]
        return sorted(steps, key=lambda step: step[0])


def _audited(user, objects: list, reason: str) -> list:
    audit_record_many(actor=user, action="view", objects=objects, reason=reason)
    return objects


@transaction.atomic
def lac_dossier_get(
    *, user, dossier_id: int, intent: Intent = Intent.VIEW, reason: str = "dossier"
) -> DossierView:
    dossier = LacDossier.objects.select_related("household", "session", "service").get(
        pk=dossier_id
    )
    access(user, dossier, intent)
    audit_record(actor=user, action="view", obj=dossier, reason=reason)
    aid = list(dossier.aid.select_related("service"))
    planned = visible_to(user, LacSession).filter(status=LacSession.Status.PLANNED)
    later = planned.filter(held_on__gte=dossier.received_on).exclude(pk=dossier.session_id)
    sessions = list(later.order_by("held_on"))
    return DossierView(dossier, term_for(dossier.utility), aid, sessions)


@transaction.atomic
def lac_dossiers_open(*, user) -> list[LacDossier]:
    """The team's dossiers not yet decided, the most urgent first."""
    require_role(user, Role.ENERGIECEL)
    dossiers = (
        visible_to(user, LacDossier)
        .exclude(status=LacDossier.Status.DECIDED)
        .select_related("household", "session")
        .order_by("advice_due_on", "pk")
    )
    return _audited(user, list(dossiers[:200]), "werklijst LAC")


def lac_sessions(*, user) -> QuerySet[LacSession]:
    """Sessions are dates and members, no household: the list is not audited."""
    require_role(user, Role.ENERGIECEL)
    return visible_to(user, LacSession).order_by("-held_on")[:50]


@transaction.atomic
def lac_session_agenda(*, user, session_id: int) -> tuple[LacSession, list[LacDossier]]:
    session = access(user, LacSession.objects.get(pk=session_id))
    dossiers = list(session.dossiers.select_related("household").order_by("advice_due_on", "pk"))
    return session, _audited(user, dossiers, "agenda LAC")


def next_session(*, user) -> LacSession | None:
    require_role(user, Role.ENERGIECEL)
    planned = visible_to(user, LacSession).filter(status=LacSession.Status.PLANNED)
    return planned.order_by("held_on", "pk").first()


@transaction.atomic
def scan_get(*, user, scan_id: int, intent: Intent = Intent.VIEW) -> EnergyScan:
    scan = access(user, EnergyScan.objects.select_related("household").get(pk=scan_id), intent)
    audit_record(actor=user, action="view", obj=scan, reason="energiescan")
    return scan


@transaction.atomic
def scans_recent(*, user) -> list[EnergyScan]:
    require_role(user, Role.ENERGIECEL)
    scans = visible_to(user, EnergyScan).select_related("household")[:50]
    return _audited(user, list(scans), "energiescans")


# -- housing ----------------------------------------------------------------------------------


@transaction.atomic
def rent_arrears_open(*, user) -> list[Melding]:
    """The team's open rent-arrears meldingen, the oldest first."""
    require_role(user, Role.WOONCOACH)
    meldingen = (
        meldingen_visible_to(user)
        .filter(category__code="huurachterstal", status__in=Melding.OPEN)
        .order_by("due_on", "pk")
    )
    return _audited(user, list(meldingen[:200]), "huurachterstal")


@transaction.atomic
def rent_arrears_get(*, user, melding_id: int) -> Melding:
    require_role(user, Role.WOONCOACH)
    melding = access_melding(user, Melding.objects.get(pk=melding_id), Intent.EDIT)
    audit_record(actor=user, action="view", obj=melding, reason="huurachterstal")
    return melding


@transaction.atomic
def guarantees_outstanding(*, user) -> list[RentGuarantee]:
    require_role(user, Role.WOONCOACH)
    guarantees = (
        visible_to(user, RentGuarantee)
        .filter(repaid__lt=F("amount"))
        .select_related("household")
        .order_by("granted_on", "pk")
    )
    return _audited(user, list(guarantees[:200]), "huurwaarborgen")


@transaction.atomic
def guarantee_get(*, user, guarantee_id: int, intent: Intent = Intent.VIEW) -> RentGuarantee:
    guarantee = access(
        user, RentGuarantee.objects.select_related("household").get(pk=guarantee_id), intent
    )
    audit_record(actor=user, action="view", obj=guarantee, reason="huurwaarborg")
    return guarantee


@transaction.atomic
def trajectory_get(*, user, trajectory_id: int, intent: Intent = Intent.VIEW) -> HousingTrajectory:
    trajectory = access(
        user, HousingTrajectory.objects.select_related("household").get(pk=trajectory_id), intent
    )
    audit_record(actor=user, action="view", obj=trajectory, reason="woontraject")
    return trajectory


@transaction.atomic
def housing_trajectories(*, user) -> list[HousingTrajectory]:
    require_role(user, Role.WOONCOACH)
    running = visible_to(user, HousingTrajectory).filter(ended_on__isnull=True)
    return _audited(user, list(running.select_related("household")[:200]), "woontrajecten")
