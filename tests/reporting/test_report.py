"""Rendering the jaaroverzicht: privacy rules, formats, the command and the web pages."""

import datetime as dt
import io
import shutil
import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from factories import login_with_second_step, user

from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.registry.models import Person
from welzijn.reporting.compute import Result
from welzijn.reporting.indicators import BY_CODE
from welzijn.reporting.privacy import HIDDEN, SMALL, show
from welzijn.reporting.report import build_report, render

pytestmark = pytest.mark.django_db
D = dt.date
STREET = "Zonnebloemstraat"


@pytest.fixture
def tiny(world):
    """Three client households (six persons), with names, INSZ and a street; a few records."""
    griet = world.person(first="Griet", last="Vandamme")
    _hh, d = world.client(
        griet,
        world.person(D(2014, 3, 3), first="Lotte", last="Vandamme"),
        street=STREET,
    )
    world.intervention(d, "digihulp-welzijnsbureaus", D(2023, 2, 1), griet)
    world.client(world.person(first="Ahmed", last="Benali"), street=STREET)
    world.client(
        world.person(first="Jozef", last="Claeys"),
        world.person(first="Maria", last="Claeys"),
        world.person(D(2010, 1, 1), first="Noor", last="Claeys"),
        street=STREET,
    )
    world.output("taxicheques", "taxicheques", D(2023, 3, 1), 103313)
    return world


def _identifying() -> list[str]:
    values = []
    for p in Person.objects.all():
        values += [p.first_name, p.last_name, p.insz]
    return [v for v in values if v] + [STREET]


def _xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    return "\n".join(
        str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value
    )


def test_privacy_rules_on_single_figures():
    count = BY_CODE["clienten_huishoudens"]
    assert show(Result(count, 3)).text == SMALL
    assert show(Result(count, 0)).text == "0"
    assert show(Result(count, 5)).text == "5"
    assert show(Result(count, 16187)).text == "16.187"
    share = BY_CODE["clienten_alleenstaand"]
    assert show(Result(share, 0.5, denominator=19)).text == HIDDEN
    assert show(Result(share, 0.56, denominator=20)).text == "56%"
    assert show(Result(BY_CODE["lac_energie_voorkomen"], 0.987, 2148)).text == "98,7%"
    things = BY_CODE["sociale_restaurants"]  # nine restaurants identify nobody
    assert show(Result(things, 3)).text == "3"
    yoy = show(Result(BY_CODE["energie"], 3786, previous=3131))
    assert (yoy.previous_text, yoy.change_text) == ("3.131", "+21%")


def test_tiny_report_shows_no_person_and_suppresses_small_figures(tiny):
    report = build_report(2023)
    items = report.items
    assert items["clienten_huishoudens"].shown.text == SMALL  # 3 households
    assert items["clienten_alleenstaand"].shown.text == HIDDEN  # share of 3
    assert items["clienten_minderjarig"].shown.text == HIDDEN  # share of 6 persons
    assert items["digihulp_clienten"].shown.text == SMALL  # 1 person
    assert items["taxicheques"].shown.text == "103.313"
    assert {b.households for b in report.per_wijk} <= {"0", SMALL}
    secrets = _identifying()
    html = render(report, "html").decode()
    csv_text = render(report, "csv").decode("utf-8-sig")
    xlsx_text = _xlsx_text(render(report, "xlsx"))
    for text in (html, csv_text, xlsx_text):
        for secret in secrets:
            assert secret not in text
    assert "<svg" in html and "Bijlage: definities" in html
    assert "Samen voor de Gentenaar" in html and "Missie en aanpak" in html
    assert "niet getoond" in csv_text and "< 5" in xlsx_text


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_pdf_is_a_report_without_personal_data(tiny, tmp_path):
    out = tmp_path / "j.pdf"
    call_command("jaaroverzicht", "2023", "--format", "pdf", "--out", str(out), verbosity=0)
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Jaaroverzicht 2023" in text and "Gelijke kansen voor elke Gentenaar" in text
    for secret in _identifying():
        assert secret not in text


def test_command_writes_each_format_and_audits(tiny, tmp_path):
    for fmt in ("html", "csv", "xlsx"):
        out = tmp_path / f"j.{fmt}"
        call_command("jaaroverzicht", "2023", "--format", fmt, "--out", str(out), verbosity=0)
        assert out.stat().st_size > 1000
    events = AuditEvent.objects.filter(object_type="reporting.jaaroverzicht", action="view")
    assert events.count() == 3


@pytest.mark.parametrize(
    ("args", "word"),
    [
        (["2999"], "jaar"),  # a year without data runs (zeros); one to come does not
        (["1890"], "jaar"),
        (["twintig"], "jaar"),
        (["2023", "--format", "docx"], "--format"),
        (["2023", "--out", "/bestaat/niet/j.html"], "--out"),
    ],
)
def test_command_refuses_bad_input_in_dutch(tiny, args, word):
    with pytest.raises(CommandError, match=word):
        call_command("jaaroverzicht", *args, verbosity=0)


def test_command_refuses_an_unwritable_path(tiny, tmp_path):
    with pytest.raises(CommandError, match="--out"):
        call_command("jaaroverzicht", "2023", "--out", str(tmp_path), verbosity=0)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.ANALIST, True),
        (Role.BEHEERDER, True),
        (Role.TEAMCOACH, True),
        (Role.MAATSCHAPPELIJK_WERKER, False),
        (Role.ONTHAAL, False),
    ],
)
def test_web_access_per_role(tiny, client, role, allowed):
    login_with_second_step(
        client, user(role, office_code=None if role == Role.ANALIST else "wb-rabot")
    )
    response = client.get(reverse("reporting:jaaroverzicht", args=[2023]))
    assert response.status_code == (200 if allowed else 403)
    events = AuditEvent.objects.filter(object_type="reporting.jaaroverzicht")
    assert events.count() == (1 if allowed else 0)
    home = client.get(reverse("web:home"), follow=True).content.decode()  # or a start page
    assert (reverse("reporting:index") in home) == allowed
    if allowed:
        page = response.content.decode()
        assert "Geholpen huishoudens per wijk" in page and "Per welzijnsbureau" in page
        for secret in _identifying():
            assert secret not in page


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("reporting:jaaroverzicht", args=[2023]))
    assert response.status_code == 302 and "inloggen" in response["Location"]


def test_analist_downloads_each_format_audited(tiny, client):
    client.force_login(user(Role.ANALIST, office_code=None))
    for fmt, kind in (
        ("html", "text/html"),
        ("csv", "text/csv"),
        ("xlsx", "spreadsheetml"),
        ("pdf", "application/pdf"),
    ):
        response = client.get(reverse("reporting:download", args=[2023, fmt]))
        assert response.status_code == 200 and kind in response["Content-Type"]
        assert f"jaaroverzicht-2023.{fmt}" in response["Content-Disposition"]
    events = AuditEvent.objects.filter(object_type="reporting.jaaroverzicht", action="view")
    assert sorted(e.detail["format"] for e in events) == ["csv", "html", "pdf", "xlsx"]
    assert client.get(reverse("reporting:download", args=[2023, "docx"])).status_code == 404
    empty = client.get(reverse("reporting:jaaroverzicht", args=[2019]))  # nothing registered
    assert empty.status_code == 200 and "Voor 2019 is nog niets geregistreerd" in empty.text
    assert client.get(reverse("reporting:download", args=[2019, "csv"])).status_code == 404
    assert client.get(reverse("reporting:jaaroverzicht", args=[1890])).status_code == 404
    chosen = client.get(reverse("reporting:index") + "?jaar=2023&toon=jaaroverzicht")
    assert chosen["Location"] == reverse("reporting:jaaroverzicht", args=[2023])
