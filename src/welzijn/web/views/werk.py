"""The Dienst Werk en Activering's pages: the worklist of open questions, a person's work
page (questions, Jobteam, work trajectories and their placements), employers with their
placements, and the Koop Sociaal buyers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from welzijn.activation import selectors
from welzijn.activation import services as activation
from welzijn.activation.access import require_werk
from welzijn.activation.models import Desk, Employer
from welzijn.core.access import Intent
from welzijn.registry.selectors import person_get
from welzijn.web.forms.common import submit
from welzijn.web.forms.werk import (
    AnswerForm,
    BuyerForm,
    EmployerForm,
    JobteamForm,
    JobteamStepForm,
    PlacementEndForm,
    PlacementForm,
    QuestionForm,
)
from welzijn.web.views.common import bound_or_restored, form_page

TEMPLATES = "web/werk/"


def _form(request, form, *, title, back, subject=""):
    return form_page(request, "web/form.html", form, title=title, back=back, subject=subject)


@login_required
def home(request):
    """The worklist: open questions of a desk (or all), oldest first."""
    require_werk(request.user)
    desk = request.GET.get("loket", "")
    desk = desk if desk in Desk.values else ""
    context = {
        "questions": selectors.open_questions(user=request.user, desk=desk),
        "desk": desk,
        "desks": Desk.choices,
    }
    return render(request, TEMPLATES + "home.html", context)


@login_required
def person(request, person_id):
    require_werk(request.user)
    who = person_get(user=request.user, person_id=person_id, reason="werk en activering")
    context = {"person": who, "file": selectors.work_file(user=request.user, person=who)}
    return render(request, TEMPLATES + "person.html", context)


def _person_for_form(request, person_id):
    require_werk(request.user)
    return person_get(user=request.user, person_id=person_id, reason="werk en activering")


@login_required
def question_new(request, person_id):
    who = _person_for_form(request, person_id)
    form = bound_or_restored(request, QuestionForm)
    if request.method == "POST" and form.is_valid():
        question = submit(
            form,
            activation.question_register,
            actor=request.user,
            person_id=who.pk,
            **form.cleaned_data,
        )
        if question is not None:
            messages.success(request, f"De vraag van {who} staat op de werklijst.")
            return redirect("web:werk_person", who.pk)
    return _form(request, form, title=f"Nieuwe werkvraag van {who}", back=_back(who))


def _back(who) -> str:
    return f"/werk/personen/{who.pk}/"


@login_required
def question_answer(request, question_id):
    question = selectors.question_get(
        user=request.user, question_id=question_id, intent=Intent.EDIT
    )
    form = bound_or_restored(request, AnswerForm)
    if request.method == "POST" and form.is_valid():
        answered = submit(
            form,
            activation.question_answer,
            actor=request.user,
            question_id=question.pk,
            **form.cleaned_data,
        )
        if answered is not None:
            messages.success(request, f"De vraag van {question.person} is opgevolgd.")
            return redirect("web:werk_person", question.person_id)
    return _form(
        request,
        form,
        title=f"Vraag van {question.person} opvolgen",
        back=_back(question.person),
        subject=f"{question.get_theme_display()}: {question.question}",
    )


@login_required
def jobteam_new(request, person_id):
    who = _person_for_form(request, person_id)
    form = bound_or_restored(request, JobteamForm)
    if request.method == "POST" and form.is_valid():
        guidance = submit(
            form, activation.jobteam_register, actor=request.user, person_id=who.pk,
            **form.cleaned_data,
        )  # fmt: skip
        if guidance is not None:
            messages.success(request, f"{who} is geregistreerd bij het Jobteam.")
            return redirect("web:werk_person", who.pk)
    return _form(request, form, title=f"{who} bereikt door het Jobteam", back=_back(who))


@login_required
def jobteam_step(request, guidance_id):
    guidance = selectors.jobteam_get(user=request.user, guidance_id=guidance_id, intent=Intent.EDIT)
    form = bound_or_restored(request, JobteamStepForm)
    if request.method == "POST" and form.is_valid():
        done = submit(
            form, activation.jobteam_step, actor=request.user, guidance_id=guidance.pk,
            **form.cleaned_data,
        )  # fmt: skip
        if done is not None:
            return redirect("web:werk_person", guidance.person_id)
    return _form(
        request,
        form,
        title=f"Jobteam-begeleiding van {guidance.person}",
        back=_back(guidance.person),
    )


@login_required
def employers(request):
    context = {"employers": selectors.employers_list(user=request.user)}
    return render(request, TEMPLATES + "employers.html", context)


@login_required
def employer_new(request):
    require_werk(request.user)
    form = bound_or_restored(request, EmployerForm)
    if request.method == "POST" and form.is_valid():
        employer = submit(
            form, activation.employer_register, actor=request.user, **form.cleaned_data
        )
        if employer is not None:
            messages.success(request, f"{employer} is geregistreerd als werkgever.")
            return redirect("web:werk_employer", employer.pk)
    return _form(request, form, title="Nieuwe werkgever", back="/werk/werkgevers/")


@login_required
def employer(request, employer_id):
    found = selectors.employer_get(user=request.user, employer_id=employer_id)
    context = {
        "employer": found,
        "placements": selectors.placements_of_employer(user=request.user, employer=found),
    }
    return render(request, TEMPLATES + "employer.html", context)


@login_required
def placement_new(request, trajectory_id):
    trajectory = selectors.trajectory_for_placement(user=request.user, trajectory_id=trajectory_id)
    form = bound_or_restored(
        request, PlacementForm, employers=Employer.objects.select_related("organisation")
    )
    if request.method == "POST" and form.is_valid():
        placement = submit(
            form, activation.placement_start, actor=request.user,
            trajectory_id=trajectory.pk, **form.cleaned_data,
        )  # fmt: skip
        if placement is not None:
            messages.success(request, f"De tewerkstelling bij {placement.employer} is gestart.")
            return redirect("web:werk_person", trajectory.person_id)
    who = trajectory.person
    return _form(
        request,
        form,
        title=f"Tewerkstelling voor {who or trajectory.dossier.household}",
        back=_back(who) if who else "/werk/",
        subject=f"Traject {trajectory.service.name}, sinds {trajectory.start_date:%d/%m/%Y}",
    )


@login_required
def placement_end(request, placement_id):
    placement = selectors.placement_get(
        user=request.user, placement_id=placement_id, intent=Intent.EDIT
    )
    form = bound_or_restored(request, PlacementEndForm)
    if request.method == "POST" and form.is_valid():
        ended = submit(
            form, activation.placement_end, actor=request.user, placement_id=placement.pk,
            **form.cleaned_data,
        )  # fmt: skip
        if ended is not None:
            return redirect("web:werk_employer", placement.employer_id)
    return _form(
        request,
        form,
        title=f"Tewerkstelling bij {placement.employer} beëindigen",
        back=f"/werk/werkgevers/{placement.employer_id}/",
    )


@login_required
def buyers(request):
    """The Koop Sociaal buyers of every edition, and the form to add one."""
    require_werk(request.user)
    form = bound_or_restored(request, BuyerForm)
    if request.method == "POST" and form.is_valid():
        buyer = submit(form, activation.buyer_register, actor=request.user, **form.cleaned_data)
        if buyer is not None:
            messages.success(request, f"{buyer.organisation} staat op de lijst.")
            return redirect("web:werk_buyers")
    context = {"form": form, "buyers": selectors.buyers_list(user=request.user)}
    return render(request, TEMPLATES + "buyers.html", context, status=400 if form.errors else 200)
