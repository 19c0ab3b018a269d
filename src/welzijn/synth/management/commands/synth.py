import sys
import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from welzijn.synth.services import synth_load


class Command(BaseCommand):
    help = (
        "Genereer synthetisch Gent (bevolking, cliënten en een jaar activiteit, gekalibreerd "
        "op het jaaroverzicht) en laad het in de databank, in één transactie."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=2023, help="kalibratiejaar (2023)")
        parser.add_argument("--scale", type=float, default=1.0, help="schaal, 0.01 tot 10")
        parser.add_argument("--seed", type=int, default=42, help="seed (zelfde seed = zelfde data)")
        parser.add_argument(
            "--replace", action="store_true", help="vervang eerdere synthetische gegevens"
        )

    def handle(self, *args, **options):
        bar = None
        if sys.stderr.isatty() and options["verbosity"] > 0:
            try:
                from tqdm import tqdm
            except ImportError:  # the progress bar is a nicety, not a requirement
                tqdm = None
            if tqdm is not None:
                bar = tqdm(total=None, unit=" rijen", unit_scale=True, desc="synth")
        started = time.perf_counter()
        try:
            result = synth_load(
                seed=options["seed"],
                scale=options["scale"],
                year=options["year"],
                replace=options["replace"],
                progress=(lambda step: bar.set_description(f"synth: {step}")) if bar else None,
                rows_progress=bar.update if bar else None,
            )
        except ValidationError as error:
            messages = [m for ms in error.message_dict.values() for m in ms]
            raise CommandError(" ".join(messages)) from None
        finally:
            if bar is not None:
                bar.close()
        seconds = time.perf_counter() - started
        total = sum(result.row_counts.values())
        if options["verbosity"] > 0:
            for table, count in result.row_counts.items():
                self.stdout.write(f"  {table:<32} {count:>10,}".replace(",", "."))
            self.stdout.write(
                f"{total:,} rijen geladen in {seconds:.1f} s".replace(",", ".")
                + f" (seed {options['seed']}, schaal {options['scale']:g}, jaar {options['year']})."
            )
