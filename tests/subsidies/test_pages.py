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
