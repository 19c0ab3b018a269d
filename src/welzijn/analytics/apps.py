from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate


class AnalyticsConfig(AppConfig):
    name = "welzijn.analytics"
    verbose_name = "Gepseudonimiseerde analyse"

    def ready(self) -> None:
        from . import schema

        connection_created.connect(schema.register_functions)
        pre_migrate.connect(schema.drop_before_migrate, sender=self)
        post_migrate.connect(schema.refresh_after_migrate, sender=self)
