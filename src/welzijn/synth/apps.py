from django.apps import AppConfig


class SynthConfig(AppConfig):
    name = "welzijn.synth"
    verbose_name = "Synthetisch Gent"
