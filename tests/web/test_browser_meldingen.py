"""Meldingen in a real browser: a warden registers fly-tipping on a phone-sized screen, the
cleaning team handles it, an overdue melding shows as overdue."""

import datetime as dt
import os
import re

import pytest
from django.utils import timezone
from factories import user
from PIL import Image

from welzijn.core.roles import Role
from welzijn.meldingen import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "een-lang-test-wachtwoord"
PHONE = {"width": 360, "height": 740}


def _account(role, office, name):
    account = user(role, office, name=name)
    account.set_password(PASSWORD)
    account.save()
    return account


@pytest.fixture
def teams(reference_data):
    return {
        "warden": _account(Role.GEMEENSCHAPSWACHT, "team-gemeenschapswachten", "wacht.test"),
        "cleaner": _account(Role.MELDINGEN_BEHANDELAAR, "team-netheid", "netheid.test"),
    }


def login(page, live_server, username):
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_warden_registers_flytipping_on_a_phone_and_the_cleaning_team_handles_it(
    page, live_server, teams, tmp_path, settings
):
    from playwright.sync_api import expect

    settings.WELZIJN_DOCUMENT_ROOT = tmp_path / "documents"
    photo = tmp_path / "sluikstort.png"
    Image.new("RGB", (8, 8), "brown").save(photo)
    page.set_viewport_size(PHONE)
    login(page, live_server, "wacht.test")
    expect(page.get_by_role("heading", name="Meldingen", exact=True)).to_be_visible()
    page.get_by_role("link", name="Nieuwe melding").first.click()
    page.get_by_label("Categorie").select_option(label="Sluikstorten")
    page.get_by_label("Omschrijving").fill("Matras en zakken naast de glasbol")
    page.get_by_role("button", name="Melding opslaan").click()  # no place yet
    expect(
        page.get_by_text("Geef de straat, of laat het toestel de locatie geven.")
    ).to_be_visible()
    page.get_by_label("Straat").fill("Bevrijdingslaan")
    page.get_by_label("Huisnummer").fill("12")
    page.get_by_label("Foto").set_input_files(str(photo))
    page.get_by_label("Bestuurlijk verslag opgemaakt").check()
    page.get_by_label("E-mail melder").fill("buur@example.be")
    # Nothing sticks out of a phone's screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"de pagina is {width}px breed"
    page.get_by_role("button", name="Melding opslaan").click()
    expect(page.get_by_role("heading", name=re.compile(r"Melding M\d+ gemeld"))).to_be_visible()
    expect(page.get_by_text("Brugse Poort-Rooigem")).to_be_visible()  # the wijk, from the street
    expect(page.get_by_text(re.compile(r"BV-\d{4}-00001"))).to_be_visible()
    expect(
        page.get_by_text("De gegevens van de melder ziet alleen het behandelende team.")
    ).to_be_visible()
    number = page.get_by_role("heading", name=re.compile("Melding M")).inner_text().split()[1]

    page.get_by_role("button", name="Afmelden").click()
    login(page, live_server, "netheid.test")
    expect(page.get_by_role("link", name=number)).to_be_visible()
    page.get_by_role("link", name=number).click()
    expect(page.get_by_text("buur@example.be")).to_be_visible()  # the handling team sees it
    page.get_by_label("Nieuwe status").select_option(label="afgehandeld")
    page.get_by_role("button", name="Status wijzigen").click()
    expect(page.get_by_text("Schrijf wat er gebeurde (de melder leest dit).")).to_be_visible()
    page.get_by_label("Nieuwe status").select_option(label="afgehandeld")
    page.get_by_label("Toelichting").fill("Opgeruimd door de ploeg.")
    page.get_by_role("button", name="Status wijzigen").click()
    expect(
        page.get_by_role("heading", name=re.compile(f"Melding {number} afgehandeld"))
    ).to_be_visible()
    expect(page.get_by_role("cell", name="Opgeruimd door de ploeg.")).to_be_visible()


def test_an_overdue_melding_shows_as_overdue(page, live_server, teams):
    from playwright.sync_api import expect

    late = services.melding_create(
        actor=teams["warden"],
        category="volle-vuilnisbak",
        description="Vuilnisbak puilt uit",
        reporter_kind="gemeenschapswacht",
        street="Bevrijdingslaan",
        postcode="9000",
        reported_at=timezone.now() - dt.timedelta(days=10),
    )
    services.melding_create(
        actor=teams["warden"],
        category="graffiti",
        description="Tag op de gevel",
        reporter_kind="gemeenschapswacht",
        street="Bevrijdingslaan",
        postcode="9000",
    )
    page.set_viewport_size(PHONE)
    login(page, live_server, "netheid.test")
    row = page.locator(f"#melding-{late.pk}")
    expect(row).to_have_class(re.compile("overdue"))
    expect(row.get_by_text("te laat")).to_be_visible()
    page.get_by_label("Alleen te laat").check()
    page.get_by_role("button", name="Toon").click()
    expect(page.get_by_text("1 meldingen")).to_be_visible()
    page.get_by_role("link", name=late.number).click()
    expect(page.get_by_role("heading", name=re.compile("te laat"))).to_be_visible()
