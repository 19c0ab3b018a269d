"""Referrals to partner organisations: the welzijnsbureau follows them up, the partner's
accounts accept or decline them."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from welzijn.casework import selectors as casework_selectors
from welzijn.casework import services as casework
from welzijn.casework.access import referrals_visible_to
from welzijn.casework.models import Referral
from welzijn.core.access import AccessDenied, Intent
from welzijn.core.roles import CASEWORK_ROLES, Role, roles_of
from welzijn.web.forms.casework import ReferralAnswerForm
from welzijn.web.forms.common import submit


def _may_see_referrals(user) -> None:
    if not roles_of(user) & (CASEWORK_ROLES | {Role.PARTNER}):
        raise AccessDenied("Deze pagina is er voor welzijnsbureaus, teams en partners.")


@login_required
def referral_list(request):
    _may_see_referrals(request.user)
    status = request.GET.get("status", "")
    if status not in Referral.Status.values:
        status = ""
    context = {
        "referrals": casework_selectors.referrals_list(user=request.user, status=status),
        "status": status,
        "statuses": Referral.Status.choices,
        "is_partner": Role.PARTNER in roles_of(request.user),
        "open_count": referrals_visible_to(request.user)
        .filter(status=Referral.Status.OPEN)
        .count(),
        "form": ReferralAnswerForm(),
    }
    return render(request, "web/referrals.html", context)


@login_required
@require_POST
def referral_answer(request, referral_id, to):
    referral = casework_selectors.referral_get(
        user=request.user, referral_id=referral_id, intent=Intent.EDIT
    )
    form = ReferralAnswerForm(request.POST)
    if form.is_valid():
        answered = submit(
            form,
            casework.referral_answer,
            actor=request.user,
            referral_id=referral.pk,
            to=to,
            note=form.cleaned_data["answer_note"],
        )
        if answered is not None:
            return redirect("web:referrals")
    return render(
        request,
        "web/referral_answer.html",
        {"referral": referral, "form": form, "to": to},
        status=400,
    )
