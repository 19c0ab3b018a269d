"""The Rechtencheck's public pages: a single parent's check, changing an answer, the
language switch, the PDF, and sending it to a welzijnsbureau."""

import json
import re
from decimal import Decimal
from html import escape, unescape

import pytest
from django.utils import translation
from factories import user
from rechtencheck_citizen import (
    FOUR_RIGHTS,
    SINGLE_PARENT,
    SINGLE_PARENT_MEMBERS,
    answer_fields,
    complete,
    field,
    right_statuses,
    step,
)

from welzijn.core.models import AuditEvent
from welzijn.core.numbers import format_eur
from welzijn.core.roles import Role
from welzijn.rechtencheck.models import SelfcheckRequest
from welzijn.rechtencheck.presentation import money, status_labels
from welzijn.rechtencheck.selectors import offices_for_postcode

pytestmark = pytest.mark.django_db


def test_a_single_parent_gets_leefloon_vt_social_allowance_and_uitpas(client):
    result = complete(client)
    statuses = right_statuses(result)
    for right in FOUR_RIGHTS:
        assert statuses.get(right) in ("entitled", "probably"), (right, statuses)
    leefloon = re.search(r"<h3>Leefloon</h3>(.*?)</li>", result.content.decode(), re.S).group(1)
    assert re.search(r'class="amount">€ [\d.]+,\d\d per maand<', leefloon), leefloon
    assert statuses["Inkomensgarantie voor ouderen (IGO)"] == "not_entitled"


def test_the_members_question_names_the_people_and_refuses_a_row_without_age(client):
    start = client.post("/rechtencheck/", {"action": "start"})
    assert step(start) == "q:members"
    bad = SINGLE_PARENT_MEMBERS | {"age_1": ""}
    post = {"state": field(start, "state"), "key": "members", "action": "answer"}
    response = client.post("/rechtencheck/", post | bad)
    assert response.status_code == 400
    assert "Vul de leeftijd van Lina in, in jaren." in response.content.decode()
    response = client.post("/rechtencheck/", post | SINGLE_PARENT_MEMBERS)
    assert response.status_code == 200 and step(response).startswith("q:")


def test_changing_an_answer_keeps_the_others_and_changes_the_result(client):
    result = complete(client)
    assert right_statuses(result)["Leefloon"] == "entitled"
    state = field(result, "state")
    page = client.post(
        "/rechtencheck/", {"state": state, "step": "result", "change": "hh.personen"}
    )
    assert step(page) == "q:hh.personen"  # the form that asked it, with the answers given
    assert re.search(r'name="hh.woont_in_gent" value="ja" checked', page.content.decode())
    not_in_ghent = answer_fields(page.content.decode(), SINGLE_PARENT | {"woont_in_gent": "nee"})
    changed = client.post(
        "/rechtencheck/",
        {"state": field(page, "state"), "step": step(page), "key": "hh.personen",
         "action": "answer", **not_in_ghent},
    )  # fmt: skip
    shown = client.post("/rechtencheck/", {"state": field(changed, "state"), "action": "result"})
    statuses = right_statuses(shown)
    assert statuses["UiTPAS kansentarief Gent"] == "not_entitled"
    assert "Sara (34), Lina (6)" in shown.content.decode()  # the members answer is kept


def test_back_shows_the_previous_question_with_its_answer(client):
    result = complete(client)
    # one step per key (a checklist or form shows a line per field)
    given = list(
        dict.fromkeys(re.findall(r'name="change" value="([^"]+)"', result.content.decode()))
    )
    state = field(result, "state")
    back = client.post(
        "/rechtencheck/", {"state": state, "step": f"q:{given[2]}", "action": "back"}
    )
    assert step(back) == f"q:{given[1]}"


def test_the_result_at_any_time_says_what_is_still_unknown(client):
    start = client.post("/rechtencheck/", {"action": "start"})
    post = {"state": field(start, "state"), "key": "members", "action": "answer"}
    first = client.post("/rechtencheck/", post | SINGLE_PARENT_MEMBERS)
    result = client.post("/rechtencheck/", {"state": field(first, "state"), "action": "result"})
    assert result.status_code == 200
    assert set(right_statuses(result).values()) <= {"unknown", "not_entitled", "entitled"}
    assert "unknown" in right_statuses(result).values()
    assert "Dat kunnen we nog niet zeggen" in result.content.decode()


def test_the_language_switch_keeps_the_answers_and_arabic_is_right_to_left(client):
    result = complete(client)
    arabic = client.post(
        "/rechtencheck/", {"state": field(result, "state"), "step": "result", "lang": "ar"}
    )
    html = arabic.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "Sara (34), Lina (6)" in html
    assert "Uw resultaat" not in html
    french = client.post(
        "/rechtencheck/", {"state": field(arabic, "state"), "step": "result", "lang": "fr"}
    )
    assert '<html lang="fr" dir="ltr">' in french.content.decode()
    assert right_statuses(french)  # the same result, in French names
    dutch = client.post(
        "/rechtencheck/", {"state": field(french, "state"), "step": "result", "lang": "nl"}
    )
    assert right_statuses(dutch) == right_statuses(result)


def test_the_nearest_welzijnsbureau_by_postcode(client):
    result = complete(client)
    state = field(result, "state")
    found = client.post(
        "/rechtencheck/", {"state": state, "step": "result", "action": "result", "postcode": "9032"}
    )
    assert "Welzijnsbureau Wondelgem" in found.content.decode()
    assert "Welzijnsbureau Zwijnaarde" not in found.content.decode()
    wrong = client.post("/rechtencheck/", {"state": state, "action": "result", "postcode": "1000"})
    assert wrong.status_code == 400 and "Vul een Gentse postcode in" in wrong.content.decode()


def test_the_pdf_is_built_from_the_request(client):
    result = complete(client)
    pdf = client.post(
        "/rechtencheck/overzicht.pdf", {"state": field(result, "state"), "postcode": "9050"}
    )
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert client.get("/rechtencheck/overzicht.pdf").status_code == 405


def _send(client, result, **fields):
    form = client.post(
        "/rechtencheck/doorsturen/", {"state": field(result, "state"), "postcode": "9000"}
    )
    assert form.status_code == 200
    data = {
        "state": field(form, "state"),
        "postcode": field(form, "postcode"),  # carried by the page, as the browser sends it
        "step": "send",
        "action": "send",
        "office": "wb-brugse-poort",
    }
    return client.post("/rechtencheck/doorsturen/", data | fields)


def test_sending_needs_consent_and_a_valid_contact(client):
    result = complete(client)
    before = AuditEvent.objects.count()
    without = _send(client, result, phone="09 123 45 67")
    assert without.status_code == 400
    assert "Zonder uw toestemming sturen we niets door." in without.content.decode()
    offered = set(re.findall(r'<option value="([^"]+)"', without.content.decode()))
    assert offered == {o.office.code for o in offices_for_postcode("9000")}  # still the postcode's
    bad_phone = _send(client, result, phone="bel me", consent="on")
    assert (
        bad_phone.status_code == 400
        and "Dit telefoonnummer klopt niet" in bad_phone.content.decode()
    )
    no_contact = _send(client, result, consent="on")
    assert "Geef een telefoonnummer of een e-mailadres." in no_contact.content.decode()
    bad_mail = _send(client, result, email="sara@", consent="on")
    assert "Dit e-mailadres klopt niet." in bad_mail.content.decode()
    assert SelfcheckRequest.objects.count() == 0 and AuditEvent.objects.count() == before


def test_a_sent_check_lands_in_the_offices_queue_audited(client):
    result = complete(client)
    sent = _send(client, result, name="Sara", phone="0470 12 34 56", consent="on")
    assert sent.status_code == 200
    request = SelfcheckRequest.objects.get()
    assert request.office.code == "wb-brugse-poort" and request.state == "nieuw"
    assert json.loads(request.answers["raw"]["hh.personen"])["hh.woont_in_gent"] == "ja"
    assert {r["name"] for r in request.results if r["status"] == "entitled"} >= set(FOUR_RIGHTS[:1])
    created = AuditEvent.objects.get(action="create", object_id=str(request.pk))
    assert created.actor_id is None and "toestemming" in created.reason

    worker = user(Role.ONTHAAL, "wb-brugse-poort")
    client.force_login(worker)
    queue = client.get("/rechtencheck-aanvragen/")
    assert "Sara" in queue.content.decode()
    detail = client.get(f"/rechtencheck-aanvragen/{request.pk}/")
    assert "0470 12 34 56" in detail.content.decode() and "Leefloon" in detail.content.decode()
    amounts = [r["amount"] for r in request.results if r.get("amount")]
    assert amounts and all(format_eur(Decimal(a)) in detail.content.decode() for a in amounts)
    assert AuditEvent.objects.filter(action="view", actor_id=worker.pk).count() >= 2
    taken = client.post(f"/rechtencheck-aanvragen/{request.pk}/status/opgenomen/")
    assert taken.status_code == 302
    closed = client.post(f"/rechtencheck-aanvragen/{request.pk}/status/afgesloten/")
    assert closed.status_code == 302
    request.refresh_from_db()
    assert request.state == "afgesloten" and request.handled_by == worker
    moves = AuditEvent.objects.filter(action="transition", object_id=str(request.pk))
    assert [e.detail["to"] for e in moves.order_by("seq")] == ["opgenomen", "afgesloten"]
    again = client.post(f"/rechtencheck-aanvragen/{request.pk}/status/opgenomen/")
    assert again.status_code == 400

    client.force_login(user(Role.MAATSCHAPPELIJK_WERKER, "wb-rabot"))
    assert client.get(f"/rechtencheck-aanvragen/{request.pk}/").status_code == 404
    assert "Sara" not in client.get("/rechtencheck-aanvragen/?alle=1").content.decode()


def _why(response, name: str) -> str:
    """The sentence why of the right named ``name`` on a result page."""
    html = response.content.decode()
    item = re.search(rf"<h3>{re.escape(escape(name))}</h3>(.*?)</li>", html, re.S).group(1)
    return unescape(re.search(r"</strong> (.*?)</p>", item, re.S).group(1))


def test_the_reason_names_the_income_and_the_limit_in_every_language(client):
    """Why the single parent has the leefloon: the income that counts and the leefloon of her
    household, in each language with the amounts written its way; the leefloon is the
    difference."""
    result = complete(client)
    dutch = _why(result, "Leefloon")
    income, limit = (
        Decimal(amount.replace(".", "").replace(",", "."))
        for amount in re.findall(r"€ ([\d.]+,\d\d)", dutch)
    )
    assert income < limit
    assert re.search(
        rf"<h3>Leefloon</h3>\s*<p [^>]*>[^<]*</p>\s*<p class=\"amount\">"
        rf"{re.escape(format_eur(limit - income))} per maand<",
        result.content.decode(),
    )
    whole, cents = f"{limit:,.2f}".split(".")
    written_limit = {  # each language's way: digits, separators and where the € goes
        "fr": f"{whole.replace(',', chr(0xA0))},{cents}\xa0€",
        "en": f"€{whole}.{cents}",
        "ar": f"€ {whole.replace(',', '')},{cents}",
    }
    state = result
    for lang, limit_written in written_limit.items():
        state = client.post(
            "/rechtencheck/", {"state": field(state, "state"), "step": "result", "lang": lang}
        )
        with translation.override(lang):
            why = _why(state, translation.gettext("Leefloon"))
            generic = list(status_labels().values())
            income_written = money(income)
        assert limit_written in why and income_written in why, (lang, why)
        assert why not in generic and "inkomen" not in why, why
