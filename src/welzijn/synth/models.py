"""Synth-owned tables: what a synthetic load wrote that the other apps cannot carry.

- `GroundTruth`: per household and right, whether the household is eligible on the
  reference date and whether it receives the right. Screening never reads this table; it is
  the answer key to measure a screening's precision and recall.
- `SynthRun`: one row per load (seed, scale, year, id ranges, digest): the ledger of what
  synth wrote (`ledger`), used by `--replace`.
"""

from django.db import models

from welzijn.registry.models import Household


class GroundTruth(models.Model):
    household = models.ForeignKey(
        Household, models.CASCADE, related_name="+", verbose_name="huishouden"
    )
    right = models.CharField("recht", max_length=60)
    eligible = models.BooleanField("heeft recht")
    receives = models.BooleanField("ontvangt")
    planted = models.BooleanField("geplante onderbescherming")

    class Meta:
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
        verbose_name = "synthetische lading"
        verbose_name_plural = "synthetische ladingen"

    def __str__(self) -> str:
        return f"synth {self.year} seed={self.seed} scale={self.scale}"
