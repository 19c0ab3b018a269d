from django.apps import AppConfig


class PairedTestsConfig(AppConfig):
    name = "welzijn.pairedtests"
    verbose_name = "Praktijktesten"
