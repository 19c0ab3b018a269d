from django.apps import AppConfig


class ProcedureConfig(AppConfig):
    name = "welzijn.procedure"
    verbose_name = "Procedure van de Sociale Dienst"
