"""welzijn subject_export --person ID --out PATH --as USERNAME: a person's data (art. 15
GDPR) as PATH.pdf and PATH.json, exported in the name of a data protection officer."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from welzijn.core.access import AccessDenied
from welzijn.registry.models import Person
from welzijn.subjectrights.services import export_write, subject_export


class Command(BaseCommand):
    help = "Alles wat welzijn over een persoon bewaart, als PDF en JSON (inzage, art. 15 AVG)."

    def add_arguments(self, parser):
        parser.add_argument("--person", type=int, required=True, help="id van de persoon")
        parser.add_argument("--out", required=True, help="pad zonder extensie (.pdf en .json)")
        parser.add_argument(
            "--as", dest="username", default="dpo", help="de functionaris (standaard: dpo)"
        )

    def handle(self, *args, person, out, username, **options):
        actor = get_user_model().objects.filter(username=username, is_active=True).first()
        if actor is None:
            raise CommandError(f"--as: geen actieve gebruiker '{username}'.")
        try:
            data = subject_export(actor=actor, person_id=person)
        except Person.DoesNotExist as missing:
            raise CommandError(f"--person: geen persoon met id {person}.") from missing
        except AccessDenied as refused:
            raise CommandError(f"--as: {username} heeft de rol dpo niet.") from refused
        pdf, js = export_write(data, Path(out))
        count = sum(len(s.records) for s in data.sections)
        self.stdout.write(
            f"{count} records in {len(data.sections)} soorten, {len(data.reads)} "
            f"inzages: {pdf} en {js}"
        )
