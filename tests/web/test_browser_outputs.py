"""A team registers a month's figure (meals of the sociale restaurants) through its pages,
corrects it, and the analist sees it in the jaaroverzicht."""

import os

import pytest
from factories import user

from welzijn.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "een-lang-test-wachtwoord"


@pytest.fixture
def accounts(reference_data):
    for role, office, name in (
        (Role.MAANDCIJFERS, "team-dbse", "dbse.test"),
        (Role.ANALIST, None, "analist.test"),
    ):
        account = user(role, office, name=name)
        account.set_password(PASSWORD)
        account.save()


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_a_team_registers_a_month_and_the_jaaroverzicht_shows_it(page, live_server, accounts):
    from playwright.sync_api import expect

    _login(page, live_server, "dbse.test")
    expect(page.get_by_role("heading", name="Maandcijfers")).to_be_visible()  # the start page
    page.get_by_role("link", name="Maandcijfer registreren").click()
    page.get_by_label("Dienst en eenheid").select_option(label="Sociale restaurants: maaltijden")
    page.get_by_label("Maand").fill("03/2023")
    page.get_by_label("Aantal").fill("8312,5")  # meals are whole: refused, named
    page.get_by_label("Bron").fill("kassasystemen van de restaurants")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("telt in gehele getallen")).to_be_visible()
    page.get_by_label("Aantal").fill("8312")
    page.get_by_role("button", name="Opslaan").click()
    expect(
        page.get_by_role("heading", name="Sociale restaurants: maaltijden in 2023")
    ).to_be_visible()
    expect(page.get_by_role("row", name="maart 2023")).to_contain_text("8.312")
    page.get_by_role("row", name="maart 2023").get_by_role("link", name="Corrigeren").click()
    page.get_by_label("Aantal").fill("8412")
    page.get_by_label("Reden van de correctie").fill("restaurant Toreke ontbrak")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("row", name="maart 2023")).to_contain_text("8.412")
    page.get_by_role("button", name="Afmelden").click()

    _login(page, live_server, "analist.test")
    page.goto(f"{live_server.url}/rapportage/2023/")
    figure = page.locator(".fig", has_text="Maaltijden aan sociaal tarief")
    expect(figure.locator(".big")).to_have_text("8.412")
    expect(page.locator(".fig", has_text="Gebruikte taxicheques").locator(".big")).to_have_text(
        "geen gegevens"
    )
