"""Subsidies: the association applies and follows its applications; the official checks,
decides and pays, with the call's budget left in view; the jury scores larger ones."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from welzijn.core.access import AccessDenied, Intent
from welzijn.core.audit import audit_record
from welzijn.core.roles import SUBSIDY_ROLES, Role, roles_of
from welzijn.subsidies import letters
from welzijn.subsidies import selectors as subsidy_selectors
from welzijn.subsidies import services as subsidies
from welzijn.subsidies.access import acts_as
from welzijn.subsidies.models import Application
from welzijn.web.forms.common import submit, today
from welzijn.web.forms.subsidies import (
    AdviceForm,
    ApplicationForm,
    BudgetLineForm,
    CheckForm,
    CloseForm,
    DecisionForm,
    FinalReportForm,
    JuryScoreForm,
    PaymentForm,
)
from welzijn.web.views.common import bound_or_restored, form_page

#: The milestone counter celebrates every thousandth application of a scheme.
MILESTONE_STEP = 1000
Status = Application.Status


def _subsidy_user(user) -> frozenset[Role]:
    roles = roles_of(user) & (SUBSIDY_ROLES | {Role.BEHEERDER})
    if not roles:
        raise AccessDenied("Deze pagina is er voor verenigingen en de subsidiedienst.")
    return roles


def _application(request, application_id, intent=Intent.VIEW, reason=""):
    return subsidy_selectors.application_get(
        user=request.user, application_id=application_id, intent=intent, reason=reason
    )


def _errors_holder() -> CheckForm:
    """A bound, valid, empty form that collects a button's refusal messages."""
    form = CheckForm({})
    form.is_valid()
    return form


def _back(application) -> str:
    return reverse("web:subsidy_application", args=[application.pk])


@login_required
def subsidies_home(request):
    roles = _subsidy_user(request.user)
    with transaction.atomic():
        applications = list(
            subsidy_selectors.applications_list(user=request.user, reason="subsidies: start")[:50]
        )
    calls = list(subsidy_selectors.calls_visible_to(request.user).filter(closes_on__gte=today()))
    context = {
        "is_applicant": Role.AANVRAGER in roles,
        "is_jury": Role.JURY in roles and Role.SUBSIDIES not in roles,
        "advises": Role.SUBSIDIES in roles,
        "applications": applications,
        "calls": calls if Role.AANVRAGER in roles else None,
        "open_calls": [c for c in calls if c.opens_on <= today()],
        "staff_calls": None
        if Role.AANVRAGER in roles
        else [(c, c.budget_left()) for c in subsidy_selectors.calls_visible_to(request.user)[:20]],
    }
    return render(request, "web/subsidies/home.html", context)


def _milestone(call) -> dict:
    """How many applications the scheme has had, and its last thousandth."""
    last = (
        Application.objects.filter(call__scheme=call.scheme, number__isnull=False)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
        or 0
    )
    reached = last - last % MILESTONE_STEP
    milestone = None
    if reached:
        milestone = (
            Application.objects.filter(call__scheme=call.scheme, number=reached)
            .select_related("organisation")
            .first()
        )
    return {
        "last": last,
        "reached": reached,
        "milestone": milestone,
        "next": reached + MILESTONE_STEP,
        "to_go": reached + MILESTONE_STEP - last,
    }


@login_required
def subsidy_call(request, call_id):
    roles = _subsidy_user(request.user)
    if Role.AANVRAGER in roles and not roles & {Role.SUBSIDIES, Role.JURY, Role.BEHEERDER}:
        raise AccessDenied("De lijst van een oproep is er voor de subsidiedienst en de jury.")
    call = subsidy_selectors.call_get(user=request.user, call_id=call_id)
    status = request.GET.get("status", "")
    with transaction.atomic():
        applications = subsidy_selectors.applications_list(
            user=request.user, call=call, reason="wachtrij van een oproep"
        ).prefetch_related("lines")
        if status in Status.values:
            applications = applications.filter(status=status)
        shown = list(applications[:100])
        verdicts = subsidies.queue_verdicts(shown, today())
        rows = [(a, [v for v in verdicts[a.pk] if not v.ok]) for a in shown]
    context = {
        "call": call,
        "rows": rows,
        "status": status,
        "statuses": Status.choices,
        "budget_left": call.budget_left(),
        "committed": call.committed(),
        "counter": _milestone(call),
        "figures": subsidy_selectors.call_figures(call),
    }
    return render(request, "web/subsidies/call.html", context)


def _application_page(request, application, *, status=200, submit_form=None):
    user = request.user
    on = application.submitted_on or today()
    verdicts = subsidies.application_verdicts(application, on)
    applicant = acts_as(user, application, Role.AANVRAGER)
    official = acts_as(user, application, Role.SUBSIDIES)
    juror = acts_as(user, application, Role.JURY)
    rules = application.call.scheme.ruleset()
    context = {
        "a": application,
        "verdicts": verdicts,
        "failing": [v for v in verdicts if not v.ok],
        "lines": list(application.lines.all()),
        "requested": application.requested_amount(),
        "payments": list(application.payments.all()),
        "scores": list(application.scores.select_related("juror")) if official or juror else [],
        "report": getattr(application, "final_report", None),
        "is_applicant": applicant,
        "is_official": official,
        "is_juror": juror,
        "is_draft": application.status == Status.DRAFT,
        "has_letter": application.status in letters.DECIDED,
        "jury_needed": rules.needs_jury(application.requested_amount()),
        "jury_threshold": rules.jury_threshold,
        "submit_form": submit_form,
    }
    return render(request, "web/subsidies/application.html", context, status=status)


@login_required
def subsidy_application(request, application_id):
    _subsidy_user(request.user)
    application = _application(request, application_id)
    return _application_page(request, application)


def _application_form(request, *, title, rules, back, save, initial=None):
    form = bound_or_restored(request, ApplicationForm, rules=rules, initial=initial)
    if request.method == "POST" and form.is_valid():
        result = save(form, form.cleaned_data)
        if result is not None:
            return redirect("web:subsidy_application", result.pk)
    return form_page(request, "web/form.html", form, title=title, back=back)


def _fields(data) -> dict:
    return {**data, "category": data.get("category", ""), "exclusions": data.get("exclusions", [])}


@login_required
def subsidy_application_new(request, call_id):
    _subsidy_user(request.user)
    if Role.AANVRAGER not in roles_of(request.user):
        raise AccessDenied("Alleen een vereniging vraagt een subsidie aan.")
    call = subsidy_selectors.call_get(user=request.user, call_id=call_id)
    return _application_form(
        request,
        title=f"Aanvraag {call.scheme.name}: {call.name}",
        rules=call.scheme.ruleset(),
        back=reverse("web:subsidies"),
        save=lambda form, data: submit(
            form,
            subsidies.application_create,
            actor=request.user,
            call_id=call.pk,
            on=today(),
            **_fields(data),
        ),
    )


@login_required
def subsidy_application_edit(request, application_id):
    application = _application(request, application_id, Intent.EDIT, reason="wijzigen")
    if not acts_as(request.user, application, Role.AANVRAGER):
        raise AccessDenied("Alleen de vereniging wijzigt haar aanvraag.", application)
    initial = {
        name: getattr(application, name) for name in subsidies.APPLICATION_FIELDS if name != "wijk"
    }
    initial["wijk"] = application.wijk_id
    return _application_form(
        request,
        title="Aanvraag wijzigen",
        rules=application.call.scheme.ruleset(),
        back=_back(application),
        initial=initial,
        save=lambda form, data: submit(
            form,
            subsidies.application_update,
            actor=request.user,
            application_id=application.pk,
            **_fields(data),
        ),
    )


def _action_form(request, application, form_class, *, title, save, role, **form_kwargs):
    """A form of one step of the procedure, for the user who holds `role` towards the
    application; on success back to the application."""
    if not acts_as(request.user, application, role):
        raise AccessDenied("Deze stap is niet voor u.", application)
    form = bound_or_restored(request, form_class, **form_kwargs)
    if request.method == "POST" and form.is_valid() and save(form, form.cleaned_data) is not None:
        return redirect("web:subsidy_application", application.pk)
    return form_page(
        request,
        "web/form.html",
        form,
        title=title,
        back=_back(application),
        subject=f"{application.title} — {application.organisation}",
    )


@login_required
def subsidy_line_new(request, application_id):
    application = _application(request, application_id, Intent.EDIT, reason="begrotingslijn")
    return _action_form(
        request,
        application,
        BudgetLineForm,
        title="Begrotingslijn toevoegen",
        role=Role.AANVRAGER,
        save=lambda form, data: submit(
            form,
            subsidies.budget_line_add,
            {"status": "amount"},
            actor=request.user,
            application_id=application.pk,
            **data,
        ),
    )


@login_required
@require_POST
def subsidy_line_remove(request, line_id):
    line = subsidy_selectors.line_get(user=request.user, line_id=line_id)
    application = line.application
    if not acts_as(request.user, application, Role.AANVRAGER):
        raise AccessDenied("Alleen de vereniging wijzigt haar begroting.", application)
    form = _errors_holder()
    if submit(form, subsidies.budget_line_remove, actor=request.user, line_id=line.pk) is None:
        return _application_page(request, application, status=400, submit_form=form)
    return redirect("web:subsidy_application", application.pk)


@login_required
@require_POST
def subsidy_application_submit(request, application_id):
    application = _application(request, application_id, Intent.EDIT, reason="indienen")
    if not acts_as(request.user, application, Role.AANVRAGER):
        raise AccessDenied("Alleen de vereniging dient haar aanvraag in.", application)
    form = _errors_holder()
    done = submit(
        form,
        subsidies.application_submit,
        actor=request.user,
        application_id=application.pk,
        on=today(),
    )
    if done is None:
        application.refresh_from_db()
        return _application_page(request, application, status=400, submit_form=form)
    return redirect("web:subsidy_application", application.pk)


@login_required
def subsidy_application_check(request, application_id):
    application = _application(request, application_id, Intent.EDIT, reason="controle")
    return _action_form(
        request,
        application,
        CheckForm,
        title="Controle door de dienst",
        role=Role.SUBSIDIES,
        save=lambda form, data: submit(
            form,
            subsidies.application_check,
            {"status": "note"},
            actor=request.user,
            application_id=application.pk,
            note=data["note"],
            on=today(),
        ),
    )


@login_required
def subsidy_jury_score(request, application_id):
    application = _application(request, application_id, reason="juryscore")
    return _action_form(
        request,
        application,
        JuryScoreForm,
        title="Score en advies van de jury",
        role=Role.JURY,
        save=lambda form, data: submit(
            form,
            subsidies.jury_score_record,
            actor=request.user,
            application_id=application.pk,
            on=today(),
            **data,
        ),
    )


@login_required
def subsidy_application_decide(request, application_id):
    application = _application(request, application_id, Intent.EDIT, reason="beslissing")
    return _action_form(
        request,
        application,
        DecisionForm,
        title="Beslissing",
        role=Role.SUBSIDIES,
        initial={"amount": application.requested_amount()},
        save=lambda form, data: submit(
            form,
            subsidies.application_decide,
            {"status": "outcome"},
            actor=request.user,
            application_id=application.pk,
            outcome=data["outcome"],
            amount=data["amount"],
            motivation=data["motivation"],
            on=data["decided_on"],
        ),
    )


@login_required
def subsidy_payment_new(request, application_id):
    application = _application(request, application_id, Intent.EDIT, reason="betaling")
    return _action_form(
        request,
        application,
        PaymentForm,
        title="Schijf uitbetalen",
        role=Role.SUBSIDIES,
        save=lambda form, data: submit(
            form,
            subsidies.payment_register,
            actor=request.user,
            application_id=application.pk,
            **data,
        ),
    )


@login_required
def subsidy_final_report(request, application_id):
    application = _application(request, application_id, Intent.EDIT, reason="eindverslag")
    return _action_form(
        request,
        application,
        FinalReportForm,
        title="Eindverslag",
        role=Role.AANVRAGER,
        files=request.FILES or None,
        save=lambda form, data: submit(
            form,
            subsidies.final_report_submit,
            {"status": "text"},
            actor=request.user,
            application_id=application.pk,
            on=today(),
            **data,
        ),
    )


@login_required
def subsidy_application_close(request, application_id):
    application = _application(request, application_id, Intent.EDIT, reason="afhandeling")
    return _action_form(
        request,
        application,
        CloseForm,
        title="Afsluiten of terugvorderen",
        role=Role.SUBSIDIES,
        save=lambda form, data: submit(
            form,
            subsidies.application_close,
            {"status": "outcome"},
            actor=request.user,
            application_id=application.pk,
            on=today(),
            **data,
        ),
    )


@never_cache
@login_required
def subsidy_letter(request, application_id):
    """The decision letter as a PDF (the applicant's and the scheme's staff's)."""
    application = _application(request, application_id, reason="beslissingsbrief")
    if application.status not in letters.DECIDED:
        raise AccessDenied("Over deze aanvraag is nog niet beslist.", application)
    audit_record(actor=request.user, action="download", obj=application, reason="beslissingsbrief")
    response = HttpResponse(letters.letter_pdf(application), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{letters.letter_filename(application)}"'
    )
    return response


@login_required
def subsidy_advice_new(request):
    """The Verenigingswijzer registers an advice on measure given to an association."""
    if Role.SUBSIDIES not in roles_of(request.user):
        raise AccessDenied("Deze pagina is er voor de medewerkers van de Verenigingswijzer.")
    form = bound_or_restored(request, AdviceForm)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = submit(
            form,
            subsidies.advice_register,
            actor=request.user,
            organisation_id=data["organisation"].pk,
            given_on=data["given_on"],
            topic=data["topic"],
            note=data["note"],
        )
        if done is not None:
            messages.success(request, f"Advies aan {done.organisation} geregistreerd.")
            return redirect("web:subsidies")
    return form_page(
        request,
        "web/form.html",
        form,
        title="Verenigingswijzer: advies op maat registreren",
        back=reverse("web:subsidies"),
    )
