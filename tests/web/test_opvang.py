"""The shelter worker's pages: tonight's board, check-in (and a full shelter refusing),
check-out to a destination, the waiting list, a person's stays, the count's form and CSV."""

import datetime as dt

import pytest
from django.urls import reverse
from factories import person, user

from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.registry.models import Organisation, OrganisationAccount
from welzijn.shelter.models import (
    CapacityPeriod,
    Facility,
    PitCount,
    PitCountRecord,
    Refusal,
    Stay,
)
from welzijn.web.forms.common import today

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    account = user(Role.OPVANG, "team-opvang")
    client.force_login(account)
    return account


def _board_row(client, facility):
    body = client.get(reverse("web:opvang_board")).content.decode()
    row = body.split(f'id="voorziening-{facility.pk}"')[1].split("</tr>")[0]
    return {
        name: int(row.split(f'data-figure="{name}">')[1].split("<")[0].strip().split(">")[-1])
        for name in ("capaciteit", "bezet", "vrij")
    }


def test_home_sends_the_shelter_worker_to_tonights_board(client, staff):
    response = client.get(reverse("web:home"))
    assert response.status_code == 302 and response["Location"] == reverse("web:opvang_board")


def test_check_in_tonight_and_the_board_updates(client, staff):
    shelter = Facility.objects.get(code="nachtopvang")
    guest = person(staff, last_name="Gastnaam")
    before = _board_row(client, shelter)
    url = reverse("web:opvang_check_in", args=[shelter.pk])
    page = client.get(url, {"person_id": guest.pk})
    assert "Gastnaam" in page.content.decode()
    response = client.post(url, {"person_id": guest.pk, "entry_date": today().strftime("%d/%m/%Y")})
    assert response.status_code == 302
    after = _board_row(client, shelter)
    assert after["bezet"] == before["bezet"] + 1 and after["vrij"] == before["vrij"] - 1
    residents = client.get(reverse("web:opvang_facility", args=[shelter.pk])).content.decode()
    assert "Gastnaam" in residents


def test_a_full_shelter_refuses_with_a_dutch_message_and_offers_the_refusal(client, staff):
    shelter = Facility.objects.get(code="nachtopvang")
    shelter.capacity_periods.all().delete()
    CapacityPeriod.objects.create(
        facility=shelter, place_kind="bed", places=1, start_date=dt.date(2023, 1, 1)
    )
    url = reverse("web:opvang_check_in", args=[shelter.pk])
    night = today().strftime("%d/%m/%Y")
    client.post(url, {"person_id": person(staff).pk, "entry_date": night})
    second = person(staff)
    response = client.post(url, {"person_id": second.pk, "entry_date": night})
    assert response.status_code == 400
    body = response.content.decode()
    assert "is vol op" in body and "Weigering registreren" in body
    assert Stay.objects.filter(person=second).count() == 0
    client.post(
        reverse("web:opvang_refusal", args=[shelter.pk]),
        {"night": night, "person_id": second.pk},
    )
    assert Refusal.objects.filter(facility=shelter, person=second).count() == 1
    response = client.post(url, {"person_id": second.pk, "entry_date": night, "overbooking": "on"})
    assert response.status_code == 302
    assert Stay.objects.get(person=second).overbooking


def test_check_out_to_social_housing_and_the_stay_history(client, staff):
    leeg = Facility.objects.get(code="leegstand")
    guest = person(staff, last_name="Vertreknaam")
    client.post(
        reverse("web:opvang_check_in", args=[leeg.pk]),
        {"person_id": guest.pk, "entry_date": "01/03/2024"},
    )
    stay = Stay.objects.get(person=guest)
    response = client.post(
        reverse("web:opvang_check_out", args=[stay.pk]),
        {"exit_date": today().strftime("%d/%m/%Y"), "destination": "sociale-huurwoning"},
    )
    assert response.status_code == 302
    stay.refresh_from_db()
    assert stay.exit_destination.code == "sociale-huurwoning"
    history = client.get(reverse("web:opvang_person", args=[guest.pk])).content.decode()
    assert "sociale huurwoning" in history and "Project Leegstand" in history


def test_waiting_list_add_and_show(client, staff):
    soi = Facility.objects.get(code="soi")
    guest = person(staff, last_name="Wachtnaam")
    url = reverse("web:opvang_waiting", args=[soi.pk])
    response = client.post(
        url, {"person_id": guest.pk, "priority": "1", "registered_on": "01/11/2024"}
    )
    assert response.status_code == 302
    body = client.get(url).content.decode()
    assert "Wachtnaam" in body and "dringend" in body
    assert _board_row(client, soi)["capaciteit"] == 85


def test_a_partner_fills_in_the_count_and_the_csv_has_the_totals(client):
    count = PitCount.objects.get(date=dt.date(2023, 10, 20))
    count.open_for_entry = True
    count.save()
    partner = user(Role.PARTNER, None)
    OrganisationAccount.objects.create(
        user=partner, organisation=Organisation.objects.get(code="caw-oost-vlaanderen")
    )
    client.force_login(partner)
    url = reverse("web:opvang_count_form", args=[count.pk])
    form = {"ethos": "1-openbare-ruimte", "slept": "straat", "age_group": "26-49", "sex": "M",
            "children": "0", "initials": "jd", "birth_year": "1980"}  # fmt: skip
    assert client.post(url, form).status_code == 302
    assert client.post(url, form).status_code == 302  # the same person by another service
    assert client.post(url, {**form, "initials": "", "children": "2"}).status_code == 302
    record = PitCountRecord.objects.filter(organisation__code="caw-oost-vlaanderen").first()
    assert record.dedup_key == "JD|1980|M"
    page = client.get(reverse("web:opvang_count", args=[count.pk])).content.decode()
    assert "1 dubbeltellingen weggelaten" in page
    assert "Vorige telling (29/10/2020): 1873" in page
    csv = client.get(reverse("web:opvang_count_export", args=[count.pk]))
    lines = csv.content.decode().splitlines()
    assert lines[-1].endswith(";totaal;2;2;4")
    assert AuditEvent.objects.filter(action="export").exists()


def test_a_closed_count_takes_no_forms(client):
    partner = user(Role.PARTNER, None)
    client.force_login(partner)
    count = PitCount.objects.get(date=dt.date(2023, 10, 20))
    response = client.get(reverse("web:opvang_count_form", args=[count.pk]))
    assert response.status_code == 404
