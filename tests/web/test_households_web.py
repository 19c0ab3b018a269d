"""Households and a person's situation through the workplace (Django test client)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from factories import household, person, user

from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.registry.models import HouseholdAddress, Income, SocialStatus

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def worker():
    return user(Role.ONTHAAL)


@pytest.fixture
def logged_in(client, worker):
    client.force_login(worker)
    return client


def test_a_household_is_started_from_a_persons_page(logged_in, worker):
    somebody = person(worker, last_name="Peeters")
    page = logged_in.get(reverse("web:person", args=[somebody.pk])).content.decode()
    assert reverse("web:household_new", args=[somebody.pk]) in page
    form = logged_in.get(reverse("web:household_new", args=[somebody.pk])).content.decode()
    assert 'value="Gezin Peeters"' in form
    response = logged_in.post(
        reverse("web:household_new", args=[somebody.pk]),
        {"name": "Gezin Peeters", "start_date": "2023-04-01"},
    )
    hh = somebody.memberships.get().household
    assert response.status_code == 302 and response["Location"] == f"/huishoudens/{hh.pk}/"
    page = logged_in.get(response["Location"]).content.decode()
    assert "Gezin Peeters" in page and "referentiepersoon" in page and "01/04/2023" in page
    assert AuditEvent.objects.filter(
        object_type="registry.household", object_id=str(hh.pk), action="view"
    ).exists()


def test_members_are_found_added_and_ended(logged_in, worker):
    hh = household(worker, person(worker), name="Gezin Demir")
    joiner = person(worker, first_name="Ayla", last_name="Zoekbaar")
    url = reverse("web:member_add", args=[hh.pk])
    found = logged_in.get(url, {"q": "zoekbaar ayla"}).content.decode()
    assert f"?person={joiner.pk}" in found and "/personen/nieuw/" in found
    chosen = logged_in.get(url, {"person": joiner.pk}).content.decode()
    assert "Ayla Zoekbaar" in chosen and 'name="role"' in chosen
    response = logged_in.post(url, {"person": joiner.pk, "role": "partner", "start_date": ""})
    assert response.status_code == 400 and "Dit veld is vereist" in response.content.decode()
    response = logged_in.post(
        url, {"person": joiner.pk, "role": "partner", "start_date": "2023-02-01"}
    )
    assert response.status_code == 302
    membership = joiner.memberships.get()
    end_url = reverse("web:membership_end", args=[membership.pk])
    response = logged_in.post(end_url, {"end_date": "2023-01-01"})
    assert response.status_code == 400
    assert "De einddatum mag niet voor de begindatum liggen." in response.content.decode()
    assert logged_in.post(end_url, {"end_date": "2023-08-31"}).status_code == 302
    membership.refresh_from_db()
    assert membership.end_date == D(2023, 8, 31)


def test_moving_house_through_the_form(logged_in, worker):
    hh = household(worker, person(worker))
    url = reverse("web:household_move", args=[hh.pk])
    page = logged_in.get(url).content.decode()
    assert "afleiden uit de straat" in page
    data = {
        "street": "Bevrijdingslaan",
        "number": "12",
        "postcode": "9000",
        "wijk": "brugse-poort-rooigem",
        "on": "2023-03-01",
    }
    assert logged_in.post(url, data).status_code == 302
    response = logged_in.post(url, {**data, "street": "Rabotstraat", "on": "2023-02-01"})
    assert response.status_code == 400
    assert "De verhuisdatum moet na 01/03/2023 liggen" in response.content.decode()
    assert HouseholdAddress.objects.filter(household=hh).count() == 1
    assert (
        logged_in.post(url, {**data, "street": "Rabotstraat", "on": "2023-09-01"}).status_code
        == 302
    )
    page = logged_in.get(reverse("web:household", args=[hh.pk])).content.decode()
    assert "Rabotstraat 12" in page and "Bevrijdingslaan 12" in page and "31/08/2023" in page


def test_incomes_are_registered_corrected_and_ended_on_the_persons_page(logged_in, worker):
    somebody = person(worker)
    url = reverse("web:income_new", args=[somebody.pk])
    data = {
        "category": "beroepsinkomen",
        "amount_net": "",
        "amount_gross_taxable": "",
        "per": "maand",
        "start_date": "2023-07-01",
        "source": "loonfiche",
        "proof": "loonfiche juli",
    }
    response = logged_in.post(url, data)
    assert response.status_code == 400
    assert "Geef een netto of een bruto belastbaar bedrag." in response.content.decode()
    assert not Income.objects.exists()
    response = logged_in.post(url, {**data, "amount_net": "1214.13"})
    assert response.status_code == 302 and response["Location"].endswith("#situatie")
    income = Income.objects.get()
    assert income.amount_net == Decimal("1214.13") and income.amount_gross_taxable is None
    page = logged_in.get(reverse("web:person", args=[somebody.pk])).content.decode()
    assert "€ 1.214,13 per maand" in page and "loonfiche juli" in page
    edit = reverse("web:income_edit", args=[income.pk])
    assert 'value="1214,13"' in logged_in.get(edit).content.decode()
    response = logged_in.post(edit, {**data, "amount_net": "1241.13"})
    assert response.status_code == 302
    end = reverse("web:income_end", args=[income.pk])
    assert logged_in.post(end, {"end_date": "2023-12-31"}).status_code == 302
    income.refresh_from_db()
    assert (income.amount_net, income.end_date) == (Decimal("1241.13"), D(2023, 12, 31))


def test_statuses_of_a_person_and_of_a_household(logged_in, worker):
    somebody = person(worker)
    hh = household(worker, somebody)
    form = logged_in.get(reverse("web:person_status_new", args=[somebody.pk])).content.decode()
    assert "verhoogde-tegemoetkoming" in form and "sociaal-tarief-energie" not in form
    response = logged_in.post(
        reverse("web:person_status_new", args=[somebody.pk]),
        {"kind": "verhoogde-tegemoetkoming", "start_date": "2022-01-01", "source": "ksz"},
    )
    assert response.status_code == 302
    response = logged_in.post(
        reverse("web:household_status_new", args=[hh.pk]),
        {"kind": "sociaal-tarief-energie", "start_date": "2022-01-01", "source": "attest"},
    )
    assert response.status_code == 302
    energy = SocialStatus.objects.get(household=hh)
    page = logged_in.get(reverse("web:household", args=[hh.pk])).content.decode()
    assert "sociaal tarief energie (ontvangt)" in page and "attest" in page
    response = logged_in.post(reverse("web:status_end", args=[energy.pk]), {"end_date": "x"})
    assert (
        response.status_code == 400 and "Geef de datum als dd/mm/jjjj" in response.content.decode()
    )
    assert (
        logged_in.post(
            reverse("web:status_end", args=[energy.pk]), {"end_date": "2023-06-30"}
        ).status_code
        == 302
    )


def test_an_analist_gets_not_found(client, worker):
    somebody = person(worker, last_name="Verborgen")
    client.force_login(user(Role.ANALIST, None))
    response = client.get(reverse("web:income_new", args=[somebody.pk]))
    assert response.status_code == 404 and "Verborgen" not in response.content.decode()
