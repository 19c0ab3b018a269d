"""Intake through the Django client: registering a new person past the duplicate check,
correcting identity data, a contact about a person, merging a double registration."""

import datetime as dt

import pytest
from django.urls import reverse
from factories import household, login_with_second_step, office, person, user

from welzijn.casework.models import Contact
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.registry.models import Person

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def desk(client):
    account = user(Role.ONTHAAL)
    client.force_login(account)
    client.account = account
    return client


@pytest.fixture
def janssens(desk):
    return person(desk.account, first_name="Jan", last_name="Janssens", born=D(1990, 3, 14))


def _new(**overrides):
    data = {
        "first_name": "Jan",
        "last_name": "Jansens",
        "birth_date": "14/03/1990",
        "sex": "M",
        "insz": "",
        "nationality": "be",
        "residence_status": "zonder",
        "language": "nl",
    }
    data.update(overrides)
    return data


def test_the_search_page_offers_a_new_person_also_when_nobody_is_found(desk):
    page = desk.get(reverse("web:search"), {"q": "niemandhier"}).content.decode()
    assert "Niemand gevonden" in page
    assert page.count(reverse("web:person_new")) == 2  # always, and next to "niemand"


def test_a_likely_duplicate_is_shown_and_nothing_saved_until_confirmed(desk, janssens):
    url = reverse("web:person_new")
    response = desk.post(url, _new())
    page = response.content.decode()
    assert response.status_code == 200 and "Toch nieuwe persoon registreren" in page
    assert reverse("web:person", args=[janssens.pk]) in page
    assert "zelfde geboortedatum en een gelijkaardige naam" in page
    assert not Person.objects.filter(last_name="Jansens").exists()
    response = desk.post(url, _new(confirmed=str(janssens.pk)))
    created = Person.objects.get(last_name="Jansens")
    assert response.status_code == 302 and response["Location"] == reverse(
        "web:person", args=[created.pk]
    )
    assert created.insz is None and created.residence_status == "zonder"
    assert AuditEvent.objects.filter(action="create", object_id=str(created.pk)).exists()


def test_a_confirmation_for_other_duplicates_does_not_count(desk, janssens):
    other = person(desk.account, first_name="Jan", last_name="Janssen", born=D(1990, 3, 14))
    response = desk.post(reverse("web:person_new"), _new(confirmed=str(janssens.pk)))
    assert response.status_code == 200 and f"{other.pk}" in response.context["confirm"]
    assert not Person.objects.filter(last_name="Jansens").exists()


def test_no_duplicate_saves_at_once(desk):
    response = desk.post(reverse("web:person_new"), _new(last_name="Uniekenaam"))
    assert response.status_code == 302
    assert Person.objects.get(last_name="Uniekenaam").birth_date == D(1990, 3, 14)


def test_the_same_insz_cannot_be_registered_twice(desk, janssens):
    data = _new(
        first_name="Iemand", last_name="Anders", insz=janssens.insz, residence_status="belg"
    )
    data["confirmed"] = str(janssens.pk)
    response = desk.post(reverse("web:person_new"), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Er is al een persoon met dit INSZ-nummer" in page
    assert "Toch nieuwe persoon registreren" not in page
    assert reverse("web:person", args=[janssens.pk]) in page
    assert not Person.objects.filter(last_name="Anders").exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [("1990-3-14x", "Geef de datum als dd/mm/jjjj"), ("31/02/1990", "bestaat niet")],
)
def test_a_birth_date_in_another_format_is_refused_in_dutch(desk, typed, message):
    response = desk.post(reverse("web:person_new"), _new(birth_date=typed))
    assert response.status_code == 400 and message in response.content.decode()
    assert not Person.objects.filter(last_name="Jansens").exists()


def test_the_form_asks_for_dd_mm_jjjj_and_hints_about_a_missing_insz(desk):
    page = desk.get(reverse("web:person_new")).content.decode()
    assert 'placeholder="dd/mm/jjjj"' in page
    assert 'id="id_residence_status_helptext"' in page and "geen INSZ-nummer" in page


def test_the_person_page_offers_the_next_steps_and_edit_saves(desk, janssens):
    page = desk.get(reverse("web:person", args=[janssens.pk])).content.decode()
    assert f"{reverse('web:contact_new')}?person={janssens.pk}" in page
    assert reverse("web:person_edit", args=[janssens.pk]) in page
    assert reverse("web:person_merge", args=[janssens.pk]) not in page  # onthaal
    form = desk.get(reverse("web:person_edit", args=[janssens.pk]))
    assert 'value="14/03/1990"' in form.content.decode()
    data = _new(first_name="Johan", last_name="Janssens", insz=janssens.insz)
    data["residence_status"] = "belg"
    response = desk.post(reverse("web:person_edit", args=[janssens.pk]), data)
    assert response.status_code == 302
    janssens.refresh_from_db()
    assert janssens.first_name == "Johan" and janssens.search_key == "jansens johan"
    event = AuditEvent.objects.filter(action="update", object_id=str(janssens.pk)).last()
    assert event.detail["fields"] == ["first_name"]


def test_a_contact_about_a_person_records_the_person_and_their_household(desk, janssens):
    hh = household(desk.account, janssens, name="Gezin Janssens")
    url = f"{reverse('web:contact_new')}?person={janssens.pk}"
    page = desk.get(url).content.decode()
    assert "Gezin Janssens" in page and f'value="{janssens.pk}" selected' in page
    response = desk.post(
        url,
        {
            "office": office().pk,
            "occurred_on": "2024-01-10",
            "channel": "balie",
            "reason": "Vraag over huur",
            "outcome": "informatie-en-advies",
            "household": hh.pk,
            "person": janssens.pk,
        },
    )
    assert response.status_code == 302
    contact = Contact.objects.get(reason="Vraag over huur")
    assert (contact.person_id, contact.household_id) == (janssens.pk, hh.pk)


def test_a_teamcoach_merges_on_the_page(client, janssens):
    coach = user(Role.TEAMCOACH)
    client.force_login(coach)
    double = person(coach, first_name="Jan", last_name="Jansens", born=D(1990, 3, 14))
    double.insz = None
    double.save()
    url = reverse("web:person_merge", args=[janssens.pk])
    page = client.get(url, {"q": "jansens"}).content.decode()
    assert f"?other={double.pk}" in page
    page = client.get(url, {"other": double.pk}).content.decode()
    assert "Blijft: Jan Janssens" in page and "Wordt samengevoegd: Jan Jansens" in page
    response = client.post(f"{url}?other={double.pk}", {"other": double.pk, "reason": ""})
    assert response.status_code == 400
    response = client.post(url, {"other": double.pk, "reason": "Twee keer geregistreerd"})
    assert response.status_code == 302
    assert Person.objects.get(pk=double.pk).merged_into_id == janssens.pk
    page = client.get(reverse("web:person", args=[double.pk])).content.decode()
    assert "werd samengevoegd" in page


def test_onthaal_gets_not_found_on_the_merge_page(desk, janssens):
    response = desk.get(reverse("web:person_merge", args=[janssens.pk]))
    assert response.status_code == 404 and "Janssens" not in response.content.decode()


def test_a_beheerder_merges_from_the_admin(client, janssens):
    beheerder = user(Role.BEHEERDER, office_code=None)
    beheerder.is_staff = True
    beheerder.save()
    login_with_second_step(client, beheerder)
    double = person(user(Role.MAATSCHAPPELIJK_WERKER), with_insz=False)
    response = client.post(
        reverse("admin:registry_person_changelist"),
        {"action": "merge_two", "_selected_action": [janssens.pk, double.pk]},
    )
    first, second = sorted([janssens.pk, double.pk])
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('web:person_merge', args=[first])}?other={second}"
    response = client.post(response["Location"], {"other": second, "reason": "Dubbel"})
    assert response.status_code == 302 and "/admin/" in response["Location"]
    assert Person.objects.get(pk=second).merged_into_id == first
