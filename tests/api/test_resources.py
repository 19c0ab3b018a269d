"""The resources of meldingen, shelters, activities, subsidies and the report's indicators:
writes through the web's services with Dutch field errors, reads through its selectors and
querysets (so its access rules), filters, and the same answer as the web for one object."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from factories import (
    SUBSIDY_OFFICE,
    applicant,
    association,
    login_with_second_step,
    person,
    subsidy_application,
    user,
)

from welzijn.activities import services as activities
from welzijn.casework.models import Office
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.meldingen import services as meldingen
from welzijn.meldingen.models import Melding
from welzijn.shelter import services as shelter
from welzijn.shelter.models import Facility

pytestmark = pytest.mark.django_db
NIGHT = dt.date(2023, 11, 14)

FLYTIPPING = {
    "category": "sluikstorten",
    "description": "Zakken huisvuil naast de glasbol",
    "reporter_kind": "partner",
    "reporter_name": "Jan Partner",
    "street": "Bevrijdingslaan",
    "house_number": "12",
    "postcode": "9000",
}


def _web(account) -> Client:
    return login_with_second_step(Client(), account)


# --- meldingen ------------------------------------------------------------------------


@pytest.fixture
def wardens(register):
    return register(
        roles=[Role.GEMEENSCHAPSWACHT],
        offices=["team-gemeenschapswachten"],
        scopes=["meldingen:write"],
    )


def test_a_partner_creates_a_melding_and_follows_its_state(wardens, register):
    client, api = wardens
    made = api.post("/api/v1/meldingen/", FLYTIPPING, format="json", HTTP_IDEMPOTENCY_KEY="m1")
    assert made.status_code == 201, made.json().get("errors")
    body = made.json()
    assert (body["team"], body["office"], body["status"]) == (
        "team-netheid",
        "team-gemeenschapswachten",
        "gemeld",
    )
    assert body["wijk"] == "brugse-poort-rooigem"
    melding = Melding.objects.get(pk=body["id"])
    assert melding.created_by == client.user
    assert AuditEvent.objects.filter(
        action="create", object_type="meldingen.melding", actor_id=client.user.pk
    ).exists()
    cleaner = user(Role.MELDINGEN_BEHANDELAAR, "team-netheid")
    meldingen.melding_transition(actor=cleaner, melding_id=melding.pk, to="in behandeling")
    read = api.get(f"/api/v1/meldingen/{melding.pk}/").json()
    assert read["status"] == "in behandeling"
    assert [e["status_to"] for e in read["events"]] == ["gemeld", "in behandeling"]
    # the reporting side does not see the reporter's data; the handling team does
    assert read["reporter_name"] == ""
    _, handlers = register(
        roles=[Role.MELDINGEN_BEHANDELAAR], offices=["team-netheid"], scopes=["meldingen:read"]
    )
    assert handlers.get(f"/api/v1/meldingen/{melding.pk}/").json()["reporter_name"] == (
        "Jan Partner"
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")  # before `wardens`: an earlier one emptied it
def test_a_created_meldings_history_is_read_for_the_answer_after_the_commit(wardens):
    """The create's transaction, which holds the audit trail's lock since the service
    audited it, ends with the write: the answer's reads come after it."""
    _, api = wardens
    reads = []

    def record(execute, sql, params, many, context):
        if sql.startswith("SELECT") and "meldingen_meldingevent" in sql:
            reads.append(connection.in_atomic_block)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        made = api.post("/api/v1/meldingen/", FLYTIPPING, format="json")
    assert [e["status_to"] for e in made.json()["events"]] == ["gemeld"]
    assert reads == [False]


def test_melding_errors_name_their_field_in_dutch(wardens):
    _, api = wardens
    answer = api.post(
        "/api/v1/meldingen/", {**FLYTIPPING, "street": "", "postcode": None}, format="json"
    )
    assert answer.status_code == 400
    assert "Geef de straat" in answer.json()["errors"]["street"][0]
    answer = api.post("/api/v1/meldingen/", {**FLYTIPPING, "category": "x"}, format="json")
    assert answer.json()["errors"]["category"] == ["Onbekende categorie 'x'."]
    assert not Melding.objects.exists()


def test_meldingen_are_seen_by_their_teams_only(wardens, register):
    _, api = wardens
    melding_id = api.post("/api/v1/meldingen/", FLYTIPPING, format="json").json()["id"]
    _, other_team = register(
        roles=[Role.MELDINGEN_BEHANDELAAR], offices=["team-preventie"], scopes=["meldingen:read"]
    )
    _, caseworkers = register(scopes=["meldingen:read"])  # a caseworker's role: no meldingen
    _, no_scope = register(
        roles=[Role.MELDINGEN_BEHANDELAAR], offices=["team-netheid"], scopes=["persons:read"]
    )
    for outsider in (other_team, caseworkers):
        assert outsider.get(f"/api/v1/meldingen/{melding_id}/").status_code == 404
        assert outsider.get("/api/v1/meldingen/").json()["count"] == 0
    assert no_scope.get(f"/api/v1/meldingen/{melding_id}/").status_code == 403
    assert other_team.post("/api/v1/meldingen/", FLYTIPPING, format="json").status_code == 403


def test_meldingen_filters_and_ordering(wardens):
    _, api = wardens
    first = api.post("/api/v1/meldingen/", FLYTIPPING, format="json").json()
    second = api.post(
        "/api/v1/meldingen/", {**FLYTIPPING, "house_number": "14"}, format="json"
    ).json()
    listed = api.get("/api/v1/meldingen/?ordering=id").json()["results"]
    assert [m["id"] for m in listed] == [first["id"], second["id"]]
    assert api.get("/api/v1/meldingen/?state=afgehandeld").json()["count"] == 0
    assert api.get("/api/v1/meldingen/?state=gemeld&office=team-netheid").json()["count"] == 2
    assert api.get("/api/v1/meldingen/?wijk=wondelgem").json()["count"] == 0
    today = dt.date.today().isoformat()
    assert api.get(f"/api/v1/meldingen/?reported_from={today}").json()["count"] == 2
    assert api.get("/api/v1/meldingen/?reported_until=2000-01-01").json()["count"] == 0
    assert "reported_from" in api.get("/api/v1/meldingen/?reported_from=gisteren").json()["errors"]


def test_a_melding_reads_the_same_in_the_api_and_on_the_web():
    cleaner = user(Role.MELDINGEN_BEHANDELAAR, "team-netheid")
    warden = user(Role.GEMEENSCHAPSWACHT, "team-gemeenschapswachten")
    melding = meldingen.melding_create(actor=warden, **{**FLYTIPPING, "reporter_kind": "burger"})
    meldingen.melding_transition(actor=cleaner, melding_id=melding.pk, to="in behandeling")
    web = _web(cleaner)
    page = web.get(f"/meldingen/{melding.pk}/").content.decode()
    api = web.get(f"/api/v1/meldingen/{melding.pk}/").json()  # the same user, by session
    assert api["number"] in page and melding.number in page
    assert api["status"] == "in behandeling" and "in behandeling" in page
    assert api["reporter_name"] == "Jan Partner" and "Jan Partner" in page
    outsider = _web(user(Role.MELDINGEN_BEHANDELAAR, "team-preventie"))
    assert outsider.get(f"/meldingen/{melding.pk}/").status_code == 404
    assert outsider.get(f"/api/v1/meldingen/{melding.pk}/").status_code == 404


# --- shelters: nights and stays -------------------------------------------------------------


@pytest.fixture
def night_shelter_client(register):
    return register(roles=[Role.OPVANG], offices=["team-opvang"], scopes=["stays:write"])


def test_a_night_is_registered_through_the_check_in(night_shelter_client, register):
    _, api = night_shelter_client
    guest = person(user(Role.OPVANG, "team-opvang"))
    night = {"facility": "nachtopvang", "person": guest.pk, "entry_date": NIGHT.isoformat()}
    made = api.post("/api/v1/nights/", night, format="json")
    assert made.status_code == 201, made.json().get("errors")
    assert made.json()["exit_date"] == (NIGHT + dt.timedelta(days=1)).isoformat()
    again = api.post("/api/v1/nights/", night, format="json")
    assert again.status_code == 400 and "is die nacht al in" in again.json()["errors"]["person"][0]
    longer = api.post("/api/v1/nights/", {**night, "facility": "leegstand"}, format="json")
    assert "geen nachtopvang" in longer.json()["errors"]["facility"][0]
    stay_id = made.json()["id"]
    assert api.get(f"/api/v1/nights/{stay_id}/").status_code == 200
    assert api.get(f"/api/v1/stays/{stay_id}/").status_code == 404  # a night, not a stay
    assert api.get(f"/api/v1/nights/?entry_from={NIGHT}&facility=nachtopvang").json()["count"] == 1
    assert api.get("/api/v1/nights/?entry_until=2023-01-01").json()["count"] == 0
    _, other = register(roles=[Role.OPVANG], offices=["wb-brugse-poort"], scopes=["stays:write"])
    assert other.get(f"/api/v1/nights/{stay_id}/").status_code == 404
    assert other.post("/api/v1/nights/", night, format="json").status_code == 404
    _, reader = register(roles=[Role.OPVANG], offices=["team-opvang"], scopes=["stays:read"])
    assert reader.post("/api/v1/nights/", night, format="json").status_code == 403


def test_a_stay_reads_the_same_in_the_api_and_on_the_web():
    staff = user(Role.OPVANG, "team-opvang")
    guest = person(staff)
    facility = Facility.objects.get(code="leegstand")
    stay = shelter.stay_check_in(
        actor=staff, facility_id=facility.pk, person_id=guest.pk, entry_date=NIGHT
    )
    shelter.stay_check_out(
        actor=staff, stay_id=stay.pk, exit_date=dt.date(2023, 12, 1), destination="straat"
    )
    web = _web(staff)
    page = web.get(f"/opvang/personen/{guest.pk}/").content.decode()
    api = web.get(f"/api/v1/stays/{stay.pk}/").json()
    assert (api["entry_date"], api["exit_date"], api["exit_destination"]) == (
        "2023-11-14",
        "2023-12-01",
        "straat",
    )
    assert "14/11/2023" in page and "01/12/2023" in page
    outsider = _web(user(Role.MAATSCHAPPELIJK_WERKER))
    assert outsider.get(f"/api/v1/stays/{stay.pk}/").status_code == 404
    assert outsider.get("/api/v1/stays/").json()["count"] == 0


# --- activities -----------------------------------------------------------------------------


def test_an_activity_is_registered_and_read_by_its_team(register):
    _, api = register(
        roles=[Role.BUURTWERK], offices=["team-buurtwerk"], scopes=["activities:write"]
    )
    session = {"service": "repair-cafes", "office": "team-buurtwerk", "date": "2023-03-04"}
    made = api.post("/api/v1/activities/", {**session, "headcount": 38}, format="json")
    assert made.status_code == 201, made.json().get("errors")
    assert (made.json()["headcount"], made.json()["named_participants"]) == (38, 0)
    wrong = api.post("/api/v1/activities/", {**session, "service": "leefloon"}, format="json")
    assert wrong.status_code == 400 and "service" in wrong.json()["errors"]
    assert (
        api.get("/api/v1/activities/?service=repair-cafes&date_from=2023-01-01").json()["count"]
        == 1
    )
    assert api.get("/api/v1/activities/?date_until=2022-12-31").json()["count"] == 0
    _, other = register(
        roles=[Role.BUURTWERK], offices=["team-vrijwilligerspunt"], scopes=["activities:write"]
    )
    assert other.get(f"/api/v1/activities/{made.json()['id']}/").status_code == 404
    assert other.post("/api/v1/activities/", session, format="json").status_code == 404


def test_an_activity_reads_the_same_in_the_api_and_on_the_web():
    worker = user(Role.BUURTWERK, "team-buurtwerk")
    activity = activities.activity_register(
        actor=worker,
        office=Office.objects.get(code="team-buurtwerk"),
        service="repair-cafes",
        date=dt.date(2023, 3, 4),
        headcount=38,
        place="Buurtcentrum Sluizeken",
    )
    web = _web(worker)
    page = web.get(f"/activiteiten/{activity.pk}/").content.decode()
    api = web.get(f"/api/v1/activities/{activity.pk}/").json()
    assert api["place"] == "Buurtcentrum Sluizeken" in page
    assert api["headcount"] == 38 and "38" in page
    outsider = _web(user(Role.BUURTWERK, "team-vrijwilligerspunt"))
    assert outsider.get(f"/activiteiten/{activity.pk}/").status_code == 404
    assert outsider.get(f"/api/v1/activities/{activity.pk}/").status_code == 404


# --- subsidy applications -------------------------------------------------------------------


def test_subsidy_applications_are_read_by_the_schemes_team(register):
    association_account = applicant(association())
    application = subsidy_application(association_account)
    _, officials = register(
        roles=[Role.SUBSIDIES], offices=[SUBSIDY_OFFICE], scopes=["subsidy-applications:read"]
    )
    _, elsewhere = register(
        roles=[Role.SUBSIDIES], offices=["team-buurtwerk"], scopes=["subsidy-applications:read"]
    )
    read = officials.get(f"/api/v1/subsidy-applications/{application.pk}/")
    assert read.status_code == 200
    assert (read.json()["title"], read.json()["requested_amount"]) == (
        application.title,
        "800.00",
    )
    assert officials.get("/api/v1/subsidy-applications/?state=ontwerp").json()["count"] in (0, 1)
    assert officials.get("/api/v1/subsidy-applications/").json()["count"] == 1
    assert elsewhere.get(f"/api/v1/subsidy-applications/{application.pk}/").status_code == 404
    assert elsewhere.get("/api/v1/subsidy-applications/").json()["count"] == 0
    _, writer = register(
        roles=[Role.SUBSIDIES], offices=[SUBSIDY_OFFICE], scopes=["subsidy-applications:write"]
    )
    assert writer.post("/api/v1/subsidy-applications/", {}, format="json").status_code == 405
    web = _web(user(Role.SUBSIDIES, SUBSIDY_OFFICE))
    page = web.get(f"/subsidies/aanvragen/{application.pk}/")
    api = web.get(f"/api/v1/subsidy-applications/{application.pk}/").json()
    assert page.status_code == 200 and api["title"] in page.content.decode()


# --- indicators -----------------------------------------------------------------------------


def test_indicators_are_aggregates_for_the_reports_roles(register):
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    facility = Facility.objects.get(code="nachtopvang")
    staff = user(Role.OPVANG, "team-opvang")
    for _ in range(2):
        shelter.stay_check_in(
            actor=staff, facility_id=facility.pk, person_id=person(worker).pk, entry_date=NIGHT
        )
    _, analist = register(roles=[Role.ANALIST], offices=[], scopes=["indicators:read"])
    _, caseworker = register(scopes=["indicators:read"])
    assert caseworker.get("/api/v1/indicators/?year=2023").status_code == 403
    assert "year" in analist.get("/api/v1/indicators/").json()["errors"]
    assert "year" in analist.get("/api/v1/indicators/?year=1900").json()["errors"]
    page = analist.get("/api/v1/indicators/?year=2023&chapter=hulp-op-maat&page_size=200")
    rows = {row["code"]: row for row in page.json()["results"]}
    assert rows and all(row["chapter"] == "hulp-op-maat" for row in rows.values())
    two_guests = rows["nachtopvang"]  # 2 people: not published, as in the report
    assert (two_guests["value"], two_guests["text"], two_guests["suppressed"]) == (
        None,
        "< 5",
        True,
    )
    assert rows["nachtopvang_nachten"]["value"] == 2  # nights are no people: shown
    one = analist.get("/api/v1/indicators/nachtopvang/?year=2023").json()
    assert one == two_guests
    assert analist.get("/api/v1/indicators/bestaat-niet/?year=2023").status_code == 404


@pytest.mark.parametrize("office", ["team-netheid", "bestaat-niet"])
def test_a_melding_for_an_office_not_the_clients_is_400_naming_the_field(wardens, office):
    _, api = wardens
    answer = api.post("/api/v1/meldingen/", {**FLYTIPPING, "office": office}, format="json")
    assert answer.status_code == 400
    assert "office" in answer.json()["errors"]
    assert not Melding.objects.exists()


def test_a_client_of_two_teams_names_the_one_it_reports_for(register):
    _, api = register(
        roles=[Role.GEMEENSCHAPSWACHT],
        offices=["team-gemeenschapswachten", "team-preventie"],
        scopes=["meldingen:write"],
    )
    answer = api.post("/api/v1/meldingen/", FLYTIPPING, format="json")
    assert answer.status_code == 400 and list(answer.json()["errors"]) == ["office"]
    chosen = api.post(
        "/api/v1/meldingen/", {**FLYTIPPING, "office": "team-preventie"}, format="json"
    )
    assert (
        chosen.status_code == 201
        and not Melding.objects.exclude(reporting_office__code="team-preventie").exists()
    )
