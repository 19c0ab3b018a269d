"""The Energiecel's pages under /energie/ and the wooncoaches' under /energie/wonen/."""

from django.urls import path

from welzijn.web.views import energie

urlpatterns = [
    path("", energie.home, name="energie"),
    path("zittingen/", energie.sessions, name="lac_sessions"),
    path("zittingen/nieuw/", energie.session_new, name="lac_session_new"),
    path("zittingen/<int:lac_session_id>/", energie.session_detail, name="lac_session"),
    path("dossiers/nieuw/", energie.dossier_new, name="lac_dossier_new"),
    path("dossiers/<int:lac_dossier_id>/", energie.dossier_detail, name="lac_dossier"),
    path(
        "dossiers/<int:lac_dossier_id>/onderzoek/",
        energie.dossier_investigation,
        name="lac_dossier_investigation",
    ),
    path("dossiers/<int:lac_dossier_id>/agenda/", energie.dossier_plan, name="lac_dossier_plan"),
    path(
        "dossiers/<int:lac_dossier_id>/beslissing/",
        energie.dossier_decide,
        name="lac_dossier_decide",
    ),
    path("dossiers/<int:lac_dossier_id>/tussenkomst/", energie.dossier_aid, name="lac_dossier_aid"),
    path("dossiers/<int:lac_dossier_id>/brief.pdf", energie.dossier_letter, name="lac_letter"),
    path("tussenkomsten/nieuw/", energie.aid_new, name="energy_aid_new"),
    path("energiescans/", energie.scans, name="energy_scans"),
    path("energiescans/nieuw/", energie.scan_new, name="energy_scan_new"),
    path("energiescans/<int:scan_id>/", energie.scan_detail, name="energy_scan"),
    path("wonen/", energie.wonen, name="wonen"),
    path(
        "wonen/huurachterstal/<int:arrears_melding_id>/",
        energie.rent_arrears_handle,
        name="rent_arrears_handle",
    ),
    path("wonen/trajecten/nieuw/", energie.trajectory_new, name="housing_trajectory_new"),
    path(
        "wonen/trajecten/<int:housing_trajectory_id>/einde/",
        energie.trajectory_end,
        name="housing_trajectory_end",
    ),
    path("wonen/huurwaarborgen/nieuw/", energie.guarantee_new, name="rent_guarantee_new"),
    path(
        "wonen/huurwaarborgen/<int:guarantee_id>/afbetaling/",
        energie.guarantee_repay,
        name="rent_guarantee_repay",
    ),
]
