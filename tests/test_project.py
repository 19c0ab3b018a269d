"""The project as a whole: migrations in sync, the admin in Dutch and audited, the demo."""

import base64
import re

import pytest
from django.core.management import call_command
from django_otp.oath import totp
from factories import dossier, login_with_second_step, person, user

from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role

pytestmark = pytest.mark.django_db


def test_models_and_migrations_are_in_sync():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.fixture
def beheerder_client(client):
    admin_user = user(Role.BEHEERDER, None)
    admin_user.is_staff = True
    admin_user.save()
    return login_with_second_step(client, admin_user)


def test_admin_speaks_dutch(beheerder_client):
    page = beheerder_client.get("/admin/").content.decode()
    assert "Beheer van Welzijn en Samenleving" in page
    assert "Dienstencatalogus" in page
    assert "Afmelden" in page  # Django's own Dutch translation of "Log out"
    services = beheerder_client.get("/admin/catalog/service/").content.decode()
    assert "Huurwaarborg" in services


def test_admin_reads_of_personal_data_are_audited(beheerder_client):
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    someone = person(worker)
    response = beheerder_client.get(f"/admin/registry/person/{someone.pk}/change/")
    assert response.status_code == 200
    assert someone.first_name in response.content.decode()
    assert AuditEvent.objects.filter(
        action="view", object_type="registry.person", object_id=str(someone.pk)
    ).exists()
    beheerder_client.get("/admin/casework/dossier/")
    assert AuditEvent.objects.filter(action="list", object_type="casework.dossier").exists()


def test_personal_data_is_read_only_in_the_admin(beheerder_client):
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    file = dossier(worker)
    response = beheerder_client.post(
        f"/admin/casework/dossier/{file.pk}/change/", {"status": "gesloten"}
    )
    assert response.status_code == 403
    assert beheerder_client.get("/admin/registry/person/add/").status_code == 403


def test_admin_catalogue_edit_is_audited(beheerder_client):
    from welzijn.catalog.models import Domain

    domain = Domain.objects.first()
    response = beheerder_client.post(
        f"/admin/catalog/domain/{domain.pk}/change/",
        {"code": domain.code, "name": domain.name, "order": 9, "description": "nieuw"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(object_type="catalog.domain", action="update")
    assert set(event.detail["fields"]) == {"order", "description"}


def test_beheerder_sets_a_plausible_maximum_in_the_admin(beheerder_client):
    from decimal import Decimal

    from welzijn.catalog.models import Service

    service = Service.objects.get(code="tussenkomst-energie")
    form = beheerder_client.get(f"/admin/catalog/service/{service.pk}/change/").content.decode()
    assert "Plausibel maximum (EUR)" in form
    fields = ("code", "name", "kind", "unit", "provider", "description", "seed_reference")
    data = {field: getattr(service, field) for field in fields}
    data |= {"domain": service.domain_id, "active": "on"}
    url = f"/admin/catalog/service/{service.pk}/change/"
    assert beheerder_client.post(url, {**data, "amount_ceiling": "0"}).status_code == 200
    assert beheerder_client.post(url, {**data, "amount_ceiling": "1500"}).status_code == 302
    service.refresh_from_db()
    assert service.amount_ceiling == Decimal("1500.00")
    event = AuditEvent.objects.get(object_type="catalog.service", action="update")
    assert event.detail["fields"] == ["amount_ceiling"]


def test_analist_has_no_admin(client):
    client.force_login(user(Role.ANALIST, None))
    assert client.get("/admin/registry/person/").status_code == 302  # to the login page


def test_demo_setup_creates_one_user_per_role_and_demo_data(capsys):
    from django.contrib.auth import get_user_model

    from welzijn.casework.models import Dossier, Intervention
    from welzijn.synth.models import SynthRun

    call_command("demo_setup")
    out = capsys.readouterr().out
    for role in Role:
        assert role.value in out
    users = get_user_model().objects.filter(username__in=["onthaal", "mw", "analist"])
    assert users.count() == 3
    # the beheerder signs in with a second step; the printed secret is that of their device
    secret = re.search(r"oathtool --totp -b ([A-Z2-7]+)", out).group(1)
    device = get_user_model().objects.get(username="beheerder").totpdevice_set.get()
    assert device.confirmed
    assert device.verify_token(f"{totp(base64.b32decode(secret)):06d}")
    # synthetic Ghent at a small scale, plus the three hand-made households
    run = SynthRun.objects.get()
    assert run.scale == 0.01
    synth_dossiers = run.row_counts["casework_dossier"]
    casework_dossiers = Dossier.objects.exclude(office__code="team-rechtendetectie")
    assert casework_dossiers.count() == synth_dossiers + 3
    first, last = run.id_ranges["casework_intervention"]
    hand_made = Intervention.objects.filter(service__code="leefloon").exclude(
        id__range=(first, last)
    )
    assert hand_made.count() == 11
    # the demo users' offices have synthetic clients to work on
    for office in ("wb-brugse-poort", "wb-rabot"):
        assert Dossier.objects.filter(office__code=office, status="open").count() > 3
    # screened: automatic grants in dossiers of the rights team, the rest on worklists
    from welzijn.rights.models import Finding

    assert Finding.objects.filter(review="toegekend").exists()
    assert Finding.objects.filter(review="open", outcome="onderbescherming").exists()
    call_command("audit_verify")
    total = Dossier.objects.count()
    call_command("demo_setup")  # a second run adds nothing
    assert Dossier.objects.count() == total
