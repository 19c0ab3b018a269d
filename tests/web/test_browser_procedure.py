"""The Sociale Dienst's procedure in a real browser: a leefloon request from receipt to the
decision letter, by the caseworker and the teamcoach; a late request on the teamcoach's page."""

import datetime as dt
import os
import re

import pytest
from factories import dossier, household, person, user

from welzijn.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "een-lang-test-wachtwoord"


@pytest.fixture
def team(reference_data):
    accounts = {}
    for role, name in ((Role.MAATSCHAPPELIJK_WERKER, "mw.proc"), (Role.TEAMCOACH, "tc.proc")):
        account = user(role, name=name)
        account.set_password(PASSWORD)
        account.save()
        accounts[role] = account
    mw = accounts[Role.MAATSCHAPPELIJK_WERKER]
    hh = household(mw, person(mw, first_name="Amina", last_name="Haddad"), name="Gezin Haddad")
    return accounts, dossier(mw, hh)


def login(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_leefloon_from_request_to_letter(page, live_server, team, tmp_path):
    from playwright.sync_api import expect

    _, file = team
    login(page, live_server, "mw.proc")
    page.goto(f"{live_server.url}/dossiers/{file.pk}/")
    page.get_by_role("link", name="Aanvraag registreren").first.click()
    page.get_by_label("Gevraagde hulp").select_option(label="Leefloon")
    page.get_by_label("Wat wordt gevraagd").fill("Geen inkomen meer sinds januari")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name=re.compile("Aanvraag Leefloon"))).to_be_visible()
    due = dt.date.today() + dt.timedelta(days=30)
    expect(page.get_by_text(due.strftime("%d/%m/%Y"))).to_be_visible()

    page.get_by_role("link", name="Sociaal verslag en voorstel").click()
    page.get_by_label("Situatie").fill("Alleenstaand, huurt een studio.")
    page.get_by_label("Bestaansmiddelen").fill("Geen inkomen.")
    page.get_by_label("Noden").fill("Een leefloon.")
    page.get_by_label("Bedrag (EUR)").fill("1263,17")
    page.get_by_label("Motivering van het voorstel").fill("Voldoet aan de voorwaarden.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("wacht op goedkeuring")).to_be_visible()

    login(page, live_server, "tc.proc")
    page.get_by_role("link", name="Mijn team").first.click()
    page.get_by_role("link", name=re.compile("Gezin Haddad: Leefloon")).click()
    page.get_by_label("goedkeuren voor de agenda").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("goedgekeurd", exact=True)).to_be_visible()

    page.get_by_role("link", name="Comité").click()
    page.get_by_role("link", name="Zitting plannen").click()
    page.get_by_label("Datum van de zitting").fill(dt.date.today().strftime("%d/%m/%Y"))
    page.get_by_label("Aantal leden van het comité").fill("3")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("button", name="Op de agenda").click()
    page.get_by_role("link", name="Aanwezigen registreren").click()
    page.get_by_label("Aanwezige leden").fill("Voorzitter\nLid Twee")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Quorum bereikt")).to_be_visible()
    page.get_by_role("link", name="Beslissing noteren").click()
    page.get_by_label("Beslissing").select_option(label="toegekend zoals voorgesteld")
    page.get_by_label("Motivering").fill("Het comité volgt het voorstel.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("toegekend zoals voorgesteld")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="beslissingsbrief (PDF)").click()
    path = tmp_path / "brief.pdf"
    download.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")  # its text: tests/procedure (test_letter_*)


def test_a_late_request_shows_on_the_teamcoachs_page(page, live_server, team):
    from playwright.sync_api import expect

    from welzijn.procedure import services as procedure

    accounts, file = team
    procedure.request_register(
        actor=accounts[Role.MAATSCHAPPELIJK_WERKER],
        dossier_id=file.pk,
        service="leefloon",
        received_on=dt.date.today() - dt.timedelta(days=40),
        channel="post",
        question="Leefloon",
    )
    login(page, live_server, "tc.proc")
    page.get_by_role("link", name="Mijn team").first.click()
    panel = page.get_by_role("region", name="Aanvragen dicht bij of voorbij de termijn")
    expect(panel.get_by_text("Te laat")).to_be_visible()
    expect(panel.get_by_role("link", name="Leefloon")).to_be_visible()


def test_a_decision_revised_after_the_hearing_gets_its_own_letter(
    page, live_server, team, tmp_path
):
    from playwright.sync_api import expect

    from welzijn.casework import services as casework
    from welzijn.procedure import services as procedure
    from welzijn.procedure.models import Request

    accounts, file = team
    mw, tc = accounts[Role.MAATSCHAPPELIJK_WERKER], accounts[Role.TEAMCOACH]
    day = dt.date.today() - dt.timedelta(days=20)
    req = procedure.request_register(
        actor=mw, dossier_id=file.pk, service="leefloon", received_on=day, channel="balie",
        question="Leefloon",
    )  # fmt: skip
    proposal = procedure.proposal_submit(
        actor=mw, request_id=req.pk, situation="Alleen.", means="Loon van maart.",
        needs="Leefloon.", proposed_result="weigering", motivation="Heeft een loon.",
    )  # fmt: skip
    procedure.proposal_review(actor=tc, proposal_id=proposal.pk, approve=True)
    first = procedure.session_plan(actor=tc, held_on=day + dt.timedelta(days=5), members_total=3)
    item = procedure.agenda_add(actor=tc, session_id=first.pk, proposal_id=proposal.pk)
    procedure.session_record_presence(actor=tc, session_id=first.pk, members_present="A\nB")
    procedure.agenda_item_decide(actor=tc, item_id=item.pk, verdict="geweigerd", motivation="Loon.")
    refusal = Request.objects.get(pk=req.pk).decision
    casework.decision_hearing_record(
        actor=mw, decision_id=refusal.pk, requested_on=day + dt.timedelta(days=7)
    )
    later = procedure.session_plan(actor=tc, held_on=dt.date.today(), members_total=3)
    procedure.agenda_add(actor=tc, session_id=later.pk, decision_id=refusal.pk)
    procedure.session_record_presence(actor=tc, session_id=later.pk, members_present="A\nB")

    login(page, live_server, "tc.proc")
    page.goto(f"{live_server.url}/procedure/comite/{later.pk}/")
    page.get_by_role("link", name="Beslissing noteren").click()
    page.get_by_label("Beslissing", exact=True).select_option(
        label="beslissing herzien na hoorzitting"
    )
    page.get_by_label("Herziene beslissing").select_option(label="toekenning")
    page.get_by_label("Bedrag (EUR)").fill("1263,17")
    page.get_by_label("Motivering").fill("Gehoord: het loon van maart werd nooit betaald.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("beslissing herzien na hoorzitting")).to_be_visible()

    login(page, live_server, "mw.proc")
    page.goto(f"{live_server.url}/procedure/aanvragen/{req.pk}/")
    revised = page.get_by_role("region", name="Herziene beslissing na de hoorzitting")
    expect(revised.get_by_text("toekenning")).to_be_visible()
    expect(revised.get_by_text("€ 1.263,17")).to_be_visible()
    with page.expect_download() as download:
        revised.get_by_role("link", name="Beslissingsbrief herziene beslissing (PDF)").click()
    path = tmp_path / "herzien.pdf"
    download.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    assert Request.objects.get(pk=req.pk).letters.count() == 2  # the first and the revised
