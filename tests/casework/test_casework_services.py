import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from factories import dossier, household, office, person, user

from welzijn.casework import services as casework
from welzijn.casework.models import Contact, Decision, Dossier, Intervention, Trajectory
from welzijn.core.access import AccessDenied
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def worker():
    return user(Role.MAATSCHAPPELIJK_WERKER)


def test_onthaal_contact_opens_a_dossier(worker):
    member = person(worker)
    hh = household(worker, member)
    desk = user(Role.ONTHAAL)
    contact = casework.contact_register(
        actor=desk,
        office=office(),
        occurred_on=D(2023, 3, 1),
        channel="balie",
        reason="Huur niet betaald",
        outcome="geen-vervolgtraject",
        person=member,
        open_dossier=True,
    )
    assert contact.outcome.code == "dossier-geopend"
    assert contact.household == hh
    assert contact.dossier.status == "open" and contact.dossier.household == hh
    assert AuditEvent.objects.filter(object_type="casework.dossier", action="create").exists()


def test_contact_without_follow_up_needs_no_person(worker):
    contact = casework.contact_register(
        actor=worker,
        office=office(),
        occurred_on=D(2023, 3, 1),
        channel="telefoon",
        reason="Vraag over openingsuren",
        outcome="geen-vervolgtraject",
    )
    assert contact.dossier is None


def test_referral_names_the_organisation(worker):
    with pytest.raises(ValidationError) as exc:
        casework.contact_register(
            actor=worker,
            office=office(),
            occurred_on=D(2023, 3, 1),
            channel="balie",
            reason="Juridische vraag",
            outcome="doorverwezen",
        )
    assert "referred_to" in exc.value.message_dict


def test_contact_at_another_office_is_refused(worker):
    from welzijn.core.access import AccessDenied

    with pytest.raises(AccessDenied):
        casework.contact_register(
            actor=worker,
            office=office("wb-rabot"),
            occurred_on=D(2023, 3, 1),
            channel="balie",
            reason="x",
            outcome="geen-vervolgtraject",
        )
    assert not Contact.objects.exists()


def test_failed_dossier_opening_leaves_no_contact(worker):
    hh = household(worker, person(worker))
    dossier(worker, hh)
    with pytest.raises(ValidationError):
        casework.contact_register(
            actor=worker,
            office=office(),
            occurred_on=D(2023, 3, 1),
            channel="balie",
            reason="Tweede aanmelding",
            outcome="dossier-geopend",
            household=hh,
            open_dossier=True,
        )
    assert not Contact.objects.exists()
    assert Dossier.objects.filter(household=hh).count() == 1


def test_negative_amount_is_refused_by_service_and_database(worker):
    file = dossier(worker)
    with pytest.raises(ValidationError) as exc:
        casework.intervention_register(
            actor=worker,
            dossier_id=file.pk,
            service="huurwaarborg",
            date=D(2023, 5, 1),
            amount=Decimal("-10.00"),
        )
    assert "Het bedrag mag niet negatief zijn." in str(exc.value)
    assert not Intervention.objects.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        Intervention.objects.create(
            dossier=file,
            service_id=file.pk and casework._find_service("huurwaarborg").pk,
            date=D(2023, 5, 1),
            amount=Decimal("-1"),
        )


def test_intervention_needs_amount_or_quantity_and_takes_the_service_unit(worker):
    file = dossier(worker)
    with pytest.raises(ValidationError, match="bedrag, een hoeveelheid"):
        casework.intervention_register(
            actor=worker, dossier_id=file.pk, service="huurwaarborg", date=D(2023, 5, 1)
        )
    given = casework.intervention_register(
        actor=worker,
        dossier_id=file.pk,
        service="huurwaarborg",
        date=D(2023, 5, 1),
        amount=Decimal("1200.50"),
    )
    assert given.amount == Decimal("1200.50")


def test_intervention_service_must_be_an_intervention(worker):
    file = dossier(worker)
    with pytest.raises(ValidationError) as exc:
        casework.intervention_register(
            actor=worker,
            dossier_id=file.pk,
            service="housing-first",
            date=D(2023, 5, 1),
            amount=Decimal("1"),
        )
    assert "service" in exc.value.message_dict


def test_person_must_belong_to_the_dossier_household(worker):
    file = dossier(worker)
    stranger = person(worker)
    with pytest.raises(ValidationError) as exc:
        casework.intervention_register(
            actor=worker,
            dossier_id=file.pk,
            service="huurwaarborg",
            date=D(2023, 5, 1),
            amount=Decimal("10"),
            person=stranger,
        )
    assert "person" in exc.value.message_dict


def test_intervention_cannot_rest_on_a_refusal(worker):
    file = dossier(worker)
    refusal = casework.decision_record(
        actor=worker,
        dossier_id=file.pk,
        service="huurwaarborg",
        outcome="weigering",
        motivation="Geen huurcontract.",
        decided_on=D(2023, 4, 1),
    )
    with pytest.raises(ValidationError) as exc:
        casework.intervention_register(
            actor=worker,
            dossier_id=file.pk,
            service="huurwaarborg",
            date=D(2023, 5, 1),
            amount=Decimal("10"),
            decision=refusal,
        )
    assert "decision" in exc.value.message_dict


def test_decision_hearing_and_appeal(worker):
    file = dossier(worker)
    decision = casework.decision_record(
        actor=worker,
        dossier_id=file.pk,
        service="leefloon",
        outcome="weigering",
        motivation="Bestaansmiddelen te hoog.",
        decided_on=D(2023, 4, 1),
    )
    with pytest.raises(ValidationError, match="na de vraag"):
        casework.decision_hearing_record(
            actor=worker,
            decision_id=decision.pk,
            requested_on=D(2023, 4, 10),
            held_on=D(2023, 4, 5),
        )
    casework.decision_hearing_record(
        actor=worker,
        decision_id=decision.pk,
        requested_on=D(2023, 4, 10),
        held_on=D(2023, 4, 20),
    )
    with pytest.raises(ValidationError, match="na de beslissing"):
        casework.decision_appeal_record(
            actor=worker, decision_id=decision.pk, lodged_on=D(2023, 3, 1)
        )
    casework.decision_appeal_record(actor=worker, decision_id=decision.pk, lodged_on=D(2023, 5, 1))
    decision.refresh_from_db()
    assert decision.hearing_held_on == D(2023, 4, 20) and decision.appeal_outcome == "lopend"


def test_unmotivated_decision_is_refused(worker):
    file = dossier(worker)
    with pytest.raises(ValidationError) as exc:
        casework.decision_record(
            actor=worker,
            dossier_id=file.pk,
            service="leefloon",
            outcome="toekenning",
            motivation="  ",
            decided_on=D(2023, 4, 1),
        )
    assert "motivation" in exc.value.message_dict
    assert not Decision.objects.exists()


# --- state machines -------------------------------------------------------------------


def _statuses(model):
    return [status.value for status in model.Status]


def test_trajectory_transition_map_is_enforced_everywhere(worker):
    """Every (from, to) pair: allowed pairs succeed, all others are refused."""
    file = dossier(worker)
    for source in _statuses(Trajectory):
        for target in _statuses(Trajectory):
            trajectory = Trajectory.objects.create(
                dossier=file,
                service=casework._find_service("housing-first"),
                status=source,
                start_date=D(2023, 1, 1),
                end_date=D(2023, 6, 1) if source in Trajectory.ENDED else None,
            )
            allowed = target in Trajectory.TRANSITIONS[source]
            try:
                with transaction.atomic():
                    casework.trajectory_transition(
                        actor=worker,
                        trajectory_id=trajectory.pk,
                        to=target,
                        on=D(2023, 7, 1),
                        outcome="doel-bereikt",
                    )
                moved = True
            except ValidationError as exc:
                assert "status" in exc.message_dict
                moved = False
            assert moved == allowed, (source, target)
            trajectory.refresh_from_db()
            assert trajectory.status == (target if allowed else source)


def test_ending_a_running_trajectory_needs_an_outcome(worker):
    file = dossier(worker)
    trajectory = casework.trajectory_start(
        actor=worker, dossier_id=file.pk, service="housing-first", start_date=D(2023, 2, 1)
    )
    with pytest.raises(ValidationError) as exc:
        casework.trajectory_transition(
            actor=worker, trajectory_id=trajectory.pk, to="afgerond", on=D(2023, 9, 1)
        )
    assert "outcome" in exc.value.message_dict
    with pytest.raises(ValidationError, match="einddatum mag niet voor de begindatum"):
        casework.trajectory_transition(
            actor=worker,
            trajectory_id=trajectory.pk,
            to="afgerond",
            on=D(2023, 1, 1),
            outcome="doel-bereikt",
        )
    done = casework.trajectory_transition(
        actor=worker,
        trajectory_id=trajectory.pk,
        to="afgerond",
        on=D(2023, 9, 1),
        outcome="doel-bereikt",
    )
    assert done.status == "afgerond" and done.end_date == D(2023, 9, 1)
    event = AuditEvent.objects.filter(object_type="casework.trajectory").last()
    assert event.detail["from"] == "lopend" and event.detail["to"] == "afgerond"


def test_dossier_close_and_reopen(worker):
    file = dossier(worker)
    trajectory = casework.trajectory_start(
        actor=worker, dossier_id=file.pk, service="housing-first", start_date=D(2023, 2, 1)
    )
    with pytest.raises(ValidationError, match="lopende of geplande trajecten"):
        casework.dossier_transition(
            actor=worker, dossier_id=file.pk, to="gesloten", on=D(2023, 6, 1), reason="klaar"
        )
    casework.trajectory_transition(
        actor=worker,
        trajectory_id=trajectory.pk,
        to="stopgezet",
        on=D(2023, 5, 1),
        outcome="stopgezet-door-client",
    )
    with pytest.raises(ValidationError) as exc:
        casework.dossier_transition(
            actor=worker, dossier_id=file.pk, to="gesloten", on=D(2023, 6, 1)
        )
    assert "close_reason" in exc.value.message_dict
    closed = casework.dossier_transition(
        actor=worker, dossier_id=file.pk, to="gesloten", on=D(2023, 6, 1), reason="doel bereikt"
    )
    assert closed.closed_on == D(2023, 6, 1)
    with pytest.raises(ValidationError, match="geen toegelaten overgang"):
        casework.dossier_transition(
            actor=worker, dossier_id=file.pk, to="gesloten", on=D(2023, 7, 1), reason="x"
        )
    with pytest.raises(ValidationError, match="gesloten"):
        casework.intervention_register(
            actor=worker,
            dossier_id=file.pk,
            service="huurwaarborg",
            date=D(2023, 7, 1),
            amount=Decimal("1"),
        )
    reopened = casework.dossier_transition(
        actor=worker, dossier_id=file.pk, to="open", on=D(2023, 8, 1), reason="nieuwe vraag"
    )
    assert reopened.status == "open" and reopened.closed_on is None


def test_dossier_closed_before_opened_is_refused(worker):
    file = dossier(worker, opened=D(2023, 5, 1))
    with pytest.raises(ValidationError, match="sluitingsdatum"):
        casework.dossier_transition(
            actor=worker, dossier_id=file.pk, to="gesloten", on=D(2023, 4, 1), reason="x"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Dossier.objects.filter(pk=file.pk).update(status="gesloten", closed_on=D(2023, 4, 1))


def test_one_open_dossier_per_household_and_office(worker):
    hh = household(worker, person(worker))
    dossier(worker, hh)
    with pytest.raises(ValidationError, match="al een open dossier"):
        dossier(worker, hh)
    other = user(Role.MAATSCHAPPELIJK_WERKER, "team-energiecel")
    assert dossier(other, hh, office_code="team-energiecel").office.code == "team-energiecel"


def test_bulk_grants_validate_open_dossiers_and_audit_each(worker):
    from welzijn.core.audit import audit_verify

    team = user(Role.MAATSCHAPPELIJK_WERKER, "team-energiecel")
    households = [household(worker, person(worker)) for _ in range(3)]
    existing = dossier(team, households[0], office_code="team-energiecel")
    with pytest.raises(ValidationError, match="niet negatief"):
        casework.interventions_grant(
            actor=team,
            office=office("team-energiecel"),
            service="tussenkomst-energie",
            on=D(2023, 12, 1),
            reason="test",
            grants=[casework.Grant(households[1].pk, amount=Decimal("-1"))],
        )
    granted = casework.interventions_grant(
        actor=team,
        office=office("team-energiecel"),
        service="tussenkomst-energie",
        on=D(2023, 12, 1),
        reason="winterpremie",
        grants=[casework.Grant(hh.pk, amount=Decimal("150")) for hh in households],
    )
    assert [i.dossier.household_id for i in granted] == [hh.pk for hh in households]
    assert granted[0].dossier_id == existing.pk  # the open dossier is reused
    assert Dossier.objects.filter(office__code="team-energiecel").count() == 3
    events = AuditEvent.objects.filter(object_type="casework.intervention", action="create")
    assert events.count() == 3
    assert audit_verify() is None
    with pytest.raises(AccessDenied):
        casework.interventions_grant(
            actor=worker,
            office=office("team-energiecel"),
            service="tussenkomst-energie",
            on=D(2023, 12, 1),
            reason="x",
            grants=[casework.Grant(households[0].pk, Decimal(1))],
        )
