from django.core.management.base import BaseCommand, CommandError

from welzijn.core.audit import audit_breaks
from welzijn.core.audit_witness import witness_read
from welzijn.core.models import AuditEvent


class Command(BaseCommand):
    help = (
        "Controleer de audittrail: de hashketen en de ondertekende checkpoints in de getuige "
        "buiten de database; meldt gewijzigde, verwijderde, afgekapte of herschreven "
        "gebeurtenissen en vervalste checkpoints."
    )

    def handle(self, *args, **options):
        witness = witness_read()
        breaks = audit_breaks(witness)
        if breaks:
            lines = "\n".join(f"- {problem}" for problem in breaks)
            raise CommandError(f"Audittrail is aangetast:\n{lines}")
        count = AuditEvent.objects.count()
        if witness.checkpoints:
            latest = max(witness.checkpoints, key=lambda c: c.seq)
            self.stdout.write(
                f"Getuige {witness.path}: {len(witness.checkpoints)} checkpoints, het laatste "
                f"op gebeurtenis #{latest.seq} ({latest.when})."
            )
        else:
            self.stderr.write(
                f"Let op: de getuige {witness.path} bevat nog geen checkpoint van deze database; "
                "alleen de hashketen is gecontroleerd. Schrijf er een met "
                "'welzijn audit_checkpoint'."
            )
        if witness.other_databases:
            self.stdout.write(
                f"{witness.other_databases} checkpoints van andere databases overgeslagen."
            )
        self.stdout.write(self.style.SUCCESS(f"Audittrail intact: {count} gebeurtenissen."))
