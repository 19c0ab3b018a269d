"""Writes of what happens in a dossier (contacts, trajectories, interventions, decisions):
through the casework services, Dutch messages per field, an audit event, ETag/If-Match on
every change and Idempotency-Key on creation; the web's access rules per role and office;
the API and the web give the same answer."""

import datetime as dt
from decimal import Decimal

import pytest
from factories import dossier, household, login_with_second_step, person, user

from welzijn.casework import services as casework
from welzijn.casework.models import Contact, Decision, Intervention, Office, Trajectory
from welzijn.catalog.models import Outcome, Service
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role

pytestmark = pytest.mark.django_db

OWN, OTHER = "wb-brugse-poort", "wb-nieuw-gent"


def _service(code: str) -> int:
    return Service.objects.get(code=code).pk


def _outcome(applies_to: str, code: str) -> int:
    return Outcome.objects.get(applies_to=applies_to, code=code).pk


@pytest.fixture
def file(db):
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    mother, child = person(worker), person(worker, born=dt.date(2015, 5, 1))
    return dossier(worker, household(worker, mother, child)), mother


def _etag(api, path):
    answer = api.get(path)
    assert answer.status_code == 200
    return answer["ETag"]


def test_a_trajectory_is_started_and_ended_with_if_match(register, file):
    record, mother = file
    client, api = register()
    body = {
        "dossier": record.pk,
        "service": _service("housing-first"),
        "person": mother.pk,
        "start_date": "2023-03-01",
    }
    made = api.post("/api/v1/trajectories/", body, format="json", HTTP_IDEMPOTENCY_KEY="t-1")
    assert made.status_code == 201, made.json()
    again = api.post("/api/v1/trajectories/", body, format="json", HTTP_IDEMPOTENCY_KEY="t-1")
    assert again.json()["id"] == made.json()["id"] and again["Idempotent-Replayed"] == "true"
    assert Trajectory.objects.filter(dossier=record).count() == 1
    assert AuditEvent.objects.filter(
        action="create", object_type="casework.trajectory", actor_id=client.user_id
    ).exists()
    path = f"/api/v1/trajectories/{made.json()['id']}/"
    end = {"to": "afgerond", "on": "2023-09-01"}
    assert api.post(path + "transition/", end, format="json").status_code == 428
    stale = api.post(path + "transition/", end, format="json", HTTP_IF_MATCH='"stale"')
    assert stale.status_code == 412
    etag = _etag(api, path)
    no_outcome = api.post(path + "transition/", end, format="json", HTTP_IF_MATCH=etag)
    assert no_outcome.status_code == 400
    assert no_outcome.json()["errors"] == {"outcome": ["Kies de uitkomst van het traject."]}
    ended = api.post(
        path + "transition/",
        {**end, "outcome": _outcome("trajectory", "doel-bereikt")},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert ended.status_code == 200, ended.json()
    assert (ended.json()["status"], ended.json()["end_date"]) == ("afgerond", "2023-09-01")
    # the ETag read before the change is stale now: no lost update
    assert api.post(path + "transition/", end, format="json", HTTP_IF_MATCH=etag).status_code == 412


def test_errors_name_their_field_in_dutch_and_nothing_is_written(register, file):
    record, _ = file
    _, api = register()
    stranger = person(user(Role.MAATSCHAPPELIJK_WERKER, OTHER), last_name="Vreemdeling")
    base = {"dossier": record.pk, "service": _service("huurwaarborg"), "date": "2023-05-01"}
    wrong_kind = api.post(
        "/api/v1/trajectories/",
        {"dossier": record.pk, "service": _service("huurwaarborg"), "start_date": "2023-05-01"},
        format="json",
    )
    assert "geen traject" in wrong_kind.json()["errors"]["service"][0]
    not_a_member = api.post(
        "/api/v1/interventions/", {**base, "amount": "900", "person": stranger.pk}, format="json"
    )
    assert not_a_member.json()["errors"] == {
        "person": ["Deze persoon is geen lid van het huishouden."]
    }
    assert "Vreemdeling" not in not_a_member.content.decode()
    too_much = api.post("/api/v1/interventions/", {**base, "amount": "9000"}, format="json")
    assert too_much.status_code == 400 and "amount" in too_much.json()["errors"]
    missing = api.post("/api/v1/decisions/", {"dossier": record.pk}, format="json")
    assert set(missing.json()["errors"]) >= {"service", "outcome", "motivation", "decided_on"}
    assert missing["Content-Type"] == "application/problem+json"
    assert not Intervention.objects.exists() and not Decision.objects.exists()
    confirmed = api.post(
        "/api/v1/interventions/",
        {**base, "amount": "9000", "confirmed_above_ceiling": True},
        format="json",
    )
    assert confirmed.status_code == 201, confirmed.json()


def test_an_intervention_is_corrected_and_cancelled(register, file):
    record, mother = file
    _, api = register()
    decision = api.post(
        "/api/v1/decisions/",
        {
            "dossier": record.pk,
            "service": _service("huurwaarborg"),
            "outcome": "toekenning",
            "motivation": "Huur en inkomen aangetoond.",
            "decided_on": "2023-04-20",
            "person": mother.pk,
        },
        format="json",
    ).json()
    made = api.post(
        "/api/v1/interventions/",
        {
            "dossier": record.pk,
            "service": _service("huurwaarborg"),
            "date": "2023-05-01",
            "amount": "900.00",
            "decision": decision["id"],
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    path = f"/api/v1/interventions/{made.json()['id']}/"
    corrected = api.patch(
        path, {"amount": "950.00", "reason": "typfout"}, format="json", HTTP_IF_MATCH=made["ETag"]
    )
    assert corrected.status_code == 200, corrected.json()
    assert corrected.json()["amount"] == "950.00"
    assert api.patch(path, {"amount": "1.00", "reason": "x"}, format="json").status_code == 428
    no_reason = api.post(path + "cancel/", {}, format="json", HTTP_IF_MATCH=corrected["ETag"])
    assert "reason" in no_reason.json()["errors"]
    # the decision cannot be cancelled while an intervention rests on it
    decision_path = f"/api/v1/decisions/{decision['id']}/"
    refused = api.post(
        decision_path + "cancel/",
        {"reason": "vergissing"},
        format="json",
        HTTP_IF_MATCH=_etag(api, decision_path),
    )
    assert "tussenkomsten" in refused.json()["errors"]["reason"][0]
    cancelled = api.post(
        path + "cancel/", {"reason": "dubbel"}, format="json", HTTP_IF_MATCH=corrected["ETag"]
    )
    assert cancelled.status_code == 200
    assert cancelled.json()["cancel_reason"] == "dubbel" and cancelled.json()["cancelled_at"]


def test_a_decisions_hearing_and_appeal(register, file):
    record, _ = file
    _, api = register()
    made = api.post(
        "/api/v1/decisions/",
        {
            "dossier": record.pk,
            "service": _service("leefloon"),
            "outcome": "weigering",
            "motivation": "Geen verblijfsrecht.",
            "decided_on": "2023-04-20",
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    path = f"/api/v1/decisions/{made.json()['id']}/"
    hearing = api.patch(
        path, {"hearing_requested_on": "2023-04-25"}, format="json", HTTP_IF_MATCH=made["ETag"]
    )
    assert hearing.status_code == 200, hearing.json()
    appeal = api.patch(
        path,
        {"appeal_lodged_on": "2023-05-10", "hearing_held_on": "2023-05-02"},
        format="json",
        HTTP_IF_MATCH=hearing["ETag"],
    )
    assert appeal.status_code == 200, appeal.json()
    body = appeal.json()
    assert (body["hearing_requested_on"], body["hearing_held_on"]) == ("2023-04-25", "2023-05-02")
    assert (body["appeal_lodged_on"], body["appeal_outcome"]) == ("2023-05-10", "lopend")


def test_an_onthaal_contact_opens_a_dossier(register):
    worker = user(Role.ONTHAAL)
    visitor = person(worker)
    household(worker, visitor)
    _, api = register(roles=(Role.ONTHAAL,))
    body = {
        "office": Office.objects.get(code=OWN).pk,
        "occurred_on": "2023-06-01",
        "channel": "balie",
        "reason": "Vraag naar huurwaarborg",
        "person": visitor.pk,
        "open_dossier": True,
    }
    made = api.post("/api/v1/contacts/", body, format="json")
    assert made.status_code == 201, made.json()
    contact = Contact.objects.get(pk=made.json()["id"])
    assert contact.dossier is not None and contact.household_id == made.json()["household"]
    no_outcome = api.post("/api/v1/contacts/", {**body, "open_dossier": False}, format="json")
    assert no_outcome.json()["errors"] == {"outcome": ["Kies de uitkomst van het contact."]}
    path = f"/api/v1/contacts/{contact.pk}/"
    cancelled = api.post(
        path + "cancel/", {"reason": "dubbel"}, format="json", HTTP_IF_MATCH=_etag(api, path)
    )
    assert cancelled.status_code == 200 and cancelled.json()["cancel_reason"] == "dubbel"


@pytest.mark.parametrize(
    ("role", "office", "contact", "dossier_work"),
    [
        (Role.MAATSCHAPPELIJK_WERKER, OWN, 201, 201),
        (Role.TEAMCOACH, OWN, 201, 201),
        (Role.ONTHAAL, OWN, 201, 404),  # the front desk registers contacts, reads dossiers
        (Role.MAATSCHAPPELIJK_WERKER, OTHER, 404, 404),
        (Role.ANALIST, OWN, 404, 404),
        (Role.GEMEENSCHAPSWACHT, OWN, 404, 404),
    ],
)
def test_writes_per_role_and_office(register, file, role, office, contact, dossier_work):
    record, _ = file
    _, api = register(roles=(role,), offices=(office,))
    contact_body = {
        "office": record.office_id,
        "occurred_on": "2023-06-01",
        "channel": "telefoon",
        "reason": "Vraag",
        "outcome": _outcome("contact", "geen-vervolgtraject"),
    }
    assert api.post("/api/v1/contacts/", contact_body, format="json").status_code == contact
    writes = {
        "trajectories": {
            "service": _service("housing-first"),
            "start_date": "2023-03-01",
        },
        "interventions": {"service": _service("huurwaarborg"), "date": "2023-05-01", "amount": 5},
        "decisions": {
            "service": _service("leefloon"),
            "outcome": "toekenning",
            "motivation": "ok",
            "decided_on": "2023-04-20",
        },
    }
    before = AuditEvent.objects.filter(action="refused").count()
    for resource, body in writes.items():
        answer = api.post(f"/api/v1/{resource}/", {"dossier": record.pk, **body}, format="json")
        assert answer.status_code == dossier_work, (resource, answer.json())
    if dossier_work == 404:
        assert not Trajectory.objects.exists() and not Intervention.objects.exists()
        assert AuditEvent.objects.filter(action="refused").count() == before + len(writes)


def test_read_scope_does_not_write(register, file):
    record, _ = file
    _, reader = register(scopes=["trajectories:read", "interventions:read"])
    body = {"dossier": record.pk, "service": _service("housing-first"), "start_date": "2023-03-01"}
    assert reader.post("/api/v1/trajectories/", body, format="json").status_code == 403
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    made = casework.intervention_register(
        actor=worker,
        dossier_id=record.pk,
        service="huurwaarborg",
        date=dt.date(2023, 5, 1),
        amount=Decimal("900"),
    )
    path = f"/api/v1/interventions/{made.pk}/"
    etag = _etag(reader, path)
    cancel = reader.post(path + "cancel/", {"reason": "x"}, format="json", HTTP_IF_MATCH=etag)
    assert cancel.status_code == 403


def test_what_the_api_writes_the_web_shows_and_back(register, file, client):
    record, _ = file
    _, api = register()
    made = api.post(
        "/api/v1/interventions/",
        {
            "dossier": record.pk,
            "service": _service("huurwaarborg"),
            "date": "2023-05-01",
            "amount": "912.34",
        },
        format="json",
    ).json()
    colleague = user(Role.MAATSCHAPPELIJK_WERKER)
    login_with_second_step(client, colleague)
    page = client.get(f"/dossiers/{record.pk}/").content.decode()
    assert "912,34" in page and "01/05/2023" in page
    # cancelled on the web, the API says so
    client.post(f"/tussenkomsten/{made['id']}/annuleren/", {"reason": "dubbel ingevoerd"})
    read = api.get(f"/api/v1/interventions/{made['id']}/").json()
    assert read["cancel_reason"] == "dubbel ingevoerd"
    assert Intervention.objects.get(pk=made["id"]).amount == Decimal("912.34")
