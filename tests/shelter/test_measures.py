"""The shelter's measures on a hand-made set of stays, counted by hand in the comments."""

import datetime as dt

import pytest
from factories import household, person, user

from welzijn.casework.models import StaffAssignment
from welzijn.core.roles import Role
from welzijn.reporting.breakdowns import breakdowns
from welzijn.reporting.compute import compute
from welzijn.reporting.indicators import BY_CODE
from welzijn.shelter import services
from welzijn.shelter.models import Facility, PitCount, Stay

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def staff():
    """A shelter worker in every facility's team."""
    account = user(Role.OPVANG, "team-opvang")
    for office in {f.office for f in Facility.objects.exclude(office__code="team-opvang")}:
        StaffAssignment.objects.create(user=account, office=office)
    return account


def _value(code, year=2023):
    return compute(year, [BY_CODE[code]])[code].value


def _stay(staff, code, guest, entry, exit_date=None, destination=None, **kw):
    """A stay as registered: check-in, and check-out when it ended."""
    facility = Facility.objects.get(code=code)
    stay = services.stay_check_in(
        actor=staff, facility_id=facility.pk, person_id=guest.pk, entry_date=entry, **kw
    )
    if exit_date:
        services.stay_check_out(
            actor=staff, stay_id=stay.pk, exit_date=exit_date, destination=destination
        )
    return stay


def test_unique_users_and_nights_of_the_night_shelter(staff):
    a, b, c = person(staff), person(staff), person(staff)
    for night in (D(2023, 3, 1), D(2023, 3, 2), D(2023, 12, 31)):
        _stay(staff, "nachtopvang", a, night)
    _stay(staff, "nachtopvang", b, D(2023, 5, 5))
    _stay(staff, "nachtopvang", c, D(2022, 12, 31))  # the night before the year
    assert _value("nachtopvang") == 2  # a and b
    assert _value("nachtopvang_nachten") == 4  # a three nights, b one


def test_a_stays_nights_fall_in_the_months_they_are_in(staff):
    from welzijn.reporting.records import tally
    from welzijn.shelter.measures import nights

    guest = person(staff)
    _stay(staff, "housing-first", guest, D(2022, 12, 20), D(2023, 3, 2), "straat")
    service_id = Facility.objects.get(code="housing-first").service_id
    months = tally(nights(None, 2023, [service_id]), "month")
    # the morning of 2 March is the exit: the night of 1 March is the last
    assert {m: t.value for m, t in months.items()} == {1: 31, 2: 28, 3: 1}


def test_outflow_share_to_durable_housing_among_those_who_left(staff):
    # Leegstand: four households; three left in 2023 (two to housing), one stays
    guests = [person(staff) for _ in range(4)]
    for g in guests:
        household(staff, g)
    _stay(staff, "leegstand", guests[0], D(2022, 6, 1), D(2023, 2, 1), "sociale-huurwoning")
    _stay(staff, "leegstand", guests[1], D(2023, 1, 10), D(2023, 9, 1), "private-huurwoning")
    _stay(staff, "leegstand", guests[2], D(2023, 3, 1), D(2023, 10, 1), "straat")
    _stay(staff, "leegstand", guests[3], D(2023, 4, 1))
    assert _value("leegstand") == 4
    assert _value("leegstand_vertrokken") == 3
    assert _value("leegstand_woonoplossing") == pytest.approx(2 / 3)
    # one more leaves for social housing: the share rises to 3/4
    services.stay_check_out(
        actor=staff,
        stay_id=Stay.objects.get(person=guests[3]).pk,
        exit_date=D(2023, 12, 1),
        destination="sociale-huurwoning",
    )
    assert _value("leegstand_woonoplossing") == pytest.approx(3 / 4)


def test_entrants_minors_households_to_housing_places_and_countries(staff):
    child = person(staff, born=D(2012, 1, 1), nationality="UA")
    adult = person(staff, nationality="SY")
    earlier = person(staff, nationality="SY")
    _stay(staff, "leeuwenhof", adult, D(2023, 2, 1))
    _stay(staff, "leeuwenhof", earlier, D(2022, 2, 1))
    assert _value("leeuwenhof_bewoners") == 1  # only who came in 2023
    _stay(staff, "nooddorp", child, D(2023, 5, 10))
    assert _value("nooddorp_kinderen") == 1 and _value("nooddorp_bewoners") == 1
    applicants = [person(staff, nationality="SY") for _ in range(2)]
    _stay(staff, "soi", applicants[0], D(2023, 8, 1), D(2023, 8, 20), "andere-opvang")
    _stay(staff, "reno", applicants[1], D(2023, 9, 1))
    assert _value("reno_landen") == 1  # SY twice
    assert _value("soi_plaatsen") == 85 and _value("herstelbedden_bedden") == 5
    assert _value("herstelbedden_bedden", 2022) is None  # no beds before June 2023
    family = person(staff)
    household(staff, family)
    _stay(staff, "instapwonen", family, D(2023, 1, 5), D(2023, 6, 1), "eigen-woning")
    assert _value("instapwonen") == 1


def test_the_count_total_after_removing_duplicates(staff):
    count = PitCount.objects.get(date=D(2023, 10, 20))
    count.open_for_entry = True
    count.save()
    form = {"ethos": "6-familie-vrienden", "age_group": "26-49", "sex": "V",
            "slept": "familie", "initials": "AB", "birth_year": 1990}  # fmt: skip
    services.pit_record_add(actor=staff, count_id=count.pk, children=2, **form)
    services.pit_record_add(actor=staff, count_id=count.pk, children=2, **form)  # duplicate
    services.pit_record_add(actor=staff, count_id=count.pk, **{**form, "initials": ""})
    assert _value("dak_thuislozentelling") is None  # open: not yet a figure of the report
    services.pit_count_close(actor=staff, count_id=count.pk)
    assert _value("dak_thuislozentelling") is None  # closed, provisional
    services.pit_count_publish(actor=staff, count_id=count.pk, on=D(2024, 3, 1))
    assert _value("dak_thuislozentelling") == 4  # two adults and two children


def test_housing_first_new_homes_and_retention_come_from_the_stays(staff):
    kept, lost, moved, new, gone = (person(staff) for _ in range(5))
    _stay(staff, "housing-first", kept, D(2021, 4, 1))  # still there
    _stay(staff, "housing-first", lost, D(2022, 2, 1), D(2023, 5, 1), "straat")
    _stay(staff, "housing-first", moved, D(2023, 3, 1), D(2023, 9, 1), "sociale-huurwoning")
    _stay(staff, "housing-first", new, D(2023, 6, 1))
    _stay(staff, "housing-first", gone, D(2021, 1, 1), D(2022, 6, 1), "straat")  # not in 2023
    assert _value("housing_first_nieuw") == 2  # moved and new got their home in 2023
    assert _value("housing_first_behouden") == pytest.approx(3 / 4)  # all but lost


def test_occupancy_refusals_and_overbookings_of_the_night_shelter_are_rows(staff):
    shelter = Facility.objects.get(code="nachtopvang")
    shelter.capacity_periods.all().delete()
    shelter.capacity_periods.create(place_kind="bed", places=1, start_date=D(2020, 1, 1))
    night = D(2023, 11, 14)
    _stay(staff, "nachtopvang", person(staff), night)
    _stay(staff, "nachtopvang", person(staff), night, overbooking=True)
    services.refusal_register(actor=staff, facility_id=shelter.pk, night=night)
    services.refusal_register(actor=staff, facility_id=shelter.pk, night=D(2022, 12, 31))
    assert _value("nachtopvang_bezetting") == pytest.approx(2 / 365)  # 2 nights, 1 bed
    assert _value("nachtopvang_overboekingen") == 1
    assert _value("nachtopvang_weigeringen") == 1  # the 2022 night is not in the year
    assert not BY_CODE["nachtopvang_weigeringen"].seed  # the seed gives no figure
    for code in ("nachtopvang_weigeringen", "nachtopvang_overboekingen"):  # by their records
        found = {b.by: b for b in breakdowns(BY_CODE[code], 2023)}
        # One refusal in November: '< 5', and a zero month hidden with it, since the
        # published total minus the shown months would give the lone cell away.
        months = [c.text for c in found["month"].cells]
        assert months[10] == "< 5" and months.count("< 5") == 2 and months.count("0") == 10
        assert {c.key: c.text for c in found["office"].cells}[shelter.office.name] == "< 5"
    assert _value("dak_thuislozentelling", 2020) is None  # published only, no forms


def test_occupancy_is_nights_over_the_places_nights(staff):
    from welzijn.shelter.measures import occupancy

    shelter = Facility.objects.get(code="nachtopvang")
    for night in (D(2023, 3, 1), D(2023, 3, 2)):
        _stay(staff, "nachtopvang", person(staff), night)
    assert occupancy(2023, [shelter.service_id]).total == 65 * 365  # the 65 places of VRT NWS
    assert occupancy(2023, [shelter.service_id]).value == pytest.approx(2 / (65 * 365))
    herstel = Facility.objects.get(code="herstelbedden")
    assert occupancy(2023, [herstel.service_id]).total == 0  # no stay: places alone count not
    _stay(staff, "herstelbedden", person(staff), D(2023, 7, 1), D(2023, 7, 11), "straat")
    assert occupancy(2023, [herstel.service_id]).total == 5 * 214  # 1 June to 31 December
