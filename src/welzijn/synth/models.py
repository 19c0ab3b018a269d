"""Synth-owned tables: what a synthetic load wrote that the other apps cannot carry.

- `ActivityVolume`: a figure of the annual report for a service that has no record model
  yet (stays, activities, reports without a person) or whose figure is an aggregate
  (tons, meals, places): the seed figure itself, per service, year and unit.
- `GroundTruth`: per household and right, whether the household is eligible on the
  reference date and whether it receives the right. Screening never reads this table; it is
  the answer key to measure a screening's precision and recall.
- `SynthRun`: one row per load (seed, scale, year, id ranges, digest): the ledger of what
  synth wrote (`ledger`), used by `--replace`.

The explicit ``app_label`` keeps this module importable while synth is not installed
(``WELZIJN_SYNTH=0``): the report still reads `ActivityVolume` until it goes.
"""

from django.db import models

from welzijn.catalog.models import Service
from welzijn.registry.models import Household


class ActivityVolume(models.Model):
    service = models.ForeignKey(Service, models.PROTECT, related_name="+", verbose_name="dienst")
    year = models.PositiveSmallIntegerField("jaar")
    quantity = models.DecimalField("hoeveelheid", max_digits=14, decimal_places=2)
    unit = models.CharField("eenheid", max_length=60)
    source = models.CharField("bron in het jaaroverzicht", max_length=300, blank=True)

    class Meta:
        app_label = "synth"
        verbose_name = "activiteitsvolume"
        verbose_name_plural = "activiteitsvolumes"
        constraints = [
            models.UniqueConstraint(
                fields=["service", "year", "unit"], name="activityvolume_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} {self.year}: {self.quantity} {self.unit}"


class GroundTruth(models.Model):
    household = models.ForeignKey(
        Household, models.CASCADE, related_name="+", verbose_name="huishouden"
    )
    right = models.CharField("recht", max_length=60)
    eligible = models.BooleanField("heeft recht")
    receives = models.BooleanField("ontvangt")
    planted = models.BooleanField("geplante onderbescherming")

    class Meta:
        app_label = "synth"
        verbose_name = "grondwaarheid"
        verbose_name_plural = "grondwaarheid"
        constraints = [
            models.UniqueConstraint(fields=["household", "right"], name="groundtruth_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.household_id} {self.right}"


class SynthRun(models.Model):
    seed = models.BigIntegerField("seed")
    scale = models.FloatField("schaal")
    year = models.PositiveSmallIntegerField("jaar")
    id_ranges = models.JSONField("id-bereiken per tabel", default=dict)
    row_counts = models.JSONField("aantal rijen per tabel", default=dict)
    digest = models.CharField("sha256 van de geladen rijen", max_length=64, blank=True)

    class Meta:
        app_label = "synth"
        verbose_name = "synthetische lading"
        verbose_name_plural = "synthetische ladingen"

    def __str__(self) -> str:
        return f"synth {self.year} seed={self.seed} scale={self.scale}"
