"""The Energiecel's and the housing team's figures of the annual report, counted from LAC
dossiers, energy aid, energy scans, housing trajectories and rent guarantees."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Case, DateField, F, Q, When
from django.utils import timezone

from welzijn.casework.models import Trajectory
from welzijn.reporting.compute import interventions_in, members_of_household_records
from welzijn.reporting.measures import Records, data_source, measure, part
from welzijn.reporting.records import during

from .models import EnergyAid, EnergyScan, HousingTrajectory, LacDossier, RentGuarantee

SOURCE = " Bron: registraties van de Energiecel en de wooncoaches."
#: a registration is where its household lives, with the team that registered it
PLACE = {"wijk": "household__address__wijk__name", "office": "office__name"}


def _bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


@measure(
    "energy.aid_households",
    definition="Aantal verschillende huishoudens met een tussenkomst {services} toegekend in "
    "het jaar." + SOURCE,
    keyed=True,
)
def aid_households(indicator, year, service_ids):
    aid = EnergyAid.objects.filter(service_id__in=service_ids, granted_on__year=year)
    return Records((part(aid, date="granted_on", unit="household_id", **PLACE),), True)


@measure(
    "energy.scan_households",
    definition="Aantal verschillende huishoudens bij wie in het jaar een energiescan aan huis "
    "gebeurde." + SOURCE,
    keyed=True,
)
def scan_households(indicator, year, service_ids):
    scans = EnergyScan.objects.filter(visited_on__year=year)
    return Records((part(scans, date="visited_on", unit="household_id", **PLACE),), True)


@measure(
    "energy.lac_dossiers",
    definition="Aantal LAC-dossiers ({services}) waarvan het verzoek in het jaar ontvangen "
    "werd." + SOURCE,
    things=True,
    keyed=True,
)
def lac_dossiers(indicator, year, service_ids):
    received = LacDossier.objects.filter(service_id__in=service_ids, received_on__year=year)
    return Records((part(received, date="received_on", **PLACE),))


def lac_settled_in(year: int, service_ids: list[int]):
    """Dossiers settled in the year: decided in it, or whose legal term ran out in it
    without a decision (no advice in time counts as a refused cut-off)."""
    start, end = _bounds(year)
    decided = Q(status=LacDossier.Status.DECIDED, decided_on__gte=start, decided_on__lte=end)
    lapsed = ~Q(status=LacDossier.Status.DECIDED) & Q(
        advice_due_on__gte=start, advice_due_on__lte=min(end, timezone.localdate())
    )
    return LacDossier.objects.filter(decided | lapsed, service_id__in=service_ids)


@measure(
    "energy.lac_prevented",
    definition="Van de LAC-dossiers ({services}) beslist in het jaar of waarvan de "
    "wettelijke termijn in het jaar verstreek zonder advies (dat geldt als geweigerde "
    "afsluiting): het aandeel zonder toegestane afsluiting." + SOURCE,
    share=True,
    keyed=True,
)
def lac_prevented(indicator, year, service_ids):
    """Per month of the decision, or of the term that lapsed; wijk and team."""
    settled_on = Case(
        When(status=LacDossier.Status.DECIDED, then=F("decided_on")),
        default=F("advice_due_on"),
        output_field=DateField(),
    )
    prevented = ~Q(decision=LacDossier.Decision.CUT_OFF_ALLOWED)
    rows = part(lac_settled_in(year, service_ids), date=settled_on, hit=prevented, **PLACE)
    return Records((rows,))


@measure(
    "energy.housing_households",
    definition="Aantal verschillende huishoudens met een traject ‘{detail}’ dat in het jaar "
    "liep." + SOURCE,
    keyed=True,
)
def housing_households(indicator, year, service_ids):
    start, end = _bounds(year)
    running = HousingTrajectory.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=start),
        kind=indicator.detail,
        started_on__lte=end,
    )
    period = during("started_on", "ended_on", year)
    return Records((part(running, **period, unit="household_id", **PLACE),), True)


@measure(
    "energy.housing_started",
    definition="Aantal trajecten ‘{detail}’ die in het jaar begonnen." + SOURCE,
    keyed=True,
)
def housing_started(indicator, year, service_ids):
    started = HousingTrajectory.objects.filter(kind=indicator.detail, started_on__year=year)
    return Records((part(started, date="started_on", **PLACE),))


def _guarantee_persons_by_household(year: int, service_ids) -> dict[int, int]:
    """Per household, how many persons were helped with their rent guarantee in the year.

    The Sociale Dienst registers the help as a casework intervention, the wooncoaches as the
    guarantee letter or deposit with its repayment: the same help can be in both. An
    intervention counts its person, or every member on its date when it names none (as the
    casework figures count); a guarantee counts its tenants. A household registered both
    ways counts once, with the larger number."""
    interventions = interventions_in(service_ids, year)
    named: dict[int, set[int]] = defaultdict(set)
    for household, person in interventions.exclude(person=None).values_list(
        "dossier__household_id", "person_id"
    ):
        named[household].add(person)
    of_members, _ = members_of_household_records(interventions, Trajectory.objects.none(), year)
    for household, person in of_members.values_list("household_id", "person_id").distinct():
        named[household].add(person)
    helped = {household: len(persons) for household, persons in named.items()}
    guarantees = RentGuarantee.objects.filter(granted_on__year=year)
    for household, tenants in guarantees.values_list("household_id", "tenants"):
        helped[household] = max(helped.get(household, 0), tenants)
    return helped


@measure(
    "energy.guarantee_persons",
    definition="Aantal personen geholpen met hun huurwaarborg in het jaar: de tussenkomsten "
    "‘{services}’ van de Sociale Dienst (de persoon, of elk gezinslid als er geen genoemd is) "
    "en de huurwaarborgen van de wooncoaches (waarborgbrief of storting, hun aantal "
    "huurders); een huishouden met beide telt één keer, met het grootste aantal." + SOURCE,
)
def guarantee_persons(indicator, year, service_ids):
    return float(sum(_guarantee_persons_by_household(year, service_ids).values()))


@data_source
def has_data(year: int) -> bool:
    return (
        LacDossier.objects.filter(received_on__year=year).exists()
        or EnergyAid.objects.filter(granted_on__year=year).exists()
    )
