"""Reads of the Dienst Werk en Activering: access-checked and audited."""

from dataclasses import dataclass

from django.db import transaction

from welzijn.casework.access import dossiers_visible_to
from welzijn.casework.models import Trajectory
from welzijn.core.access import Intent
from welzijn.core.audit import audit_record
from welzijn.registry.models import Person

from .access import (
    access_placement,
    access_werk,
    placements_visible_to,
    questions_visible_to,
    require_werk,
)
from .models import (
    PLACEMENT_SERVICES,
    Employer,
    JobteamGuidance,
    KoopSociaalBuyer,
    Placement,
    Question,
)


def _listed(user, model: str, found: list) -> list:
    if found:
        audit_record(
            actor=user, action="list", object_type=model, detail={"ids": [o.pk for o in found]}
        )
    return found


@transaction.atomic
def open_questions(*, user, desk: str = "", limit: int = 200) -> list[Question]:
    """The worklist: questions not answered yet, oldest first."""
    require_werk(user)
    questions = questions_visible_to(user).filter(status=Question.Status.OPEN)
    questions = questions.select_related("person")
    if desk:
        questions = questions.filter(desk=desk)
    return _listed(user, "activation.question", list(questions.order_by("asked_on", "pk")[:limit]))


@transaction.atomic
def question_get(*, user, question_id: int, intent: Intent = Intent.VIEW) -> Question:
    question = access_werk(
        user, Question.objects.select_related("person", "referred_to").get(pk=question_id), intent
    )
    audit_record(actor=user, action="view", obj=question)
    return question


@dataclass(frozen=True)
class WorkFile:
    """What the Dienst registered about one person."""

    questions: list[Question]
    jobteam: list[JobteamGuidance]
    trajectories: list[Trajectory]  # the person's work trajectories the user may see
    placements: list[Placement]


@transaction.atomic
def work_file(*, user, person: Person) -> WorkFile:
    """A person's work page (after registry.person_get)."""
    require_werk(user)
    questions = list(Question.objects.filter(person=person).select_related("referred_to"))
    jobteam = list(JobteamGuidance.objects.filter(person=person))
    trajectories = list(
        Trajectory.objects.filter(
            person=person,
            service__code__in=PLACEMENT_SERVICES,
            dossier__in=dossiers_visible_to(user),
        ).select_related("service", "dossier__office")
    )
    placements = list(
        placements_visible_to(user)
        .filter(trajectory__person=person)
        .select_related("employer__organisation", "trajectory__service")
    )
    for model, found in (
        ("activation.question", questions),
        ("activation.jobteamguidance", jobteam),
        ("casework.trajectory", trajectories),
        ("activation.placement", placements),
    ):
        _listed(user, model, found)
    return WorkFile(questions, jobteam, trajectories, placements)


@transaction.atomic
def employers_list(*, user) -> list[Employer]:
    require_werk(user)
    return list(Employer.objects.select_related("organisation"))


@transaction.atomic
def employer_get(*, user, employer_id: int, intent: Intent = Intent.VIEW) -> Employer:
    employer = access_werk(
        user, Employer.objects.select_related("organisation").get(pk=employer_id), intent
    )
    audit_record(actor=user, action="view", obj=employer)
    return employer


@transaction.atomic
def placements_of_employer(*, user, employer: Employer) -> list[Placement]:
    """The employer's placements in dossiers the user may see, with the person's name."""
    found = list(
        placements_visible_to(user)
        .filter(employer=employer)
        .select_related("trajectory__person", "trajectory__service")
    )
    return _listed(user, "activation.placement", found)


@transaction.atomic
def placement_get(*, user, placement_id: int, intent: Intent = Intent.VIEW) -> Placement:
    placement = access_placement(
        user,
        Placement.objects.select_related(
            "trajectory__dossier", "trajectory__person", "employer__organisation"
        ).get(pk=placement_id),
        intent,
    )
    audit_record(actor=user, action="view", obj=placement)
    return placement


@transaction.atomic
def trajectory_for_placement(*, user, trajectory_id: int) -> Trajectory:
    """A work trajectory to add a placement to (the dossier's edit right)."""
    require_werk(user)
    trajectory = Trajectory.objects.select_related("dossier", "person", "service").get(
        pk=trajectory_id
    )
    access_placement(user, Placement(trajectory=trajectory), Intent.EDIT)
    audit_record(actor=user, action="view", obj=trajectory, reason="tewerkstelling")
    return trajectory


@transaction.atomic
def jobteam_get(*, user, guidance_id: int, intent: Intent = Intent.VIEW) -> JobteamGuidance:
    guidance = access_werk(
        user, JobteamGuidance.objects.select_related("person").get(pk=guidance_id), intent
    )
    audit_record(actor=user, action="view", obj=guidance)
    return guidance


@transaction.atomic
def buyers_list(*, user) -> list[KoopSociaalBuyer]:
    require_werk(user)
    return list(KoopSociaalBuyer.objects.select_related("organisation"))
