"""Deliver the webhooks: fan out new events, send what is due (signed, retried with
backoff). Run it from cron every minute, or as a worker with --loop."""

import time

from django.core.management.base import BaseCommand

from welzijn.webhooks.delivery import run_once


class Command(BaseCommand):
    help = "Verdeel nieuwe gebeurtenissen en verstuur de webhooks die aan de beurt zijn."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="blijf draaien (een worker) in plaats van één ronde"
        )
        parser.add_argument(
            "--interval", type=float, default=5.0, help="seconden tussen twee rondes (--loop)"
        )

    def handle(self, *args, loop: bool, interval: float, **options):
        while True:
            made, attempts = run_once()
            delivered = sum(a.succeeded for a in attempts)
            if made or attempts or not loop:
                self.stdout.write(
                    f"{made} afleveringen aangemaakt, {len(attempts)} pogingen, "
                    f"{delivered} gelukt, {len(attempts) - delivered} mislukt."
                )
            if not loop:
                return
            time.sleep(interval)
