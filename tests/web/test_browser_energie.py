"""The Energiecel runs a LAC session from the request to the decision letter; a wooncoach
handles a rent-arrears melding to its outcome."""

import os

import pytest
from django.utils import timezone
from factories import household, person, user

from welzijn.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "een-lang-test-wachtwoord"


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def _account(role, office, name):
    account = user(role, office, name=name)
    account.set_password(PASSWORD)
    account.save()
    return account


@pytest.fixture
def insz(reference_data):
    onthaal = user(Role.ONTHAAL)
    member = person(onthaal, first_name="Nadia", last_name="Vermeulen")
    household(onthaal, member, name="Gezin Vermeulen")
    _account(Role.ENERGIECEL, "team-energiecel", "ec.test")
    return member.insz


def test_a_lac_dossier_from_request_to_letter(page, live_server, insz):
    from playwright.sync_api import expect

    today = timezone.localdate().strftime("%d/%m/%Y")
    _login(page, live_server, "ec.test")
    expect(page.get_by_role("heading", name="Lokale Adviescommissie (LAC)")).to_be_visible()

    page.get_by_role("link", name="Zitting plannen").first.click()
    page.get_by_label("Datum van de zitting").fill(today)
    page.get_by_label("Plaats").fill("Sociaal Huis, Onderbergen 86")
    page.get_by_label("Samenstelling van de commissie").fill(
        "Voorzitter (OCMW)\nMaatschappelijk werker Energiecel\nFluvius"
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Fluvius", exact=True)).to_be_visible()

    page.get_by_role("link", name="LAC", exact=True).click()
    page.get_by_role("link", name="LAC-dossier openen").click()
    page.get_by_label("Rijksregisternummer van de klant").fill(insz)
    page.get_by_label("Verzoek van").select_option("farys")
    page.get_by_label("Nutsvoorziening").select_option("elektriciteit")
    page.get_by_label("Openstaand bedrag").fill("1.250,80")
    page.get_by_label("Verzoek ontvangen op").fill(today)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Farys vraagt advies over water")).to_be_visible()  # bad input
    page.get_by_label("Verzoek van").select_option("fluvius")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Gezin Vermeulen")).to_be_visible()
    expect(page.get_by_text("30 kalenderdagen na ontvangst")).to_be_visible()

    page.get_by_label("Verslag van het sociaal onderzoek").fill("Alleenstaande, deeltijds werk.")
    page.get_by_role("button", name="Verslag bewaren").click()
    page.get_by_role("button", name="Op de agenda zetten").click()
    expect(page.get_by_text("Het dossier staat op de agenda.")).to_be_visible()

    page.get_by_label("Beslissing").select_option("budgetmeter")
    page.get_by_label("Motivering").fill("Budgetmeter met krediet en een afbetalingsplan.")
    page.get_by_label("Het huishouden werd gehoord").check()
    page.get_by_role("button", name="Beslissing notuleren").click()
    expect(page.get_by_text("budgetmeter met krediet", exact=True)).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Beslissingsbrief (PDF)").click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.value.suggested_filename.startswith("lac-beslissing-")


def test_a_wooncoach_ends_a_rent_arrears_melding(page, live_server, reference_data):
    from playwright.sync_api import expect

    from welzijn.meldingen import services as meldingen
    from welzijn.meldingen.models import Melding

    _account(Role.WOONCOACH, "team-wooncoaches", "wc.test")
    warden = user(Role.GEMEENSCHAPSWACHT, "team-gemeenschapswachten")
    melding = meldingen.melding_create(
        actor=warden,
        category="huurachterstal",
        description="Verhuurder meldt drie maanden huurachterstal",
        reporter_kind="partner",
        street="Bevrijdingslaan",
        house_number="12",
        postcode="9000",
    )
    assert melding.team.code == "team-wooncoaches"
    _login(page, live_server, "wc.test")
    expect(page.get_by_role("heading", name="Wooncoaches")).to_be_visible()
    page.get_by_role("link", name="Afhandelen").click()
    page.get_by_label("Uitkomst").select_option("afbetalingsplan")
    page.get_by_label("Wat er gebeurde").fill("Afbetalingsplan van 6 maanden met de verhuurder.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text(f"Melding {melding.number} is afgehandeld.")).to_be_visible()
    expect(page.get_by_text("Geen open meldingen van huurachterstal.")).to_be_visible()
    melding = Melding.objects.get(pk=melding.pk)
    assert melding.status == "afgehandeld"
    assert melding.rent_arrears_outcome.outcome == "afbetalingsplan"
