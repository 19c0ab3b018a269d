"""Pages of the caseworker's workplace. Every read and write goes through selectors and
service functions, so access checks and the audit trail apply as everywhere else."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from welzijn.casework import selectors as casework_selectors
from welzijn.casework import services as casework
from welzijn.casework.access import access_dossier, office_ids_of
from welzijn.casework.models import Dossier, Office
from welzijn.core.access import AccessDenied, Intent
from welzijn.core.audit import audit_record
from welzijn.core.roles import CASEWORK_ROLES, Role, roles_of
from welzijn.registry.selectors import (
    household_get,
    household_members_on,
    person_get,
    person_search,
)
from welzijn.rights import selectors as rights_selectors
from welzijn.rights.services import finding_confirm, finding_dismiss
from welzijn.web import forms
from welzijn.web.forms import submit, today


def _casework_user(user) -> None:
    if not roles_of(user) & CASEWORK_ROLES:
        raise AccessDenied("Deze pagina is er voor medewerkers van een welzijnsbureau of team.")


def _my_offices(user):
    return Office.objects.filter(pk__in=office_ids_of(user))


def _id_param(request, name: str) -> int | None:
    """An id from the query string or the form; anything but digits answers 404."""
    value = request.POST.get(name) or request.GET.get(name)
    if not value:
        return None
    if not value.isdigit() or len(value) > 18:
        raise Http404("Niet gevonden.")
    return int(value)


@login_required
def home(request):
    roles = roles_of(request.user)
    if not roles & CASEWORK_ROLES:
        return render(request, "web/home_other.html", {"is_analist": Role.ANALIST in roles})
    with transaction.atomic():
        own, dossiers = casework_selectors.my_dossiers(request.user)
        context = {
            "own": own,
            "dossiers": dossiers,
            "ending": casework_selectors.trajectories_ending_soon(request.user, today=today()),
            "worklist": rights_selectors.worklist(request.user, limit=10),
        }
        audit_record(
            actor=request.user, action="list", object_type="web.home", reason="startpagina"
        )
    return render(request, "web/home.html", context)


@login_required
def search(request):
    _casework_user(request.user)
    query = request.GET.get("q", "")[: forms.SEARCH_MAX_LENGTH]
    people = person_search(user=request.user, query=query, on=today()) if query else []
    visible = {}
    if people:
        households = [p.current_membership.household_id for p in people if p.current_membership]
        for d in casework_selectors.dossiers_of_households(request.user, households):
            visible.setdefault(d.household_id, []).append(d)
    context = {"query": query, "people": people, "dossiers": visible}
    template = "web/partials/search_results.html" if request.htmx else "web/search.html"
    return render(request, template, context)


@login_required
def person_detail(request, person_id):
    _casework_user(request.user)
    person = person_get(user=request.user, person_id=person_id, reason="persoonsfiche")
    memberships = list(person.memberships.select_related("household__address__wijk"))
    households = [m.household_id for m in memberships]
    dossiers = casework_selectors.dossiers_of_households(request.user, households)
    return render(
        request,
        "web/person.html",
        {"person": person, "memberships": memberships, "dossiers": dossiers},
    )


@login_required
def dossier_detail(request, dossier_id):
    overview = casework_selectors.dossier_overview(user=request.user, dossier_id=dossier_id)
    context = {
        "o": overview,
        "findings": rights_selectors.household_findings(
            request.user, overview.dossier.household_id
        ),
        "may_edit": _may_edit(request.user, overview.dossier),
    }
    return render(request, "web/dossier.html", context)


def _may_edit(user, dossier) -> bool:
    try:
        access_dossier(user, dossier, Intent.EDIT)
    except AccessDenied:
        return False
    return True


def _form_page(request, template, form, **context):
    return render(request, template, {"form": form, **context}, status=400 if form.errors else 200)


@login_required
def contact_new(request):
    _casework_user(request.user)
    offices = _my_offices(request.user)
    household_id = _id_param(request, "household")
    household = (
        household_get(user=request.user, household_id=household_id, reason="onthaalcontact")
        if household_id is not None
        else None
    )
    form = forms.ContactForm(request.POST or None, offices=offices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        contact = submit(
            form,
            casework.contact_register,
            actor=request.user,
            office=data["office"],
            occurred_on=data["occurred_on"],
            channel=data["channel"],
            reason=data["reason"],
            outcome=data["outcome"].code if data["outcome"] else "",
            household=household,
            service=data["service"],
            referred_to=data["referred_to"],
            open_dossier=data["open_dossier"],
        )
        if contact is not None:
            return (
                redirect("web:dossier", contact.dossier_id)
                if contact.dossier_id
                else redirect("web:home")
            )
    return _form_page(
        request, "web/form.html", form, title="Onthaalcontact registreren", household=household
    )


def _dossier_for_edit(request, dossier_id) -> Dossier:
    return casework_selectors.dossier_get(
        user=request.user, dossier_id=dossier_id, intent=Intent.EDIT, reason="formulier"
    )


@login_required
def dossier_open(request, household_id):
    _casework_user(request.user)
    household = household_get(user=request.user, household_id=household_id, reason="dossier openen")
    form = forms.DossierOpenForm(request.POST or None, offices=_my_offices(request.user))
    if request.method == "POST" and form.is_valid():
        dossier = submit(
            form,
            casework.dossier_open,
            {"household": "office"},
            actor=request.user,
            household=household,
            office=form.cleaned_data["office"],
            opened_on=form.cleaned_data["opened_on"],
            caseworker=request.user,
        )
        if dossier is not None:
            return redirect("web:dossier", dossier.pk)
    return _form_page(request, "web/form.html", form, title=f"Dossier openen voor {household}")


def _dossier_form(request, form, *, dossier, title, save):
    """A form about a dossier: on a valid POST, `save(data)` calls a service through
    `submit`; on success back to the dossier, else the form with its Dutch messages."""
    if request.method == "POST" and form.is_valid() and save(form.cleaned_data) is not None:
        return redirect("web:dossier", dossier.pk)
    return _form_page(request, "web/form.html", form, title=title, dossier=dossier)


@login_required
def dossier_transition(request, dossier_id, to):
    dossier = _dossier_for_edit(request, dossier_id)
    if to not in Dossier.Status.values:
        raise Http404
    form = forms.DossierTransitionForm(request.POST or None)
    return _dossier_form(
        request,
        form,
        dossier=dossier,
        title="Dossier sluiten" if to == Dossier.Status.CLOSED else "Dossier heropenen",
        save=lambda data: submit(
            form,
            casework.dossier_transition,
            {"close_reason": "reason", "closed_on": "on"},
            actor=request.user,
            dossier_id=dossier.pk,
            to=to,
            on=data["on"],
            reason=data["reason"],
        ),
    )


def _members(dossier):
    return list(household_members_on(dossier.household, today()))


@login_required
def trajectory_new(request, dossier_id):
    dossier = _dossier_for_edit(request, dossier_id)
    form = forms.TrajectoryStartForm(request.POST or None)
    form.set_members(_members(dossier))
    return _dossier_form(
        request,
        form,
        dossier=dossier,
        title="Traject starten",
        save=lambda data: submit(
            form,
            casework.trajectory_start,
            actor=request.user,
            dossier_id=dossier.pk,
            service=data["service"],
            start_date=data["start_date"],
            person=form.cleaned_person(),
            planned_end_date=data["planned_end_date"],
            planned=data["planned"],
        ),
    )


@login_required
def trajectory_end(request, trajectory_id):
    trajectory = casework_selectors.trajectory_get(
        user=request.user, trajectory_id=trajectory_id, intent=Intent.EDIT, reason="formulier"
    )
    form = forms.TrajectoryEndForm(request.POST or None)
    return _dossier_form(
        request,
        form,
        dossier=trajectory.dossier,
        title=f"{trajectory.service} afsluiten",
        save=lambda data: submit(
            form,
            casework.trajectory_transition,
            {"end_date": "on", "status": "to"},
            actor=request.user,
            trajectory_id=trajectory.pk,
            to=data["to"],
            on=data["on"],
            outcome=data["outcome"].code if data["outcome"] else None,
        ),
    )


@login_required
def intervention_new(request, dossier_id):
    dossier = _dossier_for_edit(request, dossier_id)
    form = forms.InterventionForm(request.POST or None, dossier=dossier)
    form.set_members(_members(dossier))
    return _dossier_form(
        request,
        form,
        dossier=dossier,
        title="Tussenkomst registreren",
        save=lambda data: submit(
            form,
            casework.intervention_register,
            actor=request.user,
            dossier_id=dossier.pk,
            service=data["service"],
            date=data["date"],
            amount=data["amount"],
            quantity=data["quantity"],
            person=form.cleaned_person(),
            decision=data["decision"],
        ),
    )


@login_required
def decision_new(request, dossier_id):
    dossier = _dossier_for_edit(request, dossier_id)
    form = forms.DecisionForm(request.POST or None)
    form.set_members(_members(dossier))
    return _dossier_form(
        request,
        form,
        dossier=dossier,
        title="Beslissing BCSD registreren",
        save=lambda data: submit(
            form,
            casework.decision_record,
            actor=request.user,
            dossier_id=dossier.pk,
            service=data["service"],
            outcome=data["outcome"],
            motivation=data["motivation"],
            decided_on=data["decided_on"],
            person=form.cleaned_person(),
        ),
    )


@login_required
def decision_hearing(request, decision_id):
    decision = casework_selectors.decision_get(
        user=request.user, decision_id=decision_id, intent=Intent.EDIT, reason="formulier"
    )
    form = forms.HearingForm(
        request.POST or None,
        initial={
            "requested_on": decision.hearing_requested_on,
            "held_on": decision.hearing_held_on,
        },
    )
    return _dossier_form(
        request,
        form,
        dossier=decision.dossier,
        title="Hoorzitting registreren",
        save=lambda data: submit(
            form,
            casework.decision_hearing_record,
            {"hearing_requested_on": "requested_on", "hearing_held_on": "held_on"},
            actor=request.user,
            decision_id=decision.pk,
            **data,
        ),
    )


@login_required
def worklist(request):
    _casework_user(request.user)
    with transaction.atomic():
        findings = rights_selectors.worklist(request.user)
        audit_record(
            actor=request.user,
            action="list",
            object_type="rights.finding",
            reason="werklijst rechten",
            detail={"results": len(findings)},
        )
    return render(
        request, "web/worklist.html", {"findings": findings, "dismiss_form": forms.DismissForm()}
    )


@login_required
@require_POST
def finding_accept(request, finding_id):
    finding = rights_selectors.finding_get(
        user=request.user, finding_id=finding_id, intent=Intent.EDIT, reason="werklijst"
    )
    try:
        finding_confirm(
            actor=request.user,
            finding_id=finding.pk,
            on=today(),
            reason="bevestigd op de werklijst",
        )
    except ValidationError as exc:
        return _finding_row(request, finding.pk, error=" ".join(exc.messages), status=409)
    return _finding_row(request, finding.pk)


@login_required
@require_POST
def finding_reject(request, finding_id):
    finding = rights_selectors.finding_get(
        user=request.user, finding_id=finding_id, intent=Intent.EDIT, reason="werklijst"
    )
    form = forms.DismissForm(request.POST)
    if form.is_valid():
        submit(
            form,
            finding_dismiss,
            {"review_reason": "reason"},
            actor=request.user,
            finding_id=finding.pk,
            reason=form.cleaned_data["reason"],
        )
    if form.errors:
        return _finding_row(request, finding.pk, dismiss_form=form, status=400)
    return _finding_row(request, finding.pk)


def _finding_row(request, finding_id, *, error: str = "", dismiss_form=None, status: int = 200):
    """The finding's worklist row after an action, read again through the selector; without
    htmx, back to the worklist unless there are errors to show."""
    if not request.htmx and dismiss_form is None and not error:
        return redirect("web:worklist")
    finding = rights_selectors.finding_get(
        user=request.user, finding_id=finding_id, reason="werklijst"
    )
    context = {"f": finding, "error": error, "dismiss_form": dismiss_form}
    return render(request, "web/partials/finding_row.html", context, status=status)
