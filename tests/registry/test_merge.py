"""Merging a person registered twice: every record moves, conflicts refuse the whole merge."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from factories import dossier, household, person, user

from welzijn.casework import services as casework
from welzijn.casework.models import Contact, Decision, Intervention, Trajectory
from welzijn.core.access import AccessDenied
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.registry.merge import person_merge, person_relations
from welzijn.registry.models import HouseholdMembership, Income, Person, SocialStatus, StatusKind
from welzijn.registry.selectors import person_search
from welzijn.rights.models import Finding, ScreeningRun

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def worker():
    return user(Role.MAATSCHAPPELIJK_WERKER)


@pytest.fixture
def coach():
    return user(Role.TEAMCOACH)


def _income(someone, year=2022, category="beroepsinkomen"):
    return Income.objects.create(
        person=someone,
        category=category,
        amount_gross_taxable=Decimal(1),
        amount_net=Decimal(1),
        per="jaar",
        start_date=dt.date(year, 1, 1),
        end_date=dt.date(year, 12, 31),
        source="aanslagbiljet",
    )


@pytest.fixture
def twice(worker):
    """Jan Janssens registered with INSZ (kept), and again without (with all the records)."""
    kept = person(worker, first_name="Jan", last_name="Janssens", born=D(1990, 3, 14))
    double = person(
        worker, first_name="Jan", last_name="Jansens", born=D(1990, 3, 14), with_insz=False
    )
    hh = household(worker, double, name="Gezin Jansens")
    file = dossier(worker, hh)
    records = {
        "income": _income(double),
        "status": SocialStatus.objects.create(
            kind=StatusKind.objects.get(code="verhoogde-tegemoetkoming"),
            person=double,
            start_date=D(2021, 1, 1),
        ),
        "contact": casework.contact_register(
            actor=worker,
            office=file.office,
            occurred_on=D(2023, 3, 1),
            channel="balie",
            reason="Vraag over huur",
            outcome="informatie-en-advies",
            person=double,
        ),
        "trajectory": casework.trajectory_start(
            actor=worker,
            dossier_id=file.pk,
            service="housing-first",
            start_date=D(2023, 2, 1),
            person=double,
        ),
        "intervention": casework.intervention_register(
            actor=worker,
            dossier_id=file.pk,
            service="huurwaarborg",
            date=D(2023, 2, 1),
            amount=Decimal("900.00"),
            person=double,
        ),
        "decision": casework.decision_record(
            actor=worker,
            dossier_id=file.pk,
            service="leefloon",
            outcome="toekenning",
            motivation="Voldoet.",
            decided_on=D(2023, 2, 1),
            person=double,
        ),
        "finding": Finding.objects.create(
            run=ScreeningRun.objects.create(
                reference_date=D(2023, 12, 1), started_at=dt.datetime.now(dt.UTC)
            ),
            reference_date=D(2023, 12, 1),
            right="uitpas_kansentarief",
            household=hh,
            person=double,
            outcome=Finding.Outcome.UNDERPROTECTED,
        ),
    }
    return kept, double, hh, records


def test_every_foreign_key_to_person_is_covered():
    covered = {relation.related_model for relation in person_relations()}
    for model in (HouseholdMembership, Income, SocialStatus, Contact, Trajectory, Intervention):
        assert model in covered
    assert {Decision, Finding, Person} <= covered  # Person: merged_into


def test_merge_moves_every_record_and_audits_both(coach, twice):
    kept, double, hh, records = twice
    person_merge(actor=coach, keep_id=kept.pk, merge_id=double.pk, reason="Dubbel geregistreerd")
    for name, record in records.items():
        record.refresh_from_db()
        assert record.person_id == kept.pk, name
    assert HouseholdMembership.objects.get(household=hh).person_id == kept.pk
    double.refresh_from_db()
    assert double.merged_into_id == kept.pk
    events = AuditEvent.objects.filter(detail__merge__kept=kept.pk, detail__merge__merged=double.pk)
    assert {(e.object_id, e.reason) for e in events} == {
        (str(kept.pk), "Dubbel geregistreerd"),
        (str(double.pk), "Dubbel geregistreerd"),
    }
    assert events.first().detail["merge"]["moved"]["registry.income.person"] == 1


def test_a_merged_person_is_no_longer_found_and_cannot_be_changed(coach, worker, twice):
    from welzijn.registry import services as registry

    kept, double, *_ = twice
    person_merge(actor=coach, keep_id=kept.pk, merge_id=double.pk, reason="Dubbel")
    found = person_search(user=worker, query="jan jansens", on=D(2024, 1, 1))
    assert kept in found and double not in found
    with pytest.raises(ValidationError, match="samengevoegd"):
        registry.person_update(actor=worker, person_id=double.pk, first_name="Johan")
    with pytest.raises(ValidationError, match="samengevoegd"):  # no new records either
        registry.income_register(
            actor=worker,
            person_id=double.pk,
            category="pensioen",
            amount_net=Decimal(500),
            per="maand",
            start_date=D(2024, 1, 1),
            source="attest",
        )
    with pytest.raises(ValidationError, match="samengevoegd"):
        registry.household_start(
            actor=worker, person_id=double.pk, name="Gezin Dubbel", start_date=D(2024, 1, 1)
        )


def test_an_insz_moves_to_the_kept_person_when_only_the_other_has_one(coach, worker):
    without = person(worker, first_name="Ali", last_name="Ben", with_insz=False)
    with_insz = person(worker, first_name="Ali", last_name="Ben")
    number = with_insz.insz
    person_merge(actor=coach, keep_id=without.pk, merge_id=with_insz.pk, reason="Dubbel")
    without.refresh_from_db()
    with_insz.refresh_from_db()
    assert (without.insz, with_insz.insz) == (number, None)


def test_two_different_insz_numbers_are_refused(coach, worker):
    first, second = person(worker), person(worker)
    with pytest.raises(ValidationError, match="Beide personen hebben een INSZ-nummer"):
        person_merge(actor=coach, keep_id=first.pk, merge_id=second.pk, reason="Dubbel")


def _snapshot():
    return [
        sorted(m.objects.values_list("pk", "person_id"))
        for m in (HouseholdMembership, Income, Contact, Trajectory, Intervention, Finding)
    ] + [sorted(Person.objects.values_list("pk", "merged_into_id", "insz"))]


def test_overlapping_memberships_refuse_the_merge_and_change_nothing(coach, worker, twice):
    kept, double, *_ = twice
    household(worker, kept, name="Gezin Janssens")  # since 2020, like the other one
    before, audited = _snapshot(), AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        person_merge(actor=coach, keep_id=kept.pk, merge_id=double.pk, reason="Dubbel")
    message = " ".join(refused.value.messages)
    assert "Niet samengevoegd" in message and "al lid van huishouden" in message
    assert _snapshot() == before and AuditEvent.objects.count() == audited


def test_incomes_of_the_same_period_are_both_kept(coach, twice):
    """Incomes are periods: two of one kind at once (two jobs) are no conflict, and a merge
    keeps every record."""
    kept, double, *_ = twice
    _income(kept)  # 2022 beroepsinkomen, as the double has
    person_merge(actor=coach, keep_id=kept.pk, merge_id=double.pk, reason="Dubbel")
    assert Income.objects.filter(person=kept, start_date=dt.date(2022, 1, 1)).count() == 2


@pytest.mark.parametrize("role", [Role.ONTHAAL, Role.MAATSCHAPPELIJK_WERKER, Role.ANALIST])
def test_only_a_teamcoach_or_beheerder_merges(role, twice):
    kept, double, *_ = twice
    before = _snapshot()
    with pytest.raises(AccessDenied):
        person_merge(actor=user(role), keep_id=kept.pk, merge_id=double.pk, reason="Dubbel")
    assert _snapshot() == before


def test_a_beheerder_merges_and_a_reason_is_needed(twice):
    kept, double, *_ = twice
    beheerder = user(Role.BEHEERDER, office_code=None)
    with pytest.raises(ValidationError, match="Geef een reden"):
        person_merge(actor=beheerder, keep_id=kept.pk, merge_id=double.pk, reason=" ")
    person_merge(actor=beheerder, keep_id=kept.pk, merge_id=double.pk, reason="Dubbel")
    assert Person.objects.get(pk=double.pk).merged_into_id == kept.pk
    with pytest.raises(ValidationError, match="al samengevoegd"):
        person_merge(actor=beheerder, keep_id=kept.pk, merge_id=double.pk, reason="Nog eens")
