from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "welzijn.catalog"
    verbose_name = "Dienstencatalogus"
