"""The Dienst Werk en Activering: questions and their follow-up, employers and placements on
work trajectories, Jobteam guidance, Koop Sociaal buyers; who may do it; the report's
figures counted from those records."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from factories import dossier, household, person, user

from welzijn.activation import selectors
from welzijn.activation import services as activation
from welzijn.activation.models import JobteamGuidance, Placement, Question
from welzijn.casework import services as casework
from welzijn.core.access import AccessDenied
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.reporting.compute import compute
from welzijn.reporting.indicators import BY_CODE
from welzijn.reporting.measures import get
from welzijn.reporting.records import tally

pytestmark = pytest.mark.django_db
D = dt.date
OFFICE = "team-werk-activering"
JANUARY, MARCH = D(2023, 1, 2), D(2023, 3, 1)


@pytest.fixture
def werk():
    return user(Role.WERK, OFFICE)


def _values(year, *codes):
    result = compute(year, [BY_CODE[c] for c in codes])
    return [result[c].value for c in codes]


def _trajectory(actor, service, start=JANUARY, office_code=OFFICE):
    member = person(actor)
    file = dossier(actor, household(actor, member), office_code=office_code)
    return casework.trajectory_start(
        actor=actor, dossier_id=file.pk, service=service, start_date=start, person=member
    )


def _employer(actor, name="Bakkerij De Toekomst", sector="productie", kind_city=False):
    employer = activation.employer_register(
        actor=actor, name=name, sector=sector, since=D(2022, 1, 1)
    )
    if kind_city:
        employer.organisation.kind = "stadsdienst"
        employer.organisation.save()
    return employer


def _question(actor, who, desk="werkpunt", asked_on=MARCH):
    return activation.question_register(
        actor=actor, person_id=who.pk, desk=desk, asked_on=asked_on, channel="balie",
        theme="werk", question="Zoekt werk als kok.",
    )  # fmt: skip


def test_a_question_is_open_until_answered_and_counted_when_answered(werk):
    who = person(werk)
    question = _question(werk, who)
    assert selectors.open_questions(user=werk) == [question]
    assert _values(2023, "werk_vragen") == [0]
    activation.question_answer(
        actor=werk, question_id=question.pk, answered_on=D(2023, 3, 8), follow_up="vdab"
    )
    assert selectors.open_questions(user=werk) == []
    assert AuditEvent.objects.filter(object_type="activation.question", action="update").exists()
    with pytest.raises(ValidationError, match="al beantwoord"):
        activation.question_answer(
            actor=werk, question_id=question.pk, answered_on=D(2023, 3, 9), follow_up="vdab"
        )
    # Five more answered at the werkpunt, one at U-Connect (by the same person twice).
    for _ in range(5):
        q = _question(werk, who)
        activation.question_answer(
            actor=werk, question_id=q.pk, answered_on=D(2023, 4, 1), follow_up="geholpen"
        )
    for on in (D(2023, 5, 1), D(2023, 6, 1)):
        q = _question(werk, who, desk="u-connect", asked_on=on)
        activation.question_answer(
            actor=werk, question_id=q.pk, answered_on=on, follow_up="geholpen"
        )
    assert _values(2023, "werk_vragen", "u_connect_individueel") == [6, 1]
    assert _values(2022, "werk_vragen") == [0]
    # the months of the answers: the one from March, five from April
    asked = BY_CODE["werk_vragen"]
    months = tally(get(asked.kind).count(asked, 2023, []), "month")
    assert {m: t.value for m, t in months.items()} == {3: 1, 4: 5}


def test_bad_question_data_is_refused_in_dutch_and_nothing_is_written(werk):
    who = person(werk)
    question = _question(werk, who)
    with pytest.raises(ValidationError, match="voor ze gesteld"):
        activation.question_answer(
            actor=werk, question_id=question.pk, answered_on=D(2023, 2, 1), follow_up="vdab"
        )
    with pytest.raises(ValidationError) as partner:
        activation.question_answer(
            actor=werk, question_id=question.pk, answered_on=D(2023, 3, 2), follow_up="partner"
        )
    assert "referred_to" in partner.value.message_dict
    question.refresh_from_db()
    assert question.status == "open" and question.answered_on is None


def test_only_the_dienst_registers_questions(werk):
    who = person(werk)
    for role in (Role.ONTHAAL, Role.MAATSCHAPPELIJK_WERKER, Role.ANALIST, Role.BUURTWERK):
        with pytest.raises(AccessDenied):
            _question(user(role), who)
        with pytest.raises(AccessDenied):
            selectors.open_questions(user=user(role))
    assert not Question.objects.exists()


def test_placements_follow_the_trajectory_and_count_employers_and_sectors(werk):
    company = _employer(werk)
    dbse = _employer(werk, name="Dienstenbedrijf Sociale Economie", sector="bouw", kind_city=True)
    art60 = _trajectory(werk, "artikel-60")
    activation.placement_start(
        actor=werk, trajectory_id=art60.pk, employer=company, sector="productie", job="Bakker",
        hours_per_week=38, start_date=D(2023, 2, 1),
    )  # fmt: skip
    activation.placement_start(
        actor=werk, trajectory_id=art60.pk, employer=dbse, sector="bouw", job="Metser",
        hours_per_week=38, start_date=D(2023, 6, 1),
    )  # fmt: skip
    for sector in ("bouw", "fiets", "fiets"):
        t = _trajectory(werk, "dbse")
        activation.placement_start(
            actor=werk, trajectory_id=t.pk, employer=dbse, sector=sector, job="Medewerker",
            hours_per_week=30, start_date=D(2023, 3, 1),
        )  # fmt: skip
    # The city's own DBSE is no partner company; the art. 60 worker at it is counted once.
    assert _values(2023, "werkervaring_bedrijven", "dbse_sectoren") == [1, 2]
    assert _values(2024, "dbse_sectoren") == [2]  # still running
    assert _values(2022, "dbse_sectoren") == [0]


def test_a_placement_needs_a_running_work_trajectory_in_a_dossier_one_may_edit(werk):
    company = _employer(werk)
    start = dict(employer=company, sector="horeca", job="Kok", hours_per_week=20)
    housing = _trajectory(werk, "housing-first")
    with pytest.raises(ValidationError, match="artikel 60"):
        activation.placement_start(
            actor=werk, trajectory_id=housing.pk, start_date=D(2023, 2, 1), **start
        )
    art60 = _trajectory(werk, "artikel-60")
    with pytest.raises(ValidationError, match="niet voor het traject"):
        activation.placement_start(
            actor=werk, trajectory_id=art60.pk, start_date=D(2022, 12, 1), **start
        )
    elsewhere = _trajectory(user(Role.MAATSCHAPPELIJK_WERKER, "wb-rabot"), "artikel-60",
                            office_code="wb-rabot")  # fmt: skip
    with pytest.raises(AccessDenied):
        activation.placement_start(
            actor=werk, trajectory_id=elsewhere.pk, start_date=D(2023, 2, 1), **start
        )
    assert not Placement.objects.exists()
    placement = activation.placement_start(
        actor=werk, trajectory_id=art60.pk, start_date=D(2023, 2, 1), **start
    )
    with pytest.raises(ValidationError):
        activation.placement_end(actor=werk, placement_id=placement.pk, end_date=D(2023, 1, 1),
                                 end_reason="stopgezet")  # fmt: skip
    assert selectors.placements_of_employer(user=werk, employer=company) == [placement]
    colleague = user(Role.WERK, "wb-rabot")
    assert selectors.placements_of_employer(user=colleague, employer=company) == []


def test_wijkwerken_counts_the_monthly_average_of_persons_at_work(werk):
    user_org = _employer(werk, name="Buurtschool", sector="huishoudelijk")
    spans = [
        (D(2022, 6, 1), None),  # all year: 12 months
        (D(2023, 1, 15), D(2023, 6, 30)),  # January to June: 6 months
        (D(2023, 7, 1), D(2023, 7, 1)),  # one day in July: 1 month
    ]
    for start, end in spans:
        t = _trajectory(werk, "wijkwerken", start=start)
        p = activation.placement_start(
            actor=werk, trajectory_id=t.pk, employer=user_org, sector="huishoudelijk",
            job="Wijk-werker", hours_per_week=8, start_date=start,
        )  # fmt: skip
        if end:
            activation.placement_end(
                actor=werk, placement_id=p.pk, end_date=end, end_reason="afgerond"
            )
    assert _values(2023, "wijkwerken") == [round(19 / 12, 1)]


def test_jobteam_counts_persons_since_2020_cumulatively(werk):
    people = [person(werk) for _ in range(7)]
    reached = [D(2019, 12, 1), D(2020, 3, 1), D(2021, 5, 1), D(2022, 2, 1), D(2023, 1, 5),
               D(2023, 8, 1), D(2023, 9, 1)]  # fmt: skip
    for who, on in zip(people, reached, strict=True):
        activation.jobteam_register(actor=werk, person_id=who.pk, reached_on=on, via="vindplaats")
    # Twice reached, counted once.
    activation.jobteam_register(
        actor=werk, person_id=people[1].pk, reached_on=D(2023, 2, 1), via="zelf"
    )
    for guidance in JobteamGuidance.objects.filter(person__in=people[1:6]):
        activation.jobteam_step(
            actor=werk, guidance_id=guidance.pk, step="intensief", on=guidance.reached_on
        )
    assert _values(2023, "jobteam_sinds_2020", "jobteam_intensief") == [6, 5]
    assert _values(2021, "jobteam_sinds_2020") == [2]
    g = JobteamGuidance.objects.filter(person=people[6]).get()
    with pytest.raises(ValidationError):
        activation.jobteam_step(actor=werk, guidance_id=g.pk, step="afgesloten", on=D(2023, 1, 1))


def test_koop_sociaal_counts_buyer_organisations_once_per_edition(werk):
    for name in ("Stad Gent Aankoop", "OCMW Brugge", "Vzw De Vlaspit", "Vzw Kompas", "Provincie"):
        activation.buyer_register(
            actor=werk, event_date=D(2023, 10, 12), name=name, kind="overheid"
        )
    with pytest.raises(ValidationError, match="al op de lijst"):
        activation.buyer_register(actor=werk, event_date=D(2023, 10, 12), name="OCMW Brugge",
                                  kind="overheid")  # fmt: skip
    with pytest.raises(ValidationError, match="overheid of een non-profit"):
        activation.buyer_register(actor=werk, event_date=D(2023, 10, 12), name="Bedrijf NV",
                                  kind="bedrijf")  # fmt: skip
    assert _values(2023, "koop_sociaal") == [5]
