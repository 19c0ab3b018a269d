from django.urls import path

from welzijn.retention import views

app_name = "retention"

urlpatterns = [path("", views.register, name="register")]
