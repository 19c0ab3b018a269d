from django.contrib.auth import views as auth_views
from django.urls import path

from welzijn.web.views import dossiers, home, households, onthaal, people, situation, worklist

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
    path(
        "personen/<int:person_id>/huishouden/nieuw/",
        households.household_new,
        name="household_new",
    ),
    path("huishoudens/<int:household_id>/", households.household_detail, name="household"),
    path("huishoudens/<int:household_id>/leden/nieuw/", households.member_add, name="member_add"),
    path(
        "lidmaatschappen/<int:membership_id>/beeindigen/",
        households.membership_end,
        name="membership_end",
    ),
    path(
        "huishoudens/<int:household_id>/verhuizen/",
        households.household_move,
        name="household_move",
    ),
    path(
        "huishoudens/<int:household_id>/statussen/nieuw/",
        situation.household_status_new,
        name="household_status_new",
    ),
    path("personen/<int:person_id>/inkomens/nieuw/", situation.income_new, name="income_new"),
    path("inkomens/<int:income_id>/wijzigen/", situation.income_edit, name="income_edit"),
    path("inkomens/<int:income_id>/beeindigen/", situation.income_end, name="income_end"),
    path(
        "personen/<int:person_id>/statussen/nieuw/",
        situation.person_status_new,
        name="person_status_new",
    ),
    path("statussen/<int:status_id>/beeindigen/", situation.status_end, name="status_end"),
    path("werklijst/", worklist.worklist, name="worklist"),
    path("werklijst/<int:finding_id>/aanvaarden/", worklist.finding_accept, name="finding_accept"),
    path("werklijst/<int:finding_id>/afwijzen/", worklist.finding_reject, name="finding_reject"),
]
