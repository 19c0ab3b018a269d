"""The Vrijwilligerspunt: the loket registers volunteers and matches them with vacancies;
organisations keep their vacancies and answer the proposals through their own account."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from welzijn.core.access import AccessDenied, Intent
from welzijn.registry.access import organisation_id_of
from welzijn.registry.models import Organisation
from welzijn.volunteering import selectors
from welzijn.volunteering import services as volunteering
from welzijn.volunteering.access import is_loket, keeps_vacancies
from welzijn.volunteering.models import LANGUAGES, DayPart, Match, Vacancy
from welzijn.web.forms.common import WorkplaceForm, submit, today
from welzijn.web.forms.volunteering import (
    AnswerForm,
    FollowUpForm,
    ProposeForm,
    VacancyForm,
    VolunteerForm,
)
from welzijn.web.views.common import bound_or_restored, form_page

TEMPLATES = "web/volunteering/"


def _loket(user) -> None:
    if not is_loket(user):
        raise AccessDenied("Deze pagina is er voor het Vrijwilligerspunt.")


def _keeps_vacancies(user) -> None:
    if not keeps_vacancies(user):
        raise AccessDenied("Deze pagina is er voor het Vrijwilligerspunt en zijn organisaties.")


def _labels(codes, names) -> str:
    return ", ".join(names.get(c, c) for c in codes)


@login_required
def home(request):
    """The loket's start: find a volunteer, the matches waiting for an answer or a
    follow-up. An organisation goes to its vacancies."""
    _keeps_vacancies(request.user)
    if not is_loket(request.user):
        return redirect("web:vacancy_list")
    query = request.GET.get("q", "")[:100]
    context = {
        "query": query,
        "volunteers": selectors.volunteers_list(user=request.user, query=query),
        "open_matches": selectors.matches_list(user=request.user, open_only=True),
        "today": today(),
    }
    return render(request, TEMPLATES + "home.html", context)


@login_required
def volunteer_new(request):
    _loket(request.user)
    form = bound_or_restored(request, VolunteerForm, initial={"nationality": "BE"})
    if request.method == "POST" and form.is_valid():
        volunteer = submit(
            form, volunteering.volunteer_register, actor=request.user, **form.cleaned_data
        )
        if volunteer is not None:
            messages.success(request, f"{volunteer} is ingeschreven als vrijwilliger.")
            return redirect("web:volunteer", volunteer.pk)
    return form_page(
        request, "web/form.html", form, title="Nieuwe vrijwilliger", back="/vrijwilligers/"
    )


@login_required
def volunteer_detail(request, volunteer_id):
    volunteer = selectors.volunteer_get(user=request.user, volunteer_id=volunteer_id)
    context = {
        "volunteer": volunteer,
        "availability": _labels(volunteer.availability, dict(DayPart.choices)),
        "languages": _labels(volunteer.languages, LANGUAGES),
        "suggestions": selectors.vacancies_for_volunteer(
            user=request.user, volunteer=volunteer, today=today()
        ),
        "matches": selectors.matches_list(user=request.user, volunteer=volunteer),
    }
    return render(request, TEMPLATES + "volunteer.html", context)


@login_required
@require_POST
def match_propose(request, volunteer_id):
    volunteer = selectors.volunteer_get(
        user=request.user, volunteer_id=volunteer_id, intent=Intent.EDIT
    )
    form = ProposeForm(request.POST)
    if form.is_valid():
        match = submit(
            form,
            volunteering.match_propose,
            actor=request.user,
            volunteer_id=volunteer.pk,
            vacancy_id=form.cleaned_data["vacancy"],
            on=today(),
        )
        if match is not None:
            messages.success(request, f"{volunteer} is voorgesteld voor {match.vacancy.title}.")
            if request.POST.get("terug") == "vacature":
                return redirect("web:vacancy", match.vacancy_id)
            return redirect("web:volunteer", volunteer.pk)
    return form_page(
        request,
        "web/form.html",
        form,
        title=f"{volunteer} voorstellen",
        back=f"/vrijwilligers/{volunteer.pk}/",
    )


@login_required
def vacancy_list(request):
    _keeps_vacancies(request.user)
    status = request.GET.get("status", "")
    if status not in Vacancy.Status.values:
        status = ""
    context = {
        "vacancies": selectors.vacancies_list(user=request.user, status=status),
        "status": status,
        "statuses": Vacancy.Status.choices,
        "is_loket": is_loket(request.user),
    }
    return render(request, TEMPLATES + "vacancies.html", context)


def _own_organisation(user) -> Organisation | None:
    """An organisation's account keeps its own organisation's vacancies only."""
    if is_loket(user):
        return None
    return Organisation.objects.get(pk=organisation_id_of(user))


def _vacancy_form(request, form, *, title, save, back):
    if request.method == "POST" and form.is_valid():
        vacancy = save(form.cleaned_data)
        if vacancy is not None:
            return redirect("web:vacancy", vacancy.pk)
    return form_page(request, "web/form.html", form, title=title, back=back)


@login_required
def vacancy_new(request):
    _keeps_vacancies(request.user)
    own = _own_organisation(request.user)
    form = bound_or_restored(request, VacancyForm, organisation=own)

    def save(data):
        data = dict(data)
        organisation = own or data.pop("organisation")
        return submit(
            form, volunteering.vacancy_save, actor=request.user, organisation=organisation, **data
        )

    return _vacancy_form(
        request, form, title="Nieuwe vacature", save=save, back="/vrijwilligers/vacatures/"
    )


def _vacancy_values(vacancy) -> dict:
    fields = [f for f in VacancyForm.base_fields if f != "organisation"]
    values = {f: getattr(vacancy, f) for f in fields if f not in ("causes", "skills")}
    values["causes"], values["skills"] = list(vacancy.causes.all()), list(vacancy.skills.all())
    return values


@login_required
def vacancy_edit(request, vacancy_id):
    vacancy = selectors.vacancy_get(user=request.user, vacancy_id=vacancy_id, intent=Intent.EDIT)
    form = bound_or_restored(
        request, VacancyForm, organisation=vacancy.organisation, initial=_vacancy_values(vacancy)
    )
    return _vacancy_form(
        request,
        form,
        title=f"Vacature wijzigen: {vacancy.title}",
        save=lambda data: submit(
            form, volunteering.vacancy_save, actor=request.user, vacancy_id=vacancy.pk, **data
        ),
        back=f"/vrijwilligers/vacatures/{vacancy.pk}/",
    )


@login_required
def vacancy_detail(request, vacancy_id):
    vacancy = selectors.vacancy_get(user=request.user, vacancy_id=vacancy_id)
    loket = is_loket(request.user)
    context = {
        "vacancy": vacancy,
        "is_loket": loket,
        "availability": _labels(vacancy.availability, dict(DayPart.choices)),
        "languages": _labels(vacancy.languages, LANGUAGES),
        "suggestions": selectors.volunteers_for_vacancy(
            user=request.user, vacancy=vacancy, today=today()
        )
        if loket and vacancy.status == Vacancy.Status.OPEN
        else None,
        "matches": selectors.matches_list(user=request.user, vacancy=vacancy),
        "answer_form": AnswerForm(),
    }
    return render(request, TEMPLATES + "vacancy.html", context)


@login_required
@require_POST
def vacancy_transition(request, vacancy_id, to):
    vacancy = selectors.vacancy_get(user=request.user, vacancy_id=vacancy_id, intent=Intent.EDIT)
    form = WorkplaceForm({})  # carries the service's message
    form.is_valid()
    done = submit(
        form,
        volunteering.vacancy_transition,
        actor=request.user,
        vacancy_id=vacancy.pk,
        to=to,
        on=today(),
    )
    if done is not None:
        return redirect("web:vacancy", vacancy.pk)
    return render(
        request,
        TEMPLATES + "refused.html",
        {
            "form": form,
            "title": f"Vacature {vacancy.title}",
            "back": f"/vrijwilligers/vacatures/{vacancy.pk}/",
        },
        status=400,
    )


@login_required
@require_POST
def match_answer(request, match_id, side):
    match = selectors.match_get(user=request.user, match_id=match_id, intent=Intent.EDIT)
    form = AnswerForm(request.POST)
    if form.is_valid():
        answered = submit(
            form,
            volunteering.match_answer,
            actor=request.user,
            match_id=match.pk,
            side=side,
            answer=form.cleaned_data["answer"],
            on=today(),
        )
        if answered is not None:
            if answered.status == Match.Status.CONFIRMED:
                messages.success(request, "Beide kanten zeiden ja: de match is bevestigd.")
            back = request.POST.get("terug")
            if back == "vrijwilliger" and is_loket(request.user):
                return redirect("web:volunteer", match.volunteer_id)
            return redirect("web:vacancy", match.vacancy_id)
    return render(
        request,
        TEMPLATES + "refused.html",
        {
            "form": form,
            "title": f"Antwoord op de match {match}",
            "back": f"/vrijwilligers/vacatures/{match.vacancy_id}/",
        },
        status=400,
    )


@login_required
def match_follow_up(request, match_id):
    _loket(request.user)
    match = selectors.match_get(user=request.user, match_id=match_id, intent=Intent.EDIT)
    form = bound_or_restored(request, FollowUpForm)
    if request.method == "POST" and form.is_valid():
        done = submit(
            form,
            volunteering.match_follow_up,
            {"status": "real"},
            actor=request.user,
            match_id=match.pk,
            real=form.cleaned_data["real"] == "ja",
            on=form.cleaned_data["on"],
            note=form.cleaned_data["note"],
        )
        if done is not None:
            return redirect("web:volunteer", match.volunteer_id)
    return form_page(
        request,
        "web/form.html",
        form,
        title="Opvolging: werd het een echte match?",
        subject=f"{match.volunteer} bij {match.vacancy}, bevestigd op {match.confirmed_on:%d/%m/%Y}"
        if match.confirmed_on
        else f"{match} (nog niet bevestigd)",
        back=f"/vrijwilligers/{match.volunteer_id}/",
    )
