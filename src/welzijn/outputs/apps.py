from django.apps import AppConfig


class OutputsConfig(AppConfig):
    name = "welzijn.outputs"
    verbose_name = "Maandcijfers en externe cijfers"
