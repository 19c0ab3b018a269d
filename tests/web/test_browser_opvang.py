"""The shelter worker in a real browser (tablet-sized): check a guest in tonight and see the
board change; a full shelter refuses; a guest leaves for social housing and the outflow
share changes."""

import datetime as dt
import os

import pytest
from factories import household, person, user

from welzijn.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "een-lang-test-wachtwoord"


@pytest.fixture
def shelter_worker(reference_data):
    worker = user(Role.OPVANG, "team-opvang", name="opvang.test")
    worker.set_password(PASSWORD)
    worker.save()
    return worker


@pytest.fixture
def tablet(page):
    page.set_viewport_size({"width": 800, "height": 1280})
    return page


def login(page, live_server):
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("opvang.test")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def _check_in(page, facility, last_name):
    page.get_by_role("link", name=facility, exact=True).click()
    page.get_by_role("link", name="Iemand inchecken").click()
    page.get_by_label("Persoon zoeken (naam, INSZ of geboortedatum)").fill(last_name)
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Kies").first.click()
    page.get_by_role("button", name="Inchecken").click()


def test_check_in_tonight_and_the_board_updates_then_a_full_shelter_refuses(
    tablet, live_server, shelter_worker
):
    from playwright.sync_api import expect

    from welzijn.shelter.models import CapacityPeriod, Facility

    shelter = Facility.objects.get(code="nachtopvang")
    shelter.capacity_periods.all().delete()
    CapacityPeriod.objects.create(
        facility=shelter, place_kind="bed", places=1, start_date=dt.date(2020, 1, 1)
    )
    person(shelter_worker, last_name="Vandenacht")
    person(shelter_worker, last_name="Tweedegast")
    page = tablet
    login(page, live_server)
    row = page.locator(f"#voorziening-{shelter.pk}")
    expect(row.locator('[data-figure="vrij"]')).to_have_text("1")
    _check_in(page, "Nachtopvang", "Vandenacht")
    expect(page.get_by_role("link", name="Vandenacht", exact=False)).to_be_visible()
    page.get_by_role("link", name="Terug naar het overzicht").click()
    expect(row.locator('[data-figure="bezet"]')).to_have_text("1")
    expect(row.locator('[data-figure="vrij"]')).to_have_text("0")
    expect(row.get_by_text("vol")).to_be_visible()
    _check_in(page, "Nachtopvang", "Tweedegast")
    expect(page.get_by_text("Nachtopvang is vol op")).to_be_visible()
    page.get_by_role("button", name="Weigering registreren").click()
    page.get_by_role("link", name="Terug naar het overzicht").click()
    expect(row.locator('[data-figure="geweigerd"]')).to_have_text("1")


def test_a_guest_leaves_for_social_housing_and_the_outflow_share_changes(
    tablet, live_server, shelter_worker
):
    from playwright.sync_api import expect

    from welzijn.shelter import services
    from welzijn.shelter.models import Facility
    from welzijn.web.forms.common import today

    leeg = Facility.objects.get(code="leegstand")
    gone, staying = (
        person(shelter_worker, last_name="Vertrokken"),
        person(shelter_worker, last_name="Blijver"),
    )
    for guest in (gone, staying):
        household(shelter_worker, guest)
    start = today().replace(day=1) - dt.timedelta(days=60)
    first = services.stay_check_in(
        actor=shelter_worker, facility_id=leeg.pk, person_id=gone.pk, entry_date=start
    )
    services.stay_check_out(
        actor=shelter_worker, stay_id=first.pk, exit_date=today(), destination="straat"
    )
    services.stay_check_in(
        actor=shelter_worker, facility_id=leeg.pk, person_id=staying.pk, entry_date=start
    )
    page = tablet
    login(page, live_server)
    page.get_by_role("link", name="Project Leegstand", exact=True).click()
    expect(page.locator('[data-figure="duurzaam"]')).to_have_text("0%")
    page.locator("tr", has_text="Blijver").get_by_role("link", name="Uitchecken").click()
    page.get_by_label("Bestemming").select_option(label="sociale huurwoning")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator('[data-figure="vertrokken"]')).to_have_text("2")
    expect(page.locator('[data-figure="duurzaam"]')).to_have_text("50%")


def test_the_team_opens_the_count_fills_it_in_closes_and_publishes_it(
    tablet, live_server, shelter_worker
):
    from playwright.sync_api import expect

    from welzijn.web.forms.common import today

    page = tablet
    login(page, live_server)
    page.get_by_role("link", name="Dak- en thuisloosheidstelling").click()
    page.get_by_role("link", name="Een telling openen").click()
    page.get_by_label("Datum van de telling").fill(f"{today():%d/%m/%Y}")
    page.get_by_label("Naam").fill("Telling van vandaag")
    page.get_by_role("button", name="Opslaan").click()
    state = page.locator("[data-state]")
    expect(state).to_have_attribute("data-state", "open")
    page.get_by_role("link", name="Formulier invullen").click()
    for _ in range(2):  # the same person met twice: the key (JD, 1980, man) counts them once
        page.get_by_label("Woonsituatie (ETHOS Light)").select_option(
            label="1. openbare ruimte (op straat)"
        )
        page.get_by_label("Sliep vorige nacht").select_option(
            label="op straat of in de openbare ruimte"
        )
        page.get_by_label("Leeftijd").select_option(label="26 tot 49")
        page.get_by_label("Geslacht").select_option(label="man")
        page.get_by_label("Initialen (niet verplicht)").fill("JD")
        page.get_by_label("Geboortejaar (niet verplicht)").fill("1980")
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_role("status")).to_have_text("Opgeslagen. Volgende persoon?")
    page.get_by_role("link", name="Terug zonder opslaan").click()
    expect(page.locator('[data-figure="totaal"]')).to_have_text("1")
    page.get_by_role("link", name="Invoer sluiten").click()
    page.get_by_label("Ik sluit de invoer af", exact=False).check()
    page.get_by_role("button", name="Opslaan").click()
    expect(state).to_have_attribute("data-state", "gesloten")
    expect(page.get_by_role("link", name="Formulier invullen")).to_have_count(0)
    page.get_by_role("link", name="Resultaten publiceren").click()
    page.get_by_label("Ik publiceer de resultaten", exact=False).check()
    page.get_by_role("button", name="Opslaan").click()
    expect(state).to_have_attribute("data-state", "gepubliceerd")
    expect(page.locator('[data-figure="totaal"]')).to_have_text("1")
