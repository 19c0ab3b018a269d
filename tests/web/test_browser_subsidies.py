"""An association applies for Samen aan Zet 1b in a real browser: a catering line over 20 %
is refused, corrected; the official grants it, the letter downloads, the budget left drops."""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from factories import SUBSIDY_OFFICE, applicant, association, user

from welzijn.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "een-lang-test-wachtwoord"


def _account(account):
    account.set_password(PASSWORD)
    account.save()
    return account


def login(page, live_server, username):
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def _add_line(page, kind, description, amount):
    page.get_by_role("link", name="Kost toevoegen").click()
    page.get_by_label("Soort kost").select_option(kind)
    page.get_by_label("Omschrijving").fill(description)
    page.get_by_label("Bedrag (EUR)").fill(amount)
    page.get_by_role("button", name="Opslaan").click()


def test_association_applies_official_grants_letter_and_budget(page, live_server, reference_data):
    from playwright.sync_api import expect

    from welzijn.subsidies.models import Application

    _account(applicant(association(), name="vera.test"))
    _account(user(Role.SUBSIDIES, SUBSIDY_OFFICE, name="sam.test"))
    start = (dt.date.today() + dt.timedelta(days=70)).strftime("%d/%m/%Y")
    page.set_viewport_size({"width": 360, "height": 780})  # a phone

    login(page, live_server, "vera.test")
    expect(page.get_by_role("heading", name="Subsidies")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"Nieuwe aanvraag: Samen aan Zet")).click()
    page.get_by_label("Titel van het initiatief").fill("Buurtfeest in de Lindestraat")
    page.get_by_label("Wat gaat u doen?").fill("Een feest voor alle buren.")
    page.get_by_label("Categorie").select_option("1b")
    page.get_by_label("Rechtsvorm van uw vereniging").select_option("feitelijke-vereniging")
    page.get_by_label("Onze vereniging heeft haar werking op het grondgebied van Gent").check()
    page.get_by_label("Voor wie is het initiatief?").fill("buurtbewoners")
    page.get_by_label("Startdatum").fill(start)
    page.get_by_label("Einddatum (tot en met)").fill(start)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Buurtfeest in de Lindestraat")).to_be_visible()

    _add_line(page, "huur", "Zaal en geluid", "300")
    _add_line(page, "catering", "Broodjes", "150,00")
    expect(page.get_by_text("Catering mag hoogstens 20 % van het subsidiebedrag")).to_be_visible()
    page.get_by_role("button", name="Aanvraag indienen").click()
    expect(page.get_by_role("alert")).to_contain_text("€ 150,00 van € 450,00 (33,3 %)")
    page.get_by_role("button", name="Verwijder Broodjes").click()
    _add_line(page, "catering", "Koffie en taart", "70")
    expect(page.get_by_text("Alle voorwaarden zijn in orde.")).to_be_visible()
    page.get_by_role("button", name="Aanvraag indienen").click()
    expect(page.locator("#status")).to_have_text("ingediend")
    application = Application.objects.get()

    page.get_by_role("button", name="Afmelden").click()
    login(page, live_server, "sam.test")
    page.get_by_role("link", name=re.compile(rf"Samen aan Zet {dt.date.today().year}")).click()
    expect(page.locator("#budget-left")).to_have_text("Nog beschikbaar: € 580.000,00")
    page.get_by_role("link", name="Buurtfeest in de Lindestraat").click()
    page.get_by_role("link", name="Controleren").click()
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("link", name="Beslissen").click()
    page.get_by_label("toekennen").check()
    expect(page.get_by_label("Toegekend bedrag (EUR)")).to_have_value("370,00")
    page.get_by_label("Motivering (komt in de brief)").fill("Voldoet aan het reglement.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#status")).to_have_text("toegekend")
    with page.expect_download() as download:
        page.get_by_role("link", name="Beslissingsbrief (PDF)").click()
    assert Path(download.value.path()).read_bytes()[:4] == b"%PDF"
    assert download.value.suggested_filename == f"beslissing-samen-aan-zet-{application.number}.pdf"
    page.get_by_role("link", name="Naar de oproep").click()
    expect(page.locator("#budget-left")).to_have_text("Nog beschikbaar: € 579.630,00")
