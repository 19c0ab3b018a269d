from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "welzijn — beheer"
admin.site.site_title = "welzijn"
admin.site.index_title = "Beheer van Welzijn en Samenleving"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("rapportage/", include("welzijn.reporting.urls")),
    path("", include("welzijn.web.urls")),
]
