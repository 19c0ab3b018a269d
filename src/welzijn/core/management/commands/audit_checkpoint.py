from django.core.management.base import BaseCommand

from welzijn.core.audit import audit_checkpoint
from welzijn.core.audit_witness import witness_path


class Command(BaseCommand):
    help = (
        "Schrijf het einde van de audittrail (volgnummer, hash, tijdstip), ondertekend, naar "
        "de getuige buiten de database (WELZIJN_AUDIT_WITNESS)."
    )

    def handle(self, *args, **options):
        checkpoint = audit_checkpoint()
        self.stdout.write(
            self.style.SUCCESS(
                f"Checkpoint geschreven naar {witness_path()}: gebeurtenis #{checkpoint.seq} "
                f"(hash {checkpoint.hash[:12]}…)."
            )
        )
