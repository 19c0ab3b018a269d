"""The screening's income inputs from income periods, on a small hand-made population,
against values computed by hand (reference date 1 December 2023; 2022 has 365 days)."""

import datetime as dt
from decimal import Decimal

import pytest
from factories import household, person, user

from welzijn.core.roles import Role
from welzijn.registry import services as registry
from welzijn.rights.inputs import build_population

pytestmark = pytest.mark.django_db

D = dt.date
ON = D(2023, 12, 1)


@pytest.fixture
def worker():
    return user(Role.MAATSCHAPPELIJK_WERKER)


def _income(actor, somebody, start, end=None, *, net=None, gross=None, per="maand"):
    registry.income_register(
        actor=actor,
        person_id=somebody.pk,
        category="beroepsinkomen",
        amount_net=None if net is None else Decimal(net),
        amount_gross_taxable=None if gross is None else Decimal(gross),
        per=per,
        start_date=start,
        end_date=end,
        source="attest",
    )


@pytest.fixture
def population(worker):
    a, child = person(worker, born=D(1980, 1, 1)), person(worker, born=D(2015, 1, 1))
    # 1,000 a month net and gross from 1 July 2022, still running.
    _income(worker, a, D(2022, 7, 1), net="1000", gross="1000")
    # 3,000 a year gross (2,400 net) in the first quarter of 2022 only (90 days).
    _income(worker, a, D(2022, 1, 1), D(2022, 3, 31), net="2400", gross="3000", per="jaar")
    # 1,200 a year net from 1 January 2023: 100 a month.
    _income(worker, a, D(2023, 1, 1), net="1200", per="jaar")
    b = person(worker)
    _income(worker, b, D(2023, 11, 1), D(2023, 11, 30), net="500")  # ended before the date
    d = person(worker)
    _income(worker, d, D(2022, 1, 1), D(2022, 12, 31), gross="20000", per="jaar")
    _income(worker, d, D(2023, 1, 1), net="800")
    _income(worker, d, D(2023, 6, 1), gross="900")  # running, without a net amount
    e, f = person(worker), person(worker)
    _income(worker, e, D(2022, 6, 1), D(2022, 12, 31), net="700")  # 2022 without a gross
    _income(worker, f, D(2022, 1, 1), D(2022, 12, 31), net="15000", gross="18000", per="jaar")
    households = {
        "a": household(worker, a, child),
        "b": household(worker, b),
        "d": household(worker, d),
        "ef": household(worker, e, f),
    }
    built = build_population(ON)
    index = {int(pk): i for i, pk in enumerate(built.person_ids)}
    hh_index = {int(pk): i for i, pk in enumerate(built.household_ids)}
    people = {"a": a, "child": child, "b": b, "d": d, "e": e, "f": f}
    return (
        built.population,
        {k: index[p.pk] for k, p in people.items()},
        {k: hh_index[h.pk] for k, h in households.items()},
    )


def test_monthly_net_resources_on_the_date(population):
    pop, p, _ = population
    net = pop.inputs["netto_bestaansmiddelen"]
    missing = pop.missing["netto_bestaansmiddelen"]
    assert net[p["a"]] == pytest.approx(1000 + 1200 / 12)  # the 2022 quarter has ended
    assert not missing[p["a"]]
    assert net[p["child"]] == 0 and not missing[p["child"]]  # a minor's means are not assessed
    assert missing[p["b"]]  # no income runs on the date: unknown, not zero
    assert missing[p["d"]]  # an income runs without a net amount: incomplete
    assert missing[p["e"]] and missing[p["f"]]  # their incomes ended in 2022


def test_previous_year_gross_is_prorated_by_days(population):
    pop, _, h = population
    gross = pop.inputs["bruto_belastbaar_gezinsinkomen"]
    missing = pop.missing["bruto_belastbaar_gezinsinkomen"]
    # 1,000 x 12 x 184/365 (1 July - 31 December) + 3,000 x 90/365 (first quarter)
    assert gross[h["a"]] == pytest.approx(12000 * 184 / 365 + 3000 * 90 / 365)
    assert round(gross[h["a"]], 2) == 6789.04
    assert not missing[h["a"]]
    assert missing[h["b"]]  # nothing known of 2022
    assert gross[h["d"]] == 20000 and not missing[h["d"]]  # a full year counts in full
    assert missing[h["ef"]]  # a member's 2022 income has no gross amount
