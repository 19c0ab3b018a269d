"""The Energiecel's pages (the LAC: agenda, dossiers, decision and letter; energy scans and
aid) and the wooncoaches' (rent-arrears meldingen, housing trajectories, rent guarantees)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from welzijn.core.access import Intent
from welzijn.core.roles import Role
from welzijn.energy import selectors
from welzijn.energy import services as energy
from welzijn.energy.access import require_role
from welzijn.energy.models import LacDossier
from welzijn.energy.terms import rules
from welzijn.procedure.deadlines import rules as procedure_rules
from welzijn.web.forms import energie as forms
from welzijn.web.forms.common import submit, today
from welzijn.web.pdf import pdf_response
from welzijn.web.views.common import bound_or_restored, form_page, period_end_form, record_form

TEMPLATES = "web/energie/"


def _saved(request, form, action, message: str, **kwargs):
    """Call the service with the form's data; on success a notice, else None."""
    if request.method != "POST" or not form.is_valid():
        return None
    result = submit(form, action, actor=request.user, **form.cleaned_data, **kwargs)
    if result is not None:
        messages.success(request, message)
    return result


# -- the LAC ----------------------------------------------------------------------------------


@login_required
def home(request):
    """The LAC's agenda of the next session and the dossiers still to settle."""
    session = selectors.next_session(user=request.user)
    agenda = (
        selectors.lac_session_agenda(user=request.user, session_id=session.pk)[1] if session else []
    )
    context = {
        "session": session,
        "agenda": agenda,
        "open": [d for d in selectors.lac_dossiers_open(user=request.user) if d not in agenda],
        "today": today(),
    }
    return render(request, TEMPLATES + "home.html", context)


@login_required
def sessions(request):
    return render(
        request,
        TEMPLATES + "sessions.html",
        {"sessions": selectors.lac_sessions(user=request.user), "commission": rules()},
    )


@login_required
def session_new(request):
    require_role(request.user, Role.ENERGIECEL)
    form = bound_or_restored(request, forms.LacSessionForm)
    return record_form(
        request,
        form,
        title="Zitting van de LAC plannen",
        back=reverse("web:lac_sessions"),
        subject=f"Samenstelling: {rules().commission_members}.",
        save=lambda data: submit(form, energy.lac_session_plan, actor=request.user, **data),
        done=lambda session: reverse("web:lac_session", args=[session.pk]),
    )


@login_required
def session_detail(request, lac_session_id):
    session, agenda = selectors.lac_session_agenda(user=request.user, session_id=lac_session_id)
    context = {"session": session, "agenda": agenda, "today": today()}
    return render(request, TEMPLATES + "session.html", context)


@login_required
def dossier_new(request):
    require_role(request.user, Role.ENERGIECEL)
    form = bound_or_restored(request, forms.LacDossierForm)
    return record_form(
        request,
        form,
        title="LAC-dossier openen",
        back=reverse("web:energie"),
        save=lambda data: submit(form, energy.lac_dossier_open, actor=request.user, **data),
        done=lambda dossier: reverse("web:lac_dossier", args=[dossier.pk]),
    )


@login_required
def dossier_detail(request, lac_dossier_id):
    view = selectors.lac_dossier_get(user=request.user, dossier_id=lac_dossier_id)
    context = {
        "v": view,
        "d": view.dossier,
        "today": today(),
        "investigation_form": forms.InvestigationForm(initial={"text": view.dossier.investigation}),
        "plan_form": forms.PlanForm(sessions=view.sessions),
        "decision_form": forms.DecisionForm(),
        "aid_form": forms.AidForm(),
    }
    return render(request, TEMPLATES + "dossier.html", context)


def _dossier_form(
    request, dossier_id, form_class, action, message, title, *, key="dossier_id", form_kwargs
):
    """A form on a LAC dossier: back to the dossier when saved, else the form again."""
    view = selectors.lac_dossier_get(
        user=request.user, dossier_id=dossier_id, intent=Intent.EDIT, reason="formulier"
    )
    form = bound_or_restored(request, form_class, **form_kwargs(view))
    if _saved(request, form, action, message, **{key: dossier_id}):
        return redirect("web:lac_dossier", dossier_id)
    back = reverse("web:lac_dossier", args=[dossier_id])
    return form_page(
        request, "web/form.html", form, title=title, back=back, household=view.dossier.household
    )


@login_required
def dossier_investigation(request, lac_dossier_id):
    return _dossier_form(
        request,
        lac_dossier_id,
        forms.InvestigationForm,
        energy.lac_investigation_write,
        "Het verslag van het sociaal onderzoek is bewaard.",
        "Sociaal onderzoek",
        form_kwargs=lambda view: {},
    )


@login_required
def dossier_plan(request, lac_dossier_id):
    return _dossier_form(
        request,
        lac_dossier_id,
        forms.PlanForm,
        energy.lac_dossier_plan,
        "Het dossier staat op de agenda.",
        "Op de agenda van een zitting zetten",
        form_kwargs=lambda view: {"sessions": view.sessions},
    )


@login_required
def dossier_decide(request, lac_dossier_id):
    return _dossier_form(
        request,
        lac_dossier_id,
        forms.DecisionForm,
        energy.lac_decide,
        "De beslissing is genotuleerd; de brief staat klaar.",
        "Beslissing van de commissie",
        form_kwargs=lambda view: {},
    )


@login_required
def dossier_aid(request, lac_dossier_id):
    return _dossier_form(
        request,
        lac_dossier_id,
        forms.AidForm,
        energy.energy_aid_grant,
        "De tussenkomst is geregistreerd.",
        "Tussenkomst uit het LAC-dossier",
        key="lac_dossier_id",
        form_kwargs=lambda view: {},
    )


@login_required
def dossier_letter(request, lac_dossier_id):
    view = selectors.lac_dossier_get(user=request.user, dossier_id=lac_dossier_id, reason="brief")
    d = view.dossier
    if d.status != LacDossier.Status.DECIDED:
        messages.error(request, "Er is nog geen beslissing: de brief volgt na de zitting.")
        return redirect("web:lac_dossier", d.pk)
    ocmw = procedure_rules()
    context = {
        "v": view,
        "d": d,
        "today": today(),
        "lac": rules(),
        "ocmw_decision": d.decision in rules().ocmw_decisions,
        "regime": ocmw.regimes["ocmw"],
        "court_name": ocmw.court_name,
        "court_address": ocmw.court_address,
    }
    return pdf_response(TEMPLATES + "letter_pdf.html", context, f"lac-beslissing-{d.pk}.pdf")


@login_required
def aid_new(request):
    require_role(request.user, Role.ENERGIECEL)
    form = bound_or_restored(request, forms.StandaloneAidForm, initial={"service": "winterpremie"})
    return record_form(
        request,
        form,
        title="Tussenkomst of premie registreren",
        back=reverse("web:energie"),
        save=lambda data: submit(form, energy.energy_aid_grant, actor=request.user, **data),
    )


# -- energy scans -----------------------------------------------------------------------------


@login_required
def scans(request):
    return render(
        request, TEMPLATES + "scans.html", {"scans": selectors.scans_recent(user=request.user)}
    )


@login_required
def scan_new(request):
    require_role(request.user, Role.ENERGIECEL)
    form = bound_or_restored(request, forms.ScanForm)
    return record_form(
        request,
        form,
        title="Energiescan registreren",
        back=reverse("web:energy_scans"),
        save=lambda data: submit(form, energy.energy_scan_register, actor=request.user, **data),
        done=lambda scan: reverse("web:energy_scan", args=[scan.pk]),
    )


@login_required
def scan_detail(request, scan_id):
    scan = selectors.scan_get(user=request.user, scan_id=scan_id)
    form = bound_or_restored(
        request, forms.AidForm, initial={"service": "energiepremie-toestellen"}
    )
    if request.method == "POST":
        selectors.scan_get(user=request.user, scan_id=scan_id, intent=Intent.EDIT)
        if _saved(
            request, form, energy.energy_aid_grant, "De premie is geregistreerd.", scan_id=scan.pk
        ):
            return redirect("web:energy_scan", scan.pk)
    return form_page(request, TEMPLATES + "scan.html", form, scan=scan)


# -- housing ----------------------------------------------------------------------------------


@login_required
def wonen(request):
    context = {
        "meldingen": selectors.rent_arrears_open(user=request.user),
        "guarantees": selectors.guarantees_outstanding(user=request.user),
        "trajectories": selectors.housing_trajectories(user=request.user),
        "today": today(),
    }
    return render(request, TEMPLATES + "wonen.html", context)


@login_required
def rent_arrears_handle(request, arrears_melding_id):
    melding = selectors.rent_arrears_get(user=request.user, melding_id=arrears_melding_id)
    form = bound_or_restored(request, forms.RentArrearsForm)
    if _saved(
        request,
        form,
        energy.rent_arrears_close,
        f"Melding {melding.number} is afgehandeld.",
        melding_id=melding.pk,
    ):
        return redirect("web:wonen")
    return form_page(
        request,
        "web/form.html",
        form,
        title=f"Huurachterstal afhandelen: melding {melding.number}",
        subject=f"{melding.place}\n{melding.description}",
        back=reverse("web:wonen"),
    )


@login_required
def trajectory_new(request):
    require_role(request.user, Role.WOONCOACH)
    form = bound_or_restored(request, forms.HousingTrajectoryForm)
    return record_form(
        request,
        form,
        title="Woontraject starten",
        back=reverse("web:wonen"),
        save=lambda data: submit(form, energy.housing_trajectory_start, actor=request.user, **data),
    )


@login_required
def trajectory_end(request, housing_trajectory_id):
    trajectory = selectors.trajectory_get(
        user=request.user, trajectory_id=housing_trajectory_id, intent=Intent.EDIT
    )
    return period_end_form(
        request,
        title="Woontraject beëindigen",
        subject=f"{trajectory} — {trajectory.household}",
        back=reverse("web:wonen"),
        end=energy.housing_trajectory_end,
        trajectory_id=trajectory.pk,
    )


@login_required
def guarantee_new(request):
    require_role(request.user, Role.WOONCOACH)
    form = bound_or_restored(request, forms.GuaranteeForm)
    return record_form(
        request,
        form,
        title="Huurwaarborg toekennen",
        back=reverse("web:wonen"),
        save=lambda data: submit(form, energy.rent_guarantee_grant, actor=request.user, **data),
    )


@login_required
def guarantee_repay(request, guarantee_id):
    guarantee = selectors.guarantee_get(
        user=request.user, guarantee_id=guarantee_id, intent=Intent.EDIT
    )
    form = bound_or_restored(request, forms.RepaymentForm)
    if _saved(
        request,
        form,
        energy.rent_guarantee_repay,
        "De afbetaling is geregistreerd.",
        guarantee_id=guarantee.pk,
    ):
        return redirect("web:wonen")
    return form_page(
        request,
        "web/form.html",
        form,
        title="Afbetaling van de huurwaarborg",
        household=guarantee.household,
        subject=f"{guarantee}: nog {guarantee.outstanding} euro open van {guarantee.amount}.",
        back=reverse("web:wonen"),
    )
