import base64
import datetime as dt

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from welzijn.casework.demo import (
    DEMO_PASSWORD,
    DEMO_TOTP_KEY,
    demo_data_create,
    demo_users_create,
)
from welzijn.core.roles import Role
from welzijn.registry.models import Household
from welzijn.rights.screening import rights_screen

#: Synthetic Ghent at 1% (about 2,700 residents, 160 client households): loads in seconds.
DEMO_SYNTH_SCALE = 0.01
DEMO_SYNTH_SEED = 42
DEMO_SCREENING_DATE = dt.date(2023, 12, 1)


class Command(BaseCommand):
    help = (
        "Laad de referentiegegevens, maak één demogebruiker per rol en, op een lege databank, "
        "synthetisch Gent op kleine schaal plus een paar handgemaakte demohuishoudens."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=DEMO_SYNTH_SCALE,
            help=f"schaal van synthetisch Gent ({DEMO_SYNTH_SCALE:g}; 1 = het jaaroverzicht)",
        )

    def handle(self, *args, **options):
        call_command("reference_load", verbosity=0)
        users = demo_users_create()
        if Household.objects.exists():
            self.stdout.write("Demodata staan al in de databank; niets toegevoegd.")
        else:
            if not apps.is_installed("welzijn.synth"):
                raise CommandError(
                    "Synthetisch Gent is niet geïnstalleerd: zet WELZIJN_SYNTH=1 (make demo doet "
                    "dat) om de demodata te laden."
                )
            # Synthetic Ghent first: it loads only into a database without other records.
            call_command(
                "synth",
                seed=DEMO_SYNTH_SEED,
                scale=options["scale"],
                year=2023,
                verbosity=0,
            )
            self.stdout.write(
                f"Synthetisch Gent geladen (schaal {options['scale']:g}, seed {DEMO_SYNTH_SEED}): "
                f"{Household.objects.count()} huishoudens."
            )
            count = demo_data_create()
            self.stdout.write(f"{count} handgemaakte demohuishoudens geregistreerd.")
            from welzijn.rechtencheck.demo import demo_selfcheck_request_create

            demo_selfcheck_request_create()
            self.stdout.write("Een Rechtencheck-aanvraag voor het onthaal van Brugse Poort.")
            run = rights_screen(on=DEMO_SCREENING_DATE)
            self.stdout.write(
                f"Rechtenscreening op {DEMO_SCREENING_DATE:%d/%m/%Y}: "
                f"{run.summary['granted']} rechten automatisch toegekend, de rest op de "
                "werklijsten."
            )
        secret = base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()
        self.stdout.write(
            f"\nDemogebruikers op http://127.0.0.1:8000/inloggen/ "
            f"(wachtwoord voor allen: {DEMO_PASSWORD}):"
        )
        for username, role, office in users:
            how = "wachtwoord + code uit authenticator-app" if role == Role.BEHEERDER else ""
            self.stdout.write(f"  {username:<18} {role:<24} {office:<34} {how}".rstrip())
        self.stdout.write(
            f"\nDe beheerder geeft na het wachtwoord een code van zes cijfers. Voeg de sleutel "
            f"{secret} toe aan een authenticator-app, of bereken de code met:\n"
            f"  oathtool --totp -b {secret}\n"
            "Elke andere gebruiker kan tweestapsverificatie zelf instellen via het menu.\n"
            "\nBeheer: http://127.0.0.1:8000/admin/ (log in als 'beheerder')"
        )
