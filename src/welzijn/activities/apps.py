from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "welzijn.activities"
    verbose_name = "Activiteiten"
