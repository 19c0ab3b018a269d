"""/meldingen/: the warden's form, the team list, a melding, and the conflicts."""

from django.urls import path

from welzijn.web.views import meldingen

urlpatterns = [
    path("", meldingen.melding_list, name="meldingen"),
    path("nieuw/", meldingen.melding_new, name="melding_new"),
    path("per-wijk/", meldingen.meldingen_per_wijk, name="meldingen_per_wijk"),
    path("<int:melding_id>/", meldingen.melding_detail, name="melding"),
    path("<int:melding_id>/status/", meldingen.melding_transition, name="melding_transition"),
    path("<int:melding_id>/verslag/", meldingen.melding_report, name="melding_report"),
    path("fotos/<int:photo_id>/", meldingen.melding_photo, name="melding_photo"),
    path("conflicten/", meldingen.conflict_list, name="conflicts"),
    path("<int:melding_id>/conflict/", meldingen.conflict_start, name="conflict_start"),
    path("conflicten/<int:conflict_id>/", meldingen.conflict_detail, name="conflict"),
    path(
        "conflicten/<int:conflict_id>/partijen/nieuw/",
        meldingen.conflict_party_add,
        name="conflict_party_add",
    ),
    path(
        "conflicten/<int:conflict_id>/afsluiten/", meldingen.conflict_close, name="conflict_close"
    ),
]
