"""A retention run removes exactly what is due, a dry run nothing, and the log says kind and
count only."""

import datetime as dt
import json
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone
from factories import dossier, household, person, user

from welzijn.casework.models import CaseNote, Dossier
from welzijn.core.audit import audit_verify
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.meldingen import services as meldingen
from welzijn.meldingen.models import Melding
from welzijn.registry.models import Person
from welzijn.retention.run import retention_run

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 2)


def _closed(hh, closed_on):
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    file = dossier(worker, hh, opened=dt.date(2010, 1, 4))
    Dossier.objects.filter(pk=file.pk).update(status="gesloten", closed_on=closed_on)
    CaseNote.objects.create(
        dossier=file,
        noted_on=closed_on,
        written_at=timezone.now(),
        author=worker,
        text="Geheime notitie",
    )
    return file


def _cancelled_melding(changed_at):
    warden = user(Role.GEMEENSCHAPSWACHT, "team-gemeenschapswachten")
    cleaner = user(Role.MELDINGEN_BEHANDELAAR, "team-netheid")
    melding = meldingen.melding_create(
        actor=warden,
        category="sluikstorten",
        description="Zakken naast de glasbol",
        reporter_kind="burger",
        reporter_name="Jan Melder",
        street="Bevrijdingslaan",
        postcode="9000",
    )
    meldingen.melding_transition(
        actor=cleaner, melding_id=melding.pk, to="geannuleerd", note="Dubbel"
    )
    Melding.objects.filter(pk=melding.pk).update(status_changed_at=changed_at)
    return melding


@pytest.fixture
def world():
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    old, recent, reopened = (
        person(worker, last_name=name, born=dt.date(1970, 1, n))
        for n, name in ((1, "Oudgesloten"), (2, "Recentgesloten"), (3, "Heropend"))
    )
    files = {
        "old": _closed(household(worker, old, name="Gezin Oud"), dt.date(2014, 6, 30)),
        "recent": _closed(household(worker, recent, name="Gezin Recent"), dt.date(2020, 3, 1)),
    }
    hh = household(worker, reopened, name="Gezin Heropend")
    _closed(hh, dt.date(2012, 1, 1))
    dossier(worker, hh, office_code="wb-brugse-poort")  # open again: nothing of it is due
    aware = timezone.make_aware
    melding_old = _cancelled_melding(aware(dt.datetime(2025, 6, 1, 10)))
    melding_new = _cancelled_melding(aware(dt.datetime(2026, 6, 1, 10)))
    return {
        "people": (old, recent, reopened),
        "files": files,
        "meldingen": (melding_old, melding_new),
    }


def _state():
    return (
        sorted(Person.objects.values_list("last_name", "insz")),
        CaseNote.objects.count(),
        Melding.objects.count(),
    )


def test_a_dry_run_lists_kind_and_count_and_changes_nothing(world, capsys):
    before = _state()
    call_command("retention_run", "--dry-run", "--today", TODAY.isoformat())
    out = capsys.readouterr().out
    assert _state() == before
    assert "registry.person (Identiteit na afgesloten dossiers, " in out
    assert "meldingen.melding (Geannuleerde meldingen, verwijderen): 1" in out
    assert "casework.casenote (Dossiernotities van afgesloten dossiers, verwijderen): 1" in out
    assert "Oudgesloten" not in out
    event = AuditEvent.objects.get(action="retention_dry_run")
    assert event.detail["counts"]["persoon-wissen"] == 1


def test_a_run_removes_exactly_what_is_due(world):
    old, recent, reopened = world["people"]
    retention_run(today=TODAY)
    erased = Person.objects.get(pk=old.pk)
    assert (erased.first_name, erased.last_name, erased.insz) == ("(gewist)", "(gewist)", None)
    assert erased.birth_date == old.birth_date  # the report's ages stay
    for kept in (recent, reopened):
        assert Person.objects.get(pk=kept.pk).last_name == kept.last_name
    assert list(
        CaseNote.objects.values_list("dossier__household__name", flat=True).order_by(
            "dossier__household__name"
        )
    ) == ["Gezin Heropend", "Gezin Recent"]
    assert Dossier.objects.filter(pk=world["files"]["old"].pk).exists()  # erased, not deleted
    old_melding, new_melding = world["meldingen"]
    assert not Melding.objects.filter(pk=old_melding.pk).exists()
    assert Melding.objects.filter(pk=new_melding.pk).exists()
    # a second run on the same day finds nothing more
    assert sum(o.count for o in retention_run(today=TODAY)) == 0
    assert audit_verify() is None


def test_the_log_says_kind_and_count_never_what(world):
    old, _, _ = world["people"]
    retention_run(today=TODAY, batch_size=1)
    events = list(AuditEvent.objects.filter(action="retention"))
    per_rule: Counter = Counter()
    for event in events:
        assert event.object_id == ""
        assert set(event.detail) <= {"rule", "action", "count", "cascaded"}
        per_rule[event.detail["rule"]] += event.detail["count"]
    assert per_rule["persoon-wissen"] == 1 and per_rule["melding-geannuleerd"] == 1
    text = json.dumps([e.detail for e in events])
    for secret in (old.last_name, old.insz, "Jan Melder", str(old.pk)):
        assert secret not in text.replace('"count": 1', "")
    summary = AuditEvent.objects.get(action="retention_run")
    assert set(summary.detail) == {"today", "counts"}
