from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "welzijn.reporting"
    verbose_name = "Rapportage"
