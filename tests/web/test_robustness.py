"""No 500 on any input, and implausible input refused with a Dutch message on its field."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from factories import dossier, household, office, person, user
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from welzijn.casework import services as casework
from welzijn.casework.models import Decision, Dossier
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role

D = dt.date


@pytest.fixture
def worker(db):
    return user(Role.MAATSCHAPPELIJK_WERKER)


@pytest.fixture
def logged_in(client, worker):
    client.force_login(worker)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", "1e5", "-1", "１２", "9" * 40, "1;DROP"])
def test_a_non_numeric_id_in_the_query_string_answers_404(logged_in, value):
    response = logged_in.get(reverse("web:contact_new"), {"household": value})
    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("term", ["jan\x00sens", "\x00\x00", "a\x1bb", "é\u0000"])
def test_control_characters_in_the_search(logged_in, worker, term):
    person(worker, last_name="Jansens")
    response = logged_in.get(reverse("web:search"), {"q": term})
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_refused_dossier_answers_like_a_missing_one_and_is_audited(client):
    owner = user(Role.MAATSCHAPPELIJK_WERKER, "wb-rabot")
    theirs = dossier(owner, office_code="wb-rabot")
    intruder = user(Role.MAATSCHAPPELIJK_WERKER, "wb-brugse-poort")
    client.force_login(intruder)
    refused = client.get(reverse("web:dossier", args=[theirs.pk]))
    missing = client.get(reverse("web:dossier", args=[theirs.pk + 1000]))
    assert refused.status_code == missing.status_code == 404
    main = lambda response: response.content.decode().split("<main")[1]  # noqa: E731
    assert main(refused) == main(missing)
    event = AuditEvent.objects.filter(action="refused", actor_id=intruder.pk).first()
    assert event.object_type == "casework.dossier" and event.object_id == str(theirs.pk)
    assert event.detail["view"] == "web:dossier"


@pytest.mark.django_db
def test_the_dossier_page_shows_only_findings_of_the_users_offices(client):
    from welzijn.rights.models import Finding, ScreeningRun

    rabot = user(Role.MAATSCHAPPELIJK_WERKER, "wb-rabot")
    hh = household(rabot, person(rabot))
    run = ScreeningRun.objects.create(
        reference_date=D(2023, 12, 1), started_at=dt.datetime.now(dt.UTC)
    )
    Finding.objects.create(
        run=run,
        reference_date=run.reference_date,
        right="uitpas_kansentarief",
        household=hh,
        office=office("wb-rabot"),
        outcome=Finding.Outcome.UNDERPROTECTED,
        amount=123,
    )
    bp = user(Role.MAATSCHAPPELIJK_WERKER, "wb-brugse-poort")
    mine = dossier(bp, hh)
    client.force_login(bp)
    page = client.get(reverse("web:dossier", args=[mine.pk])).content.decode()
    assert "UiTPAS" not in page and "Nog niet gescreend" in page
    client.force_login(rabot)
    theirs = dossier(rabot, hh, office_code="wb-rabot")
    assert "UiTPAS" in client.get(reverse("web:dossier", args=[theirs.pk])).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("decided_on", "2099-01-01", "te ver in de toekomst"),
        ("decided_on", "0001-01-01", "te ver in het verleden"),
        ("decided_on", "2022-12-01", "niet voor de opening van het dossier"),
        ("motivation", "x" * 100_000, "niet meer dan 5000 tekens"),
    ],
)
def test_implausible_decisions_are_refused_on_their_field(logged_in, worker, field, value, message):
    file = dossier(worker, opened=D(2023, 1, 2))
    from welzijn.catalog.models import Service

    data = {
        "service": Service.objects.get(code="leefloon").pk,
        "outcome": "toekenning",
        "motivation": "Voldoet.",
        "decided_on": "2023-02-01",
        field: value,
    }
    response = logged_in.post(reverse("web:decision_new", args=[file.pk]), data)
    assert response.status_code == 400
    assert message in response.context["form"].errors[field][0]
    assert not Decision.objects.exists()


@pytest.mark.django_db
def test_a_hearing_is_requested_after_the_decision(worker):
    file = dossier(worker)
    decision = casework.decision_record(
        actor=worker,
        dossier_id=file.pk,
        service="leefloon",
        outcome="weigering",
        motivation="Onvoldoende bewijs van bestaansmiddelen.",
        decided_on=D(2023, 3, 1),
    )
    with pytest.raises(ValidationError) as refused:
        casework.decision_hearing_record(
            actor=worker, decision_id=decision.pk, requested_on=D(2023, 2, 1)
        )
    assert "na de beslissing" in str(refused.value.message_dict)


@pytest.mark.django_db
def test_birth_dates_and_incomes_are_plausible(worker):
    with pytest.raises(ValidationError) as refused:
        person(worker, born=D(1800, 1, 1), with_insz=False)
    assert "niet aannemelijk" in refused.value.message_dict["birth_date"][0]


# -- fuzzing: generated input at every form, never a 500, nothing half-written -------------

FORMS = [
    ("web:contact_new", None),
    ("web:dossier_open", "household"),
    ("web:dossier_transition", "close"),
    ("web:trajectory_new", "dossier"),
    ("web:intervention_new", "dossier"),
    ("web:decision_new", "dossier"),
    ("web:decision_hearing", "decision"),
    ("web:finding_reject", "finding"),
    ("web:person_new", None),
    ("web:person_edit", "person"),
]
FIELDS = [
    "first_name",
    "last_name",
    "birth_date",
    "sex",
    "insz",
    "nationality",
    "residence_status",
    "language",
    "confirmed",
    "office",
    "occurred_on",
    "channel",
    "reason",
    "service",
    "outcome",
    "referred_to",
    "open_dossier",
    "opened_on",
    "on",
    "person",
    "start_date",
    "planned_end_date",
    "planned",
    "to",
    "date",
    "amount",
    "confirmed_above_ceiling",
    "quantity",
    "decision",
    "motivation",
    "decided_on",
    "requested_on",
    "held_on",
    "household",
]
values = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=300, max_size=6000),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31)).map(str),
    st.sampled_from(["", "1", "0", "1,5", "1.214,13", "NaN", "Infinity", "on", "31/02/2023"]),
)


@pytest.fixture
def targets(worker):
    from welzijn.rights.models import Finding, ScreeningRun

    file = dossier(worker)
    decision = casework.decision_record(
        actor=worker,
        dossier_id=file.pk,
        service="leefloon",
        outcome="toekenning",
        motivation="Voldoet.",
        decided_on=D(2023, 2, 1),
    )
    run = ScreeningRun.objects.create(
        reference_date=D(2023, 12, 1), started_at=dt.datetime.now(dt.UTC)
    )
    finding = Finding.objects.create(
        run=run,
        reference_date=run.reference_date,
        right="uitpas_kansentarief",
        household=file.household,
        office=file.office,
        outcome=Finding.Outcome.UNDERPROTECTED,
    )
    return {
        "household": {"household_id": file.household_id},
        "dossier": {"dossier_id": file.pk},
        "close": {"dossier_id": file.pk, "to": "gesloten"},
        "decision": {"decision_id": decision.pk},
        "finding": {"finding_id": finding.pk},
        "person": {"person_id": file.household.memberships.get().person_id},
    }


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(form=st.sampled_from(FORMS), data=st.dictionaries(st.sampled_from(FIELDS), values))
def test_generated_input_at_every_form(logged_in, targets, form, data):
    name, target = form
    url = reverse(name, kwargs=targets[target] if target else {})
    counts = _row_counts()
    response = logged_in.post(url, data)
    assert response.status_code < 500
    if response.status_code >= 400:
        assert _row_counts() == counts, "a refused form wrote something"


def _row_counts():
    from welzijn.casework.models import Contact, Intervention, Trajectory
    from welzijn.registry.models import Person

    models = (Contact, Dossier, Trajectory, Intervention, Decision, Person)
    return [m.objects.count() for m in models]


# -- races (PostgreSQL: SQLite serialises writers at BEGIN) ---------------------------------


def _at_once(*calls):
    """Run the calls in threads released together; return what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            results[index] = call()
        except Exception as exc:
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_people_open_the_same_dossier_at_once(reference_data):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    a, b = user(Role.MAATSCHAPPELIJK_WERKER), user(Role.ONTHAAL)
    hh = household(a, person(a))

    def open_for(actor):
        return lambda: casework.dossier_open(
            actor=actor, household=hh, office=office(), opened_on=D(2023, 5, 1)
        )

    results = _at_once(open_for(a), open_for(b))
    assert Dossier.objects.filter(household=hh).count() == 1
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], ValidationError), results
    assert "al een open dossier" in str(refused[0])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_second_screening_meanwhile_is_refused(reference_data):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    from welzijn.core.locks import lock_or_refuse
    from welzijn.rights.models import ScreeningRun
    from welzijn.rights.screening import rights_screen

    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    household(worker, person(worker))
    holding, released = threading.Event(), threading.Event()

    def first():
        with transaction.atomic():
            lock_or_refuse("rights_screen", "bezet")
            holding.set()
            released.wait(10)
        connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    holding.wait(10)
    try:
        with pytest.raises(ValidationError, match="Er loopt al een screening"):
            rights_screen(on=D(2023, 12, 1))
    finally:
        released.set()
        thread.join()
    assert not ScreeningRun.objects.exists()
    rights_screen(on=D(2023, 12, 1))
    assert ScreeningRun.objects.count() == 1
