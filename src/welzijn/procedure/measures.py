"""The procedure's figures for the report: decisions of the Bijzonder Comité by service and
outcome, the share of requests decided within their legal deadline, the average time from
request to decision, appeals. (Hearings are counted in reporting.compute, kind `hearings`,
from the casework Decision's `hearing_held_on`, which a hearing in a session writes.)"""

from django.db.models import F, Q

from welzijn.casework.models import Decision
from welzijn.procedure.models import Request
from welzijn.reporting.measures import Records, data_source, measure, part
from welzijn.reporting.records import Days

SOURCE = " Bron: procedure (aanvragen, zittingen en beslissingen van het BCSD)."
#: a decision is in the wijk of its household's address, with its dossier's office
PLACE = {"wijk": "dossier__household__address__wijk__name", "office": "dossier__office__name"}


def _decisions(year: int, service_ids: list[int]):
    decisions = Decision.objects.valid().filter(decided_on__year=year)
    return decisions.filter(service_id__in=service_ids) if service_ids else decisions


def _decided_requests(year: int, service_ids: list[int]):
    requests = Request.objects.filter(
        status=Request.Status.DECIDED,
        decision__cancelled_at__isnull=True,
        decision__decided_on__year=year,
    )
    return requests.filter(service_id__in=service_ids) if service_ids else requests


@measure(
    "procedure.decisions",
    definition="Aantal beslissingen van het BCSD die in het jaar genomen werden (niet "
    "geannuleerd)." + SOURCE,
    keyed=True,
)
def decisions(indicator, year, service_ids) -> Records:
    found = _decisions(year, service_ids)
    if indicator.detail:
        found = found.filter(outcome=indicator.detail)
    return Records((part(found, date="decided_on", **PLACE),))


@measure(
    "procedure.within_deadline",
    definition="Aandeel van de aanvragen waarover het BCSD in het jaar besliste, dat binnen "
    "de wettelijke termijn beslist werd (30 dagen na ontvangst: art. 21, § 1 RMI-wet; art. 58 "
    "OCMW-wet)." + SOURCE,
    share=True,
    keyed=True,
)
def within_deadline(indicator, year, service_ids) -> Records:
    rows = part(
        _decided_requests(year, service_ids),
        date="decision__decided_on",
        hit=Q(decision__decided_on__lte=F("decision_due_on")),
        **PLACE,
    )
    return Records((rows,))


@measure(
    "procedure.days_to_decision",
    definition="Gemiddeld aantal dagen tussen de ontvangst van een aanvraag en de beslissing "
    "van het BCSD, over de aanvragen waarover in het jaar beslist werd; niet getoond op "
    "minder dan 20 aanvragen." + SOURCE,
    things=True,
    keyed=True,
)
def days_to_decision(indicator, year, service_ids) -> Records:
    """Per month of the decision, the wijk and office of the request's dossier."""
    rows = part(
        _decided_requests(year, service_ids),
        date="decision__decided_on",
        n=1,
        hit=Days(F("decision__decided_on"), F("received_on")),
        **PLACE,
    )
    return Records((rows,), mean=True)


@measure(
    "procedure.appeals",
    definition="Aantal beslissingen van het BCSD waartegen in het jaar beroep werd ingesteld "
    "bij de arbeidsrechtbank." + SOURCE,
    keyed=True,
)
def appeals(indicator, year, service_ids) -> Records:
    found = Decision.objects.valid().filter(appeal_lodged_on__year=year)
    if service_ids:
        found = found.filter(service_id__in=service_ids)
    if indicator.detail:
        found = found.filter(appeal_outcome=indicator.detail)
    return Records((part(found, date="appeal_lodged_on", **PLACE),))


@data_source
def has_requests(year: int) -> bool:
    return Request.objects.filter(received_on__year=year).exists()
