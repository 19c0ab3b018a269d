"""The monthly figures of the teams (/maandcijfers/) and the analist's external figures."""

from django.urls import path

from welzijn.web.views import maandcijfers as views

urlpatterns = [
    path("", views.output_home, name="outputs"),
    path("nieuw/", views.output_new, name="output_new"),
    path("importeren/", views.output_import, name="output_import"),
    path("soort/<int:kind_id>/", views.output_kind, name="output_kind"),
    path("<int:output_id>/corrigeren/", views.output_correct, name="output_correct"),
    path("<int:output_id>/annuleren/", views.output_cancel, name="output_cancel"),
    path("extern/", views.external_figures, name="external_figures"),
    path(
        "extern/<int:figure_id>/annuleren/",
        views.external_figure_cancel,
        name="external_figure_cancel",
    ),
]
