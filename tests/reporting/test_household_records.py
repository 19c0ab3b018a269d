"""A record for the whole household counts, in a persons figure, for every member at the
time: on an intervention's date, or while the trajectory ran in the year."""

import datetime as dt

from welzijn.reporting.compute import compute
from welzijn.reporting.indicators import INDICATORS, Kind

D, Y = dt.date, 2023
PERSONS = next(i for i in INDICATORS if i.kind == Kind.PERSONS)


def test_household_records_count_the_members_of_the_time(world):
    service = PERSONS.services[0]
    stayed, left, joined = world.person(), world.person(), world.person()
    hh = world.household(stayed, left, joined)
    memberships = {m.person_id: m for m in hh.memberships.all()}
    memberships[left.pk].end_date = D(Y, 2, 28)  # left before the intervention
    memberships[left.pk].save()
    memberships[joined.pk].start_date = D(Y, 6, 1)  # came after it
    memberships[joined.pk].save()
    world.intervention(world.dossier(hh), service, D(Y, 4, 1))
    assert compute(Y, [PERSONS])[PERSONS.code].value == 1  # only who was a member then
    # a household trajectory from May to July: whoever was a member while it ran
    other = world.person()
    hh2 = world.household(other, world.person())
    gone = hh2.memberships.exclude(person=other).get()
    gone.end_date = D(Y, 4, 30)  # left before the trajectory began
    gone.save()
    world.trajectory(world.dossier(hh2), service, D(Y, 5, 1), D(Y, 7, 31))
    assert compute(Y, [PERSONS])[PERSONS.code].value == 2
