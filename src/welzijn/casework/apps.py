from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "welzijn.casework"
    verbose_name = "Hulpverlening"
