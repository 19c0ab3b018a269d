"""A buurtwerker registers a Repair Café on a phone-sized screen: the session, the visitors
counted, a registered neighbour and a walk-in on the list, the items repaired; the figures
show in the activity register."""

import os
import re

import pytest
from factories import person, user

from welzijn.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "een-lang-test-wachtwoord"


@pytest.fixture
def buurtwerker(reference_data):
    worker = user(Role.BUURTWERK, "team-buurtwerk", name="bw.test")
    worker.set_password(PASSWORD)
    worker.save()
    caseworker = user(Role.MAATSCHAPPELIJK_WERKER, "wb-brugse-poort")
    person(caseworker, first_name="Fatima", last_name="Benali")
    return worker


def test_a_repair_cafe_with_its_results_on_a_phone(page, live_server, buurtwerker):
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("bw.test")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Activiteiten")).to_be_visible()  # the start page

    page.get_by_role("link", name="Nieuwe sessie").click()
    page.get_by_label("Dienst").select_option(label="Repair Cafés")
    page.get_by_label("Datum").fill("04/03/2023")
    page.get_by_label("Plaats").fill("Buurtcentrum Sluizeken")
    page.get_by_label("Straat").fill("Bevrijdingslaan")
    page.get_by_label("Postcode").fill("9000")
    page.get_by_label("Aantal deelnemers (geteld)").fill("38")
    page.get_by_label("Binnengebrachte voorwerpen").fill("30")
    page.get_by_label("Herstelde voorwerpen").fill("31")  # a typo: more than brought
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("niet meer voorwerpen hersteld")).to_be_visible()
    page.get_by_label("Herstelde voorwerpen").fill("21")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Repair Cafés — 04/03/2023")).to_be_visible()
    expect(page.get_by_text("Brugse Poort-Rooigem")).to_be_visible()  # from the street list
    expect(page.locator("#hersteld")).to_have_text(re.compile(r"21\s+van de 30 voorwerpen"))

    # a registered neighbour, found as you type, and a walk-in by name
    page.get_by_label("Naam of geboortedatum").fill("benali")
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_label("Naam", exact=True).fill("Jan Inloper")
    page.get_by_role("button", name="Op de lijst zetten").click()
    expect(page.get_by_role("cell", name="Fatima Benali")).to_be_visible()
    expect(page.get_by_role("cell", name="Jan Inloper")).to_be_visible()
    expect(page.locator("#deelnemers-totaal")).to_have_text("40")

    page.get_by_role("link", name="← Activiteiten").click()
    row = page.locator("table.activities tbody tr").first
    expect(row).to_contain_text("04/03/2023")
    expect(row).to_contain_text("Repair Cafés")
    expect(row).to_contain_text("40")
    expect(page.get_by_text(re.compile(r"1\s+sessies met\s+40\s+deelnemers"))).to_be_visible()
    no_overflow = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_overflow, "the register is wider than the phone"
