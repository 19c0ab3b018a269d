"""The Rechtencheck in a real browser: a single parent completes it in Dutch and in Arabic
(right to left, at 360 px, partly by keyboard only), changes an answer, gets leefloon,
verhoogde tegemoetkoming, the Groeipakket's social allowance and UiTPAS, and sends it to
the welzijnsbureau, where the onthaal sees it. axe-core (from npm) checks every page.
Screenshots of each language land in test-results/rechtencheck/."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from factories import user
from rechtencheck_citizen import SINGLE_PARENT

from welzijn.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "een-lang-test-wachtwoord"
SHOTS = Path("test-results/rechtencheck")
AXE_DIR = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "welzijn-axe"
#: The rights a single parent on a low income must see (Dutch names, and the Arabic ones).
RIGHTS = {
    "nl": ("Leefloon", "Verhoogde tegemoetkoming (ziekenfonds)",
           "Sociale toeslag (Groeipakket)", "UiTPAS kansentarief Gent"),
    "ar": ("دخل الاندماج (leefloon)", "التعويض المرتفع (صندوق التأمين الصحي)",
           "العلاوة الاجتماعية (Groeipakket)", "UiTPAS بالتعريفة المخفضة في غنت"),
}  # fmt: skip


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core 4 from npm, installed once into a cache directory."""
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        if not shutil.which("npm"):
            pytest.skip("npm is not installed: no axe-core")
        done = subprocess.run(
            ["npm", "install", "--prefix", str(AXE_DIR), "--no-audit", "--no-fund", "axe-core@4"],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        if done.returncode != 0 or not script.exists():
            pytest.skip(f"npm could not install axe-core: {done.stderr[-300:]}")
    return script.read_text(encoding="utf-8")


def assert_accessible(page, axe_source: str, where: str) -> None:
    """No WCAG 2.1 A/AA violation on the page (axe runs through DevTools, not the CSP)."""
    page.evaluate(axe_source)
    found = page.evaluate(
        "async () => (await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations"
        ".map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}))"
    )
    assert found == [], f"{where}: {json.dumps(found, ensure_ascii=False)}"


def _answer_by_keyboard(page, answer: str) -> None:
    """Choose or type the answer and go on, with the keyboard only."""
    radios = page.locator("input[type=radio]")
    if radios.count():
        radios.locator(f"xpath=self::*[@value='{answer}']").focus()
        page.keyboard.press("Space")
        page.locator("button[value=answer]").focus()
    else:
        page.locator("#value").focus()
        page.keyboard.type(answer)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _tick_by_keyboard(page) -> None:
    """A checklist: tick, with the keyboard, what is true for Sara's household."""
    for box in page.locator("input[name=tick]").all():
        if SINGLE_PARENT.get(box.get_attribute("value").split(".", 1)[1]) == "ja":
            box.focus()
            page.keyboard.press("Space")
    page.locator("button[value=answer]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _fill_form_by_keyboard(page) -> None:
    """A form: every field from the truth (else nee, weet ik niet or 0), by keyboard."""
    fields = page.locator("main [name*='.']")
    for name in dict.fromkeys(f.get_attribute("name") for f in fields.all()):
        truth = SINGLE_PARENT.get(name.split(".", 1)[1])
        field = page.locator(f"[name='{name}']")
        tag = field.first.evaluate("e => e.tagName + (e.type || '')")
        if tag == "INPUTradio":
            field.locator(f"xpath=self::*[@value='{truth or 'nee'}']").focus()
            page.keyboard.press("Space")
        elif tag.startswith("SELECT"):
            field.focus()
            field.select_option(truth or "weet_niet")
        else:
            field.focus()
            page.keyboard.type(truth or "0")
    page.locator("button[value=answer]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def complete_check(page, live_server, axe_source, language: str, width: int) -> None:
    """Start, name the household, answer every question truthfully, reach the result."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/rechtencheck/")
    if language != "nl":
        page.locator(f"button[name=lang][value={language}]").click()
    assert_accessible(page, axe_source, f"{language} start")
    page.locator("button[value=start]").click()
    assert_accessible(page, axe_source, f"{language} members")
    page.locator("#name_0").focus()
    page.keyboard.type("Sara")
    page.keyboard.press("Tab")
    page.keyboard.type("34")
    page.keyboard.press("Tab")
    page.keyboard.type("Lina")
    page.keyboard.press("Tab")
    page.keyboard.type("6")
    page.locator("#relation_1").select_option("kind")
    page.locator("#name_0").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    shot = 0
    for _ in range(80):
        key = page.locator("input[name=key]")
        if not key.count():
            break
        name = key.get_attribute("value").split(".", 1)[1]
        html = page.content()
        if name in SINGLE_PARENT:
            answer = SINGLE_PARENT[name]
        else:
            answer = (
                "nee" if 'value="ja"' in html else ("weet_niet" if 'type="radio"' in html else "0")
            )
        assert_accessible(page, axe_source, f"{language} {name}")
        if shot < 3:
            page.screenshot(
                path=str(SHOTS / f"{language}-{width}-vraag-{shot}.png"), full_page=True
            )
            shot += 1
        if page.locator("input[name=tick]").count():
            _tick_by_keyboard(page)
        elif page.locator("main [name*='.']").count():
            _fill_form_by_keyboard(page)
        else:
            _answer_by_keyboard(page, answer)
    assert page.locator("h1").first.inner_text() == (
        "Uw resultaat" if language == "nl" else "نتيجتك"
    )


def test_single_parent_in_dutch_then_arabic_sends_it_to_the_welzijnsbureau(
    page, live_server, reference_data, axe_source
):
    from playwright.sync_api import expect

    SHOTS.mkdir(parents=True, exist_ok=True)
    complete_check(page, live_server, axe_source, "nl", 1280)
    for right in RIGHTS["nl"]:
        card = page.locator("li.right", has=page.get_by_role("heading", name=right, exact=True))
        expect(card).to_have_class("right entitled")
    assert_accessible(page, axe_source, "nl result")
    page.screenshot(path=str(SHOTS / "nl-1280-resultaat.png"), full_page=True)

    # change an answer: not in Ghent -> no UiTPAS; back to Ghent -> UiTPAS again
    page.get_by_role("button", name="Wijzig: Woont u in Gent? (Staat uw adres in Gent?)").click()
    page.locator("input[name='hh.woont_in_gent'][value=nee]").check()
    page.locator("button[value=answer]").click()
    page.locator("button[value=result]").first.click()
    uitpas = page.locator(
        "li.right", has=page.get_by_role("heading", name="UiTPAS kansentarief Gent")
    )
    expect(uitpas).to_have_class("right not_entitled")
    page.get_by_role("button", name="Wijzig: Woont u in Gent? (Staat uw adres in Gent?)").click()
    page.locator("input[name='hh.woont_in_gent'][value=ja]").check()
    page.locator("button[value=answer]").click()
    page.locator("button[value=result]").first.click()
    expect(uitpas).to_have_class("right entitled")

    # the same answers in Arabic at 360 px: right to left, the result kept
    page.set_viewport_size({"width": 360, "height": 800})
    page.locator("button[name=lang][value=ar]").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    for right in RIGHTS["ar"]:
        expect(page.get_by_role("heading", name=right, exact=True)).to_be_visible()
    assert_accessible(page, axe_source, "ar result")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "wider than the phone"
    page.screenshot(path=str(SHOTS / "ar-360-resultaat.png"), full_page=True)

    # the nearest welzijnsbureau, then send it with consent
    page.locator("#postcode").fill("9000")
    page.locator("#postcode").press("Enter")
    expect(page.get_by_text("Welzijnsbureau Brugse Poort")).to_be_visible()
    page.get_by_role("button", name="أرسل إلى مكتب الرعاية الاجتماعية").click()
    assert_accessible(page, axe_source, "ar send")
    page.locator("#id_office").select_option("wb-brugse-poort")
    page.locator("#id_name").fill("Sara")
    page.locator("#id_phone").fill("0470 12 34 56")
    page.locator("#id_consent").check()
    page.screenshot(path=str(SHOTS / "ar-360-doorsturen.png"), full_page=True)
    page.locator("button[value=send]").click()
    expect(page.get_by_role("status")).to_contain_text("Welzijnsbureau Brugse Poort")

    # a caseworker of that office signs in and sees it
    onthaal = user(Role.ONTHAAL, "wb-brugse-poort", name="on.rechtencheck")
    onthaal.set_password(PASSWORD)
    onthaal.save()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("on.rechtencheck")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Rechtencheck").click()
    expect(page.get_by_role("cell", name="Sara")).to_be_visible()
    page.locator("#aanvragen, table a").first.click()
    expect(page.get_by_text("0470 12 34 56")).to_be_visible()
    expect(page.get_by_role("cell", name="Leefloon").first).to_be_visible()
    page.get_by_role("button", name="Opnemen").click()
    expect(page.get_by_text("opgenomen", exact=True)).to_be_visible()


def test_the_arabic_check_from_the_start_at_phone_width(
    page, live_server, reference_data, axe_source
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    complete_check(page, live_server, axe_source, "ar", 360)
    for right in RIGHTS["ar"]:
        heading = page.get_by_role("heading", name=right, exact=True)
        assert "entitled" in heading.locator("xpath=..").get_attribute("class")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
