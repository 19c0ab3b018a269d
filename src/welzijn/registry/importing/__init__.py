"""Import from an existing (legacy) system: `welzijn import KIND FILE`.

Each app that has import kinds defines them in its `importing` module (registry: persons,
households, incomes; casework: dossiers, interventions), so that casework kinds can use the
registry without the registry importing casework.
"""

from django.utils.module_loading import autodiscover_modules

from welzijn.registry.importing import households, incomes, persons  # noqa: F401 (register)
from welzijn.registry.importing.runner import KINDS, ImportKind


def import_kinds() -> dict[str, type[ImportKind]]:
    """Every registered kind, from every installed app's `importing` module."""
    autodiscover_modules("importing")
    return KINDS
