from django.contrib.auth import views as auth_views
from django.urls import path

from welzijn.web.views import dossiers, home, intake, onthaal, people, worklist

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(
            template_name="web/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("afmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("zoeken/", people.search, name="search"),
    path("personen/<int:person_id>/", people.person_detail, name="person"),
    path("personen/nieuw/", intake.person_new, name="person_new"),
    path("personen/<int:person_id>/wijzigen/", intake.person_edit, name="person_edit"),
    path("personen/<int:person_id>/samenvoegen/", intake.person_merge_page, name="person_merge"),
    path("onthaal/nieuw/", onthaal.contact_new, name="contact_new"),
    path(
        "huishoudens/<int:household_id>/dossier-openen/", onthaal.dossier_open, name="dossier_open"
    ),
    path("dossiers/<int:dossier_id>/", dossiers.dossier_detail, name="dossier"),
    path(
        "dossiers/<int:dossier_id>/status/<str:to>/",
        dossiers.dossier_transition,
        name="dossier_transition",
    ),
    path(
        "dossiers/<int:dossier_id>/trajecten/nieuw/", dossiers.trajectory_new, name="trajectory_new"
    ),
    path(
        "trajecten/<int:trajectory_id>/afsluiten/", dossiers.trajectory_end, name="trajectory_end"
    ),
    path(
        "dossiers/<int:dossier_id>/tussenkomsten/nieuw/",
        dossiers.intervention_new,
        name="intervention_new",
    ),
    path(
        "dossiers/<int:dossier_id>/beslissingen/nieuw/", dossiers.decision_new, name="decision_new"
    ),
    path(
        "beslissingen/<int:decision_id>/hoorzitting/",
        dossiers.decision_hearing,
        name="decision_hearing",
    ),
    path("werklijst/", worklist.worklist, name="worklist"),
    path("werklijst/<int:finding_id>/aanvaarden/", worklist.finding_accept, name="finding_accept"),
    path("werklijst/<int:finding_id>/afwijzen/", worklist.finding_reject, name="finding_reject"),
]
