"""The report's figures of the meldingen, counted from the registered meldingen and
conflicts. A melding counts in the year it was reported, unless it was cancelled
(geannuleerd: entered in error or double); a melding counts under a service of the
catalogue through its category (Category.service)."""

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from welzijn.reporting.measures import Records, data_source, measure, part
from welzijn.reporting.records import entered

from .models import Conflict, Melding

#: a melding is in its wijk, with the team that handles it
PLACE = {"wijk": "wijk__name", "office": "team__name"}
OF_MELDING = {"wijk": "melding__wijk__name", "office": "melding__team__name"}


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def meldingen_of_year(year: int) -> QuerySet[Melding]:
    """Reported in the year (Brussels time), not cancelled."""
    start = timezone.make_aware(dt.datetime(year, 1, 1))
    end = timezone.make_aware(dt.datetime(year + 1, 1, 1))
    return Melding.objects.exclude(status=Melding.Status.GEANNULEERD).filter(
        reported_at__gte=start, reported_at__lt=end
    )


def _in_category(code: str) -> Q:
    """A main category or a subcategory, by code."""
    return Q(category__code=code) | Q(category__parent__code=code)


def _of_services(service_ids: list[int]) -> Q:
    return Q(category__service_id__in=service_ids) | Q(category__parent__service_id__in=service_ids)


def conflicts_of_year(year: int) -> QuerySet[Conflict]:
    """Conflicts worked on in the year: started by its end, not ended before its start."""
    start, end = _year(year)
    return Conflict.objects.exclude(melding__status=Melding.Status.GEANNULEERD).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=start), started_on__lte=end
    )


@measure(
    "meldingen.count",
    definition="Aantal meldingen van {services} die in het jaar gemeld werden (per "
    "categorie: de dienst van de categorie of van haar hoofdcategorie), zonder geannuleerde. "
    "Bron: meldingen.",
    things=True,
    keyed=True,
)
def count(indicator, year, service_ids):
    found = meldingen_of_year(year).filter(_of_services(service_ids))
    if indicator.detail:
        found = found.filter(_in_category(indicator.detail))
    return Records((part(found, date="reported_at", **PLACE),))


@measure(
    "meldingen.administrative_reports",
    definition="Aantal bestuurlijke verslagen (een melding met een verslagnummer) opgemaakt in "
    "het jaar; met een categorie (‘{detail}’) alleen die van die categorie. Bron: meldingen.",
    things=True,
    keyed=True,
)
def administrative_reports(indicator, year, service_ids):
    start, end = _year(year)
    found = Melding.objects.exclude(status=Melding.Status.GEANNULEERD).filter(
        report_on__gte=start, report_on__lte=end
    )
    if indicator.detail:
        found = found.filter(_in_category(indicator.detail))
    return Records((part(found, date="report_on", **PLACE),))


@measure(
    "meldingen.conflicts",
    definition="Aantal conflicten en spanningen tussen burgers waarmee in het jaar gewerkt "
    "werd: een conflicttraject dat voor het einde van het jaar startte en niet voor het begin "
    "ervan afgesloten was. Bron: conflicttrajecten (Dienst Preventie voor Veiligheid).",
    things=True,
    keyed=True,
)
def conflicts(indicator, year, service_ids):
    return _conflicts(year)


def _conflicts(year: int, hit: Q | None = None) -> Records:
    """The conflicts of the year; their month is the one they entered the year in."""
    rows = part(conflicts_of_year(year), date=entered("started_on", year), hit=hit, **OF_MELDING)
    return Records((rows,))


@measure(
    "meldingen.conflicts_in_category",
    definition="Van de conflicten waarmee in het jaar gewerkt werd: het aandeel waarvan de "
    "melding de categorie ‘{detail}’ heeft. Bron: conflicttrajecten.",
    share=True,
    keyed=True,
)
def conflicts_in_category(indicator, year, service_ids):
    return _conflicts(year, hit=_in_category_of_melding(indicator.detail))


def _in_category_of_melding(code: str) -> Q:
    return Q(melding__category__code=code) | Q(melding__category__parent__code=code)


@measure(
    "meldingen.conflicts_helped",
    definition="Van de conflicttrajecten die in het jaar afgesloten werden en waar de burger "
    "de vraag ‘voelde u zich geholpen?’ beantwoordde: het aandeel dat ‘ja’ zei. "
    "Bron: conflicttrajecten.",
    share=True,
    keyed=True,
)
def conflicts_helped(indicator, year, service_ids):
    start, end = _year(year)
    answered = (
        Conflict.objects.exclude(melding__status=Melding.Status.GEANNULEERD)
        .filter(ended_on__gte=start, ended_on__lte=end)
        .exclude(helped=Conflict.Helped.NO_ANSWER)
    )
    hit = Q(helped=Conflict.Helped.YES)
    return Records((part(answered, date="ended_on", hit=hit, **OF_MELDING),))


@data_source
def has_meldingen(year: int) -> bool:
    return meldingen_of_year(year).exists()


def per_wijk(year: int) -> list[dict]:
    """Meldingen of the year per wijk and main category (and the administrative reports
    and conflicts per wijk): the breakdown of the figures above, counts only."""
    rows = (
        meldingen_of_year(year)
        .values("wijk__name", "category__parent__name")
        .annotate(
            meldingen=Count("pk"),
            verslagen=Count("pk", filter=Q(report_on__year=year)),
            conflicten=Count("conflict"),
        )
        .order_by("wijk__name", "category__parent__name")
    )
    return list(rows)
