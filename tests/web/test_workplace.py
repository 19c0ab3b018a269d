"""The workplace through Django's test client: access, audit, forms, query bounds."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from factories import dossier, household, person, user

from welzijn.casework import services as casework
from welzijn.casework.models import Contact, Intervention
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def worker():
    account = user(Role.MAATSCHAPPELIJK_WERKER)
    account.first_name = "Mehmet"
    account.save()
    return account


@pytest.fixture
def logged_in(client, worker):
    client.force_login(worker)
    return client


def test_pages_need_login(client):
    response = client.get(reverse("web:home"))
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_lockout_after_five_failed_logins(client, worker):
    worker.set_password("juist-wachtwoord-123")
    worker.save()
    for _ in range(5):
        response = client.post(
            reverse("web:login"), {"username": worker.username, "password": "fout"}
        )
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode()
    # Even the right password is refused while locked out.
    response = client.post(
        reverse("web:login"), {"username": worker.username, "password": "juist-wachtwoord-123"}
    )
    assert response.status_code == 429


def test_login_and_logout(client, worker):
    worker.set_password("juist-wachtwoord-123")
    worker.save()
    response = client.post(
        reverse("web:login"), {"username": worker.username, "password": "juist-wachtwoord-123"}
    )
    assert response.status_code == 302
    assert client.get(reverse("web:home")).status_code == 200
    client.post(reverse("web:logout"))
    assert client.get(reverse("web:home")).status_code == 302


def test_forms_need_csrf(worker):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(worker)
    response = strict.post(reverse("web:contact_new"), {})
    assert response.status_code == 403


def test_home_lists_my_dossiers_else_those_of_my_office(logged_in, worker):
    office_file = dossier(worker)
    page = logged_in.get(reverse("web:home")).content.decode()
    assert "Open dossiers van je bureau" in page and str(office_file.household) in page
    mine = dossier(worker, household(worker, person(worker), name="Gezin Eigen"))
    mine.caseworker = worker
    mine.save()
    page = logged_in.get(reverse("web:home")).content.decode()
    assert "Mijn dossiers" in page and "Gezin Eigen" in page
    assert str(office_file.household) not in page


def test_analist_menu_has_no_casework_links(client):
    client.force_login(user(Role.ANALIST, None))
    page = client.get(reverse("web:home")).content.decode()
    assert reverse("web:search") not in page and "Jaaroverzicht" in page


def test_search_by_name_accent_and_word_order_insz_and_address(logged_in, worker):
    zoe = person(worker, first_name="Zoë", last_name="Çelik", born=D(1985, 7, 30), sex="V")
    hh = household(worker, zoe)
    from welzijn.registry import services as registry

    hh.address = registry.address_create(
        actor=worker,
        street="Bevrijdingslaan",
        number="12",
        postcode="9000",
        wijk="brugse-poort-rooigem",
    )
    hh.save()
    for query in ["celik zoe", "ZOE ÇELIK", zoe.insz[:6], "bevrijdingslaan 12"]:
        page = logged_in.get(reverse("web:search"), {"q": query}, HTTP_HX_REQUEST="true")
        assert "Çelik, Zoë" in page.content.decode(), query
    assert (
        logged_in.get(reverse("web:search"), {"q": "bevrijdingslaan 13"})
        .content.decode()
        .count("Çelik, Zoë")
        == 0
    )
    searches = AuditEvent.objects.filter(action="list", object_type="registry.person")
    assert searches.count() == 5 and searches.first().detail["query"] == "celik zoe"


def test_other_office_dossier_is_404_and_own_is_audited(client, logged_in, worker):
    file = dossier(worker)
    assert logged_in.get(reverse("web:dossier", args=[file.pk])).status_code == 200
    assert AuditEvent.objects.filter(
        action="view", object_type="casework.dossier", object_id=str(file.pk)
    ).exists()
    outsider = user(Role.MAATSCHAPPELIJK_WERKER, "wb-rabot")
    client.force_login(outsider)
    assert client.get(reverse("web:dossier", args=[file.pk])).status_code == 404
    assert client.get(reverse("web:dossier", args=[999999])).status_code == 404
    assert client.get(reverse("web:intervention_new", args=[file.pk])).status_code == 404


def test_analist_sees_no_names(client, worker):
    dossier(worker)
    client.force_login(user(Role.ANALIST, None))
    assert "geaggregeerde" in client.get(reverse("web:home")).content.decode()
    assert client.get(reverse("web:search"), {"q": "Voornaam"}).status_code == 404


def test_register_contact_that_opens_a_dossier(logged_in, worker):
    hh = household(worker, person(worker))
    response = logged_in.post(
        reverse("web:contact_new"),
        {
            "household": hh.pk,
            "office": worker.assignments.get().office_id,
            "occurred_on": "2023-05-02",
            "channel": "balie",
            "reason": "Hulp bij huur",
            "outcome": "informatie-en-advies",
            "open_dossier": "on",
        },
    )
    contact = Contact.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:dossier", args=[contact.dossier_id])
    assert contact.outcome.code == "dossier-geopend"


def test_intervention_form_shows_dutch_errors_next_to_the_field(logged_in, worker):
    file = dossier(worker)
    url = reverse("web:intervention_new", args=[file.pk])
    from welzijn.catalog.models import Service

    service = Service.objects.get(code="huurwaarborg")
    response = logged_in.post(url, {"service": service.pk, "date": "2023-05-02", "amount": "-5"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Het bedrag mag niet negatief zijn." in page
    assert not Intervention.objects.exists()
    response = logged_in.post(url, {"service": service.pk, "date": "2023-05-02", "amount": "950"})
    assert response.status_code == 302
    assert Intervention.objects.get().amount == Decimal("950.00")


def test_close_dossier_without_reason_names_the_field(logged_in, worker):
    file = dossier(worker)
    url = reverse("web:dossier_transition", args=[file.pk, "gesloten"])
    response = logged_in.post(url, {"on": "2023-06-01", "reason": ""})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    response = logged_in.post(url, {"on": "2023-06-01", "reason": "doel bereikt"})
    assert response.status_code == 302
    file.refresh_from_db()
    assert file.status == "gesloten"


def test_dossier_page_query_count_does_not_grow_with_its_size(
    logged_in, worker, django_assert_max_num_queries
):
    small = dossier(worker)
    big_household = household(worker, *[person(worker) for _ in range(6)])
    big = dossier(worker, big_household)
    for month in range(1, 13):
        casework.intervention_register(
            actor=worker,
            dossier_id=big.pk,
            service="huurwaarborg",
            date=D(2023, month, 1),
            amount=Decimal("10"),
        )
        casework.decision_record(
            actor=worker,
            dossier_id=big.pk,
            service="leefloon",
            outcome="toekenning",
            motivation="ok",
            decided_on=D(2023, month, 28),
        )
        casework.trajectory_start(
            actor=worker, dossier_id=big.pk, service="housing-first", start_date=D(2023, month, 1)
        )
    for file in (small, big):
        with django_assert_max_num_queries(30):  # 24 + notes, docs, tasks, restriction
            assert logged_in.get(reverse("web:dossier", args=[file.pk])).status_code == 200


def test_trajectory_decision_and_hearing_forms(logged_in, worker):
    from welzijn.casework.models import Decision, Trajectory
    from welzijn.catalog.models import Service

    file = dossier(worker)
    housing_first = Service.objects.get(code="housing-first")
    url = reverse("web:trajectory_new", args=[file.pk])
    response = logged_in.post(
        url,
        {"service": housing_first.pk, "start_date": "2023-03-01", "planned_end_date": "2023-02-01"},
    )
    assert response.status_code == 400
    assert "De geplande einddatum mag niet voor de begindatum liggen." in response.content.decode()
    logged_in.post(url, {"service": housing_first.pk, "start_date": "2023-03-01"})
    trajectory = Trajectory.objects.get()
    end = reverse("web:trajectory_end", args=[trajectory.pk])
    response = logged_in.post(end, {"to": "afgerond", "on": "2023-09-01"})
    assert "Kies de uitkomst van het traject." in response.content.decode()
    logged_in.post(end, {"to": "afgerond", "on": "2023-09-01", "outcome": "woning-behouden"})
    trajectory.refresh_from_db()
    assert trajectory.status == "afgerond" and trajectory.outcome.code == "woning-behouden"

    leefloon = Service.objects.get(code="leefloon")
    logged_in.post(
        reverse("web:decision_new", args=[file.pk]),
        {
            "service": leefloon.pk,
            "outcome": "weigering",
            "motivation": "Te hoge middelen.",
            "decided_on": "2023-04-01",
        },
    )
    decision = Decision.objects.get()
    hearing = reverse("web:decision_hearing", args=[decision.pk])
    response = logged_in.post(hearing, {"requested_on": "2023-04-10", "held_on": "2023-04-02"})
    assert "Een hoorzitting wordt gehouden na de vraag ernaar." in response.content.decode()
    logged_in.post(hearing, {"requested_on": "2023-04-10", "held_on": "2023-04-20"})
    decision.refresh_from_db()
    assert decision.hearing_held_on == D(2023, 4, 20)


def test_worklist_links_each_finding_to_the_household_dossier(logged_in, worker):
    from welzijn.registry.models import SocialStatus, StatusKind
    from welzijn.rights.screening import rights_screen

    member = person(worker, born=D(1950, 1, 1))
    file = dossier(worker, household(worker, member))
    SocialStatus.objects.create(
        kind=StatusKind.objects.get(code="verhoogde-tegemoetkoming"),
        person=member,
        start_date=D(2020, 1, 1),
    )
    rights_screen(on=D(2023, 12, 1), grant=False)
    page = logged_in.get(reverse("web:worklist")).content.decode()
    assert "UiTPAS kansentarief" in page
    assert reverse("web:dossier", args=[file.pk]) in page
    assert "Volledige uitleg" in page and "verhoogde tegemoetkoming" in page
