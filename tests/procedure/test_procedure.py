"""The Sociale Dienst's procedure through its services: request, social report, approval,
session, decision, letter; access, deadlines from the rules, nothing half-written."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from factories import dossier, household, person, user

from welzijn.casework import services as casework
from welzijn.casework.models import Decision
from welzijn.core.access import AccessDenied
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.procedure import selectors
from welzijn.procedure import services as procedure
from welzijn.procedure.deadlines import add_months, regime_for, rules
from welzijn.procedure.models import AgendaItem, DecisionLetter, Proposal, Request

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def team():
    mw, tc = user(Role.MAATSCHAPPELIJK_WERKER), user(Role.TEAMCOACH)
    hh = household(mw, person(mw, last_name="Aanvrager"))
    return mw, tc, dossier(mw, hh)


def _request(mw, file, service="leefloon", received_on=None):
    return procedure.request_register(
        actor=mw,
        dossier_id=file.pk,
        service=service,
        received_on=received_on or D(2023, 3, 1),
        channel="balie",
        question="Geen inkomen sinds het einde van de werkloosheid.",
    )


def _proposal(mw, req, **kwargs):
    values = dict(
        situation="Alleenstaand, huurt een studio.",
        means="Geen inkomen.",
        needs="Leefloon om rond te komen.",
        proposed_result="toekenning",
        proposed_amount=Decimal("1263.17"),
        proposed_from=D(2023, 3, 1),
        motivation="Voldoet aan de voorwaarden van art. 3 RMI-wet.",
    )
    return procedure.proposal_submit(actor=mw, request_id=req.pk, **{**values, **kwargs})


def _held_session(tc, on=None):
    return procedure.session_plan(actor=tc, held_on=on or D(2023, 3, 20), members_total=5)


def test_deadlines_come_from_the_rules_with_their_source():
    leefloon, other = regime_for("leefloon"), regime_for("huurwaarborg")
    assert leefloon.code == "rmi" and "art. 21" in leefloon.decide_source
    assert other.code == "ocmw" and "art. 71" in other.appeal_source
    assert leefloon.decision_due(D(2023, 1, 31)) == D(2023, 3, 2)
    assert add_months(D(2023, 11, 30), 3) == D(2024, 2, 29)
    assert "Gent" in rules().court_name


def test_request_to_letter(team):
    mw, tc, file = team
    note = casework.note_add(
        actor=mw, dossier_id=file.pk, text="Huisbezoek", noted_on=D(2023, 3, 2)
    )
    req = _request(mw, file)
    assert req.decision_due_on == D(2023, 3, 31) and req.regime == "rmi"
    proposal = _proposal(mw, req, note_ids=[note.pk])
    assert list(proposal.notes.all()) == [note]
    with pytest.raises(AccessDenied):  # the caseworker does not approve their own proposal
        procedure.proposal_review(actor=mw, proposal_id=proposal.pk, approve=True)
    procedure.proposal_review(actor=tc, proposal_id=proposal.pk, approve=True)
    session = _held_session(tc)
    item = procedure.agenda_add(actor=tc, session_id=session.pk, proposal_id=proposal.pk)
    with pytest.raises(ValidationError, match="aanwezig"):
        procedure.agenda_item_decide(
            actor=tc, item_id=item.pk, verdict="zoals-voorgesteld", motivation="Akkoord."
        )
    procedure.session_record_presence(actor=tc, session_id=session.pk, members_present="A\nB")
    with pytest.raises(ValidationError, match="quorum"):  # 2 of 5 members
        procedure.agenda_item_decide(
            actor=tc, item_id=item.pk, verdict="zoals-voorgesteld", motivation="Akkoord."
        )
    procedure.session_record_presence(actor=tc, session_id=session.pk, members_present="A\nB\nC")
    procedure.agenda_item_decide(
        actor=tc, item_id=item.pk, verdict="zoals-voorgesteld", motivation="Akkoord."
    )
    req.refresh_from_db()
    item.refresh_from_db()
    assert req.status == Request.Status.DECIDED
    assert req.decision.outcome == Decision.Result.GRANT
    assert req.decision.decided_on == D(2023, 3, 20)
    assert item.amount == Decimal("1263.17")
    letter = DecisionLetter.objects.get(decision=req.decision)
    assert letter.notify_due_on == D(2023, 3, 28)
    assert letter.is_late(D(2023, 3, 29)) and not letter.is_late(D(2023, 3, 28))
    procedure.letter_mark_sent(actor=mw, decision_id=req.decision_id, sent_on=D(2023, 3, 22))
    view = selectors.letter_get(user=mw, decision_id=req.decision_id)
    assert view.letter.sent_on == D(2023, 3, 22) and not view.letter.is_late(D(2023, 6, 1))


def test_postponed_then_amended(team):
    mw, tc, file = team
    req = _request(mw, file, service="huurwaarborg")
    first = _proposal(mw, req, proposed_result="toekenning")
    procedure.proposal_review(actor=tc, proposal_id=first.pk, approve=True)
    session = _held_session(tc)
    item = procedure.agenda_add(actor=tc, session_id=session.pk, proposal_id=first.pk)
    procedure.session_record_presence(actor=tc, session_id=session.pk, members_present="A\nB\nC")
    procedure.agenda_item_decide(
        actor=tc, item_id=item.pk, verdict="uitgesteld", motivation="Huurcontract ontbreekt."
    )
    req.refresh_from_db()
    assert req.status == Request.Status.OPEN and req.decision is None
    second = _proposal(mw, req)
    procedure.proposal_review(actor=tc, proposal_id=second.pk, approve=True)
    later = _held_session(tc, on=D(2023, 3, 27))
    item2 = procedure.agenda_add(actor=tc, session_id=later.pk, proposal_id=second.pk)
    procedure.session_record_presence(actor=tc, session_id=later.pk, members_present="A\nB\nC")
    procedure.agenda_item_decide(
        actor=tc,
        item_id=item2.pk,
        verdict="gewijzigd",
        motivation="Waarborg van twee maanden huur.",
        amount=Decimal("900"),
        effective_from=D(2023, 4, 1),
    )
    item2.refresh_from_db()
    assert item2.amount == Decimal("900") and item2.decision.outcome == "toekenning"
    assert Proposal.objects.get(pk=first.pk).status == Proposal.Status.DONE


def test_hearing_on_a_refusal_is_held_in_a_session(team):
    mw, tc, file = team
    req = _request(mw, file)
    proposal = _proposal(mw, req, proposed_result="weigering", proposed_amount=None)
    procedure.proposal_review(actor=tc, proposal_id=proposal.pk, approve=True)
    session = _held_session(tc)
    item = procedure.agenda_add(actor=tc, session_id=session.pk, proposal_id=proposal.pk)
    procedure.session_record_presence(actor=tc, session_id=session.pk, members_present="A\nB\nC")
    procedure.agenda_item_decide(actor=tc, item_id=item.pk, verdict="geweigerd", motivation="X.")
    decision = Request.objects.get(pk=req.pk).decision
    casework.decision_hearing_record(actor=mw, decision_id=decision.pk, requested_on=D(2023, 3, 25))
    hearing_session = _held_session(tc, on=D(2023, 4, 3))
    hearing = procedure.agenda_add(actor=tc, session_id=hearing_session.pk, decision_id=decision.pk)
    procedure.session_record_presence(
        actor=tc, session_id=hearing_session.pk, members_present="A\nB\nC"
    )
    procedure.agenda_item_decide(
        actor=tc, item_id=hearing.pk, verdict="bevestigd", motivation="Gehoord; geen nieuwe feiten."
    )
    decision.refresh_from_db()
    assert decision.hearing_held_on == D(2023, 4, 3)


def _heard_refusal(mw, tc, file):
    """A refused leefloon request whose hearing is on the agenda of a held session."""
    req = _request(mw, file)
    proposal = _proposal(mw, req, proposed_result="weigering", proposed_amount=None)
    procedure.proposal_review(actor=tc, proposal_id=proposal.pk, approve=True)
    session = _held_session(tc)
    item = procedure.agenda_add(actor=tc, session_id=session.pk, proposal_id=proposal.pk)
    procedure.session_record_presence(actor=tc, session_id=session.pk, members_present="A\nB\nC")
    procedure.agenda_item_decide(actor=tc, item_id=item.pk, verdict="geweigerd", motivation="X.")
    first = Request.objects.get(pk=req.pk).decision
    casework.decision_hearing_record(actor=mw, decision_id=first.pk, requested_on=D(2023, 3, 25))
    later = _held_session(tc, on=D(2023, 4, 3))
    hearing = procedure.agenda_add(actor=tc, session_id=later.pk, decision_id=first.pk)
    procedure.session_record_presence(actor=tc, session_id=later.pk, members_present="A\nB\nC")
    return req, first, hearing


def test_a_decision_revised_after_the_hearing_is_a_new_decision_with_its_own_letter(team):
    from django.template.loader import render_to_string

    mw, tc, file = team
    req, first, hearing = _heard_refusal(mw, tc, file)
    before = Decision.objects.count()
    with pytest.raises(ValidationError) as exc:  # revised into what?
        procedure.agenda_item_decide(
            actor=tc, item_id=hearing.pk, verdict="herzien", motivation="Nieuwe feiten."
        )
    assert "revised_result" in exc.value.error_dict and Decision.objects.count() == before
    procedure.agenda_item_decide(
        actor=tc,
        item_id=hearing.pk,
        verdict="herzien",
        revised_result="toekenning",
        amount=Decimal("1263.17"),
        effective_from=D(2023, 3, 1),
        motivation="Gehoord: het loon van maart werd niet uitbetaald.",
    )
    hearing.refresh_from_db()
    revised = hearing.decision
    assert revised.pk != first.pk and hearing.hearing_on_id == first.pk  # linked by the point
    assert (revised.outcome, revised.decided_on) == ("toekenning", D(2023, 4, 3))
    first.refresh_from_db()
    assert first.outcome == "weigering" and first.hearing_held_on == D(2023, 4, 3)
    letter = DecisionLetter.objects.get(decision=revised)
    assert letter.request_id == req.pk and letter.notify_due_on == D(2023, 4, 11)
    assert Request.objects.get(pk=req.pk).decision_id == first.pk  # decided once, in time
    view = selectors.letter_get(user=mw, decision_id=revised.pk)
    html = render_to_string(
        "web/procedure/letter_pdf.html",
        {"v": view, "d": view.decision, "r": view.request, "today": D(2023, 4, 4)},
    )
    assert "die beslissing herzien" in html and "20/03/2023" in html and "€ 1.263,17" in html


def test_a_confirmed_decision_takes_no_revised_result(team):
    mw, tc, file = team
    _, _, hearing = _heard_refusal(mw, tc, file)
    with pytest.raises(ValidationError) as exc:
        procedure.agenda_item_decide(
            actor=tc,
            item_id=hearing.pk,
            verdict="bevestigd",
            revised_result="toekenning",
            motivation="Gehoord.",
        )
    assert "revised_result" in exc.value.error_dict
    assert not AgendaItem.objects.get(pk=hearing.pk).verdict


def test_refusals_write_nothing(team):
    mw, _, file = team
    other = user(Role.MAATSCHAPPELIJK_WERKER, "wb-rabot")
    before = (Request.objects.count(), AuditEvent.objects.count())
    with pytest.raises(AccessDenied):
        _request(other, file)
    with pytest.raises(ValidationError) as exc:
        procedure.request_register(
            actor=mw,
            dossier_id=file.pk,
            service="leefloon",
            received_on=D(2023, 3, 1),
            channel="balie",
            question="  ",
        )
    assert "question" in exc.value.error_dict
    assert (Request.objects.count(), AuditEvent.objects.count()) == before
    req = _request(mw, file)
    count = Proposal.objects.count()
    with pytest.raises(ValidationError) as exc:
        _proposal(mw, req, situation="")
    assert "situation" in exc.value.error_dict and Proposal.objects.count() == count


def test_teamcoach_sees_caseload_and_late_request(team):
    mw, tc, file = team
    tc_other = user(Role.TEAMCOACH, "wb-rabot")
    req = _request(mw, file, received_on=D(2023, 3, 1))
    unassigned = dossier(mw, household(mw, person(mw)))
    procedure.dossier_assign(actor=tc, dossier_id=file.pk, caseworker=mw, reason="Start")
    with pytest.raises(AccessDenied):
        procedure.dossier_assign(
            actor=tc_other, dossier_id=unassigned.pk, caseworker=mw, reason="x"
        )
    view = selectors.team_overview(user=tc, today=D(2023, 4, 5))
    assert [r.pk for r in view.near_deadline] == [req.pk]
    assert unassigned in view.unassigned
    load = {c.worker.pk: c for c in view.caseload}[mw.pk]
    assert (load.open_dossiers, load.open_requests, load.late_requests) == (1, 1, 1)
    assert AuditEvent.objects.filter(action="assign", object_id=str(file.pk)).exists()
    assert selectors.team_overview(user=tc_other, today=D(2023, 4, 5)).near_deadline == []


def test_session_items_only_of_visible_dossiers(team):
    mw, tc, file = team
    other_mw = user(Role.MAATSCHAPPELIJK_WERKER, "wb-rabot")
    req = _request(mw, file)
    proposal = _proposal(mw, req)
    procedure.proposal_review(actor=tc, proposal_id=proposal.pk, approve=True)
    session = _held_session(tc)
    procedure.agenda_add(actor=tc, session_id=session.pk, proposal_id=proposal.pk)
    assert len(selectors.session_overview(user=mw, session_id=session.pk).items) == 1
    with pytest.raises(AccessDenied):  # no point of their office on it
        selectors.session_overview(user=other_mw, session_id=session.pk)
    other_tc = user(Role.TEAMCOACH, "wb-rabot")
    view = selectors.session_overview(user=other_tc, session_id=session.pk)
    assert view.items == [] and view.hidden_items == 1
    assert AgendaItem.objects.count() == 1


def test_letter_states_decision_amount_appeal_and_hearing(team):
    """What the PDF is made from (the machine has no PDF text extractor)."""
    from django.template.loader import render_to_string

    mw, tc, file = team
    req = _request(mw, file)
    proposal = _proposal(mw, req)
    procedure.proposal_review(actor=tc, proposal_id=proposal.pk, approve=True)
    session = _held_session(tc)
    item = procedure.agenda_add(actor=tc, session_id=session.pk, proposal_id=proposal.pk)
    procedure.session_record_presence(actor=tc, session_id=session.pk, members_present="A\nB\nC")
    procedure.agenda_item_decide(
        actor=tc, item_id=item.pk, verdict="zoals-voorgesteld", motivation="Volgt het voorstel."
    )
    decision_id = Request.objects.get(pk=req.pk).decision_id
    view = selectors.letter_get(user=mw, decision_id=decision_id)
    html = render_to_string(
        "web/procedure/letter_pdf.html",
        {"v": view, "d": view.decision, "r": view.request, "today": D(2023, 3, 21)},
    )
    for expected in (
        "Toekenning",
        "€ 1.263,17",
        "01/03/2023",
        "Volgt het voorstel.",
        "Arbeidsrechtbank Gent",
        "Opgeëistenlaan 401 E",
        "binnen 3 maanden",
        "art. 47",
        "gehoord te worden",
        "art. 20",
    ):
        assert expected in html, expected
    receipt = render_to_string(
        "web/procedure/receipt_pdf.html", {"r": req, "regime": view.regime, "today": D(2023, 3, 1)}
    )
    assert "31/03/2023" in receipt and "art. 18" in receipt


FIGURES = [
    ("decisions", "procedure.decisions", ""),
    ("refusals", "procedure.decisions", "weigering"),
    ("in_time", "procedure.within_deadline", ""),
    ("days", "procedure.days_to_decision", ""),
    ("appeals", "procedure.appeals", ""),
]


def _result(code, kind, detail):
    """A measure computed as the report computes an indicator of that kind."""
    import dataclasses

    from welzijn.reporting.compute import compute
    from welzijn.reporting.indicators import INDICATORS

    base = next(i for i in INDICATORS if i.code == "hoorzittingen")
    ind = dataclasses.replace(base, code=code, kind=kind, services=(), detail=detail)
    return compute(2023, [ind])[code]


def _figure(code, kind, detail):
    return _result(code, kind, detail).value


def test_measures_count_decisions_deadlines_and_time(team):
    mw, tc, file = team
    for received, verdict in ((D(2023, 3, 1), "zoals-voorgesteld"), (D(2023, 2, 1), "geweigerd")):
        req = _request(mw, file, received_on=received)
        proposal = _proposal(mw, req)
        procedure.proposal_review(actor=tc, proposal_id=proposal.pk, approve=True)
        session = _held_session(tc)  # 20/03/2023
        item = procedure.agenda_add(actor=tc, session_id=session.pk, proposal_id=proposal.pk)
        procedure.session_record_presence(
            actor=tc, session_id=session.pk, members_present="A\nB\nC"
        )
        procedure.agenda_item_decide(actor=tc, item_id=item.pk, verdict=verdict, motivation="M.")
    found = {code: _figure(code, kind, detail) for code, kind, detail in FIGURES}
    assert found["decisions"] == 2
    assert found["refusals"] == 1
    assert found["in_time"] == pytest.approx(0.5)  # 19 days after receipt, and 47
    assert found["days"] == pytest.approx((19 + 47) / 2)
    # an average over 2 requests is computed, but not published (fewer than 20)
    from welzijn.reporting.privacy import HIDDEN, show

    assert show(_result("days", "procedure.days_to_decision", "")).text == HIDDEN
    assert found["appeals"] == 0


def test_request_page_shows_a_proposal_without_author(team, client):
    """A proposal loaded without its author (an import, the demo's data) still shows: the page
    names who wrote it only when it knows."""
    mw, _, file = team
    req = _request(mw, file)
    Proposal.objects.filter(pk=_proposal(mw, req).pk).update(author=None)
    client.force_login(mw)
    response = client.get(f"/procedure/aanvragen/{req.pk}/")
    assert response.status_code == 200
    assert "Opgesteld op" in response.text
    assert f"door {mw.get_full_name() or mw.username}" not in response.text
