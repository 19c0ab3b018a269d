"""A melding cancelled after its conflict was worked on (entered in error, a double) takes
its conflict out of every conflict figure, the 'voelde u zich geholpen' share included."""

import pytest
from django.utils import timezone
from factories import user

from welzijn.core.roles import Role
from welzijn.meldingen import services
from welzijn.reporting.compute import compute
from welzijn.reporting.indicators import BY_CODE

pytestmark = pytest.mark.django_db
CODES = ("conflicten", "conflicten_geholpen")


def test_the_conflict_of_a_cancelled_melding_counts_nowhere():
    preventie = user(Role.PREVENTIE, "team-preventie")
    today = timezone.localdate()
    meldingen = []
    for helped in ("ja", "nee"):
        melding = services.melding_create(
            actor=preventie,
            category="burenruzie",
            description="Test",
            reporter_kind="burger",
            street="Bevrijdingslaan",
            postcode="9000",
        )
        conflict = services.conflict_start(
            actor=preventie, melding_id=melding.pk, approach="advies", started_on=today
        )
        services.conflict_close(
            actor=preventie, conflict_id=conflict.pk, ended_on=today, helped=helped, note="Klaar"
        )
        meldingen.append(melding)
    before = compute(today.year, [BY_CODE[c] for c in CODES])
    assert before["conflicten"].value == 2
    assert before["conflicten_geholpen"].value == pytest.approx(1 / 2)
    for to in ("heropend", "geannuleerd"):  # found to be a double afterwards
        services.melding_transition(
            actor=preventie, melding_id=meldingen[1].pk, to=to, note="Dubbel"
        )
    after = compute(today.year, [BY_CODE[c] for c in CODES])
    assert after["conflicten"].value == 1
    assert after["conflicten_geholpen"].value == 1.0  # only the conflict that stands
