"""The praktijktesten's figures: tests and net discrimination per characteristic and per kind
of landlord. Never per agent: who was tested stays with the team."""

from welzijn.reporting.measures import Share, data_source, measure

from .models import Agent, PairedTest
from .selectors import PAIR_COUNTS, net_of

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
)
def tests(indicator, year, service_ids) -> float:
    return float(_tests(indicator, year).count())


@measure(
    "pairedtests.net_discrimination",
    definition="Netto discriminatie: van de praktijktesten van het jaar waarbij minstens één van "
    "de twee kandidaten werd uitgenodigd voor een bezichtiging, het aandeel waar enkel de "
    "controlekandidaat werd uitgenodigd min het aandeel waar enkel de testkandidaat werd "
    "uitgenodigd; selectie: ‘{detail}’." + SOURCE,
    share=True,
)
def net_discrimination(indicator, year, service_ids) -> Share:
    net = net_of(_tests(indicator, year).aggregate(**PAIR_COUNTS))
    return Share(net.only_control - net.only_test, net.with_invitation)


@data_source
def has_tests(year: int) -> bool:
    return PairedTest.objects.filter(sent_on__year=year).exists()
