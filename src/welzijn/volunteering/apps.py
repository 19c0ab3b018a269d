from django.apps import AppConfig


class VolunteeringConfig(AppConfig):
    name = "welzijn.volunteering"
    verbose_name = "Vrijwilligerspunt"
