"""Synthetic Ghent writes the teams' monthly figures month by month (never a year's total in
one row) and the external figures with a source; the report counts them."""

import pytest
from django.db.models import Count

from welzijn.outputs.models import ExternalFigure, MonthlyOutput
from welzijn.reporting.compute import compute
from welzijn.reporting.indicators import BY_CODE
from welzijn.synth.outputs import EVENT_MONTH
from welzijn.synth.services import synth_load

pytestmark = pytest.mark.django_db


def test_monthly_figures_month_by_month_and_the_report_counts_them():
    synth_load(seed=42, scale=0.01, year=2023)
    per_kind = MonthlyOutput.objects.values("kind__service__code").annotate(n=Count("id"))
    for row in per_kind:
        expected = 1 if row["kind__service__code"] in EVENT_MONTH else 12
        assert row["n"] % expected == 0 and row["n"] >= expected, row
    results = compute(2023, [BY_CODE[c] for c in ("sociale_restaurants_maaltijden", "be_alert",
                                                    "haatmisdrijven", "armoede")])  # fmt: skip
    assert results["sociale_restaurants_maaltijden"].value == round(99758 * 0.01)
    assert results["be_alert"].value == round(35211 * 0.01)
    assert results["haatmisdrijven"].value == 86  # an outside figure does not scale
    assert results["armoede"].value == pytest.approx(0.143)
    assert all(f.source for f in ExternalFigure.objects.all())
