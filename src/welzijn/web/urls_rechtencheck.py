"""The Rechtencheck's public pages: no login, every step a POST (the answers travel in
the page, never in a URL)."""

from django.urls import path

from welzijn.web.views import rechtencheck

app_name = "rechtencheck"

urlpatterns = [
    path("", rechtencheck.check, name="check"),
    path("overzicht.pdf", rechtencheck.summary_pdf, name="pdf"),
    path("doorsturen/", rechtencheck.send, name="send"),
]
