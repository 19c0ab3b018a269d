"""The praktijktesten of the equal-opportunities team, under /praktijktesten/."""

from django.urls import path

from welzijn.web.views import pairedtests

urlpatterns = [
    path("", pairedtests.home, name="pairedtests_home"),
    path("nieuw/", pairedtests.campaign_new, name="campaign_new"),
    path("<int:campaign_id>/", pairedtests.campaign_detail, name="campaign"),
    path("<int:campaign_id>/testen/nieuw/", pairedtests.paired_test_new, name="paired_test_new"),
    path("verhuurders/<int:agent_id>/", pairedtests.agent_detail, name="agent"),
    path(
        "verhuurders/<int:agent_id>/opvolging/nieuw/",
        pairedtests.follow_up_new,
        name="agent_follow_up_new",
    ),
]
