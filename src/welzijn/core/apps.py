from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "welzijn.core"
    verbose_name = "Kern: audit en toegang"
