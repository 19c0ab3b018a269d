"""Synthetic Ghent plants a level of net discrimination per characteristic; the statistics the
team sees recover it within their confidence interval."""

import pytest

from welzijn.pairedtests.models import PairedTest
from welzijn.pairedtests.selectors import statistics
from welzijn.synth import loader
from welzijn.synth.generator import Generator
from welzijn.synth.pairedtests import PLANTED_NET, build_paired_tests

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("seed", [42, 7])
def test_the_statistics_recover_the_planted_level(seed):
    gen = Generator(seed=seed, scale=1.0, year=2023, refs=loader.reference_refs())
    build_paired_tests(gen)
    loader.insert(gen.tables)
    stats = statistics(PairedTest.objects.all())
    assert sum(n.tests for _, n in stats.by_characteristic) == 2663
    assert {kind: n.tests for kind, n in stats.by_kind} == {
        "particuliere verhuurder": 1438,
        "vastgoedmakelaar": 1225,
    }
    for characteristic, net in stats.by_characteristic:
        low, high = net.interval
        planted = PLANTED_NET[characteristic.code]
        assert low <= planted <= high, characteristic.code
        assert high - low < 0.2  # informative: about ±0,06 to ±0,09 at this volume
        assert (low > 0) == (planted >= 0.1)  # the clear cases are told apart from no effect
    assert stats.by_agent  # estate agents are tested often enough to be judged one by one
