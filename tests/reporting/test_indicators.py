"""Every indicator computed on a hand-made data set and compared with a hand-computed value.

Record-based indicators share one scenario per kind (written for the indicator's own
services), so each indicator's spec and query are exercised; the expected values are
counted by hand in the comments.
"""

import csv
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from welzijn.catalog.models import Domain, Service
from welzijn.registry.models import HouseholdMembership, Wijk
from welzijn.reporting.compute import compute, households_per_office, households_per_wijk
from welzijn.reporting.indicators import BY_CODE, CHAPTERS, INDICATORS, Indicator, Kind
from welzijn.synth.targets import CALIBRATION_FILE

pytestmark = pytest.mark.django_db
D = dt.date
Y = 2023


def _other_service(ind: Indicator) -> str:
    return next(c for c in ("huurwaarborg", "winterpremie") if c not in ind.services)


def records_scenario(world, ind: Indicator) -> None:
    """Persons p1 (adult), p2 (child, in p1's household hh1), p3 (hh2), p4 (hh4, only
    records before 2023), p5 (hh5, another service); hh3 has a household-level record."""
    s0, s1 = ind.services[0], ind.services[-1]
    outcome = ind.detail if ind.kind in (Kind.OUTCOME_SHARE, Kind.OUTCOME_COUNT) else "doel-bereikt"
    p1, p2 = world.person(), world.person(D(2010, 5, 5))
    p3, p4, p5 = world.person(), world.person(), world.person()
    hh1 = world.household(p1, p2)
    hh2, hh3, hh4, hh5 = (world.household(p3), world.household(world.person()),
                          world.household(p4), world.household(p5))  # fmt: skip
    d1, d2, d3, d4, d5 = (world.dossier(h) for h in (hh1, hh2, hh3, hh4, hh5))
    # interventions in 2023: p1 twice, p2 once, hh3 without a person -> 4
    world.intervention(d1, s0, D(Y, 3, 1), p1)
    world.intervention(d1, s0, D(Y, 4, 1), p1)
    world.intervention(d1, s1, D(Y, 5, 1), p2)
    world.intervention(d3, s1, D(Y, 12, 31))
    # trajectories running in 2023: p3 (started 2022), p2 (started 2023), p1 (2023, ended
    # with the outcome), two household-level ones on d1 that ended in 2023 -> 5
    world.trajectory(d2, s1, D(2022, 5, 1), person=p3)
    world.trajectory(d1, s0, D(Y, 2, 1), person=p2)
    world.trajectory(d1, s0, D(Y, 7, 1), D(Y, 9, 1), person=p1, outcome=outcome)
    world.trajectory(d1, s0, D(Y, 1, 5), D(Y, 3, 1), outcome="stopgezet-door-client")
    world.trajectory(d1, s1, D(2021, 1, 5), D(Y, 1, 1), outcome=outcome)
    # not in 2023: p4's intervention on 31/12/2022 and trajectory ended mid 2022
    world.intervention(d4, s0, D(2022, 12, 31), p4)
    world.trajectory(d4, s0, D(2021, 3, 1), D(2022, 6, 30), person=p4)
    # another service
    world.intervention(d5, _other_service(ind), D(Y, 6, 1), p5)


RECORD_EXPECTED = {
    Kind.PERSONS: 4,  # p1, p2, p3 and hh3's member (its household-level intervention)
    Kind.PERSONS_MINOR: 1,  # p2
    Kind.PERSONS_STARTED: 2,  # p2 and p1 started in 2023 (p3 in 2022)
    Kind.HOUSEHOLDS: 3,  # hh1, hh2, hh3
    Kind.RECORDS: 9,  # 4 interventions + 5 trajectories
    Kind.OUTCOME_COUNT: 2,  # p1's and the one started in 2021, both ended in 2023
    Kind.OUTCOME_SHARE: 2 / 3,  # of the three that ended in 2023
}
# The year before (2022): households hh4 (intervention, trajectory), hh2 (p3's trajectory
# started in May 2022) and hh1 (the household trajectory of 2021);
# records 1 intervention + 3 trajectories = 4; persons p4, p3 and, through hh1's household
# trajectory, p1 and p2
PREVIOUS_EXPECTED = {Kind.HOUSEHOLDS: 3, Kind.PERSONS: 4, Kind.RECORDS: 4}


def client_scenario(world) -> None:
    """Client households: A one adult; B an adult (1990) and two children; C two adults
    (1970, 1995). Not counted: D (its trajectory ended in 2022) and a member of B who left."""
    world.client(world.person(D(1980, 1, 1)))
    leaver = world.person(D(1960, 1, 1))
    hh_b, _ = world.client(world.person(D(1990, 1, 1)), world.person(D(2015, 1, 1)),
                           world.person(D(2010, 1, 1)), leaver)  # fmt: skip
    HouseholdMembership.objects.filter(household=hh_b, person=leaver).update(end_date=D(Y, 6, 30))
    world.client(world.person(D(1970, 1, 1)), world.person(D(1995, 1, 1)))
    hh_d = world.household(world.person(D(1980, 1, 1)))
    world.trajectory(world.dossier(hh_d), "maatschappelijke-begeleiding", D(2021, 1, 1),
                     D(2022, 12, 31))  # fmt: skip


CLIENT_EXPECTED = {
    Kind.CLIENT_HOUSEHOLDS: 3,  # A, B, C
    Kind.CLIENT_PERSONS: 6,  # 1 + 3 + 2
    Kind.CLIENT_SHARE_SINGLE: 1 / 3,  # A
    Kind.CLIENT_SHARE_WITH_MINORS: 1 / 3,  # B
    Kind.CLIENT_SHARE_MINORS: 2 / 6,  # the two children
    Kind.CLIENT_SHARE_UNDER30: 3 / 6,  # two children and the adult born 1995 (28)
}


def hearings_scenario(world) -> int:
    d = world.dossier(world.household(world.person()))
    world.decision(d, D(Y, 3, 1))
    world.decision(d, D(Y, 12, 31))
    world.decision(d, D(2022, 12, 20))
    world.decision(d, None)
    return 2


def contacts_scenario(world, ind: Indicator) -> int:
    p1, p2, p3, p4 = (world.person() for _ in range(4))
    world.contact(p1, D(Y, 1, 10), ind.detail)
    world.contact(p1, D(Y, 8, 10), ind.detail)
    world.contact(p2, D(Y, 3, 3), ind.detail)
    world.contact(p3, D(Y, 3, 3), "dossier-geopend")
    world.contact(p4, D(2022, 12, 31), ind.detail)
    return 2  # p1 and p2


@pytest.mark.parametrize("code", [i.code for i in INDICATORS if i.measure is None])
def test_indicator_on_a_hand_made_data_set(world, code):
    """The generic kinds; a domain app's measures are tested with the app."""
    ind = BY_CODE[code]
    k = ind.kind
    if k in CLIENT_EXPECTED:
        client_scenario(world)
        expected = CLIENT_EXPECTED[k]
    elif k == Kind.HEARINGS:
        expected = hearings_scenario(world)
    elif k == Kind.CONTACT_OUTCOME:
        expected = contacts_scenario(world, ind)
    else:
        records_scenario(world, ind)
        expected = RECORD_EXPECTED[k]
    result = compute(Y, [ind])[code]
    assert result.value == pytest.approx(expected), (code, result.value, expected)
    if ind.compare_previous:
        assert result.previous == pytest.approx(PREVIOUS_EXPECTED[k])


def test_every_figure_of_the_seed_has_an_indicator():
    with CALIBRATION_FILE.open(encoding="utf-8") as handle:
        names = {row["name"] for row in csv.DictReader(handle)}
    names -= {"inwoners"}  # the population of Ghent is not a figure of the report
    covered = set(BY_CODE) | {f"{c}_{y}" for c in BY_CODE for y in (2022, 2023)}
    assert names <= covered, sorted(names - covered)
    assert len(INDICATORS) >= 150


def test_every_indicator_is_complete_and_its_services_exist():
    services = set(Service.objects.values_list("code", flat=True))
    assert [c for c, _ in CHAPTERS] == list(Domain.objects.values_list("code", flat=True))
    for ind in INDICATORS:
        assert ind.label and ind.unit and ind.section, ind.code
        assert ind.chapter in dict(CHAPTERS), ind.code
        assert set(ind.services) <= services, ind.code
        assert "Bron" in ind.definition and len(ind.definition) > 60, ind.code
    compared = {i.code for i in INDICATORS if i.compare_previous}
    assert compared == {"energie", "energieschulden"}


def test_outcome_share_denominator_is_the_number_of_ended_trajectories(world):
    ind = BY_CODE["dbse_doorstroom"]
    records_scenario(world, ind)
    result = compute(Y, [ind])[ind.code]
    assert result.denominator == 3


def test_queries_do_not_grow_with_the_data(world):
    """Set-based: the number of queries depends on the indicators, not on the rows."""
    client_scenario(world)
    records_scenario(world, BY_CODE["digihulp_clienten"])
    with CaptureQueriesContext(connection) as first:
        compute(Y)
    client_scenario(world)
    records_scenario(world, BY_CODE["digihulp_clienten"])
    records_scenario(world, BY_CODE["psychologische_hulp"])
    with CaptureQueriesContext(connection) as second:
        compute(Y)
    assert len(first) == len(second)
    assert len(first) <= 2 * len(INDICATORS)  # one or two aggregate queries per indicator


def test_breakdown_per_wijk_and_per_office(world):
    rabot = Wijk.objects.get(code="rabot-blaisantvest")
    from welzijn.casework.models import Office

    wb_rabot = Office.objects.get(code="wb-rabot")
    world.client(world.person(), world.person(D(2012, 1, 1)))
    world.client(world.person(), wijk=rabot, office=wb_rabot)
    world.client(world.person(), wijk=rabot, office=wb_rabot)
    wijken = {w: (h, p) for w, h, p in households_per_wijk(Y)}
    assert len(wijken) == 25
    assert wijken["Brugse Poort-Rooigem"] == (1, 2)
    assert wijken[rabot.name] == (2, 2)
    offices = {o: (h, p) for o, h, p in households_per_office(Y)}
    assert offices == {"Welzijnsbureau Brugse Poort": (1, 2), wb_rabot.name: (2, 2)}


def test_breakdowns_count_the_members_on_31_december(world):
    """Per wijk and per office, the persons are the members on 31 December, as the client
    profile counts them: not one who joins the household the year after."""
    newcomer = world.person()
    hh, _ = world.client(world.person(), newcomer)
    HouseholdMembership.objects.filter(household=hh, person=newcomer).update(
        start_date=D(Y + 1, 2, 1)
    )
    wijken = {w: (h, p) for w, h, p in households_per_wijk(Y)}
    assert wijken["Brugse Poort-Rooigem"] == (1, 1)
    offices = {o: (h, p) for o, h, p in households_per_office(Y)}
    assert offices == {"Welzijnsbureau Brugse Poort": (1, 1)}
    assert compute(Y, [BY_CODE["clienten_personen"]])["clienten_personen"].value == 1
