from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "welzijn — beheer"
admin.site.site_title = "welzijn"
admin.site.index_title = "Beheer van Welzijn en Samenleving"

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
]
