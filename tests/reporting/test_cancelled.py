"""A cancelled record (entered in error) counts in no figure: for every casework kind a
cancelled intervention, trajectory, contact or decision leaves the figure as it was, and
the same records, not cancelled, would have changed it."""

import dataclasses
import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from welzijn.casework.models import Contact, Decision, Intervention, Trajectory
from welzijn.catalog.models import Outcome, Service
from welzijn.reporting.compute import compute
from welzijn.reporting.indicators import INDICATORS, Indicator, Kind

D, Y = dt.date, 2023

CASEWORK_KINDS = (
    Kind.PERSONS,
    Kind.PERSONS_MINOR,
    Kind.PERSONS_STARTED,
    Kind.HOUSEHOLDS,
    Kind.RECORDS,
    Kind.OUTCOME_COUNT,
    Kind.OUTCOME_SHARE,
    Kind.CLIENT_HOUSEHOLDS,
    Kind.CLIENT_PERSONS,
    Kind.CONTACT_OUTCOME,
    Kind.HEARINGS,
)


def _first_of(kind: str) -> Indicator:
    """The report's first indicator of the kind, or a persons indicator made of that kind."""
    found = next((i for i in INDICATORS if i.kind == kind), None)
    if found is None:
        found = dataclasses.replace(_first_of(Kind.PERSONS), code=f"x_{kind}", kind=kind)
    return found


def _value(ind: Indicator) -> float | None:
    return compute(Y, [ind])[ind.code].value


def _cancel(record) -> None:
    """As `casework.services._cancel` leaves it: date, author, reason."""
    author = get_user_model().objects.get_or_create(username="corrector")[0]
    type(record).objects.filter(pk=record.pk).update(
        cancelled_at=timezone.now(), cancelled_by=author, cancel_reason="dubbel ingevoerd"
    )


@pytest.mark.parametrize("kind", CASEWORK_KINDS)
def test_a_cancelled_record_is_not_counted(world, kind):
    ind = _first_of(kind)
    service = ind.services[0] if ind.services else "leefloon"
    outcome = ind.detail if kind in (Kind.OUTCOME_SHARE, Kind.OUTCOME_COUNT) else "doel-bereikt"
    reply = ind.detail if kind == Kind.CONTACT_OUTCOME else "geen-vervolgtraject"
    # what is there already: one counted client household with one ended trajectory
    adult = world.person()
    _, dossier = world.client(adult)
    world.trajectory(dossier, service, D(Y, 1, 5), D(Y, 3, 1), adult, "stopgezet-door-client")
    world.decision(dossier, held=D(Y, 2, 1))
    world.contact(adult, D(Y, 2, 1), outcome=reply)
    before = _value(ind)
    # a new household (a minor), whose every record of the year was entered in error
    child = world.person(D(2012, 1, 1))
    entered = world.dossier(world.household(child))
    records = [
        world.intervention(entered, service, D(Y, 3, 1), child),
        world.contact(child, D(Y, 3, 1), outcome=reply),
        world.decision(entered, held=D(Y, 4, 1)),
    ]
    for record in records:
        _cancel(record)
    cancelled = [
        Trajectory.objects.create(
            dossier=entered,
            person=child,
            service=Service.objects.get(code=code),
            status=Trajectory.Status.CANCELLED,
            start_date=D(Y, 2, 1),
            end_date=D(Y, 2, 1),
            outcome=Outcome.objects.get(applies_to="trajectory", code=outcome),
        )
        for code in {service, "maatschappelijke-begeleiding"}
    ]
    assert _value(ind) == before, ind.code
    # the test could fail: the same records, valid, change the figure
    valid = {"cancelled_at": None, "cancelled_by": None, "cancel_reason": ""}
    for model in (Intervention, Contact, Decision):
        model.objects.filter(pk__in=[r.pk for r in records if isinstance(r, model)]).update(**valid)
    Trajectory.objects.filter(pk__in=[t.pk for t in cancelled]).update(
        status=Trajectory.Status.COMPLETED
    )
    assert _value(ind) != before, ind.code
