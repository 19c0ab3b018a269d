"""The subsidy pages: an association applies, the official grants, the letter downloads."""

import datetime as dt

import pytest
from django.urls import reverse
from factories import SUBSIDY_OFFICE, applicant, association, subsidy_application, user

from welzijn.core.roles import Role
from welzijn.subsidies.models import Application, Call

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(monkeypatch):
    day = dt.date(2023, 3, 1)
    monkeypatch.setattr("welzijn.web.views.subsidies.today", lambda: day)
    return day


def test_apply_refused_corrected_granted_letter(client, today):
    vera = applicant(association())
    official = user(Role.SUBSIDIES, SUBSIDY_OFFICE)
    call = Call.objects.get(code="samen-aan-zet-2023")
    client.force_login(vera)
    page = client.get(reverse("web:subsidies"))
    assert "Nieuwe aanvraag: Samen aan Zet" in page.content.decode()
    response = client.post(
        reverse("web:subsidy_application_new", args=[call.pk]),
        {
            "title": "Buurtfeest",
            "description": "Feest",
            "category": "1b",
            "legal_form": "feitelijke-vereniging",
            "active_in_ghent": "on",
            "target_group": "buren",
            "start_date": "10/06/2023",
            "end_date": "10/06/2023",
        },
    )
    app = Application.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/aanvragen/{app.pk}/")
    for kind, amount in (("huur", "400"), ("catering", "200,00")):
        client.post(
            reverse("web:subsidy_line_new", args=[app.pk]),
            {"kind": kind, "description": kind, "amount": amount},
        )
    refused = client.post(reverse("web:subsidy_application_submit", args=[app.pk]))
    assert refused.status_code == 400
    assert "Catering mag hoogstens 20 %" in refused.content.decode()
    line = app.lines.get(kind="catering")
    client.post(reverse("web:subsidy_line_remove", args=[line.pk]))
    client.post(
        reverse("web:subsidy_line_new", args=[app.pk]),
        {"kind": "catering", "description": "koffie", "amount": "100"},
    )
    assert client.post(reverse("web:subsidy_application_submit", args=[app.pk])).status_code == 302
    app.refresh_from_db()
    assert app.status == "ingediend"

    client.force_login(official)
    queue = client.get(reverse("web:subsidy_call", args=[call.pk])).content.decode()
    assert "Buurtfeest" in queue and "€ 580.000,00" in queue
    client.post(reverse("web:subsidy_application_check", args=[app.pk]), {"note": ""})
    decided = client.post(
        reverse("web:subsidy_application_decide", args=[app.pk]),
        {
            "outcome": "toekenning",
            "amount": "500",
            "motivation": "In orde.",
            "decided_on": "02/03/2023",
        },
    )
    assert decided.status_code == 302
    queue = client.get(reverse("web:subsidy_call", args=[call.pk])).content.decode()
    assert "Nog beschikbaar: € 579.500,00" in queue
    letter = client.get(reverse("web:subsidy_letter", args=[app.pk]))
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
    assert letter.content.startswith(b"%PDF")


def test_an_association_sees_only_its_own(client, today):
    mine = applicant(association())
    theirs = subsidy_application(applicant(association("vzw-ander", "Andere vzw")))
    client.force_login(mine)
    assert client.get(reverse("web:subsidy_application", args=[theirs.pk])).status_code == 404
    assert "Buurtfeest" not in client.get(reverse("web:subsidies")).content.decode()


def test_jury_payment_final_report_with_attachment_and_clawback(client, today, settings, tmp_path):
    settings.WELZIJN_DOCUMENT_ROOT = tmp_path / "documents"
    from decimal import Decimal

    from django.core.files.uploadedfile import SimpleUploadedFile

    from welzijn.subsidies import services as subsidies

    vera = applicant(association())
    official, juror = user(Role.SUBSIDIES, SUBSIDY_OFFICE), user(Role.JURY, SUBSIDY_OFFICE)
    app = subsidy_application(vera, lines=[("huur", "Zaal", "1500")])
    subsidies.application_submit(actor=vera, application_id=app.pk, on=today)
    subsidies.application_check(actor=official, application_id=app.pk, note="", on=today)
    client.force_login(juror)
    url = reverse("web:subsidy_jury_score", args=[app.pk])
    assert client.post(url, {"score": "11", "advice": "gunstig", "note": "x"}).status_code == 400
    scored = client.post(url, {"score": "8", "advice": "gunstig", "note": "Sterk plan"})
    assert scored.status_code == 302
    client.force_login(official)
    client.post(
        reverse("web:subsidy_application_decide", args=[app.pk]),
        {"outcome": "toekenning", "amount": "1.500,00", "motivation": "Op advies van de jury.",
         "decided_on": "20/03/2023"},
    )  # fmt: skip
    pay = reverse("web:subsidy_payment_new", args=[app.pk])
    assert client.post(pay, {"amount": "1000", "on": "21/03/2023"}).status_code == 302
    too_much = client.post(pay, {"amount": "600", "on": "22/03/2023"})
    assert (
        too_much.status_code == 400
        and "nog uit te betalen is (€ 500,00)" in too_much.content.decode()
    )
    client.force_login(vera)
    report = client.post(
        reverse("web:subsidy_final_report", args=[app.pk]),
        {"happened": "nee", "participants": "0", "spent": "0", "text": "Afgelast.",
         "file": SimpleUploadedFile("verslag.pdf", b"%PDF-1.7\n%verslag\n")},
    )  # fmt: skip
    assert report.status_code == 302
    client.force_login(official)
    closed = client.post(
        reverse("web:subsidy_application_close", args=[app.pk]),
        {"outcome": "teruggevorderd", "reclaim": "1000", "reason": "Niet doorgegaan."},
    )
    assert closed.status_code == 302
    app.refresh_from_db()
    assert app.status == "teruggevorderd" and app.final_report.file_name == "verslag.pdf"
    assert app.call.budget_left() == Decimal("580000.00")
