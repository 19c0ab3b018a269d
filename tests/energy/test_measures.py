"""The report's energy and housing figures counted from the records: dossiers per utility,
the share of prevented cut-offs (a lapsed term counts as refused), aid households, guarantees."""

import datetime as dt
from decimal import Decimal

import pytest
from factories import dossier, household, person, user

from welzijn.analytics.reading import pseudonymised
from welzijn.casework import services as casework
from welzijn.catalog.models import Service
from welzijn.core.roles import Role
from welzijn.energy import services
from welzijn.energy.models import LacDossier, RentGuarantee
from welzijn.registry import services as registry
from welzijn.reporting import measures
from welzijn.reporting.indicators import INDICATORS
from welzijn.reporting.records import Records, tally, total

pytestmark = pytest.mark.django_db
D = dt.date


def _counted(code, year=2023):
    """What the indicator's measure returns (records, or a number)."""
    indicator = next(i for i in INDICATORS if i.code == code)
    ids = list(Service.objects.filter(code__in=indicator.services).values_list("pk", flat=True))
    return measures.get(indicator.kind).count(indicator, year, ids)


def _value(code, year=2023):
    got = _counted(code, year)
    return total(got).value if isinstance(got, Records) else got


@pytest.fixture
def world():
    cel = user(Role.ENERGIECEL, "team-energiecel")
    onthaal = user(Role.ONTHAAL)
    insz = []
    for n in range(3):
        member = person(onthaal, last_name=f"Meter{n}")
        household(onthaal, member, name=f"Gezin Meter{n}")
        insz.append(member.insz)
    session = services.lac_session_plan(actor=cel, held_on=D(2023, 6, 1), members="OCMW\nFluvius")
    decisions = ("afbetalingsplan", "afsluiting-toegestaan", None)
    dossiers = [
        services.lac_dossier_open(
            actor=cel,
            insz=insz[n],
            requester="fluvius",
            utility="aardgas",
            trigger="schuld",
            amount_owed=Decimal("300"),
            received_on=D(2023, 5, 10),
        )
        for n in range(3)
    ]
    for d, decision in zip(dossiers, decisions, strict=True):
        if decision:  # all on the agenda first, then the session decides
            services.lac_investigation_write(actor=cel, dossier_id=d.pk, text="Onderzoek")
            services.lac_dossier_plan(actor=cel, dossier_id=d.pk, session_id=session.pk)
    for d, decision in zip(dossiers, decisions, strict=True):
        if decision:
            services.lac_decide(
                actor=cel, dossier_id=d.pk, decision=decision, motivation="m", household_heard=False
            )
    services.lac_dossier_open(
        actor=cel, insz=insz[0], requester="farys", utility="water", trigger="schuld",
        amount_owed=Decimal("90"), received_on=D(2022, 12, 1),
    )  # fmt: skip
    for year in (2022, 2023, 2023):
        services.energy_aid_grant(
            actor=cel, service="energieschulden-ten-laste", granted_on=D(year, 7, 1),
            amount=Decimal("100"), lac_dossier_id=LacDossier.objects.first().pk,
        )  # fmt: skip
    return cel, insz


def test_dossiers_per_utility_and_year(world):
    assert _value("lac_energie") == 3
    assert _value("lac_water") == 0 and _value("lac_water", 2022) == 1


def test_dossiers_and_aid_have_their_months_and_team(world):
    records = _counted("lac_energie")
    assert {m: t.value for m, t in tally(records, "month").items()} == {5: 3}
    assert sum(t.value for t in tally(records, "office").values()) == 3
    assert records.has("wijk") and records.has("office")


def test_prevented_share_counts_a_lapsed_term_as_refused_cut_off(world):
    share = total(_counted("lac_energie_voorkomen"))
    # decided: plan (prevented), cut-off allowed; lapsed on 9/6/2023 without advice: prevented
    assert (share.hits, share.value) == (2, 3)  # hits over the base


def test_aid_counts_households_not_grants_and_compares_with_2022(world):
    assert _value("energieschulden") == 1 and _value("energieschulden", 2022) == 1
    indicator = next(i for i in INDICATORS if i.code == "energieschulden")
    assert indicator.compare_previous


def test_guarantee_counts_tenants(world):
    wooncoach = user(Role.WOONCOACH, "team-wooncoaches")
    _, insz = world
    services.rent_guarantee_grant(
        actor=wooncoach, insz=insz[1], form="storting", granted_on=D(2023, 2, 1),
        amount=Decimal("1800"), monthly_repayment=Decimal("50"), tenants=2,
    )  # fmt: skip
    assert _value("huurwaarborg") == 2
    g = RentGuarantee.objects.get()
    services.rent_guarantee_repay(actor=wooncoach, guarantee_id=g.pk, amount=Decimal("50"))
    g.refresh_from_db()
    assert g.outstanding == Decimal("1750")


def test_guarantee_persons_from_both_registrations_without_double_counting():
    """The Sociale Dienst's intervention and the wooncoach's guarantee of one household are
    the same help: counted once, with the larger number of persons."""
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    wooncoach = user(Role.WOONCOACH, "team-wooncoaches")
    both, couple, alone = (
        [person(worker, last_name=f"{name}{n}") for n in range(count)]
        for name, count in (("Beide", 2), ("Paar", 2), ("Alleen", 1))
    )
    files = {
        name: dossier(worker, household(worker, *members, name=name), opened=D(2022, 1, 3))
        for name, members in (("beide", both), ("paar", couple))
    }
    household(worker, *alone, name="alleen")

    def intervention(file, on, member=None):
        return casework.intervention_register(
            actor=worker, dossier_id=file.pk, service="huurwaarborg", date=on,
            amount=Decimal("1500"), person=member,
        )  # fmt: skip

    def guarantee(member, tenants):
        services.rent_guarantee_grant(
            actor=wooncoach, insz=member.insz, form="waarborgbrief", granted_on=D(2023, 3, 1),
            amount=Decimal("1500"), monthly_repayment=Decimal("50"), tenants=tenants,
        )  # fmt: skip

    intervention(files["beide"], D(2023, 2, 20), both[0])
    guarantee(both[0], 2)  # the same household and lease: 2 persons, not 3
    intervention(files["paar"], D(2023, 5, 2))  # no person named: both members
    intervention(files["paar"], D(2022, 5, 2), couple[0])  # another year
    guarantee(alone[0], 1)
    assert _value("huurwaarborg") == 2 + 2 + 1
    assert _value("huurwaarborg", 2022) == 1
    cancelled = intervention(files["beide"], D(2023, 9, 1), both[1])
    casework.intervention_cancel(actor=worker, intervention_id=cancelled.pk, reason="dubbel")
    assert _value("huurwaarborg") == 5


def test_guarantee_persons_per_wijk_office_and_month_of_the_first_help():
    """A household counts once in the wijk of its address, in the month and with the team of
    its first help in the year; a cancelled intervention does not count."""
    wooncoach = user(Role.WOONCOACH, "team-wooncoaches")

    def helped(office_code, size, wijk):
        """A household in the wijk with a dossier at the office, and its members."""
        worker = user(Role.MAATSCHAPPELIJK_WERKER, office_code)
        members = [person(worker) for _ in range(size)]
        hh = household(worker, *members)
        hh.address = registry.address_create(
            actor=worker, street="Teststraat", number=str(size), postcode="9000", wijk=wijk
        )
        hh.save()
        file = dossier(worker, hh, office_code)

        def intervention(on, member=None):
            return casework.intervention_register(
                actor=worker, dossier_id=file.pk, service="huurwaarborg", date=on,
                amount=Decimal("1500"), person=member,
            )  # fmt: skip

        return worker, hh, intervention, members

    def guarantee(member, on, tenants):
        services.rent_guarantee_grant(
            actor=wooncoach, insz=member.insz, form="storting", granted_on=on,
            amount=Decimal("1500"), monthly_repayment=Decimal("50"), tenants=tenants,
        )  # fmt: skip

    _, _, intervention, pair = helped("wb-brugse-poort", 2, "brugse-poort-rooigem")
    intervention(D(2023, 2, 20), pair[0])
    guarantee(pair[0], D(2023, 3, 1), 2)  # the larger number, at the intervention's date
    worker, family, intervention, _ = helped("wb-rabot", 3, "rabot-blaisantvest")
    intervention(D(2023, 5, 2))  # no person named: the 3 members on that day
    for start, end in ((D(2023, 6, 1), None), (D(2020, 1, 1), D(2023, 4, 30))):
        registry.household_member_add(
            actor=worker, household=family, person=person(worker), role="kind",
            start_date=start, end_date=end,
        )  # fmt: skip
    _, _, _, alone = helped("wb-sint-amandsberg", 1, "sint-amandsberg")
    guarantee(alone[0], D(2023, 3, 1), 1)
    _, _, intervention, couple = helped("wb-centrum", 2, "binnenstad")
    guarantee(couple[0], D(2023, 1, 10), 1)  # the guarantee first: January, the wooncoaches
    for member in couple:
        intervention(D(2023, 4, 3), member)
    worker, _, intervention, single = helped("wb-brugse-poort", 1, "ledeberg")
    entered = intervention(D(2023, 6, 1), single[0])
    casework.intervention_cancel(actor=worker, intervention_id=entered.pk, reason="dubbel")

    records = _counted("huurwaarborg")
    assert total(records).value == 2 + 3 + 1 + 2

    def by(key, records=records):
        return {k: t.value for k, t in tally(records, key).items() if t.value}

    assert by("wijk") == {
        "Brugse Poort-Rooigem": 2, "Rabot-Blaisantvest": 3, "Sint-Amandsberg": 1, "Binnenstad": 2
    }  # fmt: skip
    assert by("office") == {
        "Welzijnsbureau Brugse Poort": 2, "Welzijnsbureau Rabot": 3, "Wooncoaches": 1 + 2
    }  # fmt: skip
    assert by("month") == {1: 2, 2: 2, 3: 1, 5: 3}
    figures = {key: by(key) for key in ("wijk", "office", "month")}
    with pseudonymised():  # the report reads the views: the same figures
        on_views = _counted("huurwaarborg")
        assert {key: by(key, on_views) for key in figures} == figures
