"""The report's subsidy figures, counted from applications and decisions.

An indicator names the schemes through their catalogue service (`Scheme.service`); its
`detail`, when set, is a category of the scheme (Samen aan Zet 1a, 1b, 2, 3). A grant that
was claimed back because the initiative did not happen is not counted as supported.
"""

import datetime as dt

from django.db.models import Q, QuerySet

from welzijn.reporting.measures import Records, data_source, measure, part
from welzijn.reporting.records import during
from welzijn.subsidies.models import Advice, Application

SOURCE = " Bron: de subsidieaanvragen en beslissingen (subsidies)."
#: an application is in the wijk it names, with the team of its scheme
PLACE = {"wijk": "wijk__name", "office": "call__scheme__office__name"}
#: Granted and not claimed back.
SUPPORTED = (
    Application.Status.GRANTED,
    Application.Status.REPORTED,
    Application.Status.CLOSED,
)


def _of(indicator, service_ids) -> QuerySet[Application]:
    applications = Application.objects.filter(call__scheme__service_id__in=service_ids)
    if indicator.detail:
        applications = applications.filter(category=indicator.detail)
    return applications


def _decided_in(indicator, year, service_ids) -> QuerySet[Application]:
    return _of(indicator, service_ids).filter(status__in=SUPPORTED, decided_on__year=year)


def _running_in(indicator, year, service_ids) -> QuerySet[Application]:
    """Supported applications whose period (the initiative, project or working year) overlaps
    the year."""
    return _of(indicator, service_ids).filter(
        status__in=SUPPORTED,
        start_date__lte=dt.date(year, 12, 31),
        end_date__gte=dt.date(year, 1, 1),
    )


@measure(
    "subsidies.grants",
    definition="Aantal aanvragen voor {services} die in het jaar werden toegekend (zonder de "
    "teruggevorderde)." + SOURCE,
    things=True,
    keyed=True,
)
def grants(indicator, year, service_ids):
    return Records((part(_decided_in(indicator, year, service_ids), date="decided_on", **PLACE),))


@measure(
    "subsidies.projects_running",
    definition="Aantal toegekende projecten van {services} die in het jaar liepen." + SOURCE,
    things=True,
    keyed=True,
)
def projects_running(indicator, year, service_ids):
    return _running(indicator, year, service_ids)


def _running(indicator, year, service_ids, unit: str | None = None) -> Records:
    """The supported applications running in the year, in every month they ran."""
    running = _running_in(indicator, year, service_ids)
    rows = part(running, **during("start_date", "end_date", year), unit=unit, **PLACE)
    return Records((rows,), distinct=unit is not None)


@measure(
    "subsidies.organisations_running",
    definition="Aantal verschillende verenigingen met een toekenning van {services} voor (een "
    "periode in) het jaar." + SOURCE,
    things=True,
    keyed=True,
)
def organisations_running(indicator, year, service_ids):
    return _running(indicator, year, service_ids, unit="organisation_id")


@data_source
def has_applications(year: int) -> bool:
    return (
        Application.objects.filter(Q(submitted_on__year=year) | Q(decided_on__year=year)).exists()
        or Advice.objects.filter(given_on__year=year).exists()
    )


#: An amount is shown only when it sums the grants of at least this many associations, so
#: that no single association's grant can be read from the report (privacy.MIN_COUNT).
MIN_GRANTEES = 5


@measure(
    "subsidies.granted_amount",
    definition="Toegekend bedrag (EUR) van de aanvragen voor {services} die in het jaar werden "
    "toegekend, zonder de teruggevorderde; niet getoond wanneer het om minder dan 5 "
    "verschillende verenigingen gaat (dan zou één toekenning af te lezen zijn); in een "
    "uitsplitsing gaat dan nog een cel mee." + SOURCE,
    things=True,
    keyed=True,
)
def granted_amount(indicator, year, service_ids) -> Records:
    """Per month of the decision, the wijk the application names and the scheme's team;
    every cell (and the year) withheld under `MIN_GRANTEES` associations."""
    granted = _decided_in(indicator, year, service_ids)
    rows = part(granted, date="decided_on", n="granted_amount", unit="organisation_id", **PLACE)
    return Records((rows,), min_units=MIN_GRANTEES)


@measure(
    "subsidies.organisations_advised",
    definition="Aantal verschillende verenigingen die in het jaar advies op maat kregen van "
    "{services}; per maand en per team dat het advies gaf (een advies noemt geen wijk). "
    "Bron: de geregistreerde adviezen (subsidies).",
    things=True,
    keyed=True,
)
def organisations_advised(indicator, year, service_ids) -> Records:
    """Per month of the advice and the team that gave it (an advice names no wijk)."""
    advised = Advice.objects.filter(service_id__in=service_ids, given_on__year=year)
    rows = part(advised, date="given_on", unit="organisation_id", office="office__name")
    return Records((rows,), distinct=True)
