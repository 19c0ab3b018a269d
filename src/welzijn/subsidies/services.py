"""Writes of the subsidy procedure: drafting, submitting, the official's check, the jury's
scores, the decision, payments, the final report and claw-back.

Every function checks who acts (`access.require`), validates (the scheme's rules, the
model's full_clean), writes in one transaction with its audit event, and changes states
only through `application_transition` (row lock, explicit map).
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.db.models.functions import ExtractYear

from welzijn.casework import documents
from welzijn.casework.access import office_ids_of
from welzijn.catalog.models import Service
from welzijn.core.access import AccessDenied
from welzijn.core.audit import audit_record
from welzijn.core.numbers import format_eur
from welzijn.core.roles import Role, roles_of
from welzijn.core.transitions import lock_for_transition
from welzijn.core.validation import require, validate_and_save
from welzijn.registry.access import organisation_id_of
from welzijn.registry.models import Organisation
from welzijn.subsidies import access
from welzijn.subsidies.models import (
    Advice,
    Application,
    BudgetLine,
    Call,
    FinalReport,
    JuryScore,
    Payment,
    Scheme,
)
from welzijn.subsidies.rules import Facts, Verdict

#: The catalogue service of the advice on measure to associations.
VERENIGINGSWIJZER = "verenigingswijzer"

Status = Application.Status
#: Fields of an application the applicant types (create and update).
APPLICATION_FIELDS = (
    "title",
    "description",
    "category",
    "legal_form",
    "active_in_ghent",
    "exclusions",
    "target_group",
    "wijk",
    "start_date",
    "end_date",
    "activities_last_year",
    "members",
)


# -- the rules -------------------------------------------------------------------------------


def _others_in_year(applications: list[Application]) -> dict[int, int]:
    """Per application, the organisation's other counting applications to the same scheme
    that start in the same year (the yearly maximum): one grouped query for all of them."""
    dated = [a for a in applications if a.start_date is not None]
    if not dated:
        return {}
    counts = {
        (row["organisation_id"], row["call__scheme_id"], row["year"]): row["n"]
        for row in Application.objects.filter(
            organisation_id__in={a.organisation_id for a in dated},
            status__in=Application.COUNTING_STATES,
        )
        .values("organisation_id", "call__scheme_id", year=ExtractYear("start_date"))
        .annotate(n=Count("pk"))
    }
    others = {}
    for a in dated:
        assert a.start_date is not None
        n = counts.get((a.organisation_id, a.call.scheme_id, a.start_date.year), 0)
        others[a.pk] = n - (1 if a.status in Application.COUNTING_STATES else 0)
    return others


def facts_of(application: Application, on: dt.date, others: int | None = None) -> Facts:
    """The application's facts as the rules see them on day `on`."""
    if others is None:
        others = _others_in_year([application]).get(application.pk, 0)
    rules = application.call.scheme.ruleset()
    recognised = False
    recognising = rules.recognition_scheme()
    if recognising is not None:
        year = (application.start_date or on).year
        recognised = Application.objects.filter(
            organisation_id=application.organisation_id,
            call__scheme__code=recognising,
            status__in=(Status.GRANTED, Status.REPORTED, Status.CLOSED),
            start_date__year__lte=year,
            end_date__year__gte=year,
        ).exists()
    return Facts(
        legal_form=application.legal_form,
        recognised=recognised,
        activities_last_year=application.activities_last_year,
        members=application.members,
        active_in_ghent=application.active_in_ghent,
        exclusions=tuple(application.exclusions or ()),
        category=application.category,
        lines=tuple((li.kind, li.description, li.amount) for li in application.lines.all()),
        start_date=application.start_date,
        end_date=application.end_date,
        submitted_on=application.submitted_on or on,
        others_in_year=others,
    )


def application_verdicts(application: Application, on: dt.date) -> list[Verdict]:
    """Each rule of the scheme with its verdict: what an applicant sees before submitting."""
    return application.call.scheme.ruleset().evaluate(facts_of(application, on))


def queue_verdicts(applications: list[Application], on: dt.date) -> dict[int, list[Verdict]]:
    """The verdicts of a list of applications (the official's queue), each judged on the
    day it was submitted."""
    others = _others_in_year(applications)
    return {
        a.pk: a.call.scheme.ruleset().evaluate(
            facts_of(a, a.submitted_on or on, others.get(a.pk, 0))
        )
        for a in applications
    }


def _refuse_failing(verdicts: list[Verdict]) -> None:
    errors: dict[str, list[str]] = {}
    for verdict in verdicts:
        if not verdict.ok:
            errors.setdefault(verdict.rule.field, []).append(verdict.reason)
    if errors:
        raise ValidationError(errors)


# -- the applicant ---------------------------------------------------------------------------


def application_transition(application_id: int, to: str) -> Application:
    return lock_for_transition(
        Application.objects.select_related("call__scheme"),
        application_id,
        to=to,
        allowed=Application.TRANSITIONS,
        labels=dict(Status.choices),
    )


def _applicant_organisation(actor) -> Organisation:
    org_id = organisation_id_of(actor)
    if Role.AANVRAGER not in roles_of(actor) or org_id is None:
        raise AccessDenied("Alleen een account van een vereniging vraagt een subsidie aan.")
    return Organisation.objects.get(pk=org_id)


def _draft_for(actor, application_id: int) -> Application:
    application = (
        Application.objects.select_for_update()
        .select_related("call__scheme")
        .get(pk=application_id)
    )
    access.require(actor, application, Role.AANVRAGER, "Dit is niet de aanvraag van uw vereniging.")
    require(
        application.status == Status.DRAFT,
        "status",
        "Een ingediende aanvraag kan niet meer gewijzigd worden.",
    )
    return application


def _check_category(application: Application) -> None:
    rules = application.call.scheme.ruleset()
    if rules.categories:
        require(
            application.category in rules.categories,
            "category",
            "Kies een categorie van het reglement.",
        )
    unknown = set(application.exclusions or ()) - set(rules.exclusions)
    require(not unknown, "exclusions", "Onbekende uitsluiting.")


@transaction.atomic
def application_create(*, actor, call_id: int, on: dt.date, **fields) -> Application:
    """A draft application of the actor's organisation to an open call."""
    organisation = _applicant_organisation(actor)
    call = Call.objects.select_related("scheme").get(pk=call_id)
    require(
        call.opens_on <= on <= call.closes_on,
        "call",
        f"Deze oproep is open van {call.opens_on:%d/%m/%Y} tot {call.closes_on:%d/%m/%Y}.",
    )
    application = Application(
        call=call,
        organisation=organisation,
        created_by=actor,
        **{name: fields[name] for name in APPLICATION_FIELDS if name in fields},
    )
    _check_category(application)
    validate_and_save(application)
    audit_record(actor=actor, action="create", obj=application, reason="aanvraag opgesteld")
    return application


@transaction.atomic
def application_update(*, actor, application_id: int, **fields) -> Application:
    application = _draft_for(actor, application_id)
    for name in APPLICATION_FIELDS:
        if name in fields:
            setattr(application, name, fields[name])
    _check_category(application)
    validate_and_save(application)
    audit_record(actor=actor, action="update", obj=application, reason="aanvraag gewijzigd")
    return application


@transaction.atomic
def budget_line_add(
    *, actor, application_id: int, kind: str, description: str, amount: Decimal
) -> BudgetLine:
    application = _draft_for(actor, application_id)
    line = validate_and_save(
        BudgetLine(application=application, kind=kind, description=description, amount=amount)
    )
    audit_record(
        actor=actor,
        action="create",
        obj=line,
        detail={"application": application.pk, "kind": kind, "amount": str(amount)},
    )
    return line


@transaction.atomic
def budget_line_remove(*, actor, line_id: int) -> Application:
    line = BudgetLine.objects.get(pk=line_id)
    application = _draft_for(actor, line.application_id)
    audit_record(
        actor=actor,
        action="delete",
        obj=line,
        detail={"application": application.pk, "kind": line.kind, "amount": str(line.amount)},
    )
    line.delete()
    return application


@transaction.atomic
def application_submit(*, actor, application_id: int, on: dt.date) -> Application:
    """Submit a draft: every rule must hold on the day of submission. The application gets
    the scheme's next number (the milestone counter) and, above the jury threshold, the
    jury deadline it falls under."""
    application = _draft_for(actor, application_id)
    call = application.call
    require(
        call.opens_on <= on <= call.closes_on,
        "status",
        f"Deze oproep is open van {call.opens_on:%d/%m/%Y} tot {call.closes_on:%d/%m/%Y}.",
    )
    application.submitted_on = on
    _refuse_failing(application_verdicts(application, on))
    application = application_transition(application.pk, Status.SUBMITTED)
    # Numbers follow each other within the scheme: lock the scheme while taking one.
    Scheme.objects.select_for_update().get(pk=call.scheme_id)
    last = Application.objects.filter(call__scheme_id=call.scheme_id).aggregate(n=Max("number"))
    rules = call.scheme.ruleset()
    application.status = Status.SUBMITTED
    application.submitted_on = on
    application.number = (last["n"] or 0) + 1
    if rules.needs_jury(application.requested_amount()):
        application.jury_deadline = rules.jury_deadline(on, call.closes_on)
    validate_and_save(application)
    audit_record(
        actor=actor,
        action="submit",
        obj=application,
        detail={"number": application.number, "requested": str(application.requested_amount())},
    )
    return application


# -- the official and the jury ---------------------------------------------------------------


def _as_official(actor, application: Application) -> Application:
    return access.require(
        actor,
        application,
        Role.SUBSIDIES,
        "Alleen een ambtenaar van dit reglement beslist hierover.",
    )


@transaction.atomic
def application_check(*, actor, application_id: int, note: str, on: dt.date) -> Application:
    """The official's check of a submitted application: the rules hold (as on the day it was
    submitted) and the file is complete; then it goes to the jury or to the decision."""
    application = Application.objects.select_related("call__scheme").get(pk=application_id)
    _as_official(actor, application)
    _refuse_failing(application_verdicts(application, application.submitted_on or on))
    to = Status.JURY if application.jury_deadline else Status.CHECKED
    application = application_transition(application_id, to)
    application.status = to
    application.checked_by, application.checked_on, application.check_note = actor, on, note
    validate_and_save(application)
    audit_record(actor=actor, action="check", obj=application, detail={"to": to})
    return application


@transaction.atomic
def jury_score_record(
    *,
    actor,
    application_id: int,
    score: int,
    advice: str,
    note: str,
    on: dt.date,
    advised_amount: Decimal | None = None,
) -> JuryScore:
    application = Application.objects.select_related("call__scheme").get(pk=application_id)
    access.require(actor, application, Role.JURY, "Alleen de jury van dit reglement scoort.")
    require(
        application.status == Status.JURY,
        "score",
        "De jury scoort alleen aanvragen die bij de jury liggen.",
    )
    entry = JuryScore.objects.filter(application=application, juror=actor).first() or JuryScore(
        application=application, juror=actor
    )
    entry.score, entry.advice, entry.note, entry.scored_on = score, advice, note, on
    entry.advised_amount = advised_amount
    validate_and_save(entry)
    audit_record(
        actor=actor, action="score", obj=application, detail={"score": score, "advice": advice}
    )
    return entry


GRANT, REFUSE = "toekenning", "weigering"


@transaction.atomic
def application_decide(
    *,
    actor,
    application_id: int,
    outcome: str,
    motivation: str,
    on: dt.date,
    amount: Decimal | None = None,
) -> Application:
    """Grant (an amount up to what was asked, within the call's budget left) or refuse."""
    application = Application.objects.select_related("call__scheme").get(pk=application_id)
    _as_official(actor, application)
    require(outcome in (GRANT, REFUSE), "outcome", "Kies toekenning of weigering.")
    require(bool(motivation.strip()), "motivation", "Motiveer de beslissing.")
    if application.status == Status.JURY:
        require(
            application.scores.exists(),
            "outcome",
            "De jury heeft deze aanvraag nog niet gescoord.",
        )
    to = Status.GRANTED if outcome == GRANT else Status.REFUSED
    application = application_transition(application_id, to)
    if outcome == GRANT and application.call.scheme.ruleset().pays:
        requested = application.requested_amount()
        require(amount is not None and amount > 0, "amount", "Vul het toegekende bedrag in.")
        assert amount is not None
        require(
            amount <= requested,
            "amount",
            f"Het toegekende bedrag is hoger dan het gevraagde ({format_eur(requested)}).",
        )
        call = Call.objects.select_for_update().get(pk=application.call_id)  # one grant at a time
        left = call.budget_left()
        require(
            amount <= left,
            "amount",
            f"Deze toekenning overschrijdt het budget van de oproep: er blijft nog "
            f"{format_eur(left)} over.",
        )
        application.granted_amount = amount
    application.status = to
    application.decided_on, application.decided_by, application.motivation = on, actor, motivation
    validate_and_save(application)
    audit_record(
        actor=actor,
        action="decide",
        obj=application,
        detail={"outcome": outcome, "amount": str(application.granted_amount or "") or None},
    )
    return application


@transaction.atomic
def payment_register(
    *, actor, application_id: int, amount: Decimal, on: dt.date, reason: str = ""
) -> Payment:
    """An instalment of a grant; together they never exceed the granted amount."""
    application = (
        Application.objects.select_for_update()
        .select_related("call__scheme")
        .get(pk=application_id)
    )
    _as_official(actor, application)
    require(
        application.status in (Status.GRANTED, Status.REPORTED, Status.CLOSED),
        "amount",
        "Alleen een toegekende subsidie wordt uitbetaald.",
    )
    require(
        application.granted_amount is not None,
        "amount",
        "Er is geen bedrag toegekend: een erkenning wordt niet uitbetaald.",
    )
    assert application.granted_amount is not None
    open_amount = application.granted_amount - application.paid()
    require(
        amount <= open_amount,
        "amount",
        f"Meer dan wat nog uit te betalen is ({format_eur(open_amount)}).",
    )
    payment = validate_and_save(
        Payment(
            application=application,
            kind=Payment.Kind.PAYMENT,
            amount=amount,
            on=on,
            reason=reason,
            registered_by=actor,
        )
    )
    audit_record(actor=actor, action="pay", obj=application, detail={"amount": str(amount)})
    return payment


@transaction.atomic
def final_report_submit(
    *,
    actor,
    application_id: int,
    happened: bool,
    participants: int,
    spent: Decimal,
    text: str,
    on: dt.date,
    file=None,
) -> FinalReport:
    """The applicant's final report, with an optional attachment (checked by content)."""
    application = Application.objects.select_related("call__scheme").get(pk=application_id)
    access.require(actor, application, Role.AANVRAGER, "Dit is niet de aanvraag van uw vereniging.")
    application = application_transition(application_id, Status.REPORTED)
    report = FinalReport(
        application=application,
        happened=happened,
        participants=participants,
        spent=spent,
        text=text,
        submitted_on=on,
        submitted_by=actor,
    )
    stored = None
    if file is not None:
        checked = documents.check_file(file, file.name)
        report.file_name, report.content_type = checked.name, checked.content_type
    report.full_clean(exclude=["application"])
    if file is not None:
        stored, report.sha256 = documents.store(file)
        report.storage_name = stored
    try:
        report.save()
        application.status = Status.REPORTED
        application.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="report",
            obj=application,
            detail={"happened": happened, "participants": participants, "file": bool(file)},
        )
    except Exception:
        if stored:
            documents.discard(stored)
        raise
    return report


CLOSE, CLAW_BACK = "afgesloten", "teruggevorderd"


@transaction.atomic
def application_close(
    *,
    actor,
    application_id: int,
    outcome: str,
    reason: str,
    on: dt.date,
    reclaim: Decimal | None = None,
) -> Application:
    """Close a grant after its final report, or claw back (part of) what was paid where the
    initiative did not happen; what was not paid goes back to the call's budget."""
    application = Application.objects.select_related("call__scheme").get(pk=application_id)
    _as_official(actor, application)
    require(outcome in (CLOSE, CLAW_BACK), "outcome", "Kies afsluiten of terugvorderen.")
    application = application_transition(application_id, outcome)
    if outcome == CLAW_BACK:
        require(bool(reason.strip()), "reason", "Zeg waarom er teruggevorderd wordt.")
        paid = application.paid()
        reclaim = reclaim or Decimal("0")
        require(
            Decimal("0") <= reclaim <= paid,
            "reclaim",
            f"Terugvorderen kan tot wat uitbetaald werd ({format_eur(paid)}).",
        )
        if reclaim:
            validate_and_save(
                Payment(
                    application=application,
                    kind=Payment.Kind.CLAWBACK,
                    amount=reclaim,
                    on=on,
                    reason=reason,
                    registered_by=actor,
                )
            )
    application.status = outcome
    if reason:
        application.check_note = (application.check_note + "\n" + reason).strip()
    validate_and_save(application)
    audit_record(
        actor=actor,
        action="close",
        obj=application,
        detail={"outcome": outcome, "reclaim": str(reclaim) if reclaim else None},
    )
    return application


@transaction.atomic
def advice_register(
    *, actor, organisation_id: int, given_on: dt.date, topic: str, note: str = ""
) -> Advice:
    """Record the Verenigingswijzer's advice on measure to an association, for the official's
    own team."""
    offices = sorted(office_ids_of(actor)) if Role.SUBSIDIES in roles_of(actor) else []
    if not offices:
        raise AccessDenied("Alleen een medewerker van de subsidiedienst registreert een advies.")
    advice = Advice(
        service=Service.objects.get(code=VERENIGINGSWIJZER),
        organisation=Organisation.objects.get(pk=organisation_id),
        office_id=offices[0],
        given_on=given_on,
        topic=topic,
        note=note,
        registered_by=actor,
    )
    validate_and_save(advice)
    audit_record(actor=actor, action="create", obj=advice, detail={"topic": topic})
    return advice
