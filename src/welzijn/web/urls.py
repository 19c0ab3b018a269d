from django.contrib.auth import views as auth_views
from django.urls import path

from welzijn.web import auth_views as login_views
from welzijn.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", login_views.LoginView.as_view(), name="login"),
    path("inloggen/code/", login_views.otp_verify, name="otp_verify"),
    path("tweestapsverificatie/", login_views.otp_setup, name="otp_setup"),
    path("afmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("zoeken/", views.search, name="search"),
    path("personen/<int:person_id>/", views.person_detail, name="person"),
    path("onthaal/nieuw/", views.contact_new, name="contact_new"),
    path("huishoudens/<int:household_id>/dossier-openen/", views.dossier_open, name="dossier_open"),
    path("dossiers/<int:dossier_id>/", views.dossier_detail, name="dossier"),
    path(
        "dossiers/<int:dossier_id>/status/<str:to>/",
        views.dossier_transition,
        name="dossier_transition",
    ),
    path("dossiers/<int:dossier_id>/trajecten/nieuw/", views.trajectory_new, name="trajectory_new"),
    path("trajecten/<int:trajectory_id>/afsluiten/", views.trajectory_end, name="trajectory_end"),
    path(
        "dossiers/<int:dossier_id>/tussenkomsten/nieuw/",
        views.intervention_new,
        name="intervention_new",
    ),
    path("dossiers/<int:dossier_id>/beslissingen/nieuw/", views.decision_new, name="decision_new"),
    path(
        "beslissingen/<int:decision_id>/hoorzitting/",
        views.decision_hearing,
        name="decision_hearing",
    ),
    path("werklijst/", views.worklist, name="worklist"),
    path("werklijst/<int:finding_id>/aanvaarden/", views.finding_accept, name="finding_accept"),
    path("werklijst/<int:finding_id>/afwijzen/", views.finding_reject, name="finding_reject"),
]
