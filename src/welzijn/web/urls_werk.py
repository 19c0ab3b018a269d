"""The Dienst Werk en Activering's pages, under /werk/ (names: web:werk_<name>)."""

from django.urls import path

from welzijn.web.views import werk

urlpatterns = [
    path("", werk.home, name="werk_home"),
    path("personen/<int:person_id>/", werk.person, name="werk_person"),
    path("personen/<int:person_id>/vragen/nieuw/", werk.question_new, name="werk_question_new"),
    path("vragen/<int:question_id>/opvolgen/", werk.question_answer, name="werk_question_answer"),
    path("personen/<int:person_id>/jobteam/nieuw/", werk.jobteam_new, name="werk_jobteam_new"),
    path("jobteam/<int:guidance_id>/", werk.jobteam_step, name="werk_jobteam_step"),
    path("werkgevers/", werk.employers, name="werk_employers"),
    path("werkgevers/nieuw/", werk.employer_new, name="werk_employer_new"),
    path("werkgevers/<int:employer_id>/", werk.employer, name="werk_employer"),
    path(
        "trajecten/<int:trajectory_id>/tewerkstelling/",
        werk.placement_new,
        name="werk_placement_new",
    ),
    path(
        "tewerkstellingen/<int:placement_id>/beeindigen/",
        werk.placement_end,
        name="werk_placement_end",
    ),
    path("koop-sociaal/", werk.buyers, name="werk_buyers"),
]
