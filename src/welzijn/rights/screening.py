"""Screening of the whole client base: evaluate every household, store the findings, grant
what may be granted automatically.

Stored per right: every household or person that receives the right, is entitled without
receiving it (onderbescherming) or lacks information; the last two with the inputs they were
based on (see snapshots.py: the explanation is replayed from them). "Not entitled" is recorded as a
count per right on the run: storing hundreds of thousands of "no" rows per run would add
noise, not information.

Re-running for the same date is idempotent: open findings of that date are replaced,
findings a caseworker (or the system) already acted on are kept as they are.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from welzijn.casework.models import Dossier, Office
from welzijn.core.audit import audit_record
from welzijn.core.bulk import bulk_insert
from welzijn.core.locks import lock_or_refuse
from welzijn.rights.active_rules import rules
from welzijn.rights.engine import (
    GEEN_RECHT,
    ONBEKEND,
    ONDERBESCHERMING,
    STATUS_NAMES,
    ParameterValueMissingError,
    evaluate,
)
from welzijn.rights.inputs import build_population
from welzijn.rights.models import Finding, ScreeningRun
from welzijn.rights.services import findings_grant, grant_services, rights_office
from welzijn.rights.snapshots import InputSnapshots
from welzijn.webhooks.outbox import events_record_many

#: Outcomes whose inputs are kept to explain them; "ontvangt" needs no explaining.
EXPLAINED = (ONDERBESCHERMING, ONBEKEND)
FINDING_COLUMNS = (
    "run_id",
    "reference_date",
    "right",
    "household_id",
    "person_id",
    "office_id",
    "outcome",
    "amount",
    "inputs",
    "review",
    "review_reason",
)


def _office_by_household(default: Office) -> dict[int, int]:
    """The office whose worklist gets a household's findings: its open dossier at a
    welzijnsbureau, else at a team, else the rights team."""
    offices: dict[int, int] = {}
    rows = Dossier.objects.filter(status=Dossier.Status.OPEN).order_by(
        "-office__kind", "opened_on"
    )  # "welzijnsbureau" sorts after "team": reversed, bureaus come first
    for household_id, office_id in rows.values_list("household_id", "office_id"):
        offices.setdefault(household_id, office_id)
    return offices


@transaction.atomic
def _store(on: dt.date, actor) -> ScreeningRun:
    ruleset = rules()
    screened = build_population(on)
    results = evaluate(ruleset, screened.population, on)
    default_office = rights_office()
    office_of = _office_by_household(default_office)
    run = ScreeningRun.objects.create(
        reference_date=on, started_at=timezone.now(), rules_fingerprint=ruleset.fingerprint
    )
    Finding.objects.filter(reference_date=on, review=Finding.Review.OPEN).delete()
    acted_on = set(
        Finding.objects.filter(reference_date=on).values_list("right", "household_id", "person_id")
    )
    household_index = np.asarray(screened.population.household_index)
    household_of_person = screened.household_ids[household_index]
    snapshots = InputSnapshots(ruleset, screened, on)
    summary: dict[str, dict[str, int]] = {}
    rows = []
    for name, right in ruleset.rights.items():
        status = results.status(name)
        amounts = results[right.amount] if right.amount else None
        summary[name] = {
            STATUS_NAMES[code]: int(count)
            for code, count in zip(*np.unique(status, return_counts=True), strict=True)
        }
        per_person = right.entity == "person"
        for row in np.flatnonzero(status != GEEN_RECHT).tolist():
            household_id = int(
                household_of_person[row] if per_person else screened.household_ids[row]
            )
            person_id = int(screened.person_ids[row]) if per_person else None
            if (name, household_id, person_id) in acted_on:
                continue
            code = int(status[row])
            snapshot = (
                snapshots.as_json(name, int(household_index[row]) if per_person else row)
                if code in EXPLAINED
                else "{}"
            )
            rows.append(
                (
                    run.pk,
                    on,
                    name,
                    household_id,
                    person_id,
                    office_of.get(household_id, default_office.pk),
                    STATUS_NAMES[code],
                    Decimal(str(amounts[row]))
                    if amounts is not None and code != ONBEKEND
                    else None,
                    snapshot,
                    Finding.Review.OPEN.value,
                    "",
                )
            )
    bulk_insert(Finding._meta.db_table, FINDING_COLUMNS, rows)
    events_record_many(
        type="finding.created",
        rows=(
            (pk, [office_id], {"right": right, "outcome": outcome, "reference_date": str(on)})
            for pk, office_id, right, outcome in Finding.objects.filter(run=run)
            .values_list("pk", "office_id", "right", "outcome")
            .iterator(chunk_size=2000)
        ),
    )
    run.summary = {
        "rules_fingerprint": ruleset.fingerprint,
        "households": len(screened.household_ids),
        "persons": len(screened.person_ids),
        "rights": summary,
    }
    run.finished_at = timezone.now()
    run.save(update_fields=["summary", "finished_at"])
    audit_record(actor=actor, action="create", obj=run, detail=run.summary)
    return run


@transaction.atomic
def rights_screen(*, on: dt.date, actor=None, grant: bool = True) -> ScreeningRun:
    """Screen every household on a date; then grant the auto-grantable rights (one audit
    event per grant). One screening at a time: a second one started meanwhile is refused
    (it would store and grant the same findings twice)."""
    lock_or_refuse(
        "rights_screen",
        "Er loopt al een screening. Wacht tot die klaar is en start dan opnieuw.",
    )
    try:
        run = _store(on, actor)
    except ParameterValueMissingError as error:  # raised before anything is written
        raise ValidationError(
            f"Screenen op {on:%d/%m/%Y} kan niet: parameter '{error.parameter}' heeft geen "
            f"waarde op die datum ({error.file.rsplit('/', 1)[-1]}). Voeg eerst de bedragen "
            "toe die dan gelden."
        ) from None
    granted = 0
    if grant:
        pending = Finding.objects.filter(
            run=run,
            right__in=list(grant_services()),
            outcome=Finding.Outcome.UNDERPROTECTED,
            review=Finding.Review.OPEN,
        ).values_list("pk", flat=True)
        granted = findings_grant(finding_ids=list(pending), on=on)
    run.summary["granted"] = granted
    run.save(update_fields=["summary"])
    return run
