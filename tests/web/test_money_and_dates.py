"""Amounts and dates as a Belgian desk types and reads them, through the Django client:
1214,13 and 14/03/2023 in, € 1.214,13 and 14/03/2023 out, whatever the browser's language."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from factories import dossier, person, user

from welzijn.casework.models import Intervention
from welzijn.catalog.models import Service
from welzijn.core.roles import Role
from welzijn.registry.models import Income

pytestmark = pytest.mark.django_db

#: A text input, not type=number: a comma can be typed, and phones show the digits.
AMOUNT_INPUT = re.compile(r'<input type="text" name="amount"[^>]*inputmode="decimal"')


@pytest.fixture
def worker():
    return user(Role.MAATSCHAPPELIJK_WERKER)


@pytest.fixture
def logged_in(client, worker):
    client.force_login(worker)
    return client


@pytest.fixture
def file(worker):
    return dossier(worker)


def post_intervention(client, file, **fields):
    service = Service.objects.get(code=fields.pop("service", "huurwaarborg"))
    data = {"service": service.pk, "date": "2023-05-02", **fields}
    return client.post(reverse("web:intervention_new", args=[file.pk]), data)


def test_an_amount_with_a_decimal_comma_is_stored_and_shown_the_belgian_way(logged_in, file):
    form = logged_in.get(reverse("web:intervention_new", args=[file.pk])).content.decode()
    assert AMOUNT_INPUT.search(form) and 'type="number"' not in form
    response = post_intervention(logged_in, file, amount="1214,13")
    assert response.status_code == 302
    assert Intervention.objects.get().amount == Decimal("1214.13")
    page = logged_in.get(reverse("web:dossier", args=[file.pk])).content.decode()
    assert "Huurwaarborg: € 1.214,13" in page


@pytest.mark.parametrize("typed", ["1.214,13", "1214.13", "€ 1.214,13"])
def test_grouped_and_dot_decimal_amounts_are_read_too(logged_in, file, typed):
    assert post_intervention(logged_in, file, amount=typed).status_code == 302
    assert Intervention.objects.get().amount == Decimal("1214.13")


@pytest.mark.parametrize("typed", ["1.214", "1,214.13"])
def test_an_ambiguous_amount_is_refused_on_the_field_and_nothing_is_written(logged_in, file, typed):
    response = post_intervention(logged_in, file, amount=typed)
    assert response.status_code == 400
    page = response.content.decode()
    assert f"&#x27;{typed}&#x27; is dubbelzinnig (schrijf bv. 1214,13 of 1.214,13)" in page
    assert re.search(r'<input type="text" name="amount"[^>]*aria-invalid="true"', page)
    assert not Intervention.objects.exists()


def test_a_quantity_takes_a_decimal_comma(logged_in, file):
    response = post_intervention(logged_in, file, service="psychologische-hulp", quantity="1,5")
    assert response.status_code == 302
    assert Intervention.objects.get().quantity == Decimal("1.5")
    response = post_intervention(logged_in, file, service="psychologische-hulp", quantity="twee")
    assert response.status_code == 400
    assert "is geen getal" in response.content.decode()


def test_an_amount_above_the_ceiling_asks_for_confirmation(logged_in, file):
    response = post_intervention(logged_in, file, amount="12000")
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "€ 12.000,00 is meer dan het plausibele maximum van € 3.000,00 voor Huurwaarborg; "
        "klopt dit?" in page
    )
    assert "Ja, dit bedrag klopt" in page and 'name="confirmed_above_ceiling"' in page
    assert page.index('name="amount"') < page.index('name="confirmed_above_ceiling"')
    assert not Intervention.objects.exists()
    # Sent again without the tick: asked again, still nothing written.
    response = post_intervention(logged_in, file, amount="12000")
    assert response.status_code == 400 and not Intervention.objects.exists()
    response = post_intervention(logged_in, file, amount="12000", confirmed_above_ceiling="on")
    assert response.status_code == 302
    assert Intervention.objects.get().amount == Decimal("12000.00")


def test_no_confirmation_below_the_ceiling(logged_in, file):
    form = logged_in.get(reverse("web:intervention_new", args=[file.pk])).content.decode()
    assert "Ja, dit bedrag klopt" not in form
    assert post_intervention(logged_in, file, amount="2.999,99").status_code == 302


def test_the_eur_filter():
    template = Template("{% load web_tags %}[{{ a|eur }}][{{ b|eur }}][{{ c|eur }}]")
    rendered = template.render(Context({"a": Decimal("1214.13"), "b": None, "c": 1234567}))
    assert rendered == "[€ 1.214,13][][€ 1.234.567,00]"


def test_an_income_in_the_belgian_notation_is_shown_and_edited_so(logged_in, worker):
    somebody = person(worker)
    data = {
        "category": "beroepsinkomen",
        "amount_net": "1.214,13",
        "per": "maand",
        "start_date": "01/07/2023",
        "source": "loonfiche",
    }
    response = logged_in.post(reverse("web:income_new", args=[somebody.pk]), data)
    assert response.status_code == 302
    income = Income.objects.get()
    assert (income.amount_net, income.start_date) == (Decimal("1214.13"), dt.date(2023, 7, 1))
    page = logged_in.get(reverse("web:person", args=[somebody.pk])).content.decode()
    assert "€ 1.214,13 per maand" in page
    edit = logged_in.get(reverse("web:income_edit", args=[income.pk])).content.decode()
    assert 'value="1214,13"' in edit and 'value="01/07/2023"' in edit


def test_a_date_is_typed_day_month_year(logged_in, file):
    form = logged_in.get(reverse("web:intervention_new", args=[file.pk])).content.decode()
    assert 'type="date"' not in form and 'placeholder="dd/mm/jjjj"' in form
    response = post_intervention(logged_in, file, amount="10", date="14/03/2023")
    assert response.status_code == 302
    assert Intervention.objects.get().date == dt.date(2023, 3, 14)


@pytest.mark.parametrize("typed", ["2023/14/03", "14/03/23", "31/02/2023"])
def test_a_date_that_is_not_one_is_refused_and_nothing_is_written(logged_in, file, typed):
    response = post_intervention(logged_in, file, amount="10", date=typed)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Geef de datum als dd/mm/jjjj" in page or f"De datum {typed} bestaat niet." in page
    assert not Intervention.objects.exists()
