"""Reads from casework. Reads of a dossier by a user are access-checked and audited."""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from welzijn.casework import documents
from welzijn.casework.access import (
    access_contact,
    access_dossier,
    access_note,
    access_referral,
    dossiers_visible_to,
    notes_visible_to,
    referrals_visible_to,
)
from welzijn.casework.models import (
    CaseNote,
    Contact,
    Decision,
    Document,
    Dossier,
    Intervention,
    Referral,
    Task,
    Trajectory,
)
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
    notes: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    tasks: list = field(default_factory=list)


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
        for c in dossier.contacts.select_related("outcome", "service", "person", "cancelled_by")
    ]
    timeline += [
        TimelineItem(t.start_date, "traject", t)
        for t in dossier.trajectories.select_related("service", "outcome", "person")
    ]
    timeline += [
        TimelineItem(i.date, "tussenkomst", i)
        for i in dossier.interventions.select_related("service", "person", "cancelled_by")
    ]
    timeline += [
        TimelineItem(d.decided_on, "beslissing", d)
        for d in dossier.decisions.select_related("service", "person", "cancelled_by")
    ]
    timeline.sort(key=lambda item: item.date, reverse=True)
    other_dossiers = list(
        dossiers_visible_to(user)
        .filter(household=household)
        .exclude(pk=dossier.pk)
        .select_related("office")
    )
    audit_record(actor=user, action="view", obj=dossier, reason="dossier ingekeken")
    return DossierOverview(
        dossier,
        memberships,
        timeline,
        other_dossiers,
        notes=_notes(user, dossier),
        documents=list(
            dossier.documents.select_related("kind", "decision__service", "uploaded_by")
        ),
        tasks=mark_overdue(
            dossier.tasks.select_related("assigned_to").order_by(
                F("done_at").asc(nulls_first=True), "due_on", "due_time"
            )
        ),
    )


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


# --- Reads for the forms of the dossier page: access-checked and audited --------------------


@transaction.atomic
def contact_get(
    *, user, contact_id: int, intent: Intent = Intent.VIEW, reason: str = ""
) -> Contact:
    contact = access_contact(
        user,
        Contact.objects.select_related("office", "dossier__household").get(pk=contact_id),
        intent,
    )
    audit_record(actor=user, action="view", obj=contact, reason=reason)
    return contact


@transaction.atomic
def intervention_get(
    *, user, intervention_id: int, intent: Intent = Intent.VIEW, reason: str = ""
) -> Intervention:
    intervention = Intervention.objects.select_related("dossier__household", "service").get(
        pk=intervention_id
    )
    access_dossier(user, intervention.dossier, intent)
    audit_record(actor=user, action="view", obj=intervention, reason=reason)
    return intervention


# --- The sociaal verslag -------------------------------------------------------------------


def _notes(user, dossier: Dossier) -> list[CaseNote]:
    """The dossier's notes the user may read, each with the corrections they may read."""
    notes = list(notes_visible_to(user, dossier).select_related("author"))
    by_id = {n.pk: n for n in notes}
    for note in notes:
        note.visible_corrections = []
    for note in reversed(notes):  # oldest first, so corrections list in order
        note.corrected_note = by_id.get(note.corrects_id)
        if note.corrected_note is not None:
            note.corrected_note.visible_corrections.append(note)
    return notes


@transaction.atomic
def dossier_notes(*, user, dossier_id: int) -> tuple[Dossier, list[CaseNote]]:
    """The sociaal verslag of a dossier (the page's section, refreshed by htmx): audited."""
    dossier = access_dossier(user, Dossier.objects.select_related("office").get(pk=dossier_id))
    audit_record(actor=user, action="view", obj=dossier, reason="sociaal verslag")
    return dossier, _notes(user, dossier)


@transaction.atomic
def note_get(*, user, note_id: int, intent: Intent = Intent.VIEW, reason: str = "") -> CaseNote:
    note = access_note(
        user,
        CaseNote.objects.select_related("dossier__household", "dossier__office", "author").get(
            pk=note_id
        ),
        intent,
    )
    audit_record(actor=user, action="view", obj=note, reason=reason)
    return note


# --- Documents -----------------------------------------------------------------------------


@transaction.atomic
def document_get(
    *, user, document_id: int, intent: Intent = Intent.VIEW, reason: str = ""
) -> Document:
    document = Document.objects.select_related("dossier__household", "kind").get(pk=document_id)
    access_dossier(user, document.dossier, intent)
    audit_record(actor=user, action="view", obj=document, reason=reason)
    return document


@transaction.atomic
def document_open(*, user, document_id: int):
    """(document, open file) for a download by a user who may view the dossier; the
    download is audited. A withdrawn document, or one whose file is gone, answers as missing."""
    document = Document.objects.select_related("dossier").get(pk=document_id)
    access_dossier(user, document.dossier, Intent.VIEW)
    if document.withdrawn_at is not None:
        raise Document.DoesNotExist("Dit document werd ingetrokken.")
    try:
        handle = open(documents.path_of(document.storage_name), "rb")  # noqa: SIM115
    except FileNotFoundError as exc:
        raise Document.DoesNotExist("Het bestand van dit document ontbreekt.") from exc
    audit_record(
        actor=user,
        action="view",
        obj=document,
        reason="document gedownload",
        detail={"download": True, "sha256": document.sha256},
    )
    return document, handle


# --- Appointments and tasks ----------------------------------------------------------------


def is_overdue(task: Task, now: dt.datetime) -> bool:
    """Open and past its moment: a task after its day, an appointment after its hour."""
    if task.done_at is not None:
        return False
    today = now.date()
    if task.kind == Task.Kind.TASK or task.due_time is None:
        return task.due_on < today
    return (task.due_on, task.due_time) < (today, now.time())


def mark_overdue(tasks, now: dt.datetime | None = None) -> list[Task]:
    now = now or timezone.localtime()
    tasks = list(tasks)
    for task in tasks:
        task.overdue = is_overdue(task, now)
    return tasks


@transaction.atomic
def task_get(*, user, task_id: int, intent: Intent = Intent.VIEW, reason: str = "") -> Task:
    task = Task.objects.select_related("dossier__household", "assigned_to").get(pk=task_id)
    access_dossier(user, task.dossier, intent)
    task.overdue = is_overdue(task, timezone.localtime())
    audit_record(actor=user, action="view", obj=task, reason=reason)
    return task


@dataclass
class Agenda:
    """'Mijn taken en afspraken': the user's open appointments and tasks, and the running
    trajectories of their dossiers that are past their planned end."""

    tasks: list[Task]
    overdue_trajectories: list[Trajectory]

    @property
    def overdue_count(self) -> int:
        return sum(t.overdue for t in self.tasks) + len(self.overdue_trajectories)


def my_agenda(user, *, now: dt.datetime | None = None, limit: int = 50) -> Agenda:
    now = now or timezone.localtime()
    visible = dossiers_visible_to(user).values("pk")
    tasks = (
        Task.objects.filter(assigned_to=user, done_at__isnull=True, dossier__in=visible)
        .select_related("dossier__household")
        .order_by("due_on", "due_time")[:limit]
    )
    trajectories = (
        Trajectory.objects.filter(
            dossier__in=visible,
            dossier__caseworker=user,
            status=Trajectory.Status.RUNNING,
            planned_end_date__lt=now.date(),
        )
        .select_related("dossier__household", "service")
        .order_by("planned_end_date")[:limit]
    )
    return Agenda(mark_overdue(tasks, now), list(trajectories))
