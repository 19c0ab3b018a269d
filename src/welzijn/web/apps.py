from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "welzijn.web"
    verbose_name = "Werkplek"
