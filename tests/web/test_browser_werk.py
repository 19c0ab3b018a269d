"""The Dienst Werk en Activering in a real browser (Playwright, Chromium): someone walks in
at the werkpunt, is registered, asks a question that is followed up, and starts at an
employer on the art. 60 trajectory of their dossier."""

import datetime as dt
import os

import pytest
from factories import dossier, household, person, user

from welzijn.activation.models import Question
from welzijn.casework import services as casework
from welzijn.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "een-lang-test-wachtwoord"


def login(page, live_server, username):
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_a_walk_in_asks_a_work_question_that_is_followed_up(page, live_server, reference_data):
    from playwright.sync_api import expect

    werk = user(Role.WERK, "team-werk-activering", name="werk")
    werk.set_password(PASSWORD)
    werk.save()
    today = dt.date.today().strftime("%d/%m/%Y")

    login(page, live_server, "werk")
    expect(page.get_by_role("heading", name="Open werkvragen")).to_be_visible()
    expect(page.get_by_text("Geen open vragen.")).to_be_visible()
    page.get_by_role("link", name="Zoek de persoon").click()
    page.get_by_role("link", name="Nieuwe persoon").click()
    page.get_by_label("Voornaam").fill("Samira")
    page.get_by_label("Achternaam").fill("Benali")
    page.get_by_label("Geboortedatum").fill("14/03/1991")
    page.get_by_label("Geslacht").select_option(label="vrouw")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Samira Benali")).to_be_visible()
    page.get_by_role("link", name="Werk en activering").click()

    page.get_by_role("link", name="Nieuwe werkvraag").click()
    page.get_by_label("Thema").select_option(label="werk zoeken of houden")
    page.get_by_label("Gesteld op").fill("31/02/2023")
    page.get_by_label("Vraag", exact=True).fill("Zoekt werk in de zorg, heeft een diploma.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("dd/mm/jjjj")).to_be_visible()  # the field says what it wants
    assert not Question.objects.exists()
    page.get_by_label("Gesteld op").fill(today)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("staat op de werklijst")).to_be_visible()

    page.get_by_role("link", name="Werk", exact=True).click()
    row = page.get_by_role("row", name="Samira Benali")
    expect(row).to_contain_text("werk zoeken of houden")
    row.get_by_role("link", name="Opvolgen").click()
    page.get_by_label("Vervolg").select_option(label="doorverwezen naar een andere partner")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Naar welke partner werd doorverwezen?")).to_be_visible()
    page.get_by_label("Vervolg").select_option(label="doorverwezen naar VDAB")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("is opgevolgd")).to_be_visible()
    expect(page.get_by_role("cell", name=f"doorverwezen naar VDAB, {today}")).to_be_visible()
    question = Question.objects.get()
    assert (question.status, question.follow_up) == ("beantwoord", "vdab")
    page.get_by_role("link", name="Werk", exact=True).click()
    expect(page.get_by_text("Geen open vragen.")).to_be_visible()


def test_an_art_60_worker_starts_at_an_employer(page, live_server, reference_data):
    from playwright.sync_api import expect

    werk = user(Role.WERK, "team-werk-activering", name="werk")
    werk.set_password(PASSWORD)
    werk.save()
    worker = person(werk, first_name="Tom", last_name="Claeys")
    file = dossier(werk, household(werk, worker), office_code="team-werk-activering")
    casework.trajectory_start(
        actor=werk, dossier_id=file.pk, service="artikel-60", start_date=dt.date.today(),
        person=worker,
    )  # fmt: skip

    login(page, live_server, "werk")
    page.get_by_role("link", name="Werkgevers", exact=True).click()
    page.get_by_role("link", name="Nieuwe werkgever").click()
    page.get_by_label("Naam van de organisatie").fill("Woonzorgcentrum De Vijvers")
    page.get_by_label("Hoofdsector").select_option(label="zorg")
    page.get_by_label("Ondernemingsnummer").fill("BE 0123")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Tien cijfers, beginnend met 0 of 1")).to_be_visible()
    page.get_by_label("Ondernemingsnummer").fill("")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Woonzorgcentrum De Vijvers")).to_be_visible()

    page.goto(f"{live_server.url}/werk/personen/{worker.pk}/")
    page.get_by_role("link", name="Tewerkstelling toevoegen").click()
    page.get_by_label("Werkgever").select_option(label="Woonzorgcentrum De Vijvers")
    page.get_by_label("Sector").select_option(label="zorg")
    page.get_by_label("Functie").fill("Logistiek assistent")
    page.get_by_label("Uren per week").fill("30")
    page.get_by_role("button", name="Opslaan").click()
    expect(
        page.get_by_text("De tewerkstelling bij Woonzorgcentrum De Vijvers is gestart")
    ).to_be_visible()
    page.get_by_role("link", name="Woonzorgcentrum De Vijvers").click()
    expect(page.get_by_role("row", name="Tom Claeys")).to_contain_text("Logistiek assistent")
