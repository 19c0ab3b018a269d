"""The Vrijwilligerspunt's figures, counted from its vacancies and matches."""

import datetime as dt

from django.db.models import Q

from welzijn.reporting.measures import Records, data_source, measure, part
from welzijn.reporting.records import entered

from .models import Match, Vacancy

SOURCE = " Bron: de vacatures en matches die het Vrijwilligerspunt en de organisaties registreren."


def _open_in(year: int):
    """Vacancies that were published and open at some time in the year."""
    return Vacancy.objects.exclude(status=Vacancy.Status.DRAFT).filter(
        Q(published_on__lte=dt.date(year, 12, 31))
        & (Q(closed_on__isnull=True) | Q(closed_on__gte=dt.date(year, 1, 1)))
    )


@measure(
    "volunteering.organisations",
    definition="Aantal verschillende organisaties met een vacature voor vrijwilligers die in het "
    "jaar open stond bij het Vrijwilligerspunt." + SOURCE,
    things=True,
    keyed=True,
)
def organisations(indicator, year, service_ids) -> Records:
    rows = part(
        _open_in(year),
        date=entered("published_on", year),
        wijk="wijk__name",
        unit="organisation_id",
    )
    return Records((rows,), distinct=True)


@measure(
    "volunteering.matched_volunteers",
    definition="Aantal verschillende vrijwilligers met een match die in het jaar door beide "
    "kanten (vrijwilliger en organisatie) aanvaard werd, op voorstel van het Vrijwilligersloket."
    + SOURCE,
    keyed=True,
)
def matched_volunteers(indicator, year, service_ids) -> Records:
    """Per wijk: the wijk the volunteer lives in."""
    confirmed = Match.objects.filter(confirmed_on__year=year)
    rows = part(confirmed, date="confirmed_on", wijk="volunteer__wijk__name", unit="volunteer_id")
    return Records((rows,), distinct=True)


@data_source
def has_matches(year: int) -> bool:
    """A match proposed or confirmed, or a vacancy published, in the year."""
    return (
        Match.objects.filter(Q(proposed_on__year=year) | Q(confirmed_on__year=year)).exists()
        or Vacancy.objects.filter(published_on__year=year).exists()
    )
