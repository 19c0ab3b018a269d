"""Webhooks hardened: the signing secret encrypted at rest and shown once; no deliveries to
the server's own network (SSRF), checked again at every delivery; old deliveries removed
by the retention schedule; two workers never deliver one delivery twice (PostgreSQL)."""

import datetime as dt
import socket
import threading
import time

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import connection, connections
from django.utils import timezone
from factories import user

from welzijn.api.services import apiclient_register
from welzijn.casework.models import Office
from welzijn.core.roles import Role
from welzijn.retention.run import retention_run
from welzijn.webhooks import delivery, secrets_box
from welzijn.webhooks.models import Delivery, DeliveryAttempt, Event, Subscription
from welzijn.webhooks.services import subscription_create

from .test_webhooks import Receiver

PUBLIC = "93.184.216.34"


@pytest.fixture
def beheerder(db):
    return user(Role.BEHEERDER, None)


@pytest.fixture
def client_of_netheid(beheerder):
    client, _ = apiclient_register(
        actor=beheerder,
        name="netheid-systeem",
        organisation="Test",
        roles=[Role.MELDINGEN_BEHANDELAAR.value],
        office_ids=[Office.objects.get(code="team-netheid").pk],
        scopes=["meldingen:read"],
        expires_at=timezone.now() + dt.timedelta(days=30),
    )
    return client


@pytest.fixture
def dns(monkeypatch):
    """Names resolve to what the test says (no DNS here): dns["hooks.example.org"] = ip."""
    answers: dict[str, str] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers[host], port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers


def _subscribe(beheerder, client, url):
    return subscription_create(
        actor=beheerder, client=client, url=url, event_types=["melding.state_changed"]
    )


def test_the_secret_is_stored_encrypted_and_given_once(beheerder, client_of_netheid, settings):
    settings.WEBHOOK_KEYS = ["sleutel-1"]
    subscription, secret = _subscribe(beheerder, client_of_netheid, "https://127.0.0.1/hook")
    assert secret.startswith("whsec_")
    stored = Subscription.objects.values_list("secret_encrypted", flat=True).get()
    assert secret not in stored and secret.removeprefix("whsec_") not in stored
    assert not hasattr(subscription, "secret")
    assert secrets_box.decrypt(stored) == secret
    settings.WEBHOOK_KEYS = ["sleutel-2", "sleutel-1"]  # a new key: the old still decrypts
    assert secrets_box.decrypt(stored) == secret
    settings.WEBHOOK_KEYS = ["sleutel-2"]
    with pytest.raises(ImproperlyConfigured, match="WELZIJN_WEBHOOK_KEY"):
        secrets_box.decrypt(stored)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1:8080/hook", "intern adres (127.0.0.1)"),
        ("https://localhost/hook", "intern adres"),
        ("https://169.254.169.254/latest/meta-data/", "intern adres (169.254.169.254)"),
        ("https://10.1.2.3/hook", "intern adres (10.1.2.3)"),
        ("https://[::1]/hook", "intern adres (::1)"),
        ("https://intern.example.org/hook", "intern adres (192.168.1.20)"),
        ("http://hooks.example.org/hook", "over https"),
        ("ftp://hooks.example.org/hook", "https://"),
    ],
)
def test_a_url_into_our_own_network_is_refused(
    beheerder, client_of_netheid, settings, dns, url, message
):
    settings.WEBHOOK_ALLOW_PRIVATE = False
    dns.update({"hooks.example.org": PUBLIC, "intern.example.org": "192.168.1.20"})
    with pytest.raises(ValidationError) as refused:
        _subscribe(beheerder, client_of_netheid, url)
    assert message in refused.value.message_dict["url"][0]
    assert not Subscription.objects.exists()


def test_a_public_https_url_is_accepted(beheerder, client_of_netheid, settings, dns):
    settings.WEBHOOK_ALLOW_PRIVATE = False
    dns["hooks.example.org"] = PUBLIC
    subscription, _ = _subscribe(beheerder, client_of_netheid, "https://hooks.example.org/h")
    assert subscription.pk


def test_a_name_that_turns_private_is_refused_at_delivery(
    beheerder, client_of_netheid, settings, dns
):
    """DNS rebinding: public when subscribed, private when delivered; no request is made."""
    settings.WEBHOOK_ALLOW_PRIVATE = False
    dns["hooks.example.org"] = PUBLIC
    subscription, _ = _subscribe(beheerder, client_of_netheid, "https://hooks.example.org/h")
    event = Event.objects.create(
        type="melding.state_changed",
        object_type="meldingen.melding",
        object_id="1",
        created_at=timezone.now(),
    )
    Delivery.objects.create(
        event=event,
        subscription=subscription,
        next_attempt_at=timezone.now(),
        created_at=timezone.now(),
    )
    dns["hooks.example.org"] = "127.0.0.1"
    (logged,) = delivery.deliver_due()
    assert logged.response_status is None and not logged.succeeded
    assert "geweigerd" in logged.error and "intern adres (127.0.0.1)" in logged.error


def _delivery(subscription, *, days_old: int, status: str, n: int) -> Delivery:
    at = timezone.now() - dt.timedelta(days=days_old)
    event = Event.objects.create(
        type="melding.state_changed",
        object_type="meldingen.melding",
        object_id=str(n),
        created_at=at,
        fanned_out_at=at,
    )
    made = Delivery.objects.create(
        event=event, subscription=subscription, status=status, attempts=1, created_at=at
    )
    DeliveryAttempt.objects.create(delivery=made, number=1, at=at, duration_ms=5, succeeded=True)
    return made


def test_old_delivered_and_failed_deliveries_are_removed_by_the_schedule(
    beheerder, client_of_netheid
):
    subscription, _ = _subscribe(beheerder, client_of_netheid, "https://127.0.0.1/hook")
    old_done = _delivery(subscription, days_old=100, status="afgeleverd", n=1)
    old_failed = _delivery(subscription, days_old=100, status="mislukt", n=2)
    old_pending = _delivery(subscription, days_old=100, status="wachtend", n=3)
    recent = _delivery(subscription, days_old=10, status="afgeleverd", n=4)
    retention_run(today=timezone.localdate())
    assert set(Delivery.objects.values_list("pk", flat=True)) == {old_pending.pk, recent.pk}
    assert not DeliveryAttempt.objects.filter(delivery__in=[old_done.pk, old_failed.pk]).exists()
    # events go with their deliveries, except one still waiting to be delivered
    assert set(Event.objects.values_list("object_id", flat=True)) == {"3", "4"}


@pytest.mark.django_db(transaction=True)
def test_two_workers_never_deliver_one_delivery_twice(settings, reference_data):
    if connection.vendor != "postgresql":
        pytest.skip("SKIP LOCKED: PostgreSQL only (SQLite has one writer at a time)")
    settings.WEBHOOK_ALLOW_PRIVATE = True
    receiver = Receiver()
    receiver.delay = 0.005
    try:
        beheerder = user(Role.BEHEERDER, None)
        client, _ = apiclient_register(
            actor=beheerder,
            name="gelijktijdig",
            organisation="Test",
            roles=[Role.MELDINGEN_BEHANDELAAR.value],
            office_ids=[Office.objects.get(code="team-netheid").pk],
            scopes=["meldingen:read"],
            expires_at=timezone.now() + dt.timedelta(days=1),
        )
        subscription, _ = _subscribe(beheerder, client, receiver.url)
        now = timezone.now()
        events = Event.objects.bulk_create(
            Event(
                type="melding.state_changed",
                object_type="meldingen.melding",
                object_id=str(n),
                created_at=now,
                fanned_out_at=now,
            )
            for n in range(60)
        )
        Delivery.objects.bulk_create(
            Delivery(event=e, subscription=subscription, next_attempt_at=now, created_at=now)
            for e in events
        )
        start = threading.Barrier(2)

        def worker():
            try:
                start.wait()
                while delivery.deliver_due(limit=5):
                    time.sleep(0)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        ids = [r["id"] for r in receiver.received]
        assert len(ids) == 60 and len(set(ids)) == 60
        assert DeliveryAttempt.objects.count() == 60
        assert set(Delivery.objects.values_list("status", "attempts")) == {("afgeleverd", 1)}
    finally:
        receiver.server.shutdown()
        receiver.server.server_close()
