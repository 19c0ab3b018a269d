"""The caseworker's everyday through Django's test client: the sociaal verslag (and its
confidential notes), documents (upload checks, audited downloads), tasks on the dossier and
home pages, and cancelling records entered in error."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from factories import dossier, household, person, user

from welzijn.casework import services as casework
from welzijn.casework.models import CaseNote, Document, Task
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role

pytestmark = pytest.mark.django_db
D = dt.date
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    settings.WELZIJN_DOCUMENT_ROOT = tmp_path / "documents"
    return settings.WELZIJN_DOCUMENT_ROOT


@pytest.fixture
def worker():
    account = user(Role.MAATSCHAPPELIJK_WERKER)
    account.first_name = "Mehmet"
    account.save()
    return account


@pytest.fixture
def file(worker):
    return dossier(worker, household(worker, person(worker, last_name="Dossiernaam")))


@pytest.fixture
def logged_in(client, worker):
    client.force_login(worker)
    return client


@pytest.fixture
def shared_outsider(worker, file):
    outsider = user(Role.MAATSCHAPPELIJK_WERKER, "wb-rabot")
    casework.dossier_share(
        actor=worker, dossier_id=file.pk, user=outsider, reason="Samen", on=D(2023, 3, 1)
    )
    return outsider


def _page(client, file):
    response = client.get(reverse("web:dossier", args=[file.pk]))
    assert response.status_code == 200
    return response.content.decode()


# --- the sociaal verslag -------------------------------------------------------------------


def test_note_added_with_htmx_returns_the_section(logged_in, file):
    response = logged_in.post(
        reverse("web:note_new", args=[file.pk]),
        {"noted_on": "2023-03-01", "text": "Huisbezoek gedaan."},
        **HTMX,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="verslag"' in body and "Huisbezoek gedaan." in body
    assert "<html" not in body  # a fragment, not a page


def test_note_without_javascript_redirects_and_invalid_shows_the_field(logged_in, file):
    url = reverse("web:note_new", args=[file.pk])
    response = logged_in.post(url, {"noted_on": "2023-03-01", "text": "Telefoon met CAW."})
    assert response.status_code == 302
    assert "Telefoon met CAW." in _page(logged_in, file)
    response = logged_in.post(url, {"noted_on": "2023-03-01", "text": "x" * 10001}, **HTMX)
    assert response.status_code == 400
    assert "10000" in response.content.decode()  # the limit, next to the field
    assert CaseNote.objects.count() == 1


def test_confidential_note_hidden_from_a_shared_colleague_everywhere(
    client, worker, file, shared_outsider
):
    casework.note_add(
        actor=worker, dossier_id=file.pk, text="Gewone notitie", noted_on=D(2023, 3, 1)
    )
    secret = casework.note_add(
        actor=worker,
        dossier_id=file.pk,
        text="GEHEIM-partnergeweld",
        noted_on=D(2023, 3, 2),
        confidential=True,
    )
    client.force_login(worker)
    assert "GEHEIM-partnergeweld" in _page(client, file)
    client.force_login(shared_outsider)
    page = _page(client, file)
    assert "Gewone notitie" in page and "GEHEIM-partnergeweld" not in page
    partial = client.get(reverse("web:notes", args=[file.pk]), **HTMX).content.decode()
    assert "Gewone notitie" in partial and "GEHEIM-partnergeweld" not in partial
    after_post = client.post(
        reverse("web:note_new", args=[file.pk]),
        {"noted_on": "2023-03-03", "text": "Mijn notitie"},
        **HTMX,
    ).content.decode()
    assert "Mijn notitie" in after_post and "GEHEIM-partnergeweld" not in after_post
    response = client.get(reverse("web:note_correct", args=[secret.pk]))
    assert response.status_code == 404 and "GEHEIM" not in response.content.decode()
    assert AuditEvent.objects.filter(action="refused", object_type="casework.casenote").exists()


def test_a_correction_shows_under_the_original(logged_in, worker, file):
    original = casework.note_add(
        actor=worker, dossier_id=file.pk, text="Twee kinderen.", noted_on=D(2023, 3, 1)
    )
    page = logged_in.get(reverse("web:note_correct", args=[original.pk])).content.decode()
    assert "Twee kinderen." in page  # what is being corrected
    response = logged_in.post(
        reverse("web:note_correct", args=[original.pk]),
        {"noted_on": "2023-03-01", "text": "Drie kinderen."},
    )
    assert response.status_code == 302
    page = _page(logged_in, file)
    assert "Twee kinderen." in page and "Drie kinderen." in page
    assert "Gecorrigeerd door de notitie van 01/03/2023" in page
    assert "correctie van de notitie van 01/03/2023" in page


# --- documents -----------------------------------------------------------------------------


def _upload(client, file, content, name, kind="loonfiche"):
    return client.post(
        reverse("web:document_new", args=[file.pk]),
        {"kind": kind, "file": SimpleUploadedFile(name, content)},
    )


def test_upload_and_download(logged_in, file, documents_root):
    assert _upload(logged_in, file, PDF, "loonfiche maart.pdf").status_code == 302
    document = Document.objects.get()
    page = _page(logged_in, file)
    assert "loonfiche maart.pdf" in page
    before = AuditEvent.objects.count()
    response = logged_in.get(reverse("web:document_download", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert "loonfiche maart.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["Content-Type"] == "application/pdf"
    event = AuditEvent.objects.order_by("seq").last()
    assert AuditEvent.objects.count() == before + 1
    assert event.reason == "document gedownload" and event.object_id == str(document.pk)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (PNG, "brief.pdf", "past niet bij de inhoud"),
        (b"#!/bin/sh\nrm -rf /\n", "script.pdf", "niet aanvaard"),
        (PDF, "../../../etc/cron.d/x.sh", "past niet bij de inhoud"),
    ],
)
def test_upload_refused_with_a_dutch_message(logged_in, file, content, name, message):
    response = _upload(logged_in, file, content, name)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body and 'aria-invalid="true"' in body
    assert not Document.objects.exists()


def test_upload_too_big_is_refused_by_the_form(logged_in, file, settings, documents_root):
    settings.WELZIJN_DOCUMENT_MAX_BYTES = 50
    response = _upload(logged_in, file, PDF + b"0" * 50, "groot.pdf")
    assert response.status_code == 400 and "te groot" in response.content.decode()
    assert not documents_root.exists() or not any(p.is_file() for p in documents_root.rglob("*"))


def test_path_traversal_name_is_stored_as_a_plain_name(logged_in, file, documents_root):
    assert _upload(logged_in, file, PDF, "../../boven/web.pdf").status_code == 302
    document = Document.objects.get()
    assert document.original_name == "web.pdf"
    assert [p.name for p in documents_root.rglob("*") if p.is_file()] == [document.storage_name]


def test_download_refused_for_another_office_and_audited(client, worker, file):
    casework.document_add(
        actor=worker,
        dossier_id=file.pk,
        kind="loonfiche",
        file=SimpleUploadedFile("a.pdf", PDF),
    )
    client.force_login(user(Role.MAATSCHAPPELIJK_WERKER, "wb-rabot"))
    response = client.get(reverse("web:document_download", args=[Document.objects.get().pk]))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(
        action="refused", detail__view="web:document_download"
    ).exists()


def test_withdrawn_document_is_struck_through_and_not_downloadable(logged_in, worker, file):
    document = casework.document_add(
        actor=worker, dossier_id=file.pk, kind="ander", file=SimpleUploadedFile("b.pdf", PDF)
    )
    response = logged_in.post(
        reverse("web:document_withdraw", args=[document.pk]), {"reason": "Verkeerde persoon"}
    )
    assert response.status_code == 302
    page = _page(logged_in, file)
    assert "Ingetrokken" in page and "Verkeerde persoon" in page
    assert reverse("web:document_download", args=[document.pk]) not in page
    assert logged_in.get(reverse("web:document_download", args=[document.pk])).status_code == 404


# --- appointments and tasks ----------------------------------------------------------------


def test_task_form_defaults_to_the_caseworker(logged_in, worker, file):
    response = logged_in.get(reverse("web:task_new", args=[file.pk]))
    assert f'<option value="{worker.pk}" selected>' in response.content.decode()
    response = logged_in.post(
        reverse("web:task_new", args=[file.pk]),
        {
            "kind": "afspraak",
            "description": "Gesprek met OCMW",
            "due_on": "2024-05-02",
            "assigned_to": worker.pk,
        },
    )
    assert response.status_code == 400
    assert "Geef het uur van de afspraak." in response.content.decode()
    response = logged_in.post(
        reverse("web:task_new", args=[file.pk]),
        {
            "kind": "afspraak",
            "description": "Gesprek met OCMW",
            "due_on": "2024-05-02",
            "due_time": "10:30",
            "place": "Bureau Brugse Poort",
            "assigned_to": worker.pk,
        },
    )
    assert response.status_code == 302
    task = Task.objects.get()
    assert task.due_time == dt.time(10, 30) and task.assigned_to == worker


def test_home_lists_my_tasks_with_overdue_ones_marked(logged_in, worker, file):
    file.caseworker = worker
    file.save()
    today = timezone.localdate()
    late = casework.task_add(
        actor=worker,
        dossier_id=file.pk,
        kind="taak",
        description="Attest ziekenfonds opvragen",
        due_on=today - dt.timedelta(days=3),
    )
    casework.task_add(
        actor=worker,
        dossier_id=file.pk,
        kind="afspraak",
        description="Huisbezoek",
        due_on=today + dt.timedelta(days=2),
        due_time=dt.time(9, 0),
    )
    casework.trajectory_start(
        actor=worker,
        dossier_id=file.pk,
        service="housing-first",
        start_date=today - dt.timedelta(days=200),
        planned_end_date=today - dt.timedelta(days=10),
    )
    page = logged_in.get(reverse("web:home")).content.decode()
    assert "Mijn taken en afspraken" in page
    assert "Attest ziekenfonds opvragen" in page and "Huisbezoek" in page
    late_row = re.search(rf'<tr id="taak-{late.pk}" class="([^"]*)">(.*?)</tr>', page, re.S)
    assert late_row.group(1) == "overdue" and "Te laat" in late_row.group(2)
    assert page.count("Te laat") == 2  # the late task and the trajectory past its end
    assert "2 te laat." in page


def test_marking_a_task_done_with_htmx_swaps_the_row(logged_in, worker, file):
    task = casework.task_add(
        actor=worker, dossier_id=file.pk, kind="taak", description="Bellen", due_on=D.today()
    )
    url = reverse("web:task_done", args=[task.pk])
    response = logged_in.post(url, {"next": "home"}, **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.strip().startswith(f'<tr id="taak-{task.pk}"') and "afgerond" in body
    response = logged_in.post(url, {"next": "home"}, **HTMX)
    assert response.status_code == 409 and "al afgerond" in response.content.decode()


def test_marking_a_task_done_without_javascript_redirects(logged_in, worker, file):
    task = casework.task_add(
        actor=worker, dossier_id=file.pk, kind="taak", description="Bellen", due_on=D.today()
    )
    response = logged_in.post(reverse("web:task_done", args=[task.pk]), {"next": "home"})
    assert response.status_code == 302 and response["Location"] == reverse("web:home")
    task.refresh_from_db()
    assert task.is_done


# --- cancelling ----------------------------------------------------------------------------


def test_cancelled_intervention_struck_through_with_the_reason(logged_in, worker, file):
    intervention = casework.intervention_register(
        actor=worker,
        dossier_id=file.pk,
        service="huurwaarborg",
        date=D(2023, 3, 1),
        amount=Decimal(1250),
    )
    url = reverse("web:intervention_cancel", args=[intervention.pk])
    response = logged_in.post(url, {"reason": ""})
    assert response.status_code == 400
    response = logged_in.post(url, {"reason": "Bedrag verkeerd ingegeven"})
    assert response.status_code == 302
    page = _page(logged_in, file)
    assert '<tr class="cancelled">' in page and "Geannuleerd" in page
    assert "Bedrag verkeerd ingegeven" in page
    assert url not in page  # no second cancel link


def test_decision_with_an_intervention_refuses_with_the_reason(logged_in, worker, file):
    decision = casework.decision_record(
        actor=worker,
        dossier_id=file.pk,
        service="leefloon",
        outcome="toekenning",
        motivation="Voldoet.",
        decided_on=D(2023, 2, 1),
    )
    casework.intervention_register(
        actor=worker,
        dossier_id=file.pk,
        service="leefloon",
        date=D(2023, 3, 1),
        amount=Decimal(1000),
        decision=decision,
    )
    response = logged_in.post(
        reverse("web:decision_cancel", args=[decision.pk]), {"reason": "Fout"}
    )
    assert response.status_code == 400 and "annuleer die eerst" in response.content.decode()
