"""The praktijktesten: campaigns, the paired tests and their statistics, the follow-up of
agents who discriminate. The equal-opportunities team's only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from welzijn.pairedtests import selectors
from welzijn.pairedtests import services as pairedtests
from welzijn.pairedtests.access import require_team
from welzijn.pairedtests.stats import MIN_TESTS_PER_AGENT
from welzijn.web.forms.common import submit
from welzijn.web.forms.pairedtests import CampaignForm, FollowUpForm, PairedTestForm
from welzijn.web.views.common import bound_or_restored, form_page, record_form

TEMPLATES = "web/pairedtests/"


@login_required
def home(request):
    campaigns = selectors.campaigns_list(user=request.user)
    return render(request, TEMPLATES + "home.html", {"campaigns": campaigns})


@login_required
def campaign_new(request):
    require_team(request.user)
    form = bound_or_restored(request, CampaignForm)
    return record_form(
        request,
        form,
        title="Nieuwe testcampagne",
        back="/praktijktesten/",
        save=lambda data: submit(form, pairedtests.campaign_create, actor=request.user, **data),
        done=lambda campaign: f"/praktijktesten/{campaign.pk}/",
    )


@login_required
def campaign_detail(request, campaign_id):
    campaign = selectors.campaign_get(user=request.user, campaign_id=campaign_id)
    context = {
        "campaign": campaign,
        "stats": selectors.campaign_statistics(user=request.user, campaign=campaign),
        "tests": selectors.recent_tests(user=request.user, campaign=campaign),
        "min_tests": MIN_TESTS_PER_AGENT,
    }
    return render(request, TEMPLATES + "campaign.html", context)


@login_required
def paired_test_new(request, campaign_id):
    campaign = selectors.campaign_get(user=request.user, campaign_id=campaign_id)
    form = bound_or_restored(request, PairedTestForm)
    if request.method == "POST" and form.is_valid():
        test = submit(
            form,
            pairedtests.paired_test_register,
            actor=request.user,
            campaign_id=campaign.pk,
            **form.cleaned_data,
        )
        if test is not None:
            messages.success(request, "De praktijktest is geregistreerd.")
            if "nog_een" in request.POST:
                return redirect("web:paired_test_new", campaign.pk)
            return redirect("web:campaign", campaign.pk)
    return form_page(
        request,
        TEMPLATES + "test_form.html",
        form,
        title=f"Praktijktest registreren: {campaign}",
        campaign=campaign,
    )


@login_required
def agent_detail(request, agent_id):
    agent = selectors.agent_get(user=request.user, agent_id=agent_id)
    context = {"file": selectors.agent_file(user=request.user, agent=agent)}
    return render(request, TEMPLATES + "agent.html", context)


@login_required
def follow_up_new(request, agent_id):
    agent = selectors.agent_get(user=request.user, agent_id=agent_id)
    form = bound_or_restored(request, FollowUpForm)
    return record_form(
        request,
        form,
        title="Opvolging registreren",
        subject=str(agent),
        back=f"/praktijktesten/verhuurders/{agent.pk}/",
        save=lambda data: submit(
            form, pairedtests.follow_up_register, actor=request.user, agent_id=agent.pk, **data
        ),
    )
