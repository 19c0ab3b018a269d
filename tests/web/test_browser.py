"""Journeys through the workplace in a real browser (Playwright on Debian's Chromium).

A screenshot of every failing test lands in test-results/.
"""

import datetime as dt
import os
import re

import pytest
from factories import household, person, user

from welzijn.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "een-lang-test-wachtwoord"


@pytest.fixture
def data(reference_data):
    worker = user(Role.MAATSCHAPPELIJK_WERKER, name="mw.test")
    worker.first_name = "Mehmet"
    worker.set_password(PASSWORD)
    worker.save()
    zoe = person(worker, first_name="Zoë", last_name="Çelik", born=dt.date(1950, 7, 30), sex="V")
    hh = household(worker, zoe, name="Gezin Çelik")
    return {"worker": worker, "zoe": zoe, "household": hh}


def login(page, live_server, username="mw.test", password=PASSWORD):
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


def test_login_search_contact_dossier_and_intervention(page, live_server, data):
    from playwright.sync_api import expect

    login(page, live_server)
    expect(page.get_by_role("heading", name="Goeiedag Mehmet")).to_be_visible()
    page.get_by_role("link", name="Persoon zoeken").click()
    page.get_by_label("Naam, INSZ-nummer of adres").fill("celik zoe")  # answers as you type
    expect(page.get_by_role("link", name="Çelik, Zoë")).to_be_visible()
    page.get_by_role("link", name="Çelik, Zoë").click()
    expect(page.get_by_role("heading", name="Zoë Çelik")).to_be_visible()

    page.get_by_role("link", name="Onthaalcontact").click()
    page.get_by_label("Vraag", exact=True).fill("Kan mijn huurwaarborg niet betalen")
    page.get_by_label("Dossier openen voor dit huishouden").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name=re.compile("Gezin Çelik"))).to_be_visible()
    expect(page.get_by_text("Kan mijn huurwaarborg niet betalen")).to_be_visible()

    page.get_by_role("link", name="Tussenkomst registreren").click()
    page.get_by_label("Tussenkomst", exact=True).select_option(label="Huurwaarborg")
    page.get_by_label("Bedrag (EUR)").fill("-10")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het bedrag mag niet negatief zijn.")).to_be_visible()
    page.get_by_label("Bedrag (EUR)").fill("1250.00")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("€ 1250,00")).to_be_visible()


def test_accept_and_dismiss_findings(page, live_server, data):
    from factories import dossier
    from playwright.sync_api import expect

    from welzijn.registry.models import SocialStatus, StatusKind
    from welzijn.rights.screening import rights_screen

    dossier(data["worker"], data["household"])
    other = household(data["worker"], person(data["worker"]), name="Gezin Peeters")
    dossier(data["worker"], other)
    for hh in (data["household"], other):
        member = hh.memberships.get().person
        SocialStatus.objects.create(
            kind=StatusKind.objects.get(code="verhoogde-tegemoetkoming"),
            person=member,
            start_date=dt.date(2020, 1, 1),
        )
    rights_screen(on=dt.date(2023, 12, 1), grant=False)

    login(page, live_server)
    page.get_by_role("link", name="Werklijst rechten").click()
    rows = page.locator("tr", has_text="UiTPAS kansentarief")
    expect(rows).to_have_count(2)
    first = rows.filter(has_text="Gezin Çelik")
    first.get_by_text("Waarom?").click()
    expect(first.get_by_text("verhoogde tegemoetkoming").first).to_be_visible()
    first.get_by_role("button", name="Aanvaarden").click()
    expect(first.get_by_text("automatisch toegekend")).to_be_visible()

    second = rows.filter(has_text="Gezin Peeters")
    second.get_by_role("button", name="Afwijzen").click()
    expect(second.get_by_text("Geef een reden om af te wijzen.")).to_be_visible()
    second.get_by_label("Reden van afwijzing").fill("Heeft al een UiTPAS via de school")
    second.get_by_role("button", name="Afwijzen").click()
    expect(second.get_by_text("Heeft al een UiTPAS via de school")).to_be_visible()


def test_another_office_gets_not_found(page, live_server, data):
    from factories import dossier
    from playwright.sync_api import expect

    file = dossier(data["worker"], data["household"])
    outsider = user(Role.MAATSCHAPPELIJK_WERKER, "wb-rabot", name="mw.rabot.test")
    outsider.set_password(PASSWORD)
    outsider.save()
    login(page, live_server, username="mw.rabot.test")
    response = page.goto(f"{live_server.url}/dossiers/{file.pk}/")
    assert response.status == 404
    expect(page.get_by_text("Gezin Çelik")).to_have_count(0)


def test_keyboard_only_login_and_visible_focus(page, live_server, data):
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/inloggen/")
    expect(page.get_by_label("Gebruikersnaam")).to_be_focused()  # autofocus
    page.keyboard.type("mw.test")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Goeiedag Mehmet")).to_be_visible()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    assert skip.bounding_box()["x"] >= 0  # shown on screen while focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Persoon zoeken")).to_be_focused()


def test_a_caseworker_starts_a_household_and_registers_an_income(page, live_server, data):
    from playwright.sync_api import expect

    alone = person(data["worker"], first_name="Jonas", last_name="Verbeke")
    login(page, live_server)
    page.goto(f"{live_server.url}/personen/{alone.pk}/")
    page.get_by_role("link", name="Nieuw huishouden").click()
    expect(page.get_by_label("Naam van het huishouden")).to_have_value("Gezin Verbeke")
    page.get_by_label("Vanaf").fill("2023-04-01")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Gezin Verbeke")).to_be_visible()
    expect(
        page.get_by_role("row", name=re.compile("Jonas Verbeke.*referentiepersoon"))
    ).to_be_visible()

    page.get_by_role("link", name="Jonas Verbeke").click()
    page.get_by_role("link", name="Inkomen registreren").click()
    page.get_by_label("Soort inkomen").select_option(label="beroepsinkomen")
    page.get_by_label("Netto bedrag (EUR)").fill("1214.13")
    page.get_by_label("Per", exact=True).select_option(label="per maand")
    page.get_by_label("Vanaf").fill("2023-07-01")
    page.get_by_label("Bron").select_option(label="loonfiche")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Situatie")).to_be_visible()
    expect(page.get_by_text("€ 1214,13 per maand")).to_be_visible()
