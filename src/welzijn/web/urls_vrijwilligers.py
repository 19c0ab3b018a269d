"""The Vrijwilligerspunt's pages, under /vrijwilligers/ (names: web:<name>)."""

from django.urls import path

from welzijn.web.views import volunteering

urlpatterns = [
    path("", volunteering.home, name="volunteering_home"),
    path("nieuw/", volunteering.volunteer_new, name="volunteer_new"),
    path("<int:volunteer_id>/", volunteering.volunteer_detail, name="volunteer"),
    path("<int:volunteer_id>/voorstellen/", volunteering.match_propose, name="match_propose"),
    path("vacatures/", volunteering.vacancy_list, name="vacancy_list"),
    path("vacatures/nieuw/", volunteering.vacancy_new, name="vacancy_new"),
    path("vacatures/<int:vacancy_id>/", volunteering.vacancy_detail, name="vacancy"),
    path("vacatures/<int:vacancy_id>/wijzigen/", volunteering.vacancy_edit, name="vacancy_edit"),
    path(
        "vacatures/<int:vacancy_id>/status/<str:to>/",
        volunteering.vacancy_transition,
        name="vacancy_transition",
    ),
    path(
        "matches/<int:match_id>/antwoord/<str:side>/",
        volunteering.match_answer,
        name="match_answer",
    ),
    path("matches/<int:match_id>/opvolging/", volunteering.match_follow_up, name="match_follow_up"),
]
