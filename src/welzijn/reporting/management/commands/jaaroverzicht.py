"""`welzijn jaaroverzicht 2023 --format pdf --out jaaroverzicht-2023.pdf`"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from welzijn.analytics.reading import pseudonymised
from welzijn.core.audit import audit_record
from welzijn.reporting.report import (
    FORMATS,
    ReportError,
    build_report,
    filename,
    render,
    validate_format,
    validate_year_range,
)


class Command(BaseCommand):
    help = (
        "Het jaaroverzicht van een jaar, berekend uit de geregistreerde gegevens, "
        "als HTML, PDF, CSV of XLSX."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("jaar", help="het jaar van het overzicht, bv. 2023")
        parser.add_argument(
            "--format", default="html", help=f"uitvoerformaat: {', '.join(FORMATS)}"
        )
        parser.add_argument("--out", help="pad van het uitvoerbestand (standaard in de map)")

    def handle(self, *args, **options) -> None:
        raw_year = str(options["jaar"])
        if not (raw_year.isascii() and raw_year.isdigit()):
            raise CommandError(f"jaar {raw_year!r}: geef een jaartal, bv. 2023.")
        fmt = options["format"]
        out = Path(options["out"] or filename(int(raw_year), fmt))
        try:
            validate_format(fmt)
            year = validate_year_range(int(raw_year))  # a year without data: zeros
        except ReportError as error:
            raise CommandError(str(error)) from error
        self._check_writable(out)
        with pseudonymised():
            report = build_report(year)
        data = render(report, fmt)
        try:
            out.write_bytes(data)
        except OSError as error:
            raise CommandError(f"--out {out}: kan niet schrijven ({error.strerror}).") from error
        audit_record(
            actor=None,
            action="view",
            object_type="reporting.jaaroverzicht",
            object_id=str(year),
            reason="jaaroverzicht aangemaakt via de opdrachtregel",
            detail={"format": fmt},
        )
        self.stdout.write(f"Jaaroverzicht {year} ({fmt}) geschreven naar {out}.")

    @staticmethod
    def _check_writable(out: Path) -> None:
        parent = out.parent if str(out.parent) else Path(".")
        if out.is_dir():
            raise CommandError(f"--out {out}: dat is een map; geef een bestandsnaam.")
        if not parent.is_dir():
            raise CommandError(f"--out {out}: de map {parent} bestaat niet.")
        import os

        if not os.access(parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
            raise CommandError(f"--out {out}: geen schrijfrechten.")
