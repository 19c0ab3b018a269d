"""The Vrijwilligerspunt and the praktijktesten in a real browser (Playwright, Chromium)."""

import datetime as dt
import os

import pytest
from factories import user

from welzijn.core.roles import Role
from welzijn.registry.models import Organisation, OrganisationAccount, Wijk
from welzijn.volunteering import services as volunteering
from welzijn.volunteering.models import Cause

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "een-lang-test-wachtwoord"


def account(role, name, office=None):
    made = user(role, office, name=name)
    made.set_password(PASSWORD)
    made.save()
    return made


def login(page, live_server, username):
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_a_volunteer_registered_at_the_loket_is_matched_and_confirmed(
    page, live_server, reference_data
):
    from playwright.sync_api import expect

    account(Role.VRIJWILLIGERSPUNT, "loket", "team-vrijwilligerspunt")
    organisation = Organisation.objects.get(code="roeland")
    keeper = account(Role.PARTNER, "roeland")
    OrganisationAccount.objects.create(user=keeper, organisation=organisation)
    vacancy = volunteering.vacancy_save(
        actor=keeper,
        organisation=organisation,
        title="Kok in het buurtrestaurant",
        task="Samen koken",
        wijk=Wijk.objects.get(code="brugse-poort-rooigem"),
        hours_per_week=3,
        availability=["weekend"],
        insurer="Ethias",
        policy_number="45.1",
        causes=[Cause.objects.get(code="armoede")],
    )
    volunteering.vacancy_transition(
        actor=keeper, vacancy_id=vacancy.pk, to="open", on=dt.date.today()
    )

    login(page, live_server, "loket")
    expect(page.get_by_role("heading", name="Vrijwilligersloket")).to_be_visible()
    page.get_by_role("link", name="Nieuwe vrijwilliger inschrijven").click()
    page.get_by_label("Voornaam").fill("Ines")
    page.get_by_label("Achternaam").fill("Dewulf")
    page.get_by_label("Geboortedatum").fill("02/04/1998")
    page.get_by_label("Geslacht").select_option(label="vrouw")
    page.get_by_label("Nationaliteit").fill("BE")
    page.get_by_label("Woont in de wijk").select_option(label="Rabot-Blaisantvest")
    page.get_by_label("Nederlands").check()
    page.get_by_label("weekend").check()
    page.get_by_label("Uren per week").fill("4")
    page.get_by_label("Armoede en sociale uitsluiting").check()
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("heading", name="Ines Dewulf")).to_be_visible()
    suggestion = page.locator(f"#vacature-{vacancy.pk}")
    expect(suggestion).to_contain_text("+3 engagement: Armoede en sociale uitsluiting")
    suggestion.get_by_role("button", name="Voorstellen").click()
    expect(page.get_by_text("is voorgesteld voor Kok in het buurtrestaurant")).to_be_visible()
    page.get_by_role("button", name="Vrijwilliger aanvaardt").click()
    page.get_by_role("button", name="Afmelden").click()

    login(page, live_server, "roeland")
    page.get_by_role("link", name="Vrijwilligers").click()
    page.get_by_role("link", name="Kok in het buurtrestaurant").click()
    expect(page.get_by_text("Ines Dewulf")).to_be_visible()
    page.get_by_role("button", name="Organisatie aanvaardt").click()
    expect(page.get_by_text("de match is bevestigd")).to_be_visible()
    expect(page.get_by_text("bevestigd door beide kanten")).to_be_visible()


def test_a_test_campaign_is_entered_and_its_statistics_shown(page, live_server, reference_data):
    from playwright.sync_api import expect

    account(Role.GELIJKE_KANSEN, "gk", "team-gelijke-kansen")
    login(page, live_server, "gk")
    expect(
        page.get_by_role("heading", name="Praktijktesten op de private huurmarkt")
    ).to_be_visible()
    page.get_by_role("link", name="Nieuwe testcampagne").click()
    page.get_by_label("Naam", exact=True).fill("Huurmarkt voorjaar")
    page.get_by_label("Van", exact=True).fill("01/01/2023")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Huurmarkt voorjaar")).to_be_visible()

    page.get_by_role("link", name="Praktijktest registreren").click()
    for n, (test, control) in enumerate(
        [("geen", "bezichtiging"), ("antwoord", "bezichtiging"), ("bezichtiging", "bezichtiging")]
    ):
        page.get_by_label("Verhuurder (naam)").fill("Immo Voorbeeld")
        page.get_by_label("Advertentie").fill(f"Appartement {n}")
        page.get_by_label("Huurprijs per maand").fill("850,00")
        page.get_by_label("Wijk").select_option(label="Ledeberg")
        page.get_by_label("Geteste eigenschap").select_option(label="Rolstoelgebruiker")
        page.locator(f'input[name="test_outcome"][value="{test}"]').check()
        page.locator(f'input[name="control_outcome"][value="{control}"]').check()
        last = n == 2
        page.get_by_role(
            "button", name="Opslaan" if last else "Opslaan en nog een test", exact=True
        ).click()
        expect(page.get_by_text("De praktijktest is geregistreerd.")).to_be_visible()

    row = page.locator("#eigenschap-rolstoelgebruiker")
    expect(row).to_contain_text("Rolstoelgebruiker")
    expect(row).to_contain_text("66,7%")  # 2 of the 3 pairs: only the control was invited
    expect(page.get_by_text("Immo Voorbeeld").first).to_be_visible()
