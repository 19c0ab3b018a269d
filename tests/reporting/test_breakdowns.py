"""Breakdowns per wijk, per office and per month come from the indicator's own records, and
every cell follows the privacy rules, so that no suppressed cell can be worked out."""

import dataclasses
import datetime as dt

import pytest

from welzijn.casework.models import Office
from welzijn.registry.models import Wijk
from welzijn.reporting import measures
from welzijn.reporting.breakdowns import breakdowns
from welzijn.reporting.compute import compute
from welzijn.reporting.indicators import BY_CODE
from welzijn.reporting.privacy import MIN_BASE, MIN_COUNT, count_cells, share_cells
from welzijn.shelter.models import Facility, Stay

D = dt.date


def _persons_in(world, wijk, n, *, office=None, month=3):
    for _ in range(n):
        p = world.person()
        d = world.dossier(world.household(p, wijk=wijk), office)
        world.intervention(d, "leefloon", D(2023, month, 10), person=p)


def _by(found, by):
    return {c.key: c for b in found if b.by == by for c in b.cells}


def test_breakdown_counts_the_same_records_as_the_total(world):
    wijken = list(Wijk.objects.order_by("name")[:3])
    other = Office.objects.exclude(pk=world.office.pk).first()
    _persons_in(world, wijken[0], 10, month=1)
    _persons_in(world, wijken[1], 8, office=other, month=2)
    _persons_in(world, wijken[2], 3, month=2)
    ind = BY_CODE["leefloon_personen"]
    total = compute(2023, [ind])[ind.code].value
    found = breakdowns(ind, 2023)
    assert [b.by for b in found] == ["month", "wijk", "office"]
    months = _by(found, "month")
    assert months[1].number == 10 and months[2].number == 11 and months[3].number == 0
    offices = _by(found, "office")
    assert offices[world.office.name].number == 13 and offices[other.name].number == 8
    assert total == 21


def test_a_suppressed_cell_cannot_be_recovered_from_the_total(world):
    """10, 8 and 3 persons in three wijken, 21 in all: '< 5' for the 3 alone would give it
    away (21 - 10 - 8), so the smallest other cell is hidden too."""
    wijken = list(Wijk.objects.order_by("name")[:3])
    for wijk, n in zip(wijken, (10, 8, 3), strict=True):
        _persons_in(world, wijk, n)
    ind = BY_CODE["leefloon_personen"]
    total = compute(2023, [ind])[ind.code].value
    cells = _by(breakdowns(ind, 2023), "wijk")
    shown = [c.number for c in cells.values() if c.number is not None]
    hidden = [k for k, c in cells.items() if c.number is None]
    assert len(hidden) == 2 and all(cells[k].text == "< 5" for k in hidden)
    # the attacker's try: total minus the shown cells is the sum of two, not one, cell
    assert total - sum(shown) == 11
    assert cells[wijken[0].name].number == 10


@pytest.mark.parametrize(
    ("values", "hidden"),
    [
        ({"a": 10, "b": 8, "c": 3}, {"b", "c"}),
        ({"a": 10, "b": 0, "c": 3}, {"a", "c"}),  # a zero hides nothing: the next one goes
        ({"a": 10, "b": 2, "c": 3}, {"b", "c"}),  # two small ones protect each other
        ({"a": 4}, {"a"}),
        ({"a": 0, "b": 7}, set()),
    ],
)
def test_complementary_suppression_of_counts(values, hidden):
    cells = count_cells(values)
    assert {c.key for c in cells if c.number is None} == hidden
    for c in cells:
        if c.number is not None:
            assert c.number == values[c.key] and (c.number == 0 or c.number >= MIN_COUNT)


def test_counts_of_things_are_never_suppressed():
    assert all(c.number is not None for c in count_cells({"a": 1, "b": 9}, personal=False))


def test_a_share_on_fewer_than_20_is_hidden_with_its_complement():
    cells = {c.key: c for c in share_cells({"a": (30, 40), "b": (5, 25), "c": (3, 10)})}
    assert cells["c"].text == "niet getoond" and cells["b"].number is None
    assert cells["a"].number == pytest.approx(0.75) and cells["a"].text == "75%"
    assert 10 < MIN_BASE <= 25


def test_a_measure_that_returns_a_number_has_no_breakdown(world):
    @measures.measure("test.plain", definition="Een getal.")
    def plain(ind, year, service_ids):
        return 12.0

    try:
        ind = dataclasses.replace(BY_CODE["leefloon_personen"], code="x", kind="test.plain")
        assert compute(2023, [ind])["x"].value == 12.0
        assert breakdowns(ind, 2023) == []
    finally:
        del measures.MEASURES["test.plain"]


def test_a_keyed_domain_measure_breaks_down_by_its_records(world):
    """A shelter stay is where its facility is, with the facility's team."""
    facility = Facility.objects.select_related("office", "service").first()
    assert facility is not None, "de referentiegegevens hebben opvangvoorzieningen"

    for _ in range(6):
        Stay.objects.create(facility=facility, person=world.person(), entry_date=D(2023, 4, 2))
    ind = next(i for i in BY_CODE.values() if i.kind == "shelter.persons")
    ind = dataclasses.replace(ind, services=(facility.service.code,))
    found = breakdowns(ind, 2023)
    assert _by(found, "month")[4].number == 6
    assert _by(found, "office")[facility.office.name].number == 6


def test_client_households_break_down_like_the_profile_counts_them(world):
    wijk = Wijk.objects.order_by("name").first()
    for _ in range(6):
        world.client(world.person(), wijk=wijk)
    ind = BY_CODE["clienten_huishoudens"]
    assert compute(2023, [ind])[ind.code].value == 6
    found = breakdowns(ind, 2023)
    assert _by(found, "wijk")[wijk.name].number == 6
    assert _by(found, "month")[1].number == 6  # running since 2022: they enter the year in January
