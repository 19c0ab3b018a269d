from django.apps import AppConfig


class ActivationConfig(AppConfig):
    name = "welzijn.activation"
    verbose_name = "Werk en Activering"
