"""The Dienst Werk en Activering's figures, counted from its questions, placements, Jobteam
guidance and Koop Sociaal buyers.

A placement is "active" on a day when it started on or before it and did not end before it;
placements of a cancelled trajectory (registered in error) are left out.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from welzijn.casework.models import Trajectory
from welzijn.registry.models import Organisation
from welzijn.reporting.measures import Records, data_source, measure, part
from welzijn.reporting.records import Part, during, months, on, per_unit_and_month

from .models import Desk, JobteamGuidance, KoopSociaalBuyer, Placement, Question

#: The Jobteam started in 2020; its figures count from then ("sinds de opstart in 2020").
JOBTEAM_START = dt.date(2020, 1, 1)

QUESTIONS = " Bron: de vragen die het onthaal en de digicoaches registreren en opvolgen."
PLACEMENTS = (
    " Bron: de tewerkstellingen (werkgever, sector, begin- en einddatum) bij de trajecten "
    "{services}; tewerkstellingen van een geannuleerd traject tellen niet mee."
)
JOBTEAM = " Bron: de begeleidingen die het Jobteam registreert."
#: a placement counts for the team of its trajectory's dossier (an employer has no wijk here)
PLACEMENT_OFFICE = "trajectory__dossier__office__name"
#: a person at work is in the wijk of their trajectory's household, with its team
PLACEMENT_PLACE = {
    "wijk": "trajectory__dossier__household__address__wijk__name",
    "office": PLACEMENT_OFFICE,
}


def _answered(year: int, desk: str) -> QuerySet[Question]:
    return Question.objects.filter(
        desk=desk, status=Question.Status.ANSWERED, answered_on__year=year
    )


def active_between(start: dt.date, end: dt.date, service_ids: list[int]) -> QuerySet[Placement]:
    return Placement.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start),
        start_date__lte=end,
        trajectory__service_id__in=service_ids,
    ).exclude(trajectory__status=Trajectory.Status.CANCELLED)


def _in_year(year: int, service_ids: list[int]) -> QuerySet[Placement]:
    return active_between(dt.date(year, 1, 1), dt.date(year, 12, 31), service_ids)


@measure(
    "activation.questions",
    definition="Aantal ondersteuningsvragen rond werk, opleiding en activering die het onthaal "
    "van de Dienst Werk en Activering (werkpunt) in het jaar beantwoordde of opvolgde (met "
    "informatie, een traject of een doorverwijzing)." + QUESTIONS,
    keyed=True,
)
def questions(indicator, year, service_ids) -> Records:
    """Per month of the answer (a question has no wijk or team: months only)."""
    return Records((part(_answered(year, Desk.WERKPUNT), date="answered_on"),))


@measure(
    "activation.persons_helped",
    definition="Aantal verschillende personen met minstens één vraag die de digicoaches van "
    "U-Connect in het jaar individueel beantwoordden (digitale vaardigheden, Mijn VDAB, "
    "Burgerprofiel, itsme, Mijn Gent, MyMinFin). Workshops in groep tellen apart." + QUESTIONS,
    keyed=True,
)
def persons_helped(indicator, year, service_ids) -> Records:
    """Per month of the answer (months only, as `questions`)."""
    rows = part(_answered(year, Desk.U_CONNECT), date="answered_on", unit="person_id")
    return Records((rows,), True)


@measure(
    "activation.employers",
    definition="Aantal verschillende werkgevers (bedrijven en organisaties, zonder de eigen "
    "stadsdiensten) waar in het jaar minstens één persoon aan de slag was in een "
    "tewerkstelling van {services}." + PLACEMENTS,
    things=True,
    keyed=True,
)
def employers(indicator, year, service_ids) -> Records:
    placements = _in_year(year, service_ids).exclude(
        employer__organisation__kind=Organisation.Kind.STADSDIENST
    )
    return _running(placements, year, "employer_id")


def _running(placements: QuerySet[Placement], year: int, unit: str) -> Records:
    """Placements running in the year, counted once per ``unit``, in every month they ran;
    their team that of the trajectory."""
    period = during("start_date", "end_date", year)
    return Records((part(placements, **period, unit=unit, office=PLACEMENT_OFFICE),), True)


@measure(
    "activation.sectors",
    definition="Aantal verschillende sectoren van de tewerkstellingen van {services} die in "
    "het jaar liepen." + PLACEMENTS,
    things=True,
    keyed=True,
)
def sectors(indicator, year, service_ids) -> Records:
    return _running(_in_year(year, service_ids), year, "sector")


@measure(
    "activation.persons_per_month",
    definition="Gemiddeld aantal verschillende personen per maand met een lopende "
    "tewerkstelling van {services}: per maand van het jaar wie er in die maand minstens één "
    "dag aan de slag was, het gemiddelde over de twaalf maanden; per wijk van het huishouden "
    "en per team van het traject het gemiddelde van hun maanden." + PLACEMENTS,
    keyed=True,
)
def persons_per_month(indicator, year, service_ids) -> Records:
    """Per month the persons at work in it (a part per month, a person once per month)."""
    parts = []
    for month, first, following in months(year):
        running = active_between(first, following - dt.timedelta(days=1), service_ids)
        person = per_unit_and_month("trajectory__person_id", month)
        parts.append(part(running, date=on(first), unit=person, **PLACEMENT_PLACE))
    return Records(tuple(parts), distinct=True, per_month=True)


def _jobteam_stand(year: int, since: str) -> Records:
    """Persons with ``since`` from the Jobteam's start up to the end of the year (the year's
    figure) and up to the end of each month (the stand per month). A guidance names no team
    or wijk: months only."""
    guided = JobteamGuidance.objects.filter(**{f"{since}__gte": JOBTEAM_START})

    def until(day: dt.date, month_of: dt.date) -> Part:
        rows = guided.filter(**{f"{since}__lte": day})
        return part(rows, date=on(month_of), unit="person_id")

    end = dt.date(year, 12, 31)
    monthly = tuple(until(following - dt.timedelta(days=1), first)
                    for _, first, following in months(year))  # fmt: skip
    return Records((until(end, end),), distinct=True, monthly=monthly)


@measure(
    "activation.jobteam_reached",
    definition="Aantal verschillende personen die het Jobteam bereikte sinds de opstart in "
    "2020 tot en met 31 december van het jaar (cumulatief; per maand de stand op het einde "
    "van de maand; een begeleiding noemt geen team of wijk)." + JOBTEAM,
    keyed=True,
)
def jobteam_reached(indicator, year, service_ids) -> Records:
    return _jobteam_stand(year, "reached_on")


@measure(
    "activation.jobteam_intensive",
    definition="Aantal verschillende personen die het Jobteam sinds de opstart in 2020 tot en "
    "met 31 december van het jaar intensief en aanklampend begeleidde (cumulatief; per maand "
    "de stand op het einde van de maand; een begeleiding noemt geen team of wijk)." + JOBTEAM,
    keyed=True,
)
def jobteam_intensive(indicator, year, service_ids) -> Records:
    return _jobteam_stand(year, "intensive_from")


@measure(
    "activation.buyers",
    definition="Aantal verschillende aankopende organisaties (overheden en non-profit) die in "
    "het jaar deelnamen aan het netwerkevent Koop Sociaal. Bron: de deelnemerslijst die de "
    "Dienst Werk en Activering registreert.",
    things=True,
    keyed=True,
)
def buyers(indicator, year, service_ids) -> Records:
    """Per month of the event (a buyer has no wijk or team here: months only)."""
    rows = KoopSociaalBuyer.objects.filter(event_date__year=year)
    return Records((part(rows, date="event_date", unit="organisation_id"),), True)


@data_source
def has_activation(year: int) -> bool:
    return (
        Question.objects.filter(asked_on__year=year).exists()
        or JobteamGuidance.objects.filter(reached_on__year=year).exists()
        or KoopSociaalBuyer.objects.filter(event_date__year=year).exists()
        or Placement.objects.filter(start_date__year=year).exists()
    )
