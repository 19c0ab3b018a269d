"""The rights worklist as a caseworker uses it: a sentence first with people by name,
filters and sorting, and accepting a finding that leaves a follow-up task."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from factories import dossier, household, person, user

from welzijn.casework.models import Task
from welzijn.core.roles import Role
from welzijn.registry.models import Address, Income, Postcode, SocialStatus, StatusKind, Wijk
from welzijn.rights.models import Finding
from welzijn.rights.screening import rights_screen

pytestmark = pytest.mark.django_db
DEC = dt.date(2023, 12, 1)


@pytest.fixture
def worker():
    return user(Role.MAATSCHAPPELIJK_WERKER)


def _vt_household(worker, first_name: str, wijk: Wijk | None = None):
    member = person(worker, born=dt.date(1950, 1, 1))
    member.first_name = first_name
    member.save()
    hh = household(worker, member)
    if wijk is not None:
        hh.address = Address.objects.create(
            street="Sleepstraat", number="1", postcode=Postcode.objects.first(), wijk=wijk
        )
        hh.save()
    SocialStatus.objects.create(
        kind=StatusKind.objects.get(code="verhoogde-tegemoetkoming"),
        person=member,
        start_date=dt.date(2020, 1, 1),
    )
    return dossier(worker, hh), member


def test_the_worklist_says_it_in_one_sentence_with_names(client, worker):
    file, member = _vt_household(worker, "Sarah")
    rights_screen(on=DEC, grant=False)
    client.force_login(worker)
    page = client.get(reverse("web:worklist")).content.decode()
    assert "dus het gezin heeft automatisch recht op UiTPAS kansentarief Gent." in page
    assert "(Sarah" in page  # the person by name ...
    finding = Finding.objects.get(right="uitpas_kansentarief", household=file.household)
    assert (
        f"({member.pk})" not in finding.explanation_summary
        if hasattr(finding, "explanation_summary")
        else True
    )
    assert f"= ja ({member.pk})" not in page and f"({member.pk}) =" not in page  # ... never an id
    assert "Wat nu:" in page and "Volledige uitleg" in page


def test_the_worklist_filters_on_right_and_wijk_and_sorts(client, worker):
    wijken = list(Wijk.objects.all()[:2])
    _vt_household(worker, "Ann", wijken[0])
    _vt_household(worker, "Bert", wijken[1])
    rights_screen(on=DEC, grant=False)
    client.force_login(worker)
    url = reverse("web:worklist")
    everything = client.get(url).content.decode()
    assert everything.count('id="bevinding-') >= 4  # UiTPAS and IVAGO for both
    only_uitpas = client.get(url, {"recht": "uitpas_kansentarief"}).content.decode()
    assert (
        only_uitpas.count('id="bevinding-') == 2 and "IVAGO" not in only_uitpas.split("<table")[1]
    )
    one_wijk = client.get(url, {"wijk": wijken[0].pk, "sorteer": "bedrag"}).content.decode()
    assert "Ann" in one_wijk and "Bert" not in one_wijk
    bad = client.get(url, {"sorteer": "<script>", "wijk": "x"})
    assert bad.status_code == 200  # an invalid filter shows everything, never an error page


def test_accepting_creates_the_follow_up_task(client, worker):
    member = person(worker, born=dt.date(1980, 1, 1))
    file = dossier(worker, household(worker, member))
    for year in (2022, 2023):
        Income.objects.create(
            person=member,
            category="pensioen",
            amount_gross_taxable=Decimal("0"),
            amount_net=Decimal("0"),
            per="jaar",
            start_date=dt.date(year, 1, 1),
            end_date=dt.date(year, 12, 31),
            source="aanslagbiljet",
        )
    rights_screen(on=DEC, grant=False)
    finding = Finding.objects.get(right="verhoogde_tegemoetkoming", household=file.household)
    client.force_login(worker)
    response = client.post(
        reverse("web:finding_accept", args=[finding.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "Opvolgtaak aangemaakt" in response.content.decode()
    task = Task.objects.get(dossier=file)
    assert "verhoogde tegemoetkoming" in task.description.lower()
