"""Every resource x the roles of the web: a client acting as a role of one office sees its own
office's records, not another's, and the API gives what the web's selector gives."""

import datetime as dt

import pytest
from factories import dossier, household, office, person, user

from welzijn.casework import selectors
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role

pytestmark = pytest.mark.django_db

OWN, OTHER = "wb-brugse-poort", "wb-nieuw-gent"


@pytest.fixture
def files(db):
    own_worker, other_worker = (
        user(Role.MAATSCHAPPELIJK_WERKER),
        user(Role.MAATSCHAPPELIJK_WERKER, OTHER),
    )
    mine = dossier(own_worker, household(own_worker, person(own_worker)))
    theirs = dossier(other_worker, household(other_worker, person(other_worker)), OTHER)
    return mine, theirs


@pytest.mark.parametrize(
    ("role", "sees_own"),
    [
        (Role.MAATSCHAPPELIJK_WERKER, True),
        (Role.ONTHAAL, True),
        (Role.TEAMCOACH, True),
        (Role.ANALIST, False),
        (Role.GEMEENSCHAPSWACHT, False),
        (Role.PARTNER, False),
    ],
)
def test_dossiers_per_role_and_office(register, files, role, sees_own):
    mine, theirs = files
    _, api = register(roles=(role,), offices=(OWN,))
    listed = {d["id"] for d in api.get("/api/v1/dossiers/").json()["results"]}
    assert (mine.pk in listed) is sees_own
    assert theirs.pk not in listed
    assert api.get(f"/api/v1/dossiers/{mine.pk}/").status_code == (200 if sees_own else 404)
    assert api.get(f"/api/v1/dossiers/{theirs.pk}/").status_code == 404
    for resource in ("contacts", "trajectories", "interventions", "decisions", "findings"):
        answer = api.get(f"/api/v1/{resource}/")
        assert answer.status_code == 200, resource
        assert answer["Content-Type"] == "application/json"


def test_filters_pick_the_office_and_the_dates(register, files):
    mine, _ = files
    _, api = register(offices=(OWN, OTHER))
    both = {d["id"] for d in api.get("/api/v1/dossiers/").json()["results"]}
    assert len(both) == 2
    own = api.get(f"/api/v1/dossiers/?office={mine.office_id}").json()["results"]
    assert [d["id"] for d in own] == [mine.pk]
    later = api.get("/api/v1/dossiers/?opened_from=2099-01-01").json()
    assert later["count"] == 0
    bad = api.get("/api/v1/dossiers/?opened_from=gisteren")
    assert bad.status_code == 400 and "opened_from" in bad.json()["errors"]


def test_the_api_gives_what_the_web_selector_gives(register, files, client):
    mine, _ = files
    worker, api = register()
    web = selectors.dossier_get(user=worker.user, dossier_id=mine.pk)
    body = api.get(f"/api/v1/dossiers/{mine.pk}/").json()
    assert (body["household"], body["office"], body["status"], body["opened_on"]) == (
        web.household_id,
        web.office_id,
        web.status,
        web.opened_on.isoformat(),
    )
    # and the web's page of a user of the same office shows the same household
    colleague = user(Role.MAATSCHAPPELIJK_WERKER)
    client.force_login(colleague)
    page = client.get(f"/dossiers/{mine.pk}/")
    assert page.status_code == 200
    assert mine.household.name in page.content.decode()


def test_a_list_read_is_audited(register, files):
    client, api = register()
    before = AuditEvent.objects.filter(action="list", object_type="casework.dossier").count()
    api.get("/api/v1/dossiers/")
    after = AuditEvent.objects.filter(action="list", object_type="casework.dossier")
    assert after.count() == before + 1
    assert after.last().actor_id == client.user_id


def test_the_search_leaves_out_a_restricted_person(register):
    from welzijn.subjectrights.services import restriction_start

    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    elif_, emre = (person(worker, first_name=f, last_name="Yilmazoglu") for f in ("Elif", "Emre"))
    for somebody in (elif_, emre):
        household(worker, somebody)
    restriction_start(
        actor=user(Role.DPO, None), person_id=elif_.pk, ground="bezwaar", reason="Bezwaar"
    )
    _, api = register(roles=(Role.MAATSCHAPPELIJK_WERKER,), offices=(OWN,))
    found = api.get("/api/v1/persons/", {"q": "Yilmazoglu"}).json()["results"]
    assert [p["first_name"] for p in found] == ["Emre"]
    assert api.get(f"/api/v1/persons/{elif_.pk}/").status_code == 404


def test_a_restricted_dossier_is_read_by_its_caseworker_alone_on_the_web_and_the_api(
    register, client
):
    """The DPO reads a restricted file through the subject-access export, not its pages."""
    from rest_framework.test import APIClient

    from welzijn.casework.services import dossier_open
    from welzijn.subjectrights.services import restriction_start

    worker, colleague, dpo = (
        user(Role.MAATSCHAPPELIJK_WERKER),
        user(Role.TEAMCOACH),
        user(Role.DPO, None),
    )
    somebody = person(worker)
    restricted = dossier_open(
        actor=worker,
        household=household(worker, somebody),
        office=office(OWN),
        opened_on=dt.date(2023, 3, 1),
        caseworker=worker,
    )
    restriction_start(actor=dpo, person_id=somebody.pk, ground="bezwaar", reason="Bezwaar")
    _, system = register(roles=(Role.MAATSCHAPPELIJK_WERKER,), offices=(OWN,))
    assert restricted.pk not in {d["id"] for d in system.get("/api/v1/dossiers/").json()["results"]}
    assert system.get(f"/api/v1/dossiers/{restricted.pk}/").status_code == 404
    for account, status in ((worker, 200), (colleague, 404), (dpo, 404)):
        session = APIClient()
        session.force_login(account)
        assert session.get(f"/api/v1/dossiers/{restricted.pk}/").status_code == status, account
        client.force_login(account)
        assert client.get(f"/dossiers/{restricted.pk}/").status_code == status, account
