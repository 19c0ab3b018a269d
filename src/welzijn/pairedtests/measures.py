"""The praktijktesten's figures: tests and net discrimination per characteristic and per kind
of landlord. Never per agent: who was tested stays with the team."""

from django.db.models import Case, Value, When

from welzijn.reporting.measures import Records, data_source, measure, part

from .models import Agent, PairedTest
from .selectors import INVITED

SOURCE = " Bron: de praktijktesten die het team Gelijke Kansen registreert."


def _tests(indicator, year: int):
    """The year's tests; an indicator's `detail` narrows them to a kind of landlord
    (makelaar, particulier) or a characteristic (its code)."""
    tests = PairedTest.objects.filter(sent_on__year=year)
    if indicator.detail in Agent.Kind.values:
        return tests.filter(agent__kind=indicator.detail)
    if indicator.detail:
        return tests.filter(characteristic__code=indicator.detail)
    return tests


@measure(
    "pairedtests.tests",
    definition="Aantal praktijktesten op de private huurmarkt (een testpaar reageerde op een "
    "advertentie) in het jaar; selectie: ‘{detail}’ (soort verhuurder of geteste eigenschap; "
    "leeg: alle)." + SOURCE,
    things=True,
    keyed=True,
)
def tests(indicator, year, service_ids) -> Records:
    return Records((part(_tests(indicator, year), date="sent_on", wijk="wijk__name"),))


@measure(
    "pairedtests.net_discrimination",
    definition="Netto discriminatie: van de praktijktesten van het jaar waarbij minstens één van "
    "de twee kandidaten werd uitgenodigd voor een bezichtiging, het aandeel waar enkel de "
    "controlekandidaat werd uitgenodigd min het aandeel waar enkel de testkandidaat werd "
    "uitgenodigd; selectie: ‘{detail}’." + SOURCE,
    share=True,
    keyed=True,
)
def net_discrimination(indicator, year, service_ids) -> Records:
    """Per test: +1 if only the control was invited, -1 if only the test applicant, on a base
    of the tests where anyone was."""
    test, control = INVITED
    net = Case(
        When(control & ~test, then=Value(1)), When(test & ~control, then=Value(-1)), default=0
    )
    base = Case(When(test | control, then=Value(1)), default=Value(0))
    rows = part(_tests(indicator, year), date="sent_on", wijk="wijk__name", n=base, hit=net)
    return Records((rows,))


@data_source
def has_tests(year: int) -> bool:
    return PairedTest.objects.filter(sent_on__year=year).exists()
