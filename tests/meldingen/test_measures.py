"""The report's meldingen figures are counted from registered meldingen and conflicts."""

import pytest
from django.utils import timezone
from factories import user

from welzijn.core.roles import Role
from welzijn.meldingen import measures, services
from welzijn.meldingen.models import Conflict, Melding
from welzijn.reporting.compute import compute
from welzijn.reporting.indicators import BY_CODE
from welzijn.synth.services import synth_load

pytestmark = pytest.mark.django_db
CODES = (
    "meldingen_vervuiling",
    "bestuurlijke_verslagen",
    "bestuurlijke_verslagen_sluikstort",
    "huurachterstal",
    "conflicten",
    "conflicten_geluid",
    "conflicten_geholpen",
    "crisisbeheer",
)


def _melding(actor, category, **kwargs):
    return services.melding_create(
        actor=actor,
        category=category,
        description="Test",
        reporter_kind="gemeenschapswacht",
        street="Bevrijdingslaan",
        postcode="9000",
        **kwargs,
    )


def test_figures_count_the_registered_meldingen():
    warden = user(Role.GEMEENSCHAPSWACHT, "team-gemeenschapswachten")
    cleaner = user(Role.MELDINGEN_BEHANDELAAR, "team-netheid")
    preventie = user(Role.PREVENTIE, "team-preventie")
    year = timezone.localdate().year
    _melding(warden, "sluikstorten", administrative_report=True)
    _melding(warden, "straatverlichting")
    _melding(warden, "wildplassen", administrative_report=True)  # nuisance: a report only
    cancelled = _melding(warden, "zwerfvuil")
    services.melding_transition(
        actor=cleaner, melding_id=cancelled.pk, to="geannuleerd", note="Dubbel"
    )
    for category, helped in (
        ("geluidsoverlast", "ja"),
        ("geluidsoverlast", "nee"),
        ("burenruzie", "ja"),
    ):
        melding = _melding(preventie, category)
        conflict = services.conflict_start(
            actor=preventie,
            melding_id=melding.pk,
            approach="advies",
            started_on=timezone.localdate(),
        )
        services.conflict_close(
            actor=preventie,
            conflict_id=conflict.pk,
            ended_on=timezone.localdate(),
            helped=helped,
            note="Klaar",
        )
    results = compute(year, [BY_CODE[c] for c in CODES])
    assert results["meldingen_vervuiling"].value == 2  # cancelled left out, nuisance not counted
    assert results["bestuurlijke_verslagen"].value == 2
    assert results["bestuurlijke_verslagen_sluikstort"].value == 1
    assert results["conflicten"].value == 3
    assert results["conflicten_geluid"].value == pytest.approx(2 / 3)
    assert results["conflicten_geholpen"].value == pytest.approx(2 / 3)
    assert results["huurachterstal"].value == 0 and results["crisisbeheer"].value == 0
    rows = {(r["wijk__name"], r["category__parent__name"]): r for r in measures.per_wijk(year)}
    assert rows[("Brugse Poort-Rooigem", "Vervuiling")]["meldingen"] == 1
    assert rows[("Brugse Poort-Rooigem", "Vervuiling")]["verslagen"] == 1
    assert rows[("Brugse Poort-Rooigem", "Defect")]["meldingen"] == 1
    assert (
        rows[("Brugse Poort-Rooigem", "Conflicten en spanningen tussen burgers")]["conflicten"] == 3
    )
    assert compute(year - 1, [BY_CODE["conflicten"]])["conflicten"].value == 0


def test_synthetic_ghent_writes_meldingen():
    synth_load(seed=42, scale=0.01, year=2023)
    results = compute(2023, [BY_CODE[c] for c in CODES])
    assert results["meldingen_vervuiling"].value == round(13460 * 0.01)
    assert results["huurachterstal"].value == 6 and results["crisisbeheer"].value == 1
    years = {m.reported_at.year for m in Melding.objects.all()}
    assert years == {2023}
    assert Conflict.objects.count() == 6
