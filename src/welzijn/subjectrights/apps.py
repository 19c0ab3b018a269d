from django.apps import AppConfig


class SubjectRightsConfig(AppConfig):
    name = "welzijn.subjectrights"
    label = "subjectrights"
    verbose_name = "Rechten van de betrokkene (AVG)"
