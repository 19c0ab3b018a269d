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

    page.get_by_role("link", name="Onthaalcontact", exact=True).click()
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
    page.get_by_label("Bedrag (EUR)").fill("12.500,00")  # a zero too many
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("is meer dan het plausibele maximum van € 3.000,00")).to_be_visible()
    expect(page.get_by_label("Ja, dit bedrag klopt")).to_be_visible()
    page.get_by_label("Bedrag (EUR)").fill("1250,00")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Huurwaarborg: € 1.250,00")).to_be_visible()


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
    first.get_by_text("Volledige uitleg").click()
    expect(first.get_by_text("verhoogde tegemoetkoming").first).to_be_visible()
    first.get_by_role("button", name="Aanvaarden").click()
    expect(first.get_by_text("toegekend", exact=True)).to_be_visible()

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


def test_beheerder_sets_up_an_authenticator_without_any_policy_violation(page, live_server, data):
    """The whole second step in a browser, and the Content-Security-Policy: not one message
    about a blocked script or style, on the search page (htmx) and the jaaroverzicht."""
    import base64
    from decimal import Decimal

    from django_otp.oath import totp
    from factories import dossier
    from playwright.sync_api import expect

    from welzijn.casework.services import intervention_register

    file = dossier(data["worker"], data["household"])
    intervention_register(  # something to report on for 2023
        actor=data["worker"],
        dossier_id=file.pk,
        service="huurwaarborg",
        date=dt.date(2023, 4, 1),
        amount=Decimal("900.00"),
    )
    violations = []
    page.on("console", lambda msg: violations.append(msg.text))
    beheerder = user(Role.BEHEERDER, None, name="beheerder.test")
    beheerder.is_staff = True
    beheerder.set_password(PASSWORD)
    beheerder.save()
    login(page, live_server, username="beheerder.test")
    expect(page.get_by_role("heading", name="Tweestapsverificatie")).to_be_visible()
    expect(page.locator(".qr svg")).to_be_visible()
    secret = page.locator("code.secret").first.inner_text().replace(" ", "")
    page.get_by_label("Code uit je authenticator-app").fill(f"{totp(base64.b32decode(secret)):06d}")
    page.get_by_role("button", name="Instellen").click()
    expect(page.get_by_role("link", name="Jaaroverzicht")).to_be_visible()
    page.goto(f"{live_server.url}/admin/")
    expect(page.get_by_text("Beheer van Welzijn en Samenleving")).to_be_visible()
    page.goto(f"{live_server.url}/rapportage/2023/")
    expect(page.get_by_role("heading", name="Jaaroverzicht 2023").first).to_be_visible()

    page.get_by_role("button", name="Afmelden").click()
    login(page, live_server)  # the caseworker: htmx search
    page.get_by_role("link", name="Persoon zoeken").click()
    page.get_by_label("Naam, INSZ-nummer of adres").fill("celik zoe")
    expect(page.get_by_role("link", name="Çelik, Zoë")).to_be_visible()
    assert [text for text in violations if "Content Security Policy" in text] == []


def test_cancel_an_intervention_with_a_reason(page, live_server, data):
    from decimal import Decimal

    from factories import dossier
    from playwright.sync_api import expect

    from welzijn.casework import services as casework

    file = dossier(data["worker"], data["household"])
    casework.intervention_register(
        actor=data["worker"],
        dossier_id=file.pk,
        service="huurwaarborg",
        date=dt.date(2023, 3, 1),
        amount=Decimal("1250.00"),
    )
    login(page, live_server)
    page.goto(f"{live_server.url}/dossiers/{file.pk}/")
    row = page.locator("table.timeline tr", has_text="Huurwaarborg")
    row.get_by_role("link", name="annuleren").click()
    expect(page.get_by_role("heading", name="Tussenkomst annuleren")).to_be_visible()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Dit veld is vereist.")).to_be_visible()
    page.get_by_label("Reden van annulering").fill("Bedrag dubbel ingegeven")
    page.get_by_role("button", name="Opslaan").click()
    row = page.locator("table.timeline tr", has_text="Huurwaarborg")
    expect(row.get_by_text("Geannuleerd", exact=True)).to_be_visible()
    expect(row.get_by_text("Bedrag dubbel ingegeven")).to_be_visible()
    struck = row.locator(".struck")
    expect(struck).to_contain_text("Huurwaarborg")
    expect(struck).to_have_css("text-decoration-line", "line-through")
    expect(row.get_by_role("link", name="annuleren")).to_have_count(0)


def test_register_a_new_person_past_the_duplicate_warning(page, live_server, data):
    from playwright.sync_api import expect

    from welzijn.registry.models import Person

    login(page, live_server)
    page.get_by_role("link", name="Persoon zoeken").click()
    page.get_by_label("Naam, INSZ-nummer of adres").fill("Tchelik")
    expect(page.get_by_text("Niemand gevonden")).to_be_visible()
    page.get_by_role("link", name="Nieuwe persoon registreren").click()

    page.get_by_label("Voornaam").fill("Zoe")
    page.get_by_label("Achternaam").fill("Celick")  # Zoë Çelik, born the same day, exists
    page.get_by_label("Geboortedatum").fill("30/07/1950")
    page.get_by_label("Geslacht").select_option(label="vrouw")
    hint = page.get_by_text("meestal geen INSZ-nummer")
    expect(hint).to_be_hidden()
    page.get_by_label("Verblijfsstatus").select_option(label="zonder wettig verblijf")
    expect(hint).to_be_visible()
    page.get_by_role("button", name="Opslaan").click()

    expect(
        page.get_by_role("heading", name="Is dit iemand die al geregistreerd is?")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Çelik, Zoë")).to_be_visible()
    assert not Person.objects.filter(last_name="Celick").exists()
    page.get_by_role("button", name="Toch nieuwe persoon registreren").click()
    expect(page.get_by_role("heading", name="Zoe Celick")).to_be_visible()
    expect(page.get_by_role("link", name="Onthaalcontact registreren")).to_be_visible()
    assert Person.objects.get(last_name="Celick").residence_status == "zonder"


def test_a_caseworker_starts_a_household_and_registers_an_income(page, live_server, data):
    from playwright.sync_api import expect

    alone = person(data["worker"], first_name="Jonas", last_name="Verbeke")
    login(page, live_server)
    page.goto(f"{live_server.url}/personen/{alone.pk}/")
    page.get_by_role("link", name="Nieuw huishouden").click()
    expect(page.get_by_label("Naam van het huishouden")).to_have_value("Gezin Verbeke")
    page.get_by_label("Vanaf").fill("01/04/2023")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Gezin Verbeke")).to_be_visible()
    expect(
        page.get_by_role("row", name=re.compile("Jonas Verbeke.*referentiepersoon"))
    ).to_be_visible()

    page.get_by_role("link", name="Jonas Verbeke").click()
    page.get_by_role("link", name="Inkomen registreren").click()
    page.get_by_label("Soort inkomen").select_option(label="beroepsinkomen")
    page.get_by_label("Netto bedrag (EUR)").fill("1214,13")
    page.get_by_label("Per", exact=True).select_option(label="per maand")
    page.get_by_label("Vanaf").fill("01/07/2023")
    page.get_by_label("Bron").select_option(label="loonfiche")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Situatie")).to_be_visible()
    expect(page.get_by_text("€ 1.214,13 per maand")).to_be_visible()


def test_an_expired_session_takes_the_whole_page_to_the_login_and_back(page, live_server, data):
    from django.contrib.sessions.models import Session
    from playwright.sync_api import expect

    login(page, live_server)
    page.get_by_role("link", name="Persoon zoeken").click()
    box = page.get_by_label("Naam, INSZ-nummer of adres")
    box.fill("celik")
    expect(page.get_by_role("link", name="Çelik, Zoë")).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}/zoeken/?q=celik")
    Session.objects.all().delete()  # what 30 idle minutes do
    box.fill("celik zoe")  # an htmx request without a session
    expect(page).to_have_url(f"{live_server.url}/inloggen/?next=%2Fzoeken%2F%3Fq%3Dcelik")
    expect(page.get_by_label("Gebruikersnaam")).to_be_visible()
    expect(page.locator("#resultaten")).to_have_count(0)  # a whole page, not a swapped row
    expect(page.locator("form input[name=username]")).to_have_count(1)
    page.get_by_label("Gebruikersnaam").fill("mw.test")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(f"{live_server.url}/zoeken/?q=celik")
    expect(page.get_by_role("link", name="Çelik, Zoë")).to_be_visible()


def test_a_note_typed_in_an_expired_session_is_still_there_after_login(page, live_server, data):
    from django.contrib.sessions.models import Session
    from factories import dossier
    from playwright.sync_api import expect

    file = dossier(data["worker"], data["household"])
    login(page, live_server)
    page.goto(f"{live_server.url}/dossiers/{file.pk}/")
    page.get_by_label("Notitie").fill("Huisbezoek: de verwarming is stuk.")
    Session.objects.all().delete()
    page.get_by_role("button", name="Notitie opslaan").click()  # htmx
    expect(page.get_by_label("Gebruikersnaam")).to_be_visible()
    page.get_by_label("Gebruikersnaam").fill("mw.test")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(f"{live_server.url}/dossiers/{file.pk}/")
    expect(page.get_by_text("Je sessie was verlopen")).to_be_visible()
    expect(page.get_by_label("Notitie")).to_have_value("Huisbezoek: de verwarming is stuk.")
