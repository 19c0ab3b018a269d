"""The report's figures of sessions with groups, counted from a hand-made register: each
value below is counted by hand in the comments."""

import datetime as dt

import pytest
from factories import user

from welzijn.activities import services as activities
from welzijn.casework.models import Office
from welzijn.core.roles import Role
from welzijn.registry.models import Wijk
from welzijn.reporting.compute import compute
from welzijn.reporting.indicators import BY_CODE, INDICATORS

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def register():
    worker = user(Role.BUURTWERK, "team-buurtwerk")
    team = Office.objects.get(code="team-buurtwerk")

    def session(service, day, *, headcount=0, names=(), **extra):
        s = activities.activity_register(
            actor=worker, office=team, service=service, date=day, headcount=headcount, **extra
        )
        for name in names:
            activities.participant_add(actor=worker, activity_id=s.pk, name=name)
        return s

    def series(title, start, end=None, goal=None, service="leefstraten", required=1):
        s = activities.series_create(
            actor=worker,
            office=team,
            service=service,
            title=title,
            start_date=start,
            sessions_required=required,
        )
        if end:
            activities.series_transition(
                actor=worker,
                series_id=s.pk,
                to="afgerond" if goal else "stopgezet",
                on=end,
                goal_reached=goal,
            )
        return s

    session.worker, session.team, session.series = worker, team, series
    return session


def value(code, year=2023):
    return compute(year, [BY_CODE[code]])[code]


def test_repair_cafes_sessions_average_visitors_and_repaired_share(register):
    # 2023: 38 + 40 + 2 named = 80 visitors in 2 sessions; 20 + 10 brought, 14 + 7 repaired
    a = register("repair-cafes", D(2023, 3, 4), headcount=38, items_brought=20, items_repaired=14)
    register(
        "repair-cafes", D(2023, 4, 1), headcount=40, names=("Ann", "Bob"),
        items_brought=10, items_repaired=7,
    )  # fmt: skip
    register("repair-cafes", D(2023, 5, 6), headcount=50)  # results not registered
    register("repair-cafes", D(2022, 12, 31), headcount=500, items_brought=9, items_repaired=0)
    cancelled = register("repair-cafes", D(2023, 6, 3), headcount=900)
    activities.activity_cancel(actor=register.worker, activity_id=cancelled.pk, reason="dubbel")
    register("taalcafe-mundial", D(2023, 3, 4), headcount=1000)  # another service
    assert value("repair_cafes").value == 3
    # (38 + 42 + 50) / 3, to one decimal
    assert value("repair_cafes_bezoekers").value == pytest.approx(43.3)
    hersteld = value("repair_cafes_hersteld")
    assert hersteld.value == pytest.approx(21 / 30) and hersteld.denominator == 30
    assert a.pk  # the first session is among those counted


def test_participants_sum_the_sessions_headcounts_and_names(register):
    register("omstaandertrainingen", D(2023, 1, 10), headcount=12, names=("Ann",))
    register("omstaandertrainingen", D(2023, 11, 10), headcount=7)
    register("omstaandertrainingen", D(2024, 1, 2), headcount=99)
    assert value("omstaandertrainingen").value == 20
    assert value("taalcafe").value == 0


def test_dag_van_de_buren_counts_wijken(register):
    w1, w2 = Wijk.objects.get(code="rabot-blaisantvest"), Wijk.objects.get(code="ledeberg")
    for wijk in (w1, w1, w2):
        register("dag-van-de-buren", D(2023, 5, 26), headcount=50, wijk=wijk)
    register("dag-van-de-buren", D(2023, 5, 26), headcount=50)  # no wijk
    assert value("dag_van_de_buren").value == 2


def test_leefstraten_out_of_trajectories(register):
    register.series("Leefstraat A", D(2023, 4, 1), D(2023, 8, 31), goal=True)
    register.series("Leefstraat B", D(2023, 4, 1), D(2023, 9, 30), goal=True)
    register.series("Leefstraat C", D(2023, 5, 1), D(2023, 9, 30), goal=False)
    register.series("Leefstraat D", D(2023, 6, 1))  # running
    register.series("Leefstraat E", D(2022, 4, 1), D(2022, 9, 1), goal=True)  # 2022
    assert value("leefstraten_trajecten").value == 4
    assert value("leefstraten").value == 2


def test_series_participants_count_each_once_per_series(register):
    from welzijn.activities.measures import series_participants
    from welzijn.catalog.models import Service

    sid = [Service.objects.get(code="participatietraject-inburgeraars").pk]
    course = register.series(
        "Traject", D(2023, 1, 2), service="participatietraject-inburgeraars", required=2
    )
    for day in (D(2023, 1, 9), D(2023, 1, 16)):
        s = activities.activity_register(
            actor=register.worker, office=register.team, series=course, date=day
        )
        activities.participant_add(actor=register.worker, activity_id=s.pk, name="Amina")
    activities.participant_add(actor=register.worker, activity_id=s.pk, name="Omar")
    assert series_participants(None, 2023, sid) == 2  # Amina twice, Omar once
    assert series_participants(None, 2022, sid) == 0


def test_every_activities_indicator_is_counted_by_a_measure_of_the_app():
    mine = [i for i in INDICATORS if i.kind.startswith("activities.")]
    assert len(mine) >= 24
    for ind in mine:
        assert ind.measure is not None and "activiteitenregister" in ind.definition, ind.code
