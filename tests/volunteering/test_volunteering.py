"""The Vrijwilligersloket: registering volunteers, vacancies under the volunteer law, matching
both ways with reasons, answers of both sides and the follow-up."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from factories import user

from welzijn.core.access import AccessDenied
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.registry.models import Organisation, OrganisationAccount, Person, Wijk
from welzijn.reporting.compute import compute
from welzijn.reporting.indicators import BY_CODE
from welzijn.volunteering import matching, selectors
from welzijn.volunteering import services as volunteering
from welzijn.volunteering.models import Cause, Match, Skill, Vacancy, Volunteer

pytestmark = pytest.mark.django_db
MEASURED = ("vrijwilligerspunt", "vrijwilligersloket")
D = dt.date
TODAY = D(2023, 5, 1)


@pytest.fixture
def loket():
    return user(Role.VRIJWILLIGERSPUNT, "team-vrijwilligerspunt")


@pytest.fixture
def organisation():
    return Organisation.objects.get(code="roeland")


@pytest.fixture
def org_account(organisation):
    account = user(Role.PARTNER, None)
    OrganisationAccount.objects.create(user=account, organisation=organisation)
    return account


def register(loket, **overrides):
    values = {
        "first_name": "Ines",
        "last_name": "Vrijwilliger",
        "birth_date": D(1998, 4, 2),
        "sex": "V",
        "nationality": "BE",
        "residence_status": "belg",
        "wijk": Wijk.objects.get(code="rabot-blaisantvest"),
        "max_distance_km": 5,
        "hours_per_week": 4,
        "registered_on": TODAY,
        "availability": ["weekend", "avond"],
        "languages": ["nl", "ar"],
        "skills": [Skill.objects.get(code="koken")],
        "causes": [Cause.objects.get(code="armoede")],
    }
    values.update(overrides)
    return volunteering.volunteer_register(actor=loket, **values)


def vacancy(actor, organisation, *, publish=True, **overrides):
    values = {
        "title": "Kok in het sociaal restaurant",
        "task": "Samen koken voor 40 gasten.",
        "wijk": Wijk.objects.get(code="brugse-poort-rooigem"),
        "hours_per_week": 3,
        "availability": ["weekend"],
        "minimum_age": 18,
        "languages": ["nl"],
        "insurer": "Ethias",
        "policy_number": "45.123.456",
        "causes": [Cause.objects.get(code="armoede")],
        "skills": [Skill.objects.get(code="koken")],
    }
    values.update(overrides)
    made = volunteering.vacancy_save(actor=actor, organisation=organisation, **values)
    if publish:
        made = volunteering.vacancy_transition(actor=actor, vacancy_id=made.pk, to="open", on=TODAY)
    return made


def test_the_loket_registers_a_volunteer_as_a_person(loket):
    volunteer = register(loket)
    assert volunteer.person.last_name == "Vrijwilliger" and volunteer.person.language == "nl"
    assert volunteer.availability == ["avond", "weekend"]
    assert AuditEvent.objects.filter(object_type="volunteering.volunteer", action="create").exists()


def test_a_refused_registration_writes_nothing(loket):
    persons, events = Person.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        register(loket, languages=[])
    assert "languages" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        register(loket, hours_per_week=99)
    assert "hours_per_week" in str(refused.value)
    assert Person.objects.count() == persons and AuditEvent.objects.count() == events


def test_only_the_loket_registers_volunteers(organisation, org_account):
    with pytest.raises(AccessDenied):
        register(org_account)
    with pytest.raises(AccessDenied):
        register(user(Role.MAATSCHAPPELIJK_WERKER))


def test_publishing_needs_the_insurance_of_the_volunteer_law(loket, organisation):
    draft = vacancy(loket, organisation, publish=False, insurer="", policy_number="")
    with pytest.raises(ValidationError) as refused:
        volunteering.vacancy_transition(actor=loket, vacancy_id=draft.pk, to="open", on=TODAY)
    assert "art. 6" in str(refused.value) and "insurer" in refused.value.error_dict
    draft.refresh_from_db()
    assert draft.status == Vacancy.Status.DRAFT


def test_an_organisation_keeps_its_own_vacancies_only(organisation, org_account):
    own = vacancy(org_account, organisation)
    assert own.status == Vacancy.Status.OPEN
    other = Organisation.objects.get(code="kras")
    with pytest.raises(AccessDenied):
        vacancy(org_account, other)
    assert list(selectors.vacancies_list(user=org_account)) == [own]


def test_ranking_shows_reasons_and_rules_out_what_cannot_be(loket, organisation):
    volunteer = register(loket)
    best = vacancy(loket, organisation)
    weaker = vacancy(loket, organisation, title="Administratie", causes=[], skills=[])
    vacancy(loket, organisation, title="Te jong", minimum_age=30)
    vacancy(loket, organisation, title="Te ver", wijk=Wijk.objects.get(code="zwijnaarde"))
    vacancy(loket, organisation, title="Enkel Frans", languages=["fr"])
    vacancy(loket, organisation, title="Weekdag", availability=["weekdag"])
    found = selectors.vacancies_for_volunteer(user=loket, volunteer=volunteer, today=TODAY)
    assert [s.item for s in found.ranked] == [best, weaker]
    assert found.excluded == 4
    reasons = found.ranked[0].reasons
    assert "+3 engagement: Armoede en sociale uitsluiting" in reasons
    assert "+2 vaardigheden: Koken" in reasons
    assert any(r.startswith("+1 beschikbaar: weekend") for r in reasons)
    assert found.ranked[0].score > found.ranked[1].score


def test_the_other_way_round_ranks_volunteers_for_a_vacancy(loket, organisation):
    keen = register(loket)
    far = register(loket, last_name="Ver", wijk=Wijk.objects.get(code="zwijnaarde"))
    plain = register(loket, last_name="Anders", causes=[], skills=[])
    job = vacancy(loket, organisation)
    found = selectors.volunteers_for_vacancy(user=loket, vacancy=job, today=TODAY)
    assert [s.item for s in found.ranked] == [keen, plain]
    assert found.excluded == 1 and far not in [s.item for s in found.ranked]


def test_a_proposal_answered_by_both_sides_and_followed_up(loket, organisation, org_account):
    volunteer = register(loket)
    job = vacancy(org_account, organisation)
    match = volunteering.match_propose(
        actor=loket, volunteer_id=volunteer.pk, vacancy_id=job.pk, on=TODAY
    )
    assert match.reasons and match.score > 0
    with pytest.raises(ValidationError):
        volunteering.match_propose(
            actor=loket, volunteer_id=volunteer.pk, vacancy_id=job.pk, on=TODAY
        )
    with pytest.raises(AccessDenied):  # the organisation does not answer for the volunteer
        volunteering.match_answer(
            actor=org_account, match_id=match.pk, side="vrijwilliger", answer="ja", on=TODAY
        )
    match = volunteering.match_answer(
        actor=loket, match_id=match.pk, side="vrijwilliger", answer="ja", on=TODAY
    )
    assert match.status == Match.Status.PROPOSED
    match = volunteering.match_answer(
        actor=org_account, match_id=match.pk, side="organisatie", answer="ja", on=D(2023, 5, 3)
    )
    assert match.status == Match.Status.CONFIRMED
    assert match.follow_up_due == D(2023, 6, 14)
    with pytest.raises(AccessDenied):
        volunteering.match_follow_up(
            actor=org_account, match_id=match.pk, real=True, on=D(2023, 6, 14)
        )
    match = volunteering.match_follow_up(
        actor=loket, match_id=match.pk, real=True, on=D(2023, 6, 14)
    )
    assert match.status == Match.Status.REAL
    result = compute(2023, [BY_CODE[c] for c in MEASURED])
    assert [result[c].value for c in MEASURED] == [1, 1]
    assert compute(2022, [BY_CODE[c] for c in MEASURED])["vrijwilligersloket"].value == 0
    with pytest.raises(ValidationError):
        volunteering.match_follow_up(actor=loket, match_id=match.pk, real=False, on=D(2023, 6, 15))


def test_a_no_declines_the_match(loket, organisation):
    volunteer = register(loket)
    job = vacancy(loket, organisation)
    match = volunteering.match_propose(
        actor=loket, volunteer_id=volunteer.pk, vacancy_id=job.pk, on=TODAY
    )
    match = volunteering.match_answer(
        actor=loket, match_id=match.pk, side="organisatie", answer="nee", on=TODAY
    )
    assert match.status == Match.Status.DECLINED and match.confirmed_on is None


def test_a_vacancy_that_rules_the_volunteer_out_cannot_be_proposed(loket, organisation):
    volunteer = register(loket)
    job = vacancy(loket, organisation, minimum_age=60)
    with pytest.raises(ValidationError, match="minimumleeftijd"):
        volunteering.match_propose(
            actor=loket, volunteer_id=volunteer.pk, vacancy_id=job.pk, on=TODAY
        )
    assert not Match.objects.exists()


def test_distances_between_wijk_centres():
    km = matching.distances()
    rabot = Wijk.objects.get(code="rabot-blaisantvest").pk
    zwijnaarde = Wijk.objects.get(code="zwijnaarde").pk
    assert km[rabot, rabot] == 0
    assert 5 < km[rabot, zwijnaarde] < 8  # about 6 km as the crow flies
    assert Volunteer.objects.count() == 0
