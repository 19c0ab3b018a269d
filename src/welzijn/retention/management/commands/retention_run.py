import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from welzijn.retention.run import RetentionError, retention_run


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--today: '{text}' is geen datum (JJJJ-MM-DD).") from error


class Command(BaseCommand):
    help = (
        "Pas het bewaarschema toe: verwijder of wis wat over zijn termijn is, in batches. "
        "Elke batch staat in de audittrail met soort en aantal, nooit welke records."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="alleen tellen wat zou gaan")
        parser.add_argument("--today", type=_day, help="de dag van de run (JJJJ-MM-DD)")
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, dry_run, today, batch_size, **options):
        today = today or timezone.localdate()
        try:
            outcomes = retention_run(today=today, dry_run=dry_run, batch_size=batch_size)
        except RetentionError as error:
            raise CommandError(str(error)) from error
        verb = "zou gaan" if dry_run else "verwerkt"
        for outcome in outcomes:
            if outcome.count:
                rule = outcome.rule
                what = f"{rule.description}, {rule.get_action_display()}"
                line = f"{rule.model} ({what}): {outcome.count}"
                extra = ", ".join(f"{kind} {n}" for kind, n in sorted(outcome.cascaded.items()))
                self.stdout.write(line + (f" (mee verwijderd: {extra})" if extra else ""))
        total = sum(o.count for o in outcomes)
        self.stdout.write(self.style.SUCCESS(f"Bewaarschema op {today:%d-%m-%Y}: {total} {verb}."))
