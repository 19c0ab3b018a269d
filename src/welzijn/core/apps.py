from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _setup_roles(**kwargs):
    from welzijn.core.roles_setup import roles_setup

    roles_setup()


class CoreConfig(AppConfig):
    name = "welzijn.core"
    verbose_name = "Kern: audit en toegang"

    def ready(self):
        # Role groups and their permissions exist in every migrated database; running after
        # each app's migration keeps them in step with the permissions created so far.
        post_migrate.connect(_setup_roles, dispatch_uid="welzijn_roles_setup")
