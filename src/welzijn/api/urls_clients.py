from django.urls import path

from welzijn.api import views

app_name = "api_clients"

urlpatterns = [
    path("", views.clients, name="list"),
    path("nieuw/", views.client_new, name="new"),
    path("<int:client_id>/intrekken/", views.client_revoke, name="revoke"),
    path("<int:client_id>/nieuw-token/", views.client_rotate, name="rotate"),
]
