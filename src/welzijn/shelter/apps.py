from django.apps import AppConfig


class ShelterConfig(AppConfig):
    name = "welzijn.shelter"
    verbose_name = "Opvang"
