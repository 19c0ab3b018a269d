"""The Energiecel's and the housing team's figures of the annual report, counted from LAC
dossiers, energy aid, energy scans, housing trajectories and rent guarantees."""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from welzijn.registry.models import Household, HouseholdMembership
from welzijn.reporting.compute import interventions_in
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


def _per_household(rows: QuerySet, by: str, aggregate) -> Coalesce:
    """The aggregate over the rows of the outer query's household (0 without rows)."""
    return Coalesce(Subquery(rows.order_by().values(by).annotate(v=aggregate).values("v")), 0)


def _persons_helped(interventions: QuerySet, guarantees: QuerySet) -> Greatest:
    """Of the outer query's household, the persons its interventions name, with the members
    on the date of one that names none, or the most tenants of its guarantees if more."""
    named = interventions.exclude(person=None)
    # a member on an unnamed intervention's date (`compute.members_of_household_records`'s
    # rule) as EXISTS on the membership's own household: through the household's view,
    # PostgreSQL scanned households and dossiers per household (no statistics yet on the
    # pseudonym tables of a new database; scale 0.1: 608 -> 28 ms)
    unnamed_on_its_date = interventions.filter(
        person=None,
        dossier__household=OuterRef("household"),
        date__gte=OuterRef("start_date"),
        date__lte=Coalesce(OuterRef("end_date"), F("date")),
    )
    members = HouseholdMembership.objects.filter(
        Exists(unnamed_on_its_date), household=OuterRef("pk")
    ).exclude(
        person__in=named.filter(dossier__household=OuterRef("household")).values("person")
    )  # a member also named counts once
    persons = Count("person", distinct=True)
    return Greatest(
        _per_household(
            named.filter(dossier__household=OuterRef("pk")), "dossier__household", persons
        )
        + _per_household(members, "household", persons),
        _per_household(guarantees.filter(household=OuterRef("pk")), "household", Max("tenants")),
        output_field=IntegerField(),
    )


def _helped_households(year: int, service_ids) -> QuerySet[Household]:
    """The households helped with their rent guarantee in the year, each with ``persons``
    (`_persons_helped`), and ``first_on`` and ``first_office``: the date and team of its
    first help in the year (the Sociale Dienst's on a day both registered it).

    The Sociale Dienst registers the help as a casework intervention, the wooncoaches as the
    guarantee letter or deposit with its repayment: the same help can be in both. An
    intervention counts its person, or every member on its date when it names none (as the
    casework figures count); a guarantee counts its tenants. A household registered both
    ways counts once, with the larger number."""
    interventions = interventions_in(service_ids, year)
    guarantees = RentGuarantee.objects.filter(granted_on__year=year)
    households = (
        interventions.order_by()
        .values("dossier__household")
        .union(guarantees.order_by().values("household"))
    )
    first_intervention = interventions.filter(dossier__household=OuterRef("pk")).order_by(
        "date", "pk"
    )
    first_guarantee = guarantees.filter(household=OuterRef("pk")).order_by("granted_on", "pk")
    helped = Household.objects.filter(pk__in=households).alias(
        intervention_on=Subquery(first_intervention.values("date")[:1]),
        guarantee_on=Subquery(first_guarantee.values("granted_on")[:1]),
    )
    casework_first = Q(guarantee_on=None) | Q(intervention_on__lte=F("guarantee_on"))

    def first(of_intervention: str, of_guarantee: str) -> Case:
        return Case(
            When(casework_first, then=Subquery(first_intervention.values(of_intervention)[:1])),
            default=Subquery(first_guarantee.values(of_guarantee)[:1]),
        )

    return helped.alias(
        persons=_persons_helped(interventions, guarantees),
        first_on=first("date", "granted_on"),
        first_office=first("dossier__office__name", "office__name"),
    )


@measure(
    "energy.guarantee_persons",
    definition="Aantal personen geholpen met hun huurwaarborg in het jaar: de tussenkomsten "
    "‘{services}’ van de Sociale Dienst (de persoon, of elk gezinslid als er geen genoemd is) "
    "en de huurwaarborgen van de wooncoaches (waarborgbrief of storting, hun aantal "
    "huurders); een huishouden met beide telt één keer, met het grootste aantal. Per wijk "
    "van het adres van het huishouden; per maand en per welzijnsbureau of team van zijn "
    "eerste hulp in het jaar (op een dag met beide: die van de Sociale Dienst)." + SOURCE,
    keyed=True,
)
def guarantee_persons(indicator, year, service_ids):
    helped = _helped_households(year, service_ids)
    wijk, office = "address__wijk__name", "first_office"
    return Records((part(helped, date="first_on", wijk=wijk, office=office, n="persons"),))


@data_source
def has_data(year: int) -> bool:
    return (
        LacDossier.objects.filter(received_on__year=year).exists()
        or EnergyAid.objects.filter(granted_on__year=year).exists()
    )
