from django.core.management import call_command
from django.core.management.base import BaseCommand

from welzijn.casework.demo import DEMO_PASSWORD, demo_data_create, demo_users_create
from welzijn.registry.models import Household


class Command(BaseCommand):
    help = (
        "Laad de referentiegegevens, maak één demogebruiker per rol en een kleine "
        "demodataset (enkel op een lege databank)."
    )

    def handle(self, *args, **options):
        call_command("loaddata", "ghent", "catalog", "offices", verbosity=0)
        users = demo_users_create()
        if Household.objects.exists():
            self.stdout.write("Demodata staan al in de databank; niets toegevoegd.")
        else:
            count = demo_data_create()
            self.stdout.write(f"{count} demohuishoudens geregistreerd.")
        self.stdout.write(f"\nDemogebruikers (wachtwoord voor allen: {DEMO_PASSWORD}):")
        for username, role, office in users:
            self.stdout.write(f"  {username:<12} {role:<24} {office}")
        self.stdout.write("\nBeheer: http://127.0.0.1:8000/admin/ (log in als 'beheerder')")
