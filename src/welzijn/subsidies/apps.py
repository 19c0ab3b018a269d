from django.apps import AppConfig


class SubsidiesConfig(AppConfig):
    name = "welzijn.subsidies"
    verbose_name = "Subsidies"
