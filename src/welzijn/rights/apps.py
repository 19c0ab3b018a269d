from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "welzijn.rights"
    verbose_name = "Rechtendetectie"
