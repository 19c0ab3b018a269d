"""A domain app's measure computes the indicators whose kind names it."""

import dataclasses

import pytest

from welzijn.reporting import measures
from welzijn.reporting.compute import compute
from welzijn.reporting.indicators import INDICATORS, Kind


@pytest.fixture
def registered():
    calls = []

    @measures.measure(
        "test.helped", definition="Aandeel geholpen van {services} ({detail}).", share=True
    )
    def helped(ind, year, service_ids):
        calls.append((ind.code, year))
        return measures.Share(hits=3, total=4) if year == 2023 else measures.Share(0, 0)

    yield calls
    del measures.MEASURES["test.helped"]


def test_measure_computes_share_and_previous_year(registered, db):
    base = next(i for i in INDICATORS if i.kind == Kind.PERSONS)
    ind = dataclasses.replace(base, code="x", kind="test.helped", compare_previous=True)
    result = compute(2023, [ind])["x"]
    assert result.value == pytest.approx(0.75)
    assert result.denominator == 4
    assert result.previous is None  # no base in 2022
    assert registered == [("x", 2023), ("x", 2022)]
    assert ind.is_share and not ind.is_count_of_people
    assert ind.definition.startswith("Aandeel geholpen van ‘")


def test_a_name_is_registered_once(registered):
    with pytest.raises(Exception, match="twee keer"):
        measures.measure("test.helped", definition="")(lambda *a: 0)


def test_every_indicator_kind_is_known():
    assert {i.kind for i in INDICATORS} <= set(Kind) | set(measures.MEASURES)
