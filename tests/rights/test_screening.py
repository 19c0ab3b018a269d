"""Screening of the registered data: inputs from the database, findings, grants, worklist."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from factories import dossier, household, person, user

from welzijn.casework.models import Intervention, Task
from welzijn.catalog.models import Service
from welzijn.core.access import AccessDenied
from welzijn.core.audit import audit_record
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.registry.models import Income, SocialStatus, StatusKind
from welzijn.rights.active_rules import rules
from welzijn.rights.inputs import build_population
from welzijn.rights.models import Finding
from welzijn.rights.screening import rights_screen
from welzijn.rights.selectors import household_findings, screening_outdated
from welzijn.rights.services import finding_confirm, finding_dismiss, grant_services
from welzijn.rights.snapshots import explain_finding

pytestmark = pytest.mark.django_db

D = dt.date
DEC = D(2023, 12, 1)


def _status(code, *, person=None, household=None):
    SocialStatus.objects.create(
        kind=StatusKind.objects.get(code=code),
        person=person,
        household=household,
        start_date=D(2020, 1, 1),
    )


def _income(member, year, gross, net):
    """A pension of a calendar year, per year."""
    Income.objects.create(
        person=member,
        category="pensioen",
        amount_gross_taxable=Decimal(gross),
        amount_net=Decimal(net),
        per="jaar",
        start_date=D(year, 1, 1),
        end_date=D(year, 12, 31),
        source="aanslagbiljet",
    )


@pytest.fixture
def worker():
    return user(Role.MAATSCHAPPELIJK_WERKER)


@pytest.fixture
def vt_household(worker):
    """A pensioner with verhoogde tegemoetkoming, known incomes, no UiTPAS, no IVAGO."""
    member = person(worker, born=D(1950, 5, 5))
    hh = household(worker, member)
    _status("verhoogde-tegemoetkoming", person=member)
    _income(member, 2022, "14000", "13000")
    _income(member, 2023, "14500", "13400")
    return hh


def _finding(right, hh, **filters):
    return Finding.objects.get(right=right, household=hh, reference_date=DEC, **filters)


def test_verhoogde_tegemoetkoming_gives_automatic_uitpas_and_ivago(vt_household):
    run = rights_screen(on=DEC)
    assert run.summary["granted"] == 2
    uitpas = _finding("uitpas_kansentarief", vt_household)
    assert uitpas.outcome == "onderbescherming" and uitpas.review == "toegekend"
    assert uitpas.intervention.service.code == "uitpas-kansentarief"
    assert "verhoogde tegemoetkoming" in explain_finding(uitpas).as_text()
    ivago = _finding("ivago_tegemoetkoming", vt_household)
    assert ivago.intervention.amount == Decimal("42.00")  # single person
    assert ivago.intervention.dossier.office.code == "team-rechtendetectie"
    grants = AuditEvent.objects.filter(object_type="casework.intervention", action="create")
    assert grants.count() == 2
    assert set(grants.values_list("actor_username", flat=True)) == {"rechtendetectie"}
    assert _finding("verhoogde_tegemoetkoming", vt_household).outcome == "ontvangt"


def test_rerunning_is_idempotent(vt_household):
    rights_screen(on=DEC)
    first = set(Finding.objects.values_list("right", "household_id", "person_id", "outcome"))
    run = rights_screen(on=DEC)
    assert run.summary["granted"] == 0
    assert Intervention.objects.count() == 2
    keys = list(Finding.objects.values_list("right", "household_id", "person_id"))
    assert len(keys) == len(set(keys))
    assert {k[:3] for k in first} == set(keys)


def test_a_date_without_parameter_values_is_refused_in_dutch_with_nothing_written(vt_household):
    from django.core.management import CommandError, call_command

    from welzijn.rights.models import ScreeningRun

    with pytest.raises(ValidationError) as refused:
        rights_screen(on=dt.date(2027, 1, 1))
    message = " ".join(refused.value.messages)
    assert message.startswith("Screenen op 01/01/2027 kan niet: parameter '")
    assert "heeft geen waarde op die datum" in message
    with pytest.raises(CommandError, match=r"parameter '.*' heeft geen waarde"):
        call_command("rights_screen", date="2027-01-01")
    assert not ScreeningRun.objects.exists() and not Finding.objects.exists()


def test_sociaal_tarief_through_vt_ended_on_1_july_2023(vt_household):
    rights_screen(on=D(2023, 6, 1), grant=False)
    before = Finding.objects.get(right="sociaal_tarief_energie", reference_date=D(2023, 6, 1))
    assert before.outcome == "onderbescherming"
    rights_screen(on=DEC, grant=False)
    assert not Finding.objects.filter(
        right="sociaal_tarief_energie", reference_date=DEC
    ).exists()  # not entitled: counted on the run, not stored
    run = rights_screen(on=DEC, grant=False)
    assert run.summary["rights"]["sociaal_tarief_energie"]["geen_recht"] == 1


def test_missing_income_gives_information_missing(worker):
    member = person(worker, born=D(1980, 1, 1))
    hh = household(worker, member)
    rights_screen(on=DEC, grant=False)
    assert _finding("verhoogde_tegemoetkoming", hh).outcome == "onbekend"
    leefloon = _finding("leefloon", hh, person=member)
    assert leefloon.outcome == "onbekend" and leefloon.amount is None


def test_leefloon_receipt_comes_from_interventions(worker):
    member = person(worker, born=D(1980, 1, 1))
    file = dossier(worker, household(worker, member))
    _income(member, 2023, "0", "0")
    from welzijn.casework import services as casework

    casework.intervention_register(
        actor=worker,
        dossier_id=file.pk,
        service="leefloon",
        date=D(2023, 11, 1),
        amount=Decimal("1263.17"),
        person=member,
    )
    rights_screen(on=DEC, grant=False)
    assert _finding("leefloon", file.household, person=member).outcome == "ontvangt"


def test_worklist_findings_go_to_the_household_office_and_need_access(worker):
    member = person(worker, born=D(1980, 1, 1))
    file = dossier(worker, household(worker, member))
    _income(member, 2022, "0", "0")
    _income(member, 2023, "0", "0")  # no means: entitled to leefloon, not receiving it
    _status("werkbereid-of-vrijgesteld", person=member)  # found in the social inquiry
    rights_screen(on=DEC, grant=False)
    finding = _finding("leefloon", file.household, person=member)
    assert finding.outcome == "onderbescherming" and finding.office == file.office
    assert finding.amount == Decimal("1263.17")  # alleenstaande: 9,058.25 x 1.6734 / 12
    outsider = user(Role.MAATSCHAPPELIJK_WERKER, "wb-rabot")
    with pytest.raises(AccessDenied):
        finding_dismiss(actor=outsider, finding_id=finding.pk, reason="niet van ons")
    with pytest.raises(ValidationError):
        finding_dismiss(actor=worker, finding_id=finding.pk, reason=" ")
    dismissed = finding_dismiss(actor=worker, finding_id=finding.pk, reason="werkt sinds 1/12")
    assert dismissed.review == "afgewezen" and dismissed.reviewed_by == worker
    assert AuditEvent.objects.filter(object_type="rights.finding", action="transition").exists()


def test_confirming_a_non_automatic_right(worker):
    member = person(worker, born=D(1980, 1, 1))
    file = dossier(worker, household(worker, member))
    _income(member, 2022, "0", "0")
    _income(member, 2023, "0", "0")
    rights_screen(on=DEC, grant=False)
    finding = _finding("verhoogde_tegemoetkoming", file.household)
    assert finding.outcome == "onderbescherming"
    confirmed = finding_confirm(actor=worker, finding_id=finding.pk, on=DEC, reason="aanvraag")
    assert confirmed.review == "bevestigd"
    with pytest.raises(ValidationError):
        finding_confirm(actor=worker, finding_id=finding.pk, on=DEC)


def test_replaying_a_finding_gives_back_its_outcome_after_the_data_changed(vt_household, worker):
    member = person(worker, born=D(1980, 1, 1))
    household(worker, member)
    _income(member, 2023, "0", "0")  # leefloon: entitled, not received; VT: income unknown
    rights_screen(on=DEC)  # grants UiTPAS and IVAGO to the VT household
    findings = list(Finding.objects.all())
    assert len(findings) >= 8
    for finding in findings:
        if finding.outcome == "ontvangt":
            assert finding.inputs == {}
            continue
        explanation = explain_finding(finding)
        assert explanation.status == finding.outcome, finding
        assert explanation.as_text()
    granted = Finding.objects.get(right="uitpas_kansentarief", household=vt_household)
    assert explain_finding(granted).status == "onderbescherming"  # as it was on the date


def test_a_run_records_the_fingerprint_of_its_rules(vt_household):
    run = rights_screen(on=DEC, grant=False)
    assert len(run.rules_fingerprint) == 64
    assert run.rules_fingerprint == rules().fingerprint == run.summary["rules_fingerprint"]


def test_automatic_grants_follow_auto_grantable_and_the_catalogue(vt_household):
    assert set(grant_services()) == {"uitpas_kansentarief", "ivago_tegemoetkoming"}
    Service.objects.filter(code="gratis-huisvuilzakken").update(active=False)
    assert set(grant_services()) == {"uitpas_kansentarief"}
    run = rights_screen(on=DEC)
    assert run.summary["granted"] == 1
    assert _finding("ivago_tegemoetkoming", vt_household).review == "open"
    granted = _finding("uitpas_kansentarief", vt_household)
    assert granted.status_label == "toegekend"
    event = AuditEvent.objects.get(
        object_type="rights.finding", object_id=str(granted.pk), action="transition"
    )
    assert event.detail["from"] == "open" and event.detail["to"] == "toegekend"
    assert event.actor_username == "rechtendetectie"


def test_a_caseworker_confirming_an_automatic_right_is_the_actor_of_the_grant(worker):
    member = person(worker, born=D(1950, 5, 5))
    file = dossier(worker, household(worker, member))
    _status("verhoogde-tegemoetkoming", person=member)
    rights_screen(on=DEC, grant=False)
    finding = _finding("uitpas_kansentarief", file.household)
    confirmed = finding_confirm(actor=worker, finding_id=finding.pk, on=DEC)
    assert confirmed.review == "toegekend" and confirmed.reviewed_by == worker
    assert confirmed.intervention.dossier == file  # in the caseworker's own dossier
    creation = AuditEvent.objects.get(
        object_type="casework.intervention", object_id=str(confirmed.intervention_id)
    )
    assert creation.actor_username == worker.username
    transition = AuditEvent.objects.get(
        object_type="rights.finding", object_id=str(finding.pk), action="transition"
    )
    assert transition.actor_username == worker.username


def test_confirming_creates_the_follow_up_task(worker):
    member = person(worker, born=D(1980, 1, 1))
    file = dossier(worker, household(worker, member))
    _income(member, 2022, "0", "0")
    _income(member, 2023, "0", "0")
    rights_screen(on=DEC, grant=False)
    finding = _finding("verhoogde_tegemoetkoming", file.household)
    confirmed = finding_confirm(actor=worker, finding_id=finding.pk, on=DEC)
    task = Task.objects.get(pk=confirmed.task_id)
    assert task.dossier == file and task.assigned_to == worker
    assert task.due_on == DEC + dt.timedelta(days=14)
    assert "verhoogde tegemoetkoming" in task.description.lower()


def test_a_screening_older_than_the_last_registration_is_outdated(worker):
    member = person(worker, born=D(1950, 5, 5))
    file = dossier(worker, household(worker, member))
    _status("verhoogde-tegemoetkoming", person=member)
    rights_screen(on=DEC)
    findings = household_findings(worker, file.household_id)
    assert findings and not screening_outdated(file.household_id, findings)  # grants excluded
    income = Income.objects.create(
        person=member,
        category="pensioen",
        amount_net=Decimal("1500"),
        per="maand",
        start_date=D(2023, 1, 1),
        source="aanslagbiljet",
    )
    audit_record(actor=worker, action="create", obj=income)
    assert screening_outdated(file.household_id, findings)


def test_willingness_to_work_is_never_assumed(worker):
    member = person(worker, born=D(1980, 1, 1))
    hh = household(worker, member)
    _income(member, 2023, "0", "0")
    rights_screen(on=DEC, grant=False)
    finding = _finding("leefloon", hh, person=member)
    assert finding.outcome == "onbekend"
    missing = [f.name for f in explain_finding(finding).missing_inputs]
    assert "werkbereid" in missing


def test_the_rules_say_which_year_of_income_counts(vt_household):
    """VT looks at the gross income of the previous calendar year (input_period in the
    rules): in December 2023 the 2022 pension counts, not the 2023 one."""
    assert build_population(DEC).population.inputs["bruto_belastbaar_gezinsinkomen"].tolist() == [
        14000.0
    ]
    assert build_population(D(2024, 3, 1)).population.inputs[
        "bruto_belastbaar_gezinsinkomen"
    ].tolist() == [14500.0]
