"""Signing in: limits on failed logins (per username and address, per address, overall),
the client's address behind a proxy, and the second step with an authenticator app."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from factories import totp_code, totp_device, user

from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.web.login_limits import client_ip

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-test-wachtwoord"
LOGIN = "/inloggen/"


def _account(role=Role.MAATSCHAPPELIJK_WERKER, office="wb-brugse-poort"):
    account = user(role, office)
    account.set_password(PASSWORD)
    account.save()
    return account


def _login(client, account, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": account.username, "password": password}, **extra)


def test_one_address_spraying_many_usernames_is_stopped(client, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    victims = [_account() for _ in range(3)]
    for victim in victims:  # two tries each: under the limit of 5 per username
        for _ in range(2):
            assert _login(client, victim, "fout").status_code == 200
    refused = _login(client, victims[0])  # even the right password, from this address
    assert refused.status_code == 429
    assert "Vanaf dit netwerkadres" in refused.content.decode()
    other_address = _login(client, victims[0], REMOTE_ADDR="10.1.2.3")
    assert other_address.status_code == 302


def test_many_failures_from_everywhere_stop_all_logins(client, settings):
    settings.LOGIN_GLOBAL_FAILURE_LIMIT = 4
    victim = _account()
    for n in range(4):
        _login(client, victim, "fout", REMOTE_ADDR=f"10.0.0.{n + 1}")
    refused = _login(client, _account(), REMOTE_ADDR="10.9.9.9")
    assert refused.status_code == 429
    assert "ongewoon veel" in refused.content.decode()


def test_client_address_comes_from_the_trusted_proxy_header_only(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 81.82.83.84, 10.0.0.7"
    )
    assert client_ip(request) == "10.0.0.1"  # not configured: the header is not believed
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "10.0.0.7"
    settings.TRUSTED_PROXY_COUNT = 2  # two proxies of ours: the one before them
    assert client_ip(request) == "81.82.83.84"
    settings.TRUSTED_PROXY_COUNT = 5  # fewer entries than proxies: the direct peer
    assert client_ip(request) == "10.0.0.1"
    garbage = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="nonsense")
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(garbage) == "10.0.0.1"


def test_lockout_per_username_counts_the_proxied_address(client, settings):
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    victim = _account()
    for _ in range(5):
        _login(client, victim, "fout", HTTP_X_FORWARDED_FOR="81.82.83.84")
    assert _login(client, victim, HTTP_X_FORWARDED_FOR="81.82.83.84").status_code == 429
    # Another client behind the same proxy (same REMOTE_ADDR) is not locked out.
    assert _login(client, victim, HTTP_X_FORWARDED_FOR="81.82.83.85").status_code == 302


def test_caseworker_without_a_device_signs_in_with_a_password(client):
    account = _account()
    response = _login(client, account)
    assert response.status_code == 302
    assert client.get(reverse("web:home")).status_code == 200


def test_beheerder_without_a_device_must_set_one_up_first(client):
    beheerder = _account(Role.BEHEERDER, None)
    beheerder.is_staff = True
    beheerder.save()
    _login(client, beheerder)
    for page in ("/", "/admin/", reverse("web:search")):
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith(reverse("web:otp_setup")), page
    setup = client.get(reverse("web:otp_setup"))
    assert setup.status_code == 200
    html = setup.content.decode()
    assert "<svg" in html and "otpauth://totp/welzijn" in html
    assert "no-store" in setup["Cache-Control"]  # the secret is on this page
    device = beheerder.totpdevice_set.get()
    assert not device.confirmed
    wrong = client.post(reverse("web:otp_setup"), {"code": "000000", "next": "/admin/"})
    assert "Die code klopt niet" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0  # no waiting after the wrong code, for this test
    device.save()
    done = client.post(reverse("web:otp_setup"), {"code": totp_code(device), "next": "/admin/"})
    assert done.status_code == 302 and done["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    assert AuditEvent.objects.filter(
        object_type="otp_totp.totpdevice", object_id=str(device.pk), action="create"
    ).exists()


def test_a_device_is_asked_for_at_every_login(client):
    beheerder = _account(Role.BEHEERDER, None)
    device = totp_device(beheerder)
    response = _login(client, beheerder)
    response = client.get(response["Location"])
    verify = reverse("web:otp_verify")
    assert response.status_code == 302 and response["Location"].startswith(verify)
    # Setting up a second device with the password alone is not possible.
    assert client.get(reverse("web:otp_setup"))["Location"] == verify
    page = client.get(response["Location"])
    assert "Code uit je authenticator-app" in page.content.decode()
    ok = client.post(verify, {"code": totp_code(device), "next": "/"})
    assert ok.status_code == 302 and ok["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_wrong_code_is_refused_and_the_next_try_must_wait(client):
    account = _account()  # any user who set up a device
    device = totp_device(account)
    _login(client, account)
    verify = reverse("web:otp_verify")
    wrong = client.post(verify, {"code": "123456" if totp_code(device) != "123456" else "654321"})
    assert wrong.status_code == 200
    assert "Die code klopt niet" in wrong.content.decode()
    right_too_soon = client.post(verify, {"code": totp_code(device)})
    assert right_too_soon.status_code == 200  # throttled: waits after a failure
    assert client.get("/").status_code == 302
    not_digits = client.post(verify, {"code": "abc"})
    assert "zes cijfers" in not_digits.content.decode()


def test_a_caseworker_can_set_up_a_device(client):
    account = _account()
    client.force_login(account)
    page = client.get(reverse("web:otp_setup"))
    assert "Meld je voortaan aan" in page.content.decode()
    device = account.totpdevice_set.get()
    done = client.post(reverse("web:otp_setup"), {"code": totp_code(device)})
    assert done.status_code == 302
    assert "is ingesteld" in client.get(reverse("web:otp_setup")).content.decode()
    client.logout()
    _login(client, account)
    assert client.get("/")["Location"].startswith(reverse("web:otp_verify"))


def test_htmx_requests_are_redirected_by_header(client):
    beheerder = _account(Role.BEHEERDER, None)
    _login(client, beheerder)
    response = client.get(reverse("web:search"), {"q": "x"}, headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith(reverse("web:otp_setup"))


def test_admin_login_is_the_workplace_login(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"] == "/inloggen/?next=/admin/"


def test_next_may_not_leave_the_site(client):
    account = _account()
    device = totp_device(account)
    _login(client, account)
    response = client.post(
        reverse("web:otp_verify"), {"code": totp_code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
