from django.core.management.base import BaseCommand, CommandError

from welzijn.core.audit import audit_verify
from welzijn.core.models import AuditEvent


class Command(BaseCommand):
    help = "Controleer de audittrail: meldt de eerste gewijzigde of verwijderde gebeurtenis."

    def handle(self, *args, **options):
        problem = audit_verify()
        if problem is not None:
            raise CommandError(f"Audittrail is aangetast: {problem}.")
        count = AuditEvent.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Audittrail intact: {count} gebeurtenissen."))
