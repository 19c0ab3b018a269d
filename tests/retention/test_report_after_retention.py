"""The report of an earlier year adds up the same after a retention run that found
everything due (Synthetic Ghent at its smallest scale, run as if in 2040)."""

import datetime as dt

import pytest

from welzijn.reporting.compute import compute
from welzijn.retention.run import retention_run
from welzijn.synth.generator import MIN_SCALE
from welzijn.synth.services import synth_load

pytestmark = pytest.mark.django_db


def _figures(year):
    return {code: (r.value, r.denominator, r.previous) for code, r in compute(year).items()}


def test_the_report_of_a_past_year_is_the_same_after_a_retention_run():
    synth_load(seed=42, scale=MIN_SCALE, year=2023)
    before = _figures(2023)
    outcomes = retention_run(today=dt.date(2040, 1, 1))
    done = {o.rule.code: o.count for o in outcomes}
    # the run did erase and delete a good deal, of the records the report counts too
    assert done["persoon-wissen"] > 0 and done["dossier-wissen"] > 0
    assert sum(done.values()) > 100
    after = _figures(2023)
    changed = {code: (before[code], after[code]) for code in before if before[code] != after[code]}
    assert not changed
