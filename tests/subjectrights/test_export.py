"""Subject access: a person's export holds their records and their household's, nothing of
another member's own, and who read them; only the DPO exports, and the export is audited."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from factories import dossier, household, person, user

from welzijn.casework import services as casework
from welzijn.core.access import AccessDenied
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.registry import services as registry
from welzijn.registry.selectors import person_get
from welzijn.subjectrights.services import EXPORT_REASON, subject_export

pytestmark = pytest.mark.django_db
D = dt.date


def _income(actor, somebody, amount):
    return registry.income_register(
        actor=actor,
        person_id=somebody.pk,
        category="beroepsinkomen",
        amount_net=Decimal(amount),
        per="maand",
        start_date=D(2023, 7, 1),
        source="loonfiche",
    )


@pytest.fixture
def world():
    """Anna and her partner Bert in one household with one dossier: records of Anna, of
    Bert, and of the household as a whole."""
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    anna = person(worker, first_name="Anna", last_name="Smet")
    bert = person(worker, first_name="Bert", last_name="Peeters")
    home = household(worker, anna, bert)
    file = dossier(worker, home)
    own = {
        "income": _income(worker, anna, "1100.00"),
        "intervention": casework.intervention_register(
            actor=worker,
            dossier_id=file.pk,
            service="huurwaarborg",
            date=D(2023, 5, 1),
            amount=Decimal("500"),
            person=anna,
        ),
        "contact": casework.contact_register(
            actor=worker,
            office=file.office,
            occurred_on=D(2023, 3, 1),
            channel="balie",
            reason="Huur",
            outcome="geen-vervolgtraject",
            person=anna,
        ),
    }
    shared = {
        "household": home,
        "dossier": file,
        "intervention": casework.intervention_register(
            actor=worker,
            dossier_id=file.pk,
            service="huurwaarborg",
            date=D(2023, 6, 1),
            amount=Decimal("500"),
        ),
        "note": casework.note_add(
            actor=worker, dossier_id=file.pk, text="Huisbezoek", noted_on=D(2023, 6, 2)
        ),
        "task": casework.task_add(
            actor=worker,
            dossier_id=file.pk,
            kind="taak",
            description="Attest",
            due_on=D(2023, 7, 1),
        ),
    }
    others = {
        "income": _income(worker, bert, "2200.00"),
        "intervention": casework.intervention_register(
            actor=worker,
            dossier_id=file.pk,
            service="huurwaarborg",
            date=D(2023, 5, 2),
            amount=Decimal("500"),
            person=bert,
        ),
        "contact": casework.contact_register(
            actor=worker,
            office=file.office,
            occurred_on=D(2023, 3, 2),
            channel="balie",
            reason="Werk",
            outcome="geen-vervolgtraject",
            person=bert,
        ),
        "membership": bert.memberships.get(),
        "person": bert,
    }
    return worker, anna, bert, own, shared, others


def _key(obj):
    return (obj._meta.label_lower, obj.pk)


def test_the_export_holds_the_persons_and_the_households_records_and_no_one_elses(world):
    _worker, anna, bert, own, shared, others = world
    dpo = user(Role.DPO, None)
    data = subject_export(actor=dpo, person_id=anna.pk)
    keys = data.record_keys()
    expected = {_key(o) for o in own.values()} | {_key(o) for o in shared.values()}
    expected |= {_key(anna), _key(anna.memberships.get())}
    assert expected <= keys
    assert not keys & {_key(o) for o in others.values()}
    text = json.dumps(data.as_json(), default=str)
    assert "Bert" not in text and bert.insz not in text and "2200.00" not in text
    assert "Anna" in text and "1100.00" in text


def test_the_export_lists_who_read_the_persons_data(world):
    _worker, anna, bert, *_ = world
    colleague = user(Role.ONTHAAL, name="olivia")
    person_get(user=colleague, person_id=anna.pk, reason="persoonsfiche")
    person_get(user=colleague, person_id=bert.pk, reason="persoonsfiche")
    data = subject_export(actor=user(Role.DPO, None), person_id=anna.pk)
    readers = [(r.who, r.object_id) for r in data.reads if r.action == "ingekeken"]
    assert ("olivia", str(anna.pk)) in readers
    assert ("olivia", str(bert.pk)) not in readers


def test_only_the_dpo_exports_and_the_export_is_audited(world):
    _worker, anna, *_ = world
    for role in (Role.MAATSCHAPPELIJK_WERKER, Role.BEHEERDER, Role.TEAMCOACH):
        with pytest.raises(AccessDenied):
            subject_export(actor=user(role), person_id=anna.pk)
    exports = AuditEvent.objects.filter(reason=EXPORT_REASON)
    assert not exports.exists()
    dpo = user(Role.DPO, None, name="dana")
    data = subject_export(actor=dpo, person_id=anna.pk)
    event = exports.get()
    assert (event.actor_username, event.object_type, event.object_id) == (
        "dana",
        "registry.person",
        str(anna.pk),
    )
    assert event.detail["records"]["registry.income"] == 1
    assert sum(event.detail["records"].values()) == len(data.record_keys())


def test_the_command_writes_a_pdf_and_json_in_the_dpos_name(world, tmp_path):
    worker, anna, *_ = world
    user(Role.DPO, None, name="dpo")
    call_command("subject_export", "--person", str(anna.pk), "--out", str(tmp_path / "anna"))
    assert (tmp_path / "anna.pdf").read_bytes().startswith(b"%PDF")
    exported = json.loads((tmp_path / "anna.json").read_text(encoding="utf-8"))
    assert exported["persoon"]["id"] == anna.pk
    assert AuditEvent.objects.filter(reason=EXPORT_REASON, actor_username="dpo").count() == 1
    with pytest.raises(CommandError, match="--person"):
        call_command("subject_export", "--person", "999999", "--out", str(tmp_path / "x"))
    with pytest.raises(CommandError, match="--as"):
        call_command(
            "subject_export",
            "--person",
            str(anna.pk),
            "--out",
            str(tmp_path / "y"),
            "--as",
            worker.username,
        )
