"""Sessions, participants and series: registered through the service functions, refused
with a Dutch message naming the field and nothing written, seen by the organising team only,
every read and write audited."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from factories import person, user

from welzijn.activities import selectors
from welzijn.activities import services as activities
from welzijn.activities.access import activities_visible_to, series_visible_to
from welzijn.activities.models import Activity, Participant, Series
from welzijn.casework.models import Office
from welzijn.core.access import AccessDenied, Intent
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.registry.models import Wijk
from welzijn.registry.selectors import person_search

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def team():
    return Office.objects.get(code="team-buurtwerk")


@pytest.fixture
def worker():
    return user(Role.BUURTWERK, "team-buurtwerk")


@pytest.fixture
def elsewhere():
    return user(Role.BUURTWERK, "team-vrijwilligerspunt")


def repair_cafe(actor, team, **extra):
    values = {"service": "repair-cafes", "date": D(2023, 3, 4), "headcount": 38}
    return activities.activity_register(actor=actor, office=team, **{**values, **extra})


def test_a_repair_cafe_with_its_results_is_registered_and_audited(worker, team):
    before = AuditEvent.objects.count()
    session = repair_cafe(
        worker, team, place="Buurtcentrum Sluizeken", items_brought=30, items_repaired=21
    )
    assert (session.headcount, session.items_brought, session.items_repaired) == (38, 30, 21)
    assert session.participant_total == 38
    event = AuditEvent.objects.order_by("pk").last()
    assert AuditEvent.objects.count() == before + 1
    assert (event.action, event.object_type) == ("create", "activities.activity")


def test_the_wijk_comes_from_the_street_list(worker, team):
    session = repair_cafe(worker, team, street="Bevrijdingslaan", number="12", postcode="9000")
    assert session.wijk.code == "brugse-poort-rooigem"


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"items_brought": 10, "items_repaired": 11}, "items_repaired", "niet meer voorwerpen"),
        ({"items_repaired": 3}, "items_brought", "binnengebracht"),
        ({"street": "Onbestaandestraat", "postcode": "9000"}, "wijk", "stratenlijst"),
        ({"street": "Bevrijdingslaan"}, "postcode", "postcode"),
        ({"date": D(1900, 1, 1)}, "date", "te ver in het verleden"),
        ({"headcount": 10_001}, "headcount", ""),
        ({"service": "leefloon"}, "service", "geen dienst waarvan u sessies registreert"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(
    worker, team, extra, field, message
):
    before = (Activity.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as refused:
        repair_cafe(worker, team, **extra)
    assert field in refused.value.message_dict
    assert message in " ".join(refused.value.message_dict[field])
    assert (Activity.objects.count(), AuditEvent.objects.count()) == before


def test_another_team_neither_sees_nor_changes_the_session(worker, elsewhere, team):
    session = repair_cafe(worker, team)
    with pytest.raises(AccessDenied):
        selectors.activity_get(user=elsewhere, activity_id=session.pk)
    with pytest.raises(AccessDenied):
        activities.activity_update(actor=elsewhere, activity_id=session.pk, headcount=1)
    with pytest.raises(AccessDenied):
        repair_cafe(elsewhere, team)
    assert list(activities_visible_to(elsewhere)) == []
    assert list(activities_visible_to(worker)) == [session]
    caseworker = user(Role.MAATSCHAPPELIJK_WERKER, "wb-brugse-poort")
    analist = user(Role.ANALIST, None)
    for outsider in (caseworker, analist):
        assert not activities_visible_to(outsider).exists()
        with pytest.raises(AccessDenied):
            selectors.activity_get(user=outsider, activity_id=session.pk)


def test_the_results_come_in_afterwards_and_the_change_is_audited(worker, team):
    session = repair_cafe(worker, team, headcount=0)
    activities.activity_update(
        actor=worker, activity_id=session.pk, headcount=41, items_brought=20, items_repaired=14
    )
    session.refresh_from_db()
    assert (session.headcount, session.items_repaired) == (41, 14)
    event = AuditEvent.objects.order_by("pk").last()
    assert event.action == "update"
    assert event.detail["changed"] == ["headcount", "items_brought", "items_repaired"]
    with pytest.raises(ValidationError):
        activities.activity_update(actor=worker, activity_id=session.pk, items_repaired=21)


def test_participants_by_person_and_by_name_count_with_the_headcount(worker, team):
    caseworker = user(Role.MAATSCHAPPELIJK_WERKER, "wb-brugse-poort")
    somebody = person(caseworker, first_name="Fatima", last_name="Benali")
    session = repair_cafe(worker, team, headcount=10)
    # the buurtwerker finds her through the registry's (audited) search
    found = person_search(user=worker, query="benali", on=D(2023, 3, 4))
    assert [p.pk for p in found] == [somebody.pk]
    activities.participant_add(actor=worker, activity_id=session.pk, person_id=somebody.pk)
    activities.participant_add(actor=worker, activity_id=session.pk, name="  Jan   Inloper ")
    session = selectors.activity_get(user=worker, activity_id=session.pk)
    assert session.participant_total == 12
    assert [str(p) for p in selectors.participants_of(session)] == [
        "Fatima Benali",
        "Jan   Inloper",
    ]
    with pytest.raises(ValidationError) as twice:
        activities.participant_add(actor=worker, activity_id=session.pk, person_id=somebody.pk)
    assert "al op de deelnemerslijst" in str(twice.value)
    with pytest.raises(ValidationError) as empty:
        activities.participant_add(actor=worker, activity_id=session.pk, name=" ")
    assert "name" in empty.value.message_dict
    assert Participant.objects.count() == 2


def test_removing_a_participant_is_audited(worker, team):
    session = repair_cafe(worker, team)
    named = activities.participant_add(actor=worker, activity_id=session.pk, name="Ann")
    activities.participant_remove(actor=worker, participant_id=named.pk)
    assert not Participant.objects.exists()
    event = AuditEvent.objects.order_by("pk").last()
    assert (event.action, event.object_type, event.object_id) == (
        "delete",
        "activities.participant",
        str(named.pk),
    )


def test_a_cancelled_session_is_kept_but_not_changed(worker, team):
    session = repair_cafe(worker, team)
    with pytest.raises(ValidationError):
        activities.activity_cancel(actor=worker, activity_id=session.pk, reason=" ")
    activities.activity_cancel(actor=worker, activity_id=session.pk, reason="Dubbel ingevoerd")
    assert Activity.objects.valid().count() == 0 and Activity.objects.count() == 1
    with pytest.raises(ValidationError):
        activities.participant_add(actor=worker, activity_id=session.pk, name="Ann")


def test_a_series_counts_who_completed_it_and_closes_with_its_goal(worker, team):
    series = activities.series_create(
        actor=worker,
        office=team,
        service="participatietraject-inburgeraars",
        title="Participatietraject voorjaar",
        start_date=D(2023, 2, 1),
        sessions_required=2,
    )
    sessions = [
        activities.activity_register(actor=worker, office=team, series=series, date=day)
        for day in (D(2023, 2, 6), D(2023, 2, 13), D(2023, 2, 20))
    ]
    assert {s.service.code for s in sessions} == {"participatietraject-inburgeraars"}
    for s in sessions:
        activities.participant_add(actor=worker, activity_id=s.pk, name="Amina")
    activities.participant_add(actor=worker, activity_id=sessions[0].pk, name="Omar")
    attendance = selectors.series_attendance(series)
    assert [(a.name, a.sessions, a.completed) for a in attendance] == [
        ("Amina", 3, True),
        ("Omar", 1, False),
    ]
    with pytest.raises(ValidationError) as early:
        activities.series_transition(
            actor=worker, series_id=series.pk, to="afgerond", on=D(2023, 2, 15), goal_reached=True
        )
    assert "laatste sessie" in str(early.value)
    with pytest.raises(ValidationError) as undecided:
        activities.series_transition(
            actor=worker, series_id=series.pk, to="afgerond", on=D(2023, 3, 1)
        )
    assert "goal_reached" in undecided.value.message_dict
    activities.series_transition(
        actor=worker, series_id=series.pk, to="afgerond", on=D(2023, 3, 1), goal_reached=True
    )
    series.refresh_from_db()
    assert (series.status, series.end_date, series.goal_reached) == (
        "afgerond",
        D(2023, 3, 1),
        True,
    )
    with pytest.raises(ValidationError):  # closed: no new sessions
        activities.activity_register(actor=worker, office=team, series=series, date=D(2023, 3, 2))
    with pytest.raises(ValidationError):  # not a transition of the map
        activities.series_transition(
            actor=worker, series_id=series.pk, to="stopgezet", on=D(2023, 3, 1), goal_reached=False
        )
    activities.series_transition(actor=worker, series_id=series.pk, to="lopend")
    series.refresh_from_db()
    assert (series.status, series.end_date, series.goal_reached) == ("lopend", None, None)


def test_a_series_is_for_its_team(worker, elsewhere, team):
    series = activities.series_create(
        actor=worker,
        office=team,
        service="leefstraten",
        title="Leefstraat",
        start_date=D(2023, 4, 1),
    )
    assert list(series_visible_to(elsewhere)) == []
    with pytest.raises(AccessDenied):
        selectors.series_get(user=elsewhere, series_id=series.pk, intent=Intent.VIEW)
    other_team = Office.objects.get(code="team-vrijwilligerspunt")
    with pytest.raises(AccessDenied):
        activities.activity_register(
            actor=elsewhere, office=other_team, series=series, date=D(2023, 4, 2)
        )
    assert Series.objects.count() == 1


def test_the_register_filters_and_breaks_down_per_wijk(worker, team):
    brugse_poort = Wijk.objects.get(code="brugse-poort-rooigem")
    rabot = Wijk.objects.get(code="rabot-blaisantvest")
    a = repair_cafe(worker, team, wijk=brugse_poort, headcount=40)
    repair_cafe(worker, team, wijk=brugse_poort, headcount=20, date=D(2023, 6, 1))
    repair_cafe(worker, team, wijk=rabot, headcount=5)
    activities.participant_add(actor=worker, activity_id=a.pk, name="Ann")
    activities.activity_register(
        actor=worker, office=team, service="dag-van-de-buren", date=D(2023, 5, 26), headcount=99
    )
    repair = a.service_id
    page = selectors.activity_register_page(
        user=worker, filters=selectors.Filters(service_id=repair)
    )
    assert (page.sessions, page.participants) == (3, 66)
    assert page.per_wijk == [("Brugse Poort-Rooigem", 2, 61), ("Rabot-Blaisantvest", 1, 5)]
    page = selectors.activity_register_page(
        user=worker,
        filters=selectors.Filters(service_id=repair, start=D(2023, 5, 1), end=D(2023, 12, 31)),
    )
    assert page.sessions == 1 and page.participants == 20
    assert AuditEvent.objects.filter(action="list", object_type="activities.activity").count() == 2
