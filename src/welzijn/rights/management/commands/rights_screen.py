import datetime as dt
import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from welzijn.rights.screening import rights_screen


class Command(BaseCommand):
    help = (
        "Screen alle huishoudens op een peildatum: bevindingen per recht, automatische "
        "toekenning waar dat mag, de rest op de werklijst van het welzijnsbureau."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", required=True, help="peildatum, JJJJ-MM-DD")
        parser.add_argument("--no-grant", action="store_true", help="niets automatisch toekennen")

    def handle(self, *args, date, no_grant, **options):
        try:
            on = dt.date.fromisoformat(date)
        except ValueError:
            raise CommandError(f"--date: '{date}' is geen datum (JJJJ-MM-DD).") from None
        start = time.perf_counter()
        try:
            run = rights_screen(on=on, grant=not no_grant)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        seconds = time.perf_counter() - start
        summary = run.summary
        self.stdout.write(
            f"Screening op {on:%d/%m/%Y}: {summary['households']} huishoudens, "
            f"{summary['persons']} personen in {seconds:.1f} s."
        )
        for right, counts in summary["rights"].items():
            parts = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
            self.stdout.write(f"  {right:<26} {parts}")
        self.stdout.write(f"Automatisch toegekend: {summary['granted']}.")
