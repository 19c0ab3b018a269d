from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from welzijn.casework.reference import REFERENCE_FIXTURES
from welzijn.core.roles_setup import roles_setup


class Command(BaseCommand):
    help = (
        "Laad de referentiegegevens (wijken, postcodes, straten, partners, dienstencatalogus, "
        "diensten, ...) en maak de rollen aan: wat een stad bij de installatie nodig heeft, "
        "zonder demodata. Opnieuw uitvoeren werkt ze bij."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        call_command("loaddata", *REFERENCE_FIXTURES, verbosity=0)
        roles = roles_setup()
        if options["verbosity"]:
            self.stdout.write(
                f"Referentiegegevens geladen ({', '.join(REFERENCE_FIXTURES)}) en {len(roles)} "
                "rollen als groepen: een beheerder geeft gebruikers hun rol in de admin."
            )
