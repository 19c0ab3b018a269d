"""A city's first day with welzijn: a database with reference data only (no synthetic load),
and a person registered, helped and counted entirely through the workplace's pages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from factories import office, user

from welzijn.casework.models import Contact, Dossier, Intervention
from welzijn.catalog.models import Service
from welzijn.core.roles import Role
from welzijn.registry.models import Household, Income, Person, SocialStatus
from welzijn.reporting.report import build_report
from welzijn.rights.models import Finding
from welzijn.rights.screening import rights_screen

pytestmark = pytest.mark.django_db

D = dt.date
YEAR = 2023


def _ok(response, status=302):
    context = response.context or {}
    errors = context["form"].errors if "form" in context else ""
    assert response.status_code == status, errors
    return response


def test_registered_through_the_pages_screened_and_counted(client):
    assert not Person.objects.exists() and not Household.objects.exists()
    desk, worker = user(Role.ONTHAAL), user(Role.MAATSCHAPPELIJK_WERKER)

    # The front desk: nobody found, a new person, their household, a contact.
    client.force_login(desk)
    found = client.get(reverse("web:search"), {"q": "Vermeulen"}).content.decode()
    assert reverse("web:person_new") in found
    new = {
        "first_name": "Els",
        "last_name": "Vermeulen",
        "birth_date": "14/03/1979",
        "sex": "V",
        "insz": "",
        "nationality": "BE",
        "residence_status": "belg",
        "language": "nl",
    }
    response = _ok(client.post(reverse("web:person_new"), new))
    els = Person.objects.get(last_name="Vermeulen")
    assert response["Location"] == reverse("web:person", args=[els.pk])
    assert els.birth_date == D(1979, 3, 14)
    _ok(
        client.post(
            reverse("web:household_new", args=[els.pk]),
            {"name": "Gezin Vermeulen", "start_date": "2022-01-01"},
        )
    )
    household = Household.objects.get(name="Gezin Vermeulen")
    _ok(
        client.post(
            reverse("web:contact_new") + f"?person={els.pk}",
            {
                "office": office().pk,
                "person": els.pk,
                "occurred_on": f"{YEAR}-02-06",
                "channel": "balie",
                "reason": "Geen inkomen sinds de scheiding",
                "outcome": "geen-vervolgtraject",
            },
        )
    )
    assert Contact.objects.get().person == els

    # The caseworker: a dossier, the situation (no means, a status), the screening.
    client.force_login(worker)
    _ok(
        client.post(
            reverse("web:dossier_open", args=[household.pk]),
            {"office": office().pk, "opened_on": f"{YEAR}-02-06"},
        )
    )
    file = Dossier.objects.get(household=household)
    for year in (YEAR - 1, YEAR):
        _ok(
            client.post(
                reverse("web:income_new", args=[els.pk]),
                {
                    "category": "ander",
                    "amount_net": "0",
                    "amount_gross_taxable": "0",
                    "per": "jaar",
                    "start_date": f"{year}-01-01",
                    "end_date": f"{year}-12-31",
                    "source": "eigen_verklaring",
                    "proof": "verklaring op eer",
                },
            )
        )
    _ok(
        client.post(
            reverse("web:person_status_new", args=[els.pk]),
            {"kind": "student", "start_date": f"{YEAR}-09-01", "source": "attest"},
        )
    )
    # The social inquiry: a full-time student is exempted from willingness to work.
    _ok(
        client.post(
            reverse("web:person_status_new", args=[els.pk]),
            {
                "kind": "werkbereid-of-vrijgesteld",
                "start_date": f"{YEAR}-09-01",
                "source": "attest",
            },
        )
    )
    assert Income.objects.filter(person=els).count() == 2
    assert SocialStatus.objects.filter(person=els).exists()

    rights_screen(on=D(YEAR, 12, 1), grant=False)
    worklist = client.get(reverse("web:worklist")).content.decode()
    leefloon = Finding.objects.get(right="leefloon", person=els, outcome="onderbescherming")
    assert leefloon.office == file.office and f"bevinding-{leefloon.pk}" in worklist
    _ok(client.post(reverse("web:finding_accept", args=[leefloon.pk])))
    leefloon.refresh_from_db()
    assert leefloon.review == "bevestigd" and leefloon.reviewed_by == worker

    # The application runs its course: a BCSD decision, then the leefloon is paid.
    _ok(
        client.post(
            reverse("web:decision_new", args=[file.pk]),
            {
                "service": Service.objects.get(code="leefloon").pk,
                "person": els.pk,
                "outcome": "toekenning",
                "motivation": "Geen bestaansmiddelen; bereid tot werk.",
                "decided_on": f"{YEAR}-12-15",
            },
        )
    )
    _ok(
        client.post(
            reverse("web:intervention_new", args=[file.pk]),
            {
                "service": Service.objects.get(code="leefloon").pk,
                "person": els.pk,
                "date": f"{YEAR}-12-20",
                "amount": f"{leefloon.amount}",
                "decision": file.decisions.get().pk,
            },
        )
    )
    paid = Intervention.objects.get(dossier=file)
    assert paid.amount == leefloon.amount > Decimal(0)

    # The report counts what the pages registered, and nothing else.
    items = build_report(YEAR, with_charts=False).items
    assert items["onthaal_zonder_vervolg"].result.value == 1
    assert items["leefloon_personen"].result.value == 1
    assert items["leefloon_personen"].shown.suppressed  # fewer than five: never a number
