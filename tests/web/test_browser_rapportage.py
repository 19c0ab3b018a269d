"""The analist's dashboard in a real browser: the year per month with its charts, an
indicator's breakdowns, under the strict CSP (no violation, nothing loaded from outside)."""

import datetime as dt
import os
from decimal import Decimal

import pytest
from factories import dossier, household, person, user

from welzijn.casework.models import Intervention
from welzijn.catalog.models import Service
from welzijn.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "een-lang-test-wachtwoord"


@pytest.fixture
def analist(reference_data):
    worker = user(Role.MAATSCHAPPELIJK_WERKER, name="mw.rap")
    leefloon = Service.objects.get(code="leefloon")
    for month in (1, 1, 2, 2, 2, 3, 4):
        p = person(worker)
        d = dossier(worker, household(worker, p))
        Intervention.objects.create(
            dossier=d, person=p, service=leefloon, date=dt.date(2023, month, 1),
            amount=Decimal("1000.00"), quantity=Decimal(1),
        )  # fmt: skip
    account = user(Role.ANALIST, office_code=None, name="an.rap")
    account.set_password(PASSWORD)
    account.save()
    return account


def test_analist_reads_the_months_and_an_indicators_breakdowns(page, live_server, analist):
    from playwright.sync_api import expect

    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: problems.append(r.url) if live_server.url not in r.url else None)
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("an.rap")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server.url}/rapportage/?jaar=2023")
    expect(
        page.get_by_role("heading", name="Rapportage 2023: het jaar tot nu, per maand")
    ).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    # a year's twelve months fit: no horizontal scrolling of the page or of a chapter's table
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    overflow = "[...document.querySelectorAll('.dash')].map(e => e.scrollWidth - e.clientWidth)"
    assert max(page.evaluate(overflow)) <= 0
    row = page.get_by_role("row").filter(has_text="Personen met (equivalent) leefloon")
    expect(row.locator("svg")).to_be_visible()
    expect(row).to_contain_text("7")
    row.get_by_role("link").click()
    expect(
        page.get_by_role("heading", name="Personen met (equivalent) leefloon per wijk")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="per welzijnsbureau of team")).to_be_visible()
    expect(page.get_by_role("cell", name="januari")).to_be_visible()
    blocked = [p for p in problems if "Content Security Policy" in p or "Refused" in p]
    assert not blocked and not [p for p in problems if p.startswith("http")], problems
