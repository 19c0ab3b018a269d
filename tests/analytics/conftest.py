import pytest

from welzijn.synth.generator import MIN_SCALE
from welzijn.synth.services import synth_load


@pytest.fixture
def ghent(db):
    """Synthetic Ghent at the smallest scale, 2023."""
    synth_load(seed=42, scale=MIN_SCALE, year=2023)
    return 2023
