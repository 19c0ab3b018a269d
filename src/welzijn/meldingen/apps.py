from django.apps import AppConfig


class MeldingenConfig(AppConfig):
    name = "welzijn.meldingen"
    verbose_name = "Meldingen"
