"""Meldingen: routing and service level, states through the transition map, the reporter
informed, the administrative report's number, conflicts, access and audit."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factories import user

from welzijn.casework.models import Office, StaffAssignment
from welzijn.core.access import AccessDenied
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.meldingen import selectors, services, sla
from welzijn.meldingen.access import meldingen_visible_to
from welzijn.meldingen.models import Category, Conflict, Melding, MeldingEvent, MeldingPhoto
from welzijn.meldingen.selectors import Cursor, Filters

pytestmark = pytest.mark.django_db
D = dt.date
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


@pytest.fixture
def warden():
    return user(Role.GEMEENSCHAPSWACHT, "team-gemeenschapswachten")


@pytest.fixture
def cleaner():
    return user(Role.MELDINGEN_BEHANDELAAR, "team-netheid")


@pytest.fixture
def preventie():
    return user(Role.PREVENTIE, "team-preventie")


def _flytipping(actor, **kwargs):
    values = {
        "category": "sluikstorten",
        "description": "Zakken huisvuil naast de glasbol",
        "reporter_kind": "gemeenschapswacht",
        "street": "Bevrijdingslaan",
        "house_number": "12",
        "postcode": "9000",
    }
    return services.melding_create(actor=actor, **(values | kwargs))


def test_working_days_skip_weekends_and_belgian_holidays():
    assert sla.easter(2023) == D(2023, 4, 9) and sla.easter(2024) == D(2024, 3, 31)
    # Friday 7 April 2023 + 2 working days: Monday 10 April is Paasmaandag.
    assert sla.due_date(D(2023, 4, 7), 2, calendar_days=False) == D(2023, 4, 12)
    assert sla.due_date(D(2023, 4, 7), 2, calendar_days=True) == D(2023, 4, 9)
    assert sla.due_date(D(2023, 7, 20), 1, calendar_days=False) == D(2023, 7, 24)  # 21 juli


def test_a_warden_registers_and_it_is_routed_with_its_service_level(warden):
    melding = _flytipping(warden, photo=SimpleUploadedFile("foto.png", PNG))
    category = Category.objects.get(code="sluikstorten")
    assert melding.team.code == "team-netheid" == category.team.code
    assert melding.wijk.code == "brugse-poort-rooigem"  # from the street list
    assert melding.reporting_office.code == "team-gemeenschapswachten"
    day = timezone.localdate()
    assert melding.due_on == sla.due_date(day, 2, calendar_days=False)
    assert melding.status == "gemeld" and melding.events.get().status_to == "gemeld"
    assert MeldingPhoto.objects.filter(melding=melding).count() == 1
    assert AuditEvent.objects.filter(object_type="meldingen.melding", action="create").exists()


def test_coordinates_give_the_nearest_wijk(warden):
    melding = _flytipping(
        warden, street="", postcode="", latitude=Decimal("51.0885"), longitude=Decimal("3.7195")
    )
    assert melding.wijk.code == "wondelgem"


def test_refusals_name_the_field_and_write_nothing(warden):
    before = (Melding.objects.count(), AuditEvent.objects.count())
    for kwargs, field in (
        ({"category": "vervuiling"}, "category"),  # a main category
        ({"street": "", "postcode": ""}, "street"),
        ({"street": "Onbestaandestraat", "postcode": "9000"}, "wijk"),
        ({"postcode": "1000"}, "postcode"),
        (
            {
                "street": "",
                "postcode": "",
                "latitude": Decimal("50.85"),
                "longitude": Decimal("4.35"),
            },
            "latitude",
        ),
        ({"photo": SimpleUploadedFile("brief.pdf", b"%PDF-1.7\n")}, "photo"),
    ):
        with pytest.raises(ValidationError) as refused:
            _flytipping(warden, **kwargs)
        assert field in refused.value.error_dict, (kwargs, refused.value)
    assert (Melding.objects.count(), AuditEvent.objects.count()) == before


def test_the_reporting_team_is_one_of_the_actors_a_field_error_otherwise(warden):
    StaffAssignment.objects.create(user=warden, office=Office.objects.get(code="team-preventie"))
    before = (Melding.objects.count(), AuditEvent.objects.count())
    for office in (None, Office.objects.get(code="team-netheid")):  # which of two; not theirs
        with pytest.raises(ValidationError) as refused:
            _flytipping(warden, office=office)
        assert list(refused.value.error_dict) == ["office"], refused.value
    assert (Melding.objects.count(), AuditEvent.objects.count()) == before
    chosen = _flytipping(warden, office=Office.objects.get(code="team-preventie"))
    assert chosen.reporting_office.code == "team-preventie"


def test_a_caseworker_registers_no_melding():
    with pytest.raises(AccessDenied):
        _flytipping(user(Role.MAATSCHAPPELIJK_WERKER))


def test_the_cleaning_team_handles_it_and_the_reporter_is_told(warden, cleaner):
    melding = _flytipping(
        warden, reporter_kind="burger", reporter_name="Els Buur", reporter_email="els@example.be"
    )
    services.melding_transition(actor=cleaner, melding_id=melding.pk, to="in behandeling")
    with pytest.raises(ValidationError) as refused:
        services.melding_transition(actor=cleaner, melding_id=melding.pk, to="afgehandeld")
    assert "note" in refused.value.error_dict
    with pytest.raises(ValidationError):  # not in the map
        services.melding_transition(actor=cleaner, melding_id=melding.pk, to="heropend", note="x")
    with pytest.raises(AccessDenied):  # the warden is not the handling team
        services.melding_transition(actor=warden, melding_id=melding.pk, to="afgehandeld", note="x")
    with django_capture_on_commit():
        services.melding_transition(
            actor=cleaner, melding_id=melding.pk, to="afgehandeld", note="Opgeruimd op 3/3."
        )
    melding.refresh_from_db()
    assert melding.status == "afgehandeld" and melding.closed_at is not None
    assert [e.status_to for e in melding.events.all()] == [
        "gemeld",
        "in behandeling",
        "afgehandeld",
    ]
    assert len(mail.outbox) == 1 and "Opgeruimd op 3/3." in mail.outbox[0].body
    assert mail.outbox[0].to == ["els@example.be"]
    assert melding.notifications.get().sent_at is not None
    reopened = services.melding_transition(actor=cleaner, melding_id=melding.pk, to="heropend")
    assert reopened.closed_at is None


def django_capture_on_commit():
    """Run on_commit callbacks of the (test) transaction at once."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_forwarding_moves_the_melding_to_another_team(warden, cleaner):
    melding = _flytipping(warden)
    herstel = Office.objects.get(code="team-herstel")
    with pytest.raises(ValidationError) as refused:
        services.melding_transition(
            actor=cleaner, melding_id=melding.pk, to="doorgestuurd", note="x"
        )
    assert "team" in refused.value.error_dict
    services.melding_transition(
        actor=cleaner, melding_id=melding.pk, to="doorgestuurd", note="Kapotte bank", team=herstel
    )
    melding.refresh_from_db()
    assert melding.team == herstel
    assert not meldingen_visible_to(cleaner).filter(pk=melding.pk).exists()
    assert meldingen_visible_to(warden).filter(pk=melding.pk).exists()


def test_administrative_report_numbers_follow_each_other(warden):
    first = _flytipping(warden, administrative_report=True)
    second = _flytipping(warden)
    services.melding_report_add(actor=warden, melding_id=second.pk, on=timezone.localdate())
    second.refresh_from_db()
    year = timezone.localdate().year
    assert first.report_number == f"BV-{year}-00001"
    assert second.report_number == f"BV-{year}-00002"
    with pytest.raises(ValidationError):
        services.melding_report_add(actor=warden, melding_id=second.pk, on=timezone.localdate())


def test_a_warden_sees_own_and_team_meldingen_but_not_the_reporters_data(warden, cleaner):
    colleague = user(Role.GEMEENSCHAPSWACHT, "team-gemeenschapswachten")
    outsider = user(Role.GEMEENSCHAPSWACHT, "team-preventie")
    melding = _flytipping(colleague, reporter_kind="burger", reporter_name="Els Buur")
    seen = selectors.melding_get(user=warden, melding_id=melding.pk)
    assert not seen.sees_reporter and not seen.may_edit
    assert selectors.melding_get(user=cleaner, melding_id=melding.pk).sees_reporter
    with pytest.raises(AccessDenied):
        selectors.melding_get(user=outsider, melding_id=melding.pk)
    with pytest.raises(AccessDenied):
        selectors.melding_get(user=user(Role.ANALIST, None), melding_id=melding.pk)
    assert AuditEvent.objects.filter(object_id=str(melding.pk), action="view").count() == 2


def test_the_team_list_filters_and_flags_overdue(warden, cleaner):
    late = _flytipping(warden, reported_at=timezone.now() - dt.timedelta(days=20))
    fresh = _flytipping(warden, category="graffiti")
    today = timezone.localdate()
    page = selectors.meldingen_list(user=cleaner, filters=Filters(overdue=True), today=today)
    assert [m.pk for m in page.rows] == [late.pk] and late.is_overdue(today)
    graffiti = Category.objects.get(code="graffiti")
    page = selectors.meldingen_list(
        user=cleaner, filters=Filters(category=graffiti.pk), today=today
    )
    assert [m.pk for m in page.rows] == [fresh.pk]
    main = Category.objects.get(code="vervuiling")
    page = selectors.meldingen_list(user=cleaner, filters=Filters(category=main.pk), today=today)
    assert page.total == 2
    per_wijk = {
        r["wijk"].code: r
        for r in selectors.open_per_wijk(user=cleaner, filters=Filters(), today=today)
    }
    assert per_wijk["brugse-poort-rooigem"]["open"] == 2
    assert per_wijk["brugse-poort-rooigem"]["overdue"] == 1


def test_a_conflict_is_taken_up_and_closed_with_the_question(preventie, warden):
    melding = services.melding_create(
        actor=preventie,
        category="geluidsoverlast",
        description="Luide muziek 's nachts",
        reporter_kind="burger",
        street="Bevrijdingslaan",
        postcode="9000",
    )
    with pytest.raises(AccessDenied):  # fly-tipping is the cleaning team's, not a conflict
        services.conflict_start(
            actor=preventie,
            melding_id=_flytipping(warden).pk,
            approach="advies",
            started_on=timezone.localdate(),
        )
    conflict = services.conflict_start(
        actor=preventie,
        melding_id=melding.pk,
        approach="bemiddeling",
        started_on=timezone.localdate(),
        parties=[
            {"role": "melder", "name": "Els Buur"},
            {"role": "andere partij", "name": "Jan Luid"},
        ],
    )
    melding.refresh_from_db()
    assert melding.status == "in behandeling" and conflict.parties.count() == 2
    with pytest.raises(ValidationError) as refused:
        services.melding_transition(
            actor=preventie, melding_id=melding.pk, to="afgehandeld", note="x"
        )
    assert "conflicttraject" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        services.conflict_close(
            actor=preventie,
            conflict_id=conflict.pk,
            ended_on=timezone.localdate(),
            helped="",
            note="x",
        )
    assert "helped" in refused.value.error_dict
    services.conflict_close(
        actor=preventie,
        conflict_id=conflict.pk,
        ended_on=timezone.localdate(),
        helped="ja",
        note="Afspraken gemaakt.",
    )
    conflict.refresh_from_db()
    melding.refresh_from_db()
    assert conflict.status == "afgesloten" and melding.status == "afgehandeld"
    with pytest.raises(AccessDenied):
        selectors.conflict_get(user=warden, conflict_id=conflict.pk)
    assert (
        Conflict.objects.count() == 1 and MeldingEvent.objects.filter(melding=melding).count() == 3
    )


def test_the_category_tree_has_two_levels_and_subcategories_route():
    sluik = Category.objects.get(code="sluikstorten")
    third = Category(code="matras", name="Matras", parent=sluik, team=sluik.team, sla_days=2)
    with pytest.raises(ValidationError) as refused:
        third.full_clean()
    assert "parent" in refused.value.error_dict
    main = Category.objects.get(code="vervuiling")
    main.parent = Category.objects.get(code="defect")
    with pytest.raises(ValidationError):  # a main category with subcategories stays one
        main.full_clean()
    unrouted = Category(code="nieuw", name="Nieuw", parent=Category.objects.get(code="defect"))
    with pytest.raises(ValidationError):
        unrouted.full_clean()


def test_a_beheerder_changes_a_service_level_in_the_admin_audited(client):
    from factories import login_with_second_step

    beheerder = user(Role.BEHEERDER, None)
    beheerder.is_staff = True
    beheerder.save()
    login_with_second_step(client, beheerder)
    graffiti = Category.objects.get(code="graffiti")
    response = client.get(f"/admin/meldingen/category/{graffiti.pk}/change/")
    assert response.status_code == 200
    assert client.get("/admin/meldingen/melding/").status_code == 200
    assert AuditEvent.objects.filter(action="list", object_type="meldingen.melding").exists()


def test_the_list_pages_on_by_cursor_without_gaps_and_caps_its_count(warden, cleaner, monkeypatch):
    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)
    monkeypatch.setattr(selectors, "COUNT_CAP", 3)
    now = timezone.now()
    made = [_flytipping(warden, reported_at=now - dt.timedelta(hours=h)) for h in range(5)]
    today = timezone.localdate()
    first = selectors.meldingen_list(user=cleaner, filters=Filters(), today=today)
    assert first.more_than_cap and not first.newer
    seen, page = [], first
    while True:
        seen += [m.pk for m in page.rows]
        if not page.older:
            break
        page = selectors.meldingen_list(
            user=cleaner, filters=Filters(), today=today, after=Cursor.parse(page.older)
        )
    assert seen == [m.pk for m in made]  # newest first, each once
    back = selectors.meldingen_list(
        user=cleaner, filters=Filters(), today=today, before=Cursor.parse(page.newer)
    )
    assert [m.pk for m in back.rows] == [made[2].pk, made[3].pk]
    top = selectors.meldingen_list(
        user=cleaner, filters=Filters(), today=today, before=Cursor.parse(back.newer)
    )
    assert [m.pk for m in top.rows] == [made[0].pk, made[1].pk] and not top.newer
    assert Cursor.parse("1700000000000000-5; drop") is None
    assert (
        selectors.meldingen_list(user=cleaner, filters=Filters(mine="gemeld"), today=today).total
        == 0
    )
    assert selectors.meldingen_list(user=warden, filters=Filters(), today=today).total == 4
