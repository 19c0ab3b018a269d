"""The activity register's pages: the team's own sessions only, filters that survive bad
input, a refused form that writes nothing, the person search as an htmx partial."""

import datetime as dt

import pytest
from factories import person, user

from welzijn.activities import services as activities
from welzijn.activities.models import Activity, Participant
from welzijn.casework.models import Office
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def setup(client):
    worker = user(Role.BUURTWERK, "team-buurtwerk")
    other = user(Role.BUURTWERK, "team-vrijwilligerspunt")
    own = activities.activity_register(
        actor=worker,
        office=Office.objects.get(code="team-buurtwerk"),
        service="repair-cafes",
        date=D(2023, 3, 4),
        title="Repair Café Eigen",
        headcount=12,
    )
    activities.activity_register(
        actor=other,
        office=Office.objects.get(code="team-vrijwilligerspunt"),
        service="vormingen-vrijwilligers",
        date=D(2023, 3, 5),
        title="Vorming Andermans",
    )
    client.force_login(worker)
    return worker, own


def test_the_register_shows_the_own_teams_sessions_only(client, setup):
    body = client.get("/activiteiten/").content.decode()
    assert "Repair Café Eigen" in body and "Vorming Andermans" not in body
    assert "Per wijk" in body


@pytest.mark.parametrize("query", ["?van=gisteren&tot=31/02/2023", "?dienst=abc", "?wijk=٣"])
def test_bad_filters_never_break_the_register(client, setup, query):
    assert client.get(f"/activiteiten/{query}").status_code in (200, 404)


def test_a_refused_new_session_writes_nothing(client, setup):
    before = (Activity.objects.count(), AuditEvent.objects.filter(action="create").count())
    office = Office.objects.get(code="team-buurtwerk")
    response = client.post(
        "/activiteiten/nieuw/",
        {
            "service": Activity.objects.first().service_id,
            "office": office.pk,
            "date": "04/03/2023",
            "items_brought": "5",
            "items_repaired": "6",
        },
    )
    assert response.status_code == 400
    assert "niet meer voorwerpen hersteld" in response.content.decode()
    assert (Activity.objects.count(), AuditEvent.objects.filter(action="create").count()) == before


def test_a_person_is_found_and_put_on_the_list(client, setup):
    _worker, session = setup
    caseworker = user(Role.MAATSCHAPPELIJK_WERKER, "wb-brugse-poort")
    somebody = person(caseworker, first_name="Fatima", last_name="Benali")
    partial = client.get(
        f"/activiteiten/{session.pk}/deelnemers/zoeken/?q=benali", HTTP_HX_REQUEST="true"
    )
    assert partial.status_code == 200 and "Benali, Fatima" in partial.content.decode()
    assert "<html" not in partial.content.decode()
    response = client.post(f"/activiteiten/{session.pk}/deelnemers/", {"person": somebody.pk})
    assert response.status_code == 302
    assert Participant.objects.get().person == somebody
    page = client.get(f"/activiteiten/{session.pk}/").content.decode()
    assert "Fatima Benali" in page and ">13<" in page  # 12 counted + 1 by name
