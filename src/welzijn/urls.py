from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "welzijn — beheer"
admin.site.site_title = "welzijn"
admin.site.index_title = "Beheer van Welzijn en Samenleving"

urlpatterns = [
    # One way in: the workplace's login, with its limits and its second step.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="web:login", query_string=True),
        name="admin_login",
    ),
    path("admin/", admin.site.urls),
    path("api/v1/", include("welzijn.api.urls")),
    path("beheer/api-clients/", include("welzijn.api.urls_clients")),
    path("rapportage/", include("welzijn.reporting.urls")),
    path("rechtencheck/", include("welzijn.web.urls_rechtencheck")),
    path("verwerkingsregister/", include("welzijn.retention.urls")),
    path("", include("welzijn.web.urls")),
]
