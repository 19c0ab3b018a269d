from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from welzijn.core.access import AccessDenied
from welzijn.registry.importing import import_kinds
from welzijn.registry.importing.reading import FileUnreadable
from welzijn.registry.importing.runner import ImportRefused, run_import

#: Errors shown before the summary line; the rest is counted.
SHOWN_ERRORS = 200


class Command(BaseCommand):
    help = (
        "Importeer personen, huishoudens, dossiers, tussenkomsten of inkomens uit een bestaand "
        "systeem (CSV met ; of XLSX). Alle regels worden gecontroleerd; bij één fout wordt "
        "niets geschreven."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(import_kinds()))
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--user",
            required=True,
            help="gebruikersnaam van wie importeert (rol en welzijnsbureau gelden)",
        )
        parser.add_argument("--dry-run", action="store_true", help="alleen controleren")

    def handle(self, *args, kind, file, user, dry_run, **options):
        actor = get_user_model().objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(f"Onbekende of inactieve gebruiker '{user}'.")
        if not file.is_file():
            raise CommandError(f"Bestand '{file}' niet gevonden.")
        try:
            result = run_import(import_kinds()[kind], file, actor=actor, dry_run=dry_run)
        except FileUnreadable as exc:
            raise CommandError(f"{file.name}: {exc}.") from None
        except AccessDenied as exc:
            raise CommandError(f"{user} mag dit niet importeren: {exc}") from None
        except ImportRefused as refused:
            for error in refused.errors[:SHOWN_ERRORS]:
                self.stderr.write(str(error))
            more = len(refused.errors) - SHOWN_ERRORS
            if more > 0:
                self.stderr.write(f"... en nog {more} fout(en)")
            lines = len({error.line for error in refused.errors})
            raise CommandError(
                f"Niets geïmporteerd: {len(refused.errors)} fout(en) op {lines} regel(s) "
                f"van {file.name}."
            ) from None
        summary = (
            f"{result.lines} regels: {result.created} nieuw, {result.updated} gewijzigd, "
            f"{result.unchanged} ongewijzigd"
        )
        if dry_run:
            self.stdout.write(f"Proefrun {kind} ({file.name}), niets geschreven: {summary}.")
        else:
            self.stdout.write(f"Geïmporteerd {kind} ({file.name}): {summary}.")
