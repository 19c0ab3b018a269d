from django.apps import AppConfig


class EnergyConfig(AppConfig):
    name = "welzijn.energy"
    verbose_name = "Energie en wonen"
