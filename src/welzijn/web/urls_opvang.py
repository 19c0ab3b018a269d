"""The shelter worker's pages under /opvang/ (names stay web:opvang_*)."""

from django.urls import path

from welzijn.web.views import opvang

urlpatterns = [
    path("", opvang.board, name="opvang_board"),
    path("<int:facility_id>/", opvang.facility, name="opvang_facility"),
    path("<int:facility_id>/inchecken/", opvang.check_in, name="opvang_check_in"),
    path("<int:facility_id>/weigering/", opvang.refusal, name="opvang_refusal"),
    path("<int:facility_id>/wachtlijst/", opvang.waiting, name="opvang_waiting"),
    path("wachtlijst/<int:entry_id>/uitkomst/", opvang.waiting_close, name="opvang_waiting_close"),
    path("verblijven/<int:stay_id>/uitchecken/", opvang.check_out, name="opvang_check_out"),
    path("personen/<int:person_id>/", opvang.person_stays, name="opvang_person"),
    path("telling/", opvang.counts, name="opvang_counts"),
    path("telling/nieuw/", opvang.count_new, name="opvang_count_new"),
    path("telling/<int:count_id>/", opvang.count, name="opvang_count"),
    path("telling/<int:count_id>/sluiten/", opvang.count_close, name="opvang_count_close"),
    path("telling/<int:count_id>/publiceren/", opvang.count_publish, name="opvang_count_publish"),
    path("telling/<int:count_id>/formulier/", opvang.count_form, name="opvang_count_form"),
    path("telling/<int:count_id>/export.csv", opvang.count_export, name="opvang_count_export"),
]
