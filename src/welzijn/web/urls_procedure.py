"""The Sociale Dienst's procedure (included under /procedure/ by web/urls.py)."""

from django.urls import path

from welzijn.web.views import procedure as views

urlpatterns = [
    path("dossiers/<int:dossier_id>/aanvragen/nieuw/", views.request_new, name="request_new"),
    path("aanvragen/<int:request_id>/", views.request_detail, name="request"),
    path(
        "aanvragen/<int:request_id>/ontvangstbewijs/",
        views.request_receipt,
        name="request_receipt",
    ),
    path("aanvragen/<int:request_id>/voorstel/nieuw/", views.proposal_new, name="proposal_new"),
    path(
        "voorstellen/<int:proposal_id>/beoordelen/",
        views.proposal_review,
        name="proposal_review",
    ),
    path("comite/", views.session_list, name="sessions"),
    path("comite/nieuw/", views.session_new, name="session_new"),
    path("comite/<int:session_id>/", views.session_detail, name="session"),
    path("comite/<int:session_id>/aanwezigen/", views.session_presence, name="session_presence"),
    path("comite/<int:session_id>/agenda/", views.agenda_add, name="agenda_add"),
    path("agendapunten/<int:item_id>/beslissen/", views.item_decide, name="item_decide"),
    path("beslissingen/<int:decision_id>/brief/", views.decision_letter, name="decision_letter"),
    path("beslissingen/<int:decision_id>/verzonden/", views.letter_sent, name="letter_sent"),
    path("beslissingen/<int:decision_id>/beroep/", views.decision_appeal, name="decision_appeal"),
    path("teamcoach/", views.teamcoach_home, name="teamcoach"),
    path("dossiers/<int:dossier_id>/toewijzen/", views.dossier_assign, name="dossier_assign"),
]
