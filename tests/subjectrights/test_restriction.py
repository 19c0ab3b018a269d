"""A restricted file (GDPR art. 18/21) is read only by the DPO and the dossier's responsible
caseworker: the person page, the dossier, the search and the worklist refuse a colleague of
the same office (404 and an audited refusal); lifting the restriction restores access."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from factories import household, person, user

from welzijn.casework import services as casework
from welzijn.casework.models import Office
from welzijn.core.access import AccessDenied
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.rights.models import Finding, ScreeningRun
from welzijn.rights.selectors import findings_visible_to
from welzijn.subjectrights.services import restriction_lift, restriction_start

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def file():
    responsible = user(Role.MAATSCHAPPELIJK_WERKER, name="verantwoordelijke")
    colleague = user(Role.MAATSCHAPPELIJK_WERKER, name="collega")
    anna = person(responsible, first_name="Anna", last_name="Beperkt")
    hh = household(responsible, anna)
    dossier = casework.dossier_open(
        actor=responsible,
        household=hh,
        office=Office.objects.get(code="wb-brugse-poort"),
        opened_on=D(2023, 1, 2),
        caseworker=responsible,
    )
    run = ScreeningRun.objects.create(
        reference_date=D(2023, 12, 1), started_at=dt.datetime.now(dt.UTC)
    )
    finding = Finding.objects.create(
        run=run,
        reference_date=run.reference_date,
        right="uitpas_kansentarief",
        household=hh,
        office=dossier.office,
        outcome=Finding.Outcome.UNDERPROTECTED,
        inputs={},
    )
    return responsible, colleague, anna, dossier, finding


def _pages(client, account, anna, dossier):
    client.force_login(account)
    return {
        "person": client.get(f"/personen/{anna.pk}/").status_code,
        "dossier": client.get(f"/dossiers/{dossier.pk}/").status_code,
    }


def test_a_restricted_file_refuses_a_colleague_and_lifting_restores_it(client, file):
    responsible, colleague, anna, dossier, finding = file
    dpo = user(Role.DPO, None, name="dana")
    client.force_login(colleague)
    assert client.get(f"/dossiers/{dossier.pk}/").status_code == 200
    assert f"bevinding-{finding.pk}" in client.get("/werklijst/").content.decode()
    restriction_start(actor=dpo, person_id=anna.pk, ground="bezwaar", reason="Bezwaar van 3/3")

    client.force_login(colleague)
    refused_before = AuditEvent.objects.filter(action="refused").count()
    assert client.get(f"/personen/{anna.pk}/").status_code == 404
    assert client.get(f"/dossiers/{dossier.pk}/").status_code == 404
    assert AuditEvent.objects.filter(action="refused").count() == refused_before + 2
    found = client.get("/zoeken/", {"q": "Beperkt"}).content.decode()
    assert "Anna" in found and "beperkt dossier" in found  # identified by name, nothing more
    assert f"/dossiers/{dossier.pk}/" not in found
    assert finding not in findings_visible_to(colleague)
    assert f"bevinding-{finding.pk}" not in client.get("/werklijst/").content.decode()

    client.force_login(responsible)
    page = client.get(f"/dossiers/{dossier.pk}/")
    assert page.status_code == 200 and "Beperkt dossier" in page.content.decode()
    assert client.get(f"/personen/{anna.pk}/").status_code == 200
    assert finding in findings_visible_to(responsible)

    client.force_login(dpo)
    page = client.get(f"/personen/{anna.pk}/")
    assert page.status_code == 200 and "Bezwaar van 3/3" in page.content.decode()
    for registering in ("Inkomen registreren", "Status registreren", "Dossier openen"):
        assert registering not in page.content.decode()  # the DPO reads; the office registers

    restriction_lift(actor=dpo, person_id=anna.pk, reason="Bezwaar ingetrokken")
    client.force_login(colleague)
    assert client.get(f"/personen/{anna.pk}/").status_code == 200
    assert client.get(f"/dossiers/{dossier.pk}/").status_code == 200
    assert finding in findings_visible_to(colleague)


def test_restricting_is_for_the_dpo_needs_a_reason_and_is_audited(file):
    responsible, _colleague, anna, *_ = file
    with pytest.raises(AccessDenied):
        restriction_start(actor=responsible, person_id=anna.pk, ground="beperking", reason="x")
    dpo = user(Role.DPO, None)
    with pytest.raises(ValidationError) as empty:
        restriction_start(actor=dpo, person_id=anna.pk, ground="beperking", reason=" ")
    assert "reason" in empty.value.error_dict
    restriction = restriction_start(
        actor=dpo, person_id=anna.pk, ground="beperking", reason="Juistheid betwist"
    )
    with pytest.raises(ValidationError):
        restriction_start(actor=dpo, person_id=anna.pk, ground="beperking", reason="nog eens")
    restriction_lift(actor=dpo, person_id=anna.pk, reason="Rechtgezet")
    events = AuditEvent.objects.filter(
        object_type="registry.restriction", object_id=str(restriction.pk)
    )
    assert list(events.values_list("action", flat=True).order_by("seq")) == ["create", "update"]
