from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "welzijn.registry"
    verbose_name = "Register: personen en huishoudens"
