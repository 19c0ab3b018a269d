"""The activity register (/activiteiten/): sessions with groups, participants, series."""

from django.urls import path

from welzijn.web.views import activiteiten as views

urlpatterns = [
    path("", views.activity_list, name="activities"),
    path("nieuw/", views.activity_new, name="activity_new"),
    path("<int:activity_id>/", views.activity_detail, name="activity"),
    path("<int:activity_id>/wijzigen/", views.activity_edit, name="activity_edit"),
    path("<int:activity_id>/annuleren/", views.activity_cancel, name="activity_cancel"),
    path(
        "<int:activity_id>/deelnemers/zoeken/",
        views.participant_search,
        name="participant_search",
    ),
    path("<int:activity_id>/deelnemers/", views.participant_add, name="participant_add"),
    path(
        "deelnemers/<int:participant_id>/verwijderen/",
        views.participant_remove,
        name="participant_remove",
    ),
    path("reeksen/", views.series_list, name="series_list"),
    path("reeksen/nieuw/", views.series_new, name="series_new"),
    path("reeksen/<int:series_id>/", views.series_detail, name="series"),
    path("reeksen/<int:series_id>/afsluiten/", views.series_close, name="series_close"),
]
