"""Subsidies: /subsidies/ (included from web/urls.py, so the names are web:<name>)."""

from django.urls import path

from welzijn.web.views import subsidies

urlpatterns = [
    path("", subsidies.subsidies_home, name="subsidies"),
    path("advies/nieuw/", subsidies.subsidy_advice_new, name="subsidy_advice_new"),
    path("oproepen/<int:call_id>/", subsidies.subsidy_call, name="subsidy_call"),
    path(
        "oproepen/<int:call_id>/aanvragen/",
        subsidies.subsidy_application_new,
        name="subsidy_application_new",
    ),
    path(
        "aanvragen/<int:application_id>/",
        subsidies.subsidy_application,
        name="subsidy_application",
    ),
    path(
        "aanvragen/<int:application_id>/wijzigen/",
        subsidies.subsidy_application_edit,
        name="subsidy_application_edit",
    ),
    path(
        "aanvragen/<int:application_id>/begroting/nieuw/",
        subsidies.subsidy_line_new,
        name="subsidy_line_new",
    ),
    path(
        "begrotingslijnen/<int:line_id>/verwijderen/",
        subsidies.subsidy_line_remove,
        name="subsidy_line_remove",
    ),
    path(
        "aanvragen/<int:application_id>/indienen/",
        subsidies.subsidy_application_submit,
        name="subsidy_application_submit",
    ),
    path(
        "aanvragen/<int:application_id>/controle/",
        subsidies.subsidy_application_check,
        name="subsidy_application_check",
    ),
    path(
        "aanvragen/<int:application_id>/jury/",
        subsidies.subsidy_jury_score,
        name="subsidy_jury_score",
    ),
    path(
        "aanvragen/<int:application_id>/beslissing/",
        subsidies.subsidy_application_decide,
        name="subsidy_application_decide",
    ),
    path(
        "aanvragen/<int:application_id>/brief.pdf",
        subsidies.subsidy_letter,
        name="subsidy_letter",
    ),
    path(
        "aanvragen/<int:application_id>/betalingen/nieuw/",
        subsidies.subsidy_payment_new,
        name="subsidy_payment_new",
    ),
    path(
        "aanvragen/<int:application_id>/eindverslag/",
        subsidies.subsidy_final_report,
        name="subsidy_final_report",
    ),
    path(
        "aanvragen/<int:application_id>/afsluiten/",
        subsidies.subsidy_application_close,
        name="subsidy_application_close",
    ),
]
