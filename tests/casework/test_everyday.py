"""The caseworker's everyday in the services: notes and their confidentiality, documents,
appointments and tasks, cancelling records entered in error (and what then stops counting)."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from factories import dossier, household, person, user

from welzijn.casework import selectors
from welzijn.casework import services as casework
from welzijn.casework.access import access_note, notes_visible_to
from welzijn.casework.models import NOTE_MAX_LENGTH, CaseNote, Document, Intervention, Task
from welzijn.core.access import AccessDenied
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.reporting.compute import compute
from welzijn.reporting.indicators import BY_CODE

pytestmark = pytest.mark.django_db
D = dt.date
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def worker():
    return user(Role.MAATSCHAPPELIJK_WERKER)


@pytest.fixture
def file(worker):
    return dossier(worker)


@pytest.fixture
def documents_root(settings, tmp_path):
    settings.WELZIJN_DOCUMENT_ROOT = tmp_path / "documents"
    return settings.WELZIJN_DOCUMENT_ROOT


def _share(file, owner, with_user):
    casework.dossier_share(
        actor=owner, dossier_id=file.pk, user=with_user, reason="Samen opvolgen", on=D(2023, 3, 1)
    )


# --- notes ---------------------------------------------------------------------------------


def test_note_add_is_audited_and_bounded(worker, file):
    note = casework.note_add(
        actor=worker, dossier_id=file.pk, text="  Huisbezoek: alles ok.  ", noted_on=D(2023, 3, 1)
    )
    assert note.text == "Huisbezoek: alles ok." and note.author == worker
    assert AuditEvent.objects.filter(object_type="casework.casenote", action="create").exists()
    with pytest.raises(ValidationError) as exc:
        casework.note_add(
            actor=worker, dossier_id=file.pk, text="x" * (NOTE_MAX_LENGTH + 1), noted_on=D.today()
        )
    assert "text" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        casework.note_add(actor=worker, dossier_id=file.pk, text="   ", noted_on=D.today())
    assert "text" in exc.value.message_dict


def test_note_length_is_checked_by_the_database(worker, file):
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseNote.objects.create(
            dossier=file,
            noted_on=D.today(),
            written_at=timezone.now(),
            author=worker,
            text="x" * (NOTE_MAX_LENGTH + 1),
        )


def test_onthaal_may_not_write_notes(file):
    desk = user(Role.ONTHAAL)
    with pytest.raises(AccessDenied):
        casework.note_add(actor=desk, dossier_id=file.pk, text="Notitie", noted_on=D.today())


def test_confidential_note_only_for_the_own_office(worker, file):
    open_note = casework.note_add(
        actor=worker, dossier_id=file.pk, text="Gewone notitie", noted_on=D(2023, 3, 1)
    )
    secret = casework.note_add(
        actor=worker,
        dossier_id=file.pk,
        text="Vertrouwelijk: partnergeweld",
        noted_on=D(2023, 3, 2),
        confidential=True,
    )
    colleague = user(Role.TEAMCOACH)
    outsider = user(Role.MAATSCHAPPELIJK_WERKER, "wb-rabot")
    _share(file, worker, outsider)
    beheerder = user(Role.BEHEERDER, None)
    assert set(notes_visible_to(colleague, file)) == {open_note, secret}
    for reader in (outsider, beheerder):
        assert list(notes_visible_to(reader, file)) == [open_note]
        with pytest.raises(AccessDenied):
            access_note(reader, secret)
        _, notes = selectors.dossier_notes(user=reader, dossier_id=file.pk)
        assert [n.pk for n in notes] == [open_note.pk]
    overview = selectors.dossier_overview(user=outsider, dossier_id=file.pk)
    assert [n.pk for n in overview.notes] == [open_note.pk]


def test_a_correction_is_a_new_note_as_confidential_as_the_original(worker, file):
    original = casework.note_add(
        actor=worker, dossier_id=file.pk, text="Twee kinderen", noted_on=D(2023, 3, 1),
        confidential=True,
    )  # fmt: skip
    correction = casework.note_add(
        actor=worker,
        dossier_id=file.pk,
        text="Drie kinderen",
        noted_on=D(2023, 3, 1),
        corrects_id=original.pk,
    )
    original.refresh_from_db()
    assert original.text == "Twee kinderen"  # never changed
    assert correction.corrects == original and correction.confidential
    notes = selectors._notes(worker, file)
    by_pk = {n.pk: n for n in notes}
    assert by_pk[original.pk].visible_corrections == [by_pk[correction.pk]]
    other = dossier(worker, household(worker, person(worker), name="Gezin Ander"))
    with pytest.raises(ValidationError) as exc:
        casework.note_add(
            actor=worker, dossier_id=other.pk, text="x", noted_on=D.today(), corrects_id=original.pk
        )
    assert "corrects" in exc.value.message_dict


def test_a_shared_colleague_cannot_correct_a_confidential_note(worker, file):
    secret = casework.note_add(
        actor=worker, dossier_id=file.pk, text="Geheim", noted_on=D.today(), confidential=True
    )
    outsider = user(Role.MAATSCHAPPELIJK_WERKER, "wb-rabot")
    _share(file, worker, outsider)
    with pytest.raises(AccessDenied):
        casework.note_add(
            actor=outsider, dossier_id=file.pk, text="x", noted_on=D.today(), corrects_id=secret.pk
        )


# --- documents -----------------------------------------------------------------------------


def _upload(worker, file, content, name, **kwargs):
    return casework.document_add(
        actor=worker,
        dossier_id=file.pk,
        kind=kwargs.pop("kind", "loonfiche"),
        file=SimpleUploadedFile(name, content),
        **kwargs,
    )


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_document_is_stored_under_a_random_name_with_its_hash(worker, file, documents_root):
    import hashlib

    document = _upload(worker, file, PDF, "Loonfiche maart.pdf")
    assert document.original_name == "Loonfiche maart.pdf"
    assert document.content_type == "application/pdf" and document.size == len(PDF)
    assert document.sha256 == hashlib.sha256(PDF).hexdigest()
    stored = list(documents_root.rglob("*"))
    on_disk = [p for p in stored if p.is_file()]
    assert len(on_disk) == 1 and on_disk[0].read_bytes() == PDF
    assert "Loonfiche" not in str(on_disk[0]) and on_disk[0].name == document.storage_name
    assert on_disk[0].stat().st_mode & 0o077 == 0  # readable by the service only


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (PNG, "brief.pdf", "past niet bij de inhoud"),
        (b"MZ\x90\x00 an executable", "setup.pdf", "niet aanvaard"),
        (b"<html><script>alert(1)</script>", "pagina.html", "niet aanvaard"),
        (_zip({"a.txt": b"hallo"}), "archief.docx", "niet aanvaard"),
        (b"", "leeg.pdf", "leeg"),
        (PDF, "....", "geen bruikbare naam"),
    ],
)
def test_document_refused_by_content(worker, file, documents_root, content, name, message):
    with pytest.raises(ValidationError) as exc:
        _upload(worker, file, content, name)
    assert message in " ".join(exc.value.message_dict["file"])
    assert not Document.objects.exists()
    assert not [p for p in documents_root.rglob("*") if p.is_file()]


def test_document_too_big(worker, file, documents_root, settings):
    settings.WELZIJN_DOCUMENT_MAX_BYTES = 100
    with pytest.raises(ValidationError) as exc:
        _upload(worker, file, PDF + b"0" * 100, "groot.pdf")
    assert "te groot" in exc.value.message_dict["file"][0]


def test_office_documents_are_recognised_inside_the_zip(worker, file, documents_root):
    odt = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
    docx = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
    assert _upload(worker, file, odt, "verslag.odt").content_type.endswith("opendocument.text")
    assert _upload(worker, file, docx, "brief.DOCX").content_type.endswith("document")
    with pytest.raises(ValidationError):
        _upload(worker, file, odt, "verslag.docx")


def test_path_traversal_in_the_name_stays_a_name(worker, file, documents_root, tmp_path):
    for name in ("../../etc/passwd.pdf", "..\\..\\windows\\win.pdf", "C:\\Users\\..\\lo\x00on.pdf"):
        document = _upload(worker, file, PDF, name)
        assert document.storage_name.isalnum() and len(document.storage_name) == 32
    names = {d.original_name for d in Document.objects.all()}
    assert names == {"passwd.pdf", "win.pdf", "loon.pdf"}
    outside = [p for p in tmp_path.rglob("*") if p.is_file() and documents_root not in p.parents]
    assert outside == []


def test_document_on_a_decision_of_the_same_dossier(worker, file, documents_root):
    decision = casework.decision_record(
        actor=worker,
        dossier_id=file.pk,
        service="leefloon",
        outcome="toekenning",
        motivation="Voldoet.",
        decided_on=D(2023, 2, 1),
    )
    document = _upload(worker, file, PDF, "beslissing.pdf", kind="beslissing-bcsd",
                       decision_id=decision.pk)  # fmt: skip
    assert document.decision == decision
    other = dossier(worker, household(worker, person(worker), name="Gezin Ander"))
    with pytest.raises(ValidationError) as exc:
        _upload(worker, other, PDF, "x.pdf", decision_id=decision.pk)
    assert "decision" in exc.value.message_dict


def test_withdrawn_document_stays_but_cannot_be_downloaded(worker, file, documents_root):
    document = _upload(worker, file, PDF, "fout.pdf")
    with pytest.raises(ValidationError):
        casework.document_withdraw(actor=worker, document_id=document.pk, reason=" ")
    casework.document_withdraw(actor=worker, document_id=document.pk, reason="Verkeerd dossier")
    document.refresh_from_db()
    assert document.withdrawn_by == worker and document.withdraw_reason == "Verkeerd dossier"
    with pytest.raises(Document.DoesNotExist):
        selectors.document_open(user=worker, document_id=document.pk)
    assert any(p.is_file() for p in documents_root.rglob("*"))  # never deleted


# --- appointments and tasks ----------------------------------------------------------------


def test_task_defaults_to_the_caseworker_and_must_be_for_the_office(worker, file):
    caseworker = user(Role.MAATSCHAPPELIJK_WERKER)
    file.caseworker = caseworker
    file.save()
    task = casework.task_add(
        actor=worker, dossier_id=file.pk, kind="taak", description="Attest", due_on=D.today()
    )
    assert task.assigned_to == caseworker
    outsider = user(Role.MAATSCHAPPELIJK_WERKER, "wb-rabot")
    with pytest.raises(ValidationError) as exc:
        casework.task_add(
            actor=worker,
            dossier_id=file.pk,
            kind="taak",
            description="Attest",
            due_on=D.today(),
            assigned_to=outsider,
        )
    assert "assigned_to" in exc.value.message_dict


def test_an_appointment_needs_an_hour(worker, file):
    with pytest.raises(ValidationError) as exc:
        casework.task_add(
            actor=worker, dossier_id=file.pk, kind="afspraak", description="Gesprek",
            due_on=D.today(),
        )  # fmt: skip
    assert "due_time" in exc.value.message_dict


def test_task_complete_once(worker, file):
    task = casework.task_add(
        actor=worker, dossier_id=file.pk, kind="taak", description="Bellen", due_on=D.today()
    )
    casework.task_complete(actor=worker, task_id=task.pk)
    task.refresh_from_db()
    assert task.done_by == worker and task.done_at is not None
    with pytest.raises(ValidationError):
        casework.task_complete(actor=worker, task_id=task.pk)


def test_overdue_tasks_and_appointments():
    now = timezone.make_aware(dt.datetime(2024, 5, 10, 14, 0))
    today = now.date()

    def task(kind, on, at=None, done=None):
        return Task(kind=kind, due_on=on, due_time=at, done_at=done)

    assert selectors.is_overdue(task("taak", today - dt.timedelta(days=1)), now)
    assert not selectors.is_overdue(task("taak", today), now)  # due today: not yet late
    assert selectors.is_overdue(task("afspraak", today, dt.time(9, 0)), now)
    assert not selectors.is_overdue(task("afspraak", today, dt.time(15, 0)), now)
    assert not selectors.is_overdue(task("taak", today - dt.timedelta(days=3), done=now), now)


def test_my_agenda_lists_my_open_items_and_overdue_trajectories(worker, file):
    file.caseworker = worker
    file.save()
    today = timezone.localdate()
    late = casework.task_add(
        actor=worker, dossier_id=file.pk, kind="taak", description="Te laat",
        due_on=today - dt.timedelta(days=2),
    )  # fmt: skip
    done = casework.task_add(
        actor=worker, dossier_id=file.pk, kind="taak", description="Klaar", due_on=today
    )
    casework.task_complete(actor=worker, task_id=done.pk)
    colleague = user(Role.MAATSCHAPPELIJK_WERKER)
    casework.task_add(
        actor=worker, dossier_id=file.pk, kind="taak", description="Van een collega",
        due_on=today, assigned_to=colleague,
    )  # fmt: skip
    trajectory = casework.trajectory_start(
        actor=worker,
        dossier_id=file.pk,
        service="housing-first",
        start_date=today - dt.timedelta(days=100),
        planned_end_date=today - dt.timedelta(days=1),
    )
    agenda = selectors.my_agenda(worker)
    assert [t.pk for t in agenda.tasks] == [late.pk] and agenda.tasks[0].overdue
    assert agenda.overdue_trajectories == [trajectory]
    assert agenda.overdue_count == 2


# --- cancelling ----------------------------------------------------------------------------


def _grant(worker, file):
    decision = casework.decision_record(
        actor=worker,
        dossier_id=file.pk,
        service="leefloon",
        outcome="toekenning",
        motivation="Voldoet.",
        decided_on=D(2023, 2, 1),
    )
    intervention = casework.intervention_register(
        actor=worker,
        dossier_id=file.pk,
        service="leefloon",
        date=D(2023, 11, 1),
        amount=Decimal("1263.17"),
        person=file.household.memberships.first().person,
        decision=decision,
    )
    return decision, intervention


def test_cancel_needs_a_reason_keeps_the_record_and_is_audited(worker, file):
    _, intervention = _grant(worker, file)
    with pytest.raises(ValidationError) as exc:
        casework.intervention_cancel(actor=worker, intervention_id=intervention.pk, reason="")
    assert "cancel_reason" in exc.value.message_dict
    casework.intervention_cancel(
        actor=worker, intervention_id=intervention.pk, reason="Verkeerde persoon"
    )
    intervention.refresh_from_db()
    assert intervention.is_cancelled and intervention.cancelled_by == worker
    assert intervention.cancel_reason == "Verkeerde persoon"
    assert Intervention.objects.filter(pk=intervention.pk).exists()
    event = AuditEvent.objects.filter(
        object_type="casework.intervention", object_id=str(intervention.pk)
    ).last()
    assert event.detail == {"cancelled": True} and event.reason == "Verkeerde persoon"
    with pytest.raises(ValidationError):
        casework.intervention_cancel(actor=worker, intervention_id=intervention.pk, reason="Nog")


def test_a_decision_with_interventions_resting_on_it_is_cancelled_after_them(worker, file):
    decision, intervention = _grant(worker, file)
    with pytest.raises(ValidationError) as exc:
        casework.decision_cancel(actor=worker, decision_id=decision.pk, reason="Fout")
    assert "annuleer die eerst" in exc.value.message_dict["cancel_reason"][0]
    casework.intervention_cancel(actor=worker, intervention_id=intervention.pk, reason="Fout")
    casework.decision_cancel(actor=worker, decision_id=decision.pk, reason="Fout dossier")
    decision.refresh_from_db()
    assert decision.is_cancelled
    with pytest.raises(ValidationError) as exc:
        casework.intervention_register(
            actor=worker, dossier_id=file.pk, service="leefloon", date=D(2023, 12, 1),
            amount=Decimal(10), decision=decision,
        )  # fmt: skip
    assert "decision" in exc.value.message_dict
    with pytest.raises(ValidationError):
        casework.decision_hearing_record(
            actor=worker, decision_id=decision.pk, requested_on=D(2023, 3, 1)
        )


def test_only_an_editor_of_the_dossier_cancels(worker, file):
    _, intervention = _grant(worker, file)
    for other in (user(Role.ONTHAAL), user(Role.MAATSCHAPPELIJK_WERKER, "wb-rabot")):
        with pytest.raises(AccessDenied):
            casework.intervention_cancel(actor=other, intervention_id=intervention.pk, reason="x")


def test_contact_cancel_by_its_office(worker):
    desk = user(Role.ONTHAAL)
    from factories import office

    contact = casework.contact_register(
        actor=desk,
        office=office(),
        occurred_on=D(2023, 3, 1),
        channel="balie",
        reason="Vraag",
        outcome="informatie-en-advies",
    )
    with pytest.raises(AccessDenied):
        casework.contact_cancel(
            actor=user(Role.ONTHAAL, "wb-rabot"), contact_id=contact.pk, reason="x"
        )
    casework.contact_cancel(actor=desk, contact_id=contact.pk, reason="Dubbel ingegeven")
    contact.refresh_from_db()
    assert contact.is_cancelled


def test_the_database_refuses_a_cancellation_without_reason(worker, file):
    _, intervention = _grant(worker, file)
    with pytest.raises(IntegrityError), transaction.atomic():
        Intervention.objects.filter(pk=intervention.pk).update(cancelled_at=timezone.now())


def test_a_cancelled_intervention_is_not_counted_in_the_report(worker):
    ind = BY_CODE["huurwaarborg"]  # persons helped with their huurwaarborg
    member, partner = person(worker), person(worker)
    file = dossier(worker, household(worker, member, partner))
    kept, cancelled = [
        casework.intervention_register(
            actor=worker,
            dossier_id=file.pk,
            service="huurwaarborg",
            date=D(2023, month, 1),
            amount=Decimal(900),
            person=p,
        )
        for month, p in ((3, member), (4, partner))
    ]
    assert compute(2023, [ind])[ind.code].value == 2
    casework.intervention_cancel(actor=worker, intervention_id=cancelled.pk, reason="Fout")
    assert compute(2023, [ind])[ind.code].value == 1
    assert Intervention.objects.valid().get() == kept


def test_a_cancelled_leefloon_is_not_received_in_the_screening(worker, file):
    from welzijn.registry.models import Income
    from welzijn.rights.models import Finding
    from welzijn.rights.screening import rights_screen

    member = file.household.memberships.first().person
    Income.objects.create(
        person=member,
        category="pensioen",
        amount_gross_taxable=0,
        amount_net=0,
        per="jaar",
        start_date=D(2023, 1, 1),
        source="attest",
    )
    _, intervention = _grant(worker, file)
    on = D(2023, 12, 1)
    rights_screen(on=on, grant=False)
    finding = Finding.objects.get(right="leefloon", person=member, reference_date=on)
    assert finding.outcome == "ontvangt"
    casework.intervention_cancel(actor=worker, intervention_id=intervention.pk, reason="Fout")
    rights_screen(on=on, grant=False)
    finding = Finding.objects.filter(right="leefloon", person=member, reference_date=on).last()
    assert finding.outcome != "ontvangt"
