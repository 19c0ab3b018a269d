from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _setup_roles(app_config, **kwargs):
    """After the last app's post_migrate, when every app's permissions exist."""
    from django.apps import apps as registry

    if app_config is list(registry.get_app_configs())[-1]:
        from welzijn.core.roles_setup import roles_setup

        roles_setup()


class CoreConfig(AppConfig):
    name = "welzijn.core"
    verbose_name = "Kern: audit en toegang"

    def ready(self):
        # Role groups and their permissions exist in every migrated database.
        post_migrate.connect(_setup_roles, dispatch_uid="welzijn_roles_setup")
