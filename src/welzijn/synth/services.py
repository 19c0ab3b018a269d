"""`synth_load`: validate, generate, load, audit — all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from welzijn.catalog.models import Service
from welzijn.core.audit import audit_record
from welzijn.registry.models import StatusKind, Wijk

from . import ledger, loader
from .generator import CALIBRATED_YEARS, MAX_SCALE, MIN_SCALE, Generator
from .models import SynthRun


@dataclass
class LoadResult:
    run: SynthRun
    row_counts: dict[str, int]


def synth_validate(*, seed: int, scale: float, year: int, replace: bool) -> None:
    """Raise ValidationError (Dutch, keyed on the option) before anything is written."""
    errors: dict[str, str] = {}
    if not MIN_SCALE <= scale <= MAX_SCALE:
        errors["scale"] = (
            f"--scale moet tussen {MIN_SCALE:g} en {MAX_SCALE:g} liggen (gekregen: {scale:g})."
        )
    if year not in CALIBRATED_YEARS:
        years = ", ".join(str(y) for y in CALIBRATED_YEARS)
        errors["year"] = (
            f"--year {year}: voor dat jaar zijn er geen kalibratiecijfers (wel voor {years}; "
            "het jaar ervoor wordt mee gegenereerd)."
        )
    if not 0 <= seed < 2**63:
        errors["seed"] = f"--seed moet een natuurlijk getal zijn (gekregen: {seed})."
    if errors:
        raise ValidationError(errors)
    if not (
        Wijk.objects.count() == 25 and Service.objects.exists() and StatusKind.objects.exists()
    ):
        raise ValidationError(
            {
                "database": "De referentiegegevens ontbreken: laad eerst de fixtures "
                "(welzijn loaddata ghent catalog offices)."
            }
        )
    if foreign := ledger.foreign_records():
        raise ValidationError(
            {
                "database": "Synthetisch Gent laadt alleen in een databank zonder andere "
                f"gegevens dan de referentiegegevens en eerdere synthetische ladingen; deze "
                f"bevat {foreign}. Gebruik een lege databank (ook --replace vervangt alleen "
                "synthetische gegevens)."
            }
        )
    if not replace and SynthRun.objects.exists():
        raise ValidationError(
            {
                "replace": "De databank bevat al synthetisch Gent. Gebruik --replace om die "
                "gegevens te vervangen."
            }
        )


def synth_load(
    *,
    seed: int,
    scale: float,
    year: int,
    replace: bool = False,
    progress: Callable[[str], Any] | None = None,
    rows_progress: Callable[[int], Any] | None = None,
) -> LoadResult:
    synth_validate(seed=seed, scale=scale, year=year, replace=replace)
    with transaction.atomic():
        if replace:
            for run in SynthRun.objects.order_by("-id"):
                loader.delete_ranges(run.id_ranges)
                run.delete()
        refs = loader.reference_refs()
        tables = Generator(seed=seed, scale=scale, year=year, refs=refs, progress=progress).run()
        if progress:
            progress("laden")
        loader.insert(tables, rows_progress)
        counts = tables.count()
        id_ranges = {
            t: [min(r[0] for r in rows), max(r[0] for r in rows)]
            for t, rows in tables.rows.items()
            if rows
        }
        run = SynthRun.objects.create(
            seed=seed,
            scale=scale,
            year=year,
            id_ranges=id_ranges,
            row_counts=counts,
            digest=loader.digest(id_ranges),
        )
        audit_record(
            actor=None,
            action="load",
            obj=run,
            reason="synthetische gegevens geladen",
            detail={"seed": seed, "scale": scale, "year": year, "rows": counts},
        )
    return LoadResult(run=run, row_counts=counts)
