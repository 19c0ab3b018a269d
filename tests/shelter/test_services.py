"""The shelter's rules: one bed a night, a full facility refuses unless overbooked, stays and
their destinations, the waiting list; every refusal leaves nothing written."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from factories import dossier, household, person, user

from welzijn.core.access import AccessDenied
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.shelter import selectors, services
from welzijn.shelter.models import (
    CapacityPeriod,
    Facility,
    PitCount,
    Refusal,
    Stay,
    WaitingEntry,
)

pytestmark = pytest.mark.django_db
D = dt.date
NIGHT = D(2023, 11, 14)


@pytest.fixture
def staff():
    return user(Role.OPVANG, "team-opvang")


@pytest.fixture
def shelter():
    return Facility.objects.get(code="nachtopvang")


@pytest.fixture
def small_shelter(shelter):
    """The night shelter with 2 beds on the test's night."""
    shelter.capacity_periods.all().delete()
    CapacityPeriod.objects.create(facility=shelter, place_kind="bed", places=2, start_date=NIGHT)
    return shelter


def _check_in(staff, facility, guest, night=NIGHT, **kw):
    return services.stay_check_in(
        actor=staff, facility_id=facility.pk, person_id=guest.pk, entry_date=night, **kw
    )


def test_reference_data_has_ghents_facilities_with_places_over_time():
    assert Facility.objects.count() == 14
    herstel = Facility.objects.get(code="herstelbedden").capacity_periods.get()
    assert (herstel.places, herstel.start_date) == (5, D(2023, 6, 1))
    nooddorp = Facility.objects.get(code="nooddorp").capacity_periods.order_by("start_date")
    assert [(p.places, p.start_date) for p in nooddorp][-1] == (400, D(2024, 4, 1))


def test_a_night_at_the_night_shelter_is_a_stay_of_one_night(staff, shelter):
    stay = _check_in(staff, shelter, person(staff))
    assert stay.exit_date == NIGHT + dt.timedelta(days=1)
    assert AuditEvent.objects.filter(action="create", object_id=str(stay.pk)).exists()


def test_nobody_sleeps_in_two_night_shelters_on_one_night(staff, shelter):
    guest = person(staff)
    _check_in(staff, shelter, guest)
    before = (Stay.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as refused:
        _check_in(staff, shelter, guest)
    assert "al in een nachtopvang" in str(refused.value.message_dict["person"])
    assert (Stay.objects.count(), AuditEvent.objects.count()) == before
    # the next night is fine
    _check_in(staff, shelter, guest, night=NIGHT + dt.timedelta(days=1))


def test_nobody_is_in_two_24_hour_stays_at_once(staff):
    o_o = Facility.objects.get(code="soi")
    reno = Facility.objects.get(code="reno")
    guest = person(staff)
    _check_in(staff, o_o, guest)
    with pytest.raises(ValidationError, match="24/24u-verblijf"):
        _check_in(staff, reno, guest, night=NIGHT + dt.timedelta(days=30))


def test_a_full_shelter_refuses_unless_overbooked_and_counts_it(staff, small_shelter):
    for _ in range(2):
        _check_in(staff, small_shelter, person(staff))
    third = person(staff)
    before = (Stay.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as refused:
        _check_in(staff, small_shelter, third)
    assert "vol op 14/11/2023: 2 van 2" in str(refused.value.message_dict["overbooking"])
    assert (Stay.objects.count(), AuditEvent.objects.count()) == before
    stay = _check_in(staff, small_shelter, third, overbooking=True)
    assert stay.overbooking
    row = selectors.board(user=staff, night=NIGHT)
    night_row = next(r for r in row if r.facility == small_shelter)
    assert (night_row.capacity, night_row.occupied, night_row.free) == (2, 3, 0)


def test_overbooking_is_only_counted_when_the_shelter_was_full(staff, small_shelter):
    stay = _check_in(staff, small_shelter, person(staff), overbooking=True)
    assert not stay.overbooking


def test_a_refusal_is_counted_per_night(staff, small_shelter):
    services.refusal_register(actor=staff, facility_id=small_shelter.pk, night=NIGHT)
    row = next(r for r in selectors.board(user=staff, night=NIGHT) if r.facility == small_shelter)
    assert row.refused == 1 and Refusal.objects.count() == 1


def test_check_out_with_a_destination(staff):
    leeg = Facility.objects.get(code="leegstand")
    guest = person(staff)
    stay = _check_in(staff, leeg, guest)
    services.stay_check_out(
        actor=staff, stay_id=stay.pk, exit_date=D(2023, 12, 1), destination="sociale-huurwoning"
    )
    stay.refresh_from_db()
    assert stay.exit_destination.durable and stay.exit_date == D(2023, 12, 1)
    with pytest.raises(ValidationError, match="al afgesloten"):
        services.stay_check_out(
            actor=staff, stay_id=stay.pk, exit_date=D(2023, 12, 2), destination="straat"
        )


def test_check_out_before_entry_is_refused(staff):
    stay = _check_in(staff, Facility.objects.get(code="soi"), person(staff))
    with pytest.raises(ValidationError) as refused:
        services.stay_check_out(actor=staff, stay_id=stay.pk, exit_date=NIGHT, destination="straat")
    assert "exit_date" in refused.value.message_dict


def test_staff_of_another_team_cannot_check_in(shelter):
    other = user(Role.OPVANG, "team-cel-oekraine")
    with pytest.raises(AccessDenied):
        _check_in(other, shelter, person(other))
    assert Stay.objects.count() == 0


def test_waiting_list_entry_is_placed_at_check_in(staff):
    soi = Facility.objects.get(code="soi")
    guest = person(staff)
    entry = services.waiting_add(
        actor=staff, facility_id=soi.pk, person_id=guest.pk, registered_on=D(2023, 11, 1),
        priority=1,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="al op de wachtlijst"):
        services.waiting_add(
            actor=staff, facility_id=soi.pk, person_id=guest.pk, registered_on=D(2023, 11, 2)
        )
    _check_in(staff, soi, guest)
    entry.refresh_from_db()
    assert (entry.status, entry.closed_on) == ("opgenomen", NIGHT)
    with pytest.raises(ValidationError):
        services.waiting_close(actor=staff, entry_id=entry.pk, to="ingetrokken", on=NIGHT)
    assert WaitingEntry.objects.get().status == "opgenomen"


def test_a_caseworker_sees_the_stays_of_the_households_they_follow(staff, shelter):
    mw = user(Role.MAATSCHAPPELIJK_WERKER, "wb-brugse-poort")
    followed, stranger = person(mw), person(mw)
    dossier(mw, household(mw, followed))
    household(mw, stranger)
    _check_in(staff, shelter, followed)
    _check_in(staff, shelter, stranger)
    _, seen = selectors.person_stays(user=mw, person_id=followed.pk)
    assert len(seen) == 1
    _, unseen = selectors.person_stays(user=mw, person_id=stranger.pk)
    assert unseen == []
    rabot = user(Role.MAATSCHAPPELIJK_WERKER, "wb-rabot")
    assert selectors.person_stays(user=rabot, person_id=followed.pk)[1] == []


def test_a_beheerder_changes_the_places_in_the_admin_and_it_is_audited(client):
    from factories import login_with_second_step

    beheerder = user(Role.BEHEERDER, None)
    beheerder.is_staff = True
    beheerder.save()
    from welzijn.core.roles_setup import roles_setup

    roles_setup()
    login_with_second_step(client, beheerder)
    shelter = Facility.objects.get(code="nachtopvang")
    period = shelter.capacity_periods.get()
    prefix = "capacity_periods"
    data = {
        "code": shelter.code, "name": shelter.name, "kind": shelter.kind,
        "service": shelter.service_id, "operator": shelter.operator_id,
        "office": shelter.office_id, "partners": [p.pk for p in shelter.partners.all()],
        f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-INITIAL_FORMS": "1",
        f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000",
        f"{prefix}-0-id": period.pk, f"{prefix}-0-facility": shelter.pk,
        f"{prefix}-0-place_kind": "bed", f"{prefix}-0-places": "45",
        f"{prefix}-0-start_date": "2020-01-01", f"{prefix}-0-source": "telling ter plaatse",
    }  # fmt: skip
    response = client.post(f"/admin/shelter/facility/{shelter.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    period.refresh_from_db()
    assert period.places == 45
    assert AuditEvent.objects.filter(
        action="update", object_type="shelter.capacityperiod", object_id=str(period.pk)
    ).exists()


PIT_FORM = {"ethos": "1-openbare-ruimte", "age_group": "26-49", "sex": "M", "slept": "straat"}


def test_a_count_is_opened_filled_in_closed_and_published_in_that_order(staff):
    count = services.pit_count_open(
        actor=staff, date=D(2025, 10, 23), name="Telling 2025", dedup_fields=["initials", "sex"]
    )
    assert count.state == "open" and count.key_fields == ["initials", "sex"]
    with pytest.raises(ValidationError, match="sluit eerst de invoer"):
        services.pit_count_publish(actor=staff, count_id=count.pk, on=D(2025, 11, 1))
    services.pit_record_add(actor=staff, count_id=count.pk, **PIT_FORM)
    services.pit_count_close(actor=staff, count_id=count.pk)
    with pytest.raises(AccessDenied):  # no form once closed
        services.pit_record_add(actor=staff, count_id=count.pk, **PIT_FORM)
    with pytest.raises(ValidationError, match="op of na de dag van de telling"):
        services.pit_count_publish(actor=staff, count_id=count.pk, on=D(2025, 10, 1))
    services.pit_count_publish(actor=staff, count_id=count.pk, on=D(2025, 11, 1))
    count.refresh_from_db()
    assert count.state == "gepubliceerd" and count.published_on == D(2025, 11, 1)
    actions = AuditEvent.objects.filter(object_type="shelter.pitcount", object_id=str(count.pk))
    assert actions.count() == 3  # opened, closed, published


def test_opening_a_count_twice_on_a_date_or_by_another_role_is_refused(staff):
    before = PitCount.objects.count()
    with pytest.raises(ValidationError, match="Er is al een telling op 20/10/2023"):
        services.pit_count_open(
            actor=staff, date=D(2023, 10, 20), name="Nog eens", dedup_fields=["sex"]
        )
    with pytest.raises(AccessDenied):
        services.pit_count_open(
            actor=user(Role.PARTNER, "team-opvang"), date=D(2025, 1, 1), name="X",
            dedup_fields=["sex"],
        )  # fmt: skip
    with pytest.raises(ValidationError, match="Kies de sleutel"):
        services.pit_count_open(actor=staff, date=D(2025, 1, 1), name="X", dedup_fields=[])
    assert PitCount.objects.count() == before
