"""Webhooks: events written in the change's transaction, fanned out only to clients whose
scope and access rule see the object, delivered signed (Standard Webhooks) to a local HTTP
receiver that checks the signature, retried with backoff, every attempt logged."""

import datetime as dt
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from factories import dossier, household, person, user

from welzijn.api.services import apiclient_register
from welzijn.casework.models import Office
from welzijn.core.access import AccessDenied
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.meldingen import services as meldingen
from welzijn.rights.models import Finding
from welzijn.rights.screening import rights_screen
from welzijn.shelter import services as shelter
from welzijn.shelter.models import Facility
from welzijn.webhooks import delivery, signing
from welzijn.webhooks.models import Delivery, DeliveryAttempt, Event
from welzijn.webhooks.services import subscription_create, subscription_deactivate

pytestmark = pytest.mark.django_db


class Receiver:
    """A local webhook endpoint: answers with the next of `statuses` (then 200), after
    `delay` seconds, and keeps what it received, with whether the signature was valid for
    `secret`."""

    def __init__(self):
        self.secret = ""
        self.delay = 0.0
        self.statuses: list[int] = []
        self.received: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["content-length"]))
                time.sleep(receiver.delay)
                receiver.received.append(
                    {
                        "id": self.headers["webhook-id"],
                        "valid": signing.verify(
                            receiver.secret,
                            self.headers["webhook-id"],
                            self.headers["webhook-timestamp"],
                            body,
                            self.headers["webhook-signature"],
                        ),
                        "payload": json.loads(body),
                    }
                )
                self.send_response(receiver.statuses.pop(0) if receiver.statuses else 200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver():
    receiving = Receiver()
    yield receiving
    receiving.server.shutdown()
    receiving.server.server_close()


@pytest.fixture
def beheerder():
    return user(Role.BEHEERDER, None)


def _client(beheerder, *, role, office, scopes):
    client, _token = apiclient_register(
        actor=beheerder,
        name=f"systeem {office} {'-'.join(scopes)}",
        organisation="Test",
        roles=[role.value],
        office_ids=[Office.objects.get(code=office).pk],
        scopes=scopes,
        expires_at=timezone.now() + dt.timedelta(days=30),
    )
    return client


def _subscribe(beheerder, client, receiver, types=("melding.state_changed",)):
    subscription, receiver.secret = subscription_create(
        actor=beheerder, client=client, url=receiver.url, event_types=list(types)
    )
    return subscription


@pytest.fixture
def melding():
    warden = user(Role.GEMEENSCHAPSWACHT, "team-gemeenschapswachten")
    return meldingen.melding_create(
        actor=warden,
        category="sluikstorten",
        description="Zakken huisvuil naast de glasbol",
        reporter_kind="gemeenschapswacht",
        street="Bevrijdingslaan",
        house_number="12",
        postcode="9000",
    )


@pytest.fixture
def cleaner():
    return user(Role.MELDINGEN_BEHANDELAAR, "team-netheid")


def _netheid_client(beheerder, scopes=("meldingen:read",)):
    return _client(
        beheerder, role=Role.MELDINGEN_BEHANDELAAR, office="team-netheid", scopes=list(scopes)
    )


def test_a_state_change_is_delivered_signed_to_the_subscribed_client(
    beheerder, receiver, melding, cleaner
):
    subscription = _subscribe(beheerder, _netheid_client(beheerder), receiver)
    meldingen.melding_transition(actor=cleaner, melding_id=melding.pk, to="in behandeling")
    event = Event.objects.get()
    assert event.type == "melding.state_changed" and event.fanned_out_at is None

    call_command("webhooks_deliver")

    (got,) = receiver.received
    assert got["valid"] and got["id"] == event.webhook_id
    assert got["payload"]["type"] == "melding.state_changed"
    data = got["payload"]["data"]
    assert (data["id"], data["status_from"], data["status_to"]) == (
        melding.pk,
        "gemeld",
        "in behandeling",
    )
    assert "reporter_name" not in data and "description" not in data  # no personal data
    sent = Delivery.objects.get(subscription=subscription)
    assert sent.status == "afgeleverd" and sent.attempts == 1
    logged = sent.attempt_log.get()
    assert logged.response_status == 200 and logged.succeeded and logged.duration_ms >= 0
    call_command("webhooks_deliver")  # nothing new, nothing sent twice
    assert len(receiver.received) == 1


def test_a_wrong_secret_does_not_verify(receiver, beheerder, melding, cleaner):
    _subscribe(beheerder, _netheid_client(beheerder), receiver)
    receiver.secret = signing.PREFIX + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODk="
    meldingen.melding_transition(actor=cleaner, melding_id=melding.pk, to="in behandeling")
    delivery.run_once()
    assert [r["valid"] for r in receiver.received] == [False]


def test_a_failed_delivery_is_retried_with_backoff_until_it_succeeds(
    beheerder, receiver, melding, cleaner, settings
):
    settings.WEBHOOK_BACKOFF_SECONDS = 60
    _subscribe(beheerder, _netheid_client(beheerder), receiver)
    receiver.statuses = [500, 503]
    meldingen.melding_transition(actor=cleaner, melding_id=melding.pk, to="in behandeling")

    before = timezone.now()
    delivery.run_once()
    sent = Delivery.objects.get()
    assert sent.status == "wachtend" and sent.attempts == 1
    assert sent.next_attempt_at >= before + dt.timedelta(seconds=60)
    delivery.run_once()  # not yet due: no request
    assert len(receiver.received) == 1

    for wait in (60, 120):  # the second wait doubles
        sent.refresh_from_db()
        assert sent.next_attempt_at - timezone.now() <= dt.timedelta(seconds=wait)
        Delivery.objects.filter(pk=sent.pk).update(next_attempt_at=timezone.now())
        delivery.run_once()
    sent.refresh_from_db()
    assert sent.status == "afgeleverd" and sent.attempts == 3
    assert list(sent.attempt_log.values_list("response_status", "succeeded")) == [
        (500, False),
        (503, False),
        (200, True),
    ]
    assert len({r["id"] for r in receiver.received}) == 1  # the same webhook-id each time
    assert all(r["valid"] for r in receiver.received)


def test_delivery_gives_up_after_the_last_attempt(beheerder, melding, cleaner, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    client = _netheid_client(beheerder)
    subscription_create(
        actor=beheerder,
        client=client,
        url="http://127.0.0.1:9/nobody-listens",
        event_types=["melding.state_changed"],
    )
    meldingen.melding_transition(actor=cleaner, melding_id=melding.pk, to="in behandeling")
    delivery.run_once()
    Delivery.objects.update(next_attempt_at=timezone.now())
    delivery.run_once()
    sent = Delivery.objects.get()
    assert sent.status == "mislukt" and sent.next_attempt_at is None
    assert all(a.response_status is None and a.error for a in DeliveryAttempt.objects.all())


def test_no_delivery_for_an_office_outside_the_clients_scope(beheerder, receiver, melding, cleaner):
    other_team = _client(
        beheerder,
        role=Role.MELDINGEN_BEHANDELAAR,
        office="team-preventie",
        scopes=["meldingen:read"],
    )
    no_scope = _netheid_client(beheerder, scopes=["persons:read"])
    revoked = _client(
        beheerder,
        role=Role.MELDINGEN_BEHANDELAAR,
        office="team-netheid",
        scopes=["meldingen:write"],
    )
    for client in (other_team, no_scope, revoked):
        _subscribe(beheerder, client, receiver)
    from welzijn.api.services import apiclient_revoke

    apiclient_revoke(actor=beheerder, client_id=revoked.pk)
    meldingen.melding_transition(actor=cleaner, melding_id=melding.pk, to="in behandeling")
    made, attempts = delivery.run_once()
    assert (made, attempts, receiver.received) == (0, [], [])
    assert Event.objects.get().fanned_out_at is not None


def test_the_reporting_team_hears_of_its_meldingen_too(beheerder, receiver, melding, cleaner):
    wardens = _client(
        beheerder,
        role=Role.GEMEENSCHAPSWACHT,
        office="team-gemeenschapswachten",
        scopes=["meldingen:read"],
    )
    _subscribe(beheerder, wardens, receiver)
    meldingen.melding_transition(actor=cleaner, melding_id=melding.pk, to="in behandeling")
    delivery.run_once()
    assert len(receiver.received) == 1


def test_the_event_is_part_of_the_changes_transaction(beheerder, receiver, melding, cleaner):
    _subscribe(beheerder, _netheid_client(beheerder), receiver)
    with pytest.raises(RuntimeError), transaction.atomic():
        meldingen.melding_transition(actor=cleaner, melding_id=melding.pk, to="in behandeling")
        raise RuntimeError("later in the same transaction")
    with pytest.raises(ValidationError):
        meldingen.melding_transition(actor=cleaner, melding_id=melding.pk, to="afgehandeld")
    assert not Event.objects.exists()


def test_nothing_is_recorded_without_a_subscription(melding, cleaner):
    meldingen.melding_transition(actor=cleaner, melding_id=melding.pk, to="in behandeling")
    assert not Event.objects.exists()


def test_a_stay_that_ends_is_an_event_for_the_facilitys_team(beheerder, receiver):
    staff = user(Role.OPVANG, "team-opvang")
    client = _client(beheerder, role=Role.OPVANG, office="team-opvang", scopes=["stays:read"])
    _subscribe(beheerder, client, receiver, types=["stay.ended"])
    facility = Facility.objects.get(code="leegstand")
    guest = person(staff)
    stay = shelter.stay_check_in(
        actor=staff, facility_id=facility.pk, person_id=guest.pk, entry_date=dt.date(2023, 11, 1)
    )
    shelter.stay_check_out(
        actor=staff, stay_id=stay.pk, exit_date=dt.date(2023, 12, 1), destination="straat"
    )
    delivery.run_once()
    (got,) = receiver.received
    assert got["valid"] and got["payload"]["data"] == {
        "id": stay.pk,
        "facility": "leegstand",
        "exit_date": "2023-12-01",
        "destination": "straat",
    }


def test_findings_of_a_screening_reach_the_office_they_are_for(beheerder, receiver):
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    member = person(worker, born=dt.date(1950, 5, 5))
    hh = household(worker, member)
    dossier(worker, hh)
    mine = _client(
        beheerder,
        role=Role.MAATSCHAPPELIJK_WERKER,
        office="wb-brugse-poort",
        scopes=["findings:read"],
    )
    elsewhere = _client(
        beheerder,
        role=Role.MAATSCHAPPELIJK_WERKER,
        office="wb-ledeberg",
        scopes=["findings:read"],
    )
    _subscribe(beheerder, mine, receiver, types=["finding.created"])
    subscription_create(
        actor=beheerder,
        client=elsewhere,
        url=receiver.url + "/elders",
        event_types=["finding.created"],
    )
    rights_screen(on=dt.date(2023, 12, 1), grant=False)
    findings = Finding.objects.filter(household=hh)
    assert findings.exists()
    assert Event.objects.filter(type="finding.created").count() == Finding.objects.count()
    delivery.run_once()
    assert {r["payload"]["data"]["id"] for r in receiver.received} == set(
        findings.values_list("pk", flat=True)
    )
    assert not Delivery.objects.filter(subscription__client=elsewhere).exists()


def test_only_a_beheerder_subscribes_and_it_is_audited(beheerder, receiver):
    client = _netheid_client(beheerder)
    with pytest.raises(AccessDenied):
        subscription_create(
            actor=user(Role.MELDINGEN_BEHANDELAAR, "team-netheid"),
            client=client,
            url=receiver.url,
            event_types=["melding.state_changed"],
        )
    with pytest.raises(ValidationError, match="Onbekende gebeurtenis"):
        subscription_create(actor=beheerder, client=client, url=receiver.url, event_types=["alles"])
    subscription = _subscribe(beheerder, client, receiver)
    subscription_deactivate(actor=beheerder, subscription_id=subscription.pk)
    assert list(
        AuditEvent.objects.filter(object_type="webhooks.subscription").values_list(
            "action", flat=True
        )
    ) == ["create", "update"]


def test_signatures_follow_the_standard_webhooks_example():
    """The example of the Standard Webhooks specification's reference libraries."""
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = b'{"test": 2432232314}'
    assert (
        signing.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body)
        == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    )
