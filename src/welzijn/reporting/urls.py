from django.urls import path

from welzijn.reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.index, name="index"),
    path("indicator/<slug:indicator>/", views.indicator, name="indicator"),
    path("<int:year>/", views.jaaroverzicht, name="jaaroverzicht"),
    path("<int:year>/<str:fmt>/", views.download, name="download"),
]
