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


def test_a_stand_is_the_last_month_and_each_month_its_own_stand(world):
    """A month-end figure (BE-Alert subscribers): the year is December's stand, a month's
    cell that month's, the team the one that reports it; a monthly figure names no wijk."""
    for month, n in ((1, 100), (6, 150), (12, 180)):
        world.output("be-alert", "aansluitingen", D(2023, month, 1), n, stock=True)
    ind = BY_CODE["be_alert"]
    assert compute(2023, [ind])[ind.code].value == 180
    found = breakdowns(ind, 2023)
    assert [b.by for b in found] == ["month", "office"]
    months = _by(found, "month")
    assert (months[1].number, months[6].number, months[12].number, months[3].number) == (
        100,
        150,
        180,
        0,
    )
    assert [c.number for c in _by(found, "office").values()] == [180]


def test_without_a_registered_figure_a_reported_total_is_no_data(world):
    ind = BY_CODE["be_alert"]
    assert compute(2023, [ind])[ind.code].value is None


def _records(world, mean=False, per_month=False, min_units=0):
    from welzijn.casework.models import Intervention
    from welzijn.reporting.compute import OFFICE, WIJK
    from welzijn.reporting.records import Records, part

    rows = Intervention.objects.filter(date__year=2023)
    keys = {"wijk": WIJK, "office": OFFICE}
    if mean:
        return Records((part(rows, date="date", n=1, hit="quantity", **keys),), mean=True)
    return Records(
        (part(rows, date="date", n="quantity", unit="dossier_id", **keys),),
        per_month=per_month,
        min_units=min_units,
    )


def test_a_mean_breaks_down_and_hides_a_small_base(world):
    """Averages per month: 40 records at 2 and 3 in March, 25 at 4 in July, 3 at 9 in May:
    May's base is too small, and July (the next smallest) goes with it."""
    from welzijn.reporting.breakdowns import cells_of
    from welzijn.reporting.compute import figure
    from welzijn.reporting.records import total

    p = world.person()
    d = world.dossier(world.household(p))
    for month, quantities in ((3, [2] * 20 + [3] * 20), (7, [4] * 25), (5, [9] * 3)):
        for i, q in enumerate(quantities):
            world.intervention(d, "leefloon", D(2023, month, 1 + i % 28), quantity=q)
    records = _records(world, mean=True)
    ind = BY_CODE["bcsd_doorlooptijd"]
    assert figure(ind, records, total(records)) == (round(227 / 68, 1), 68)
    cells = {c.key: c for c in cells_of(ind, records, "month")}
    assert cells[3].number == 2.5 and cells[3].text == "2,5"
    assert cells[5].text == cells[7].text == "niet getoond"
    assert cells[1].text == "geen gegevens"


def test_an_amount_under_five_grantees_is_withheld_with_a_complement(world):
    from welzijn.reporting.breakdowns import cells_of
    from welzijn.reporting.compute import figure
    from welzijn.reporting.records import total

    wijken = list(Wijk.objects.order_by("name")[:2])
    for wijk, n in zip(wijken, (6, 2), strict=True):
        for _ in range(n):
            d = world.dossier(world.household(world.person(), wijk=wijk))
            world.intervention(d, "leefloon", D(2023, 4, 1), quantity=100)
    records = _records(world, min_units=5)
    ind = BY_CODE["samen_aan_zet_bedrag"]
    assert figure(ind, records, total(records)) == (800, None)
    cells = {c.key: c for c in cells_of(ind, records, "wijk")}
    # the wijk of 2 is withheld, and the other with it: else it is the total minus 600
    assert cells[wijken[1].name].number is None and cells[wijken[0].name].number is None
    only_two = _records(world, min_units=9)
    assert figure(ind, only_two, total(only_two)) == (None, None)


def test_an_average_of_the_months_divides_the_year_but_not_a_month(world):
    from welzijn.reporting.compute import figure
    from welzijn.reporting.records import tally, total

    d = world.dossier(world.household(world.person()))
    world.intervention(d, "leefloon", D(2023, 2, 1), quantity=12)
    world.intervention(d, "leefloon", D(2023, 3, 1), quantity=24)
    records = _records(world, per_month=True)
    assert figure(BY_CODE["wijkwerken"], records, total(records)) == (3.0, None)
    assert tally(records, "month")[3].value == 24
    assert tally(records, "office")[world.office.name].value == 3


def test_a_record_counts_in_its_month_and_a_moment_in_its_month_in_ghent(world):
    """A date's month is read by the database itself, without Django's Python function per
    row on SQLite; a date-time counts in the month it was in Ghent (31 January 23:30 UTC is
    1 February there)."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from welzijn.casework.models import Intervention
    from welzijn.reporting.records import Records, part, tally

    d = world.dossier(world.household(world.person()))
    for day in (D(2023, 1, 31), D(2023, 2, 1), D(2023, 2, 28)):
        world.intervention(d, "leefloon", day)
    on_date = part(Intervention.objects.all(), date="date")
    assert {k: t.value for k, t in tally(Records((on_date,)), "month").items()} == {1: 1, 2: 2}
    if connection.vendor == "sqlite":
        assert "django_date_extract" not in on_date.sql("month")[0]
    moments = [
        dt.datetime(2023, 1, 31, 23, 30, tzinfo=dt.UTC),
        dt.datetime(2023, 3, 1, 9, tzinfo=dt.UTC),
    ]
    clerk = get_user_model().objects.create(username="annuleerder")
    for iv, moment in zip(Intervention.objects.order_by("date"), moments, strict=False):
        Intervention.objects.filter(pk=iv.pk).update(
            cancelled_at=moment, cancelled_by=clerk, cancel_reason="per vergissing"
        )
    cancelled = part(Intervention.objects.exclude(cancelled_at=None), date="cancelled_at")
    assert {k: t.value for k, t in tally(Records((cancelled,)), "month").items()} == {2: 1, 3: 1}
