"""From the registered data to the engine's inputs, for every household at once.

A handful of queries, each returning ids that numpy turns into masks; no query per row.
What the database does not register is either known-false by construction (documented
per input below) or marked missing, so that the engine answers "informatie ontbreekt".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from django.db import connection
from django.db.models import Q, QuerySet, Sum

from welzijn.casework.models import Intervention, Trajectory
from welzijn.registry.models import Income, Person, SocialStatus
from welzijn.registry.selectors import memberships_on
from welzijn.rights.engine import Population

#: registry residence status -> engine enum value
RESIDENCE = {
    Person.ResidenceStatus.BELG: "belg",
    Person.ResidenceStatus.EU: "eu_burger",
    Person.ResidenceStatus.DERDELANDER: "ingeschreven_bevolkingsregister",
    Person.ResidenceStatus.ERKEND_VLUCHTELING: "erkend_vluchteling",
    Person.ResidenceStatus.SUBSIDIAIR: "subsidiaire_bescherming",
    Person.ResidenceStatus.TIJDELIJK: "ander_verblijf",
    Person.ResidenceStatus.VERZOEKER: "ander_verblijf",
    Person.ResidenceStatus.ZONDER_WETTIG_VERBLIJF: "geen_wettig_verblijf",
}

LEEFLOON_SERVICES = ("leefloon", "leefloon-studenten")
EQUIVALENT_LEEFLOON_SERVICES = ("equivalent-leefloon",)
BUDGET_GUIDANCE_SERVICE = "budget-en-schuldhulpverlening"
UITPAS_SERVICE = "uitpas-kansentarief"
IVAGO_SERVICE = "gratis-huisvuilzakken"
#: A monthly benefit counts as received when paid in the two months up to the date.
RECEIPT_WINDOW = dt.timedelta(days=62)
#: An UiTPAS kansentarief is valid for a year.
UITPAS_VALIDITY = dt.timedelta(days=365)


@dataclass
class ScreeningPopulation:
    """The engine's population plus the database ids behind its dense indexes."""

    population: Population
    person_ids: np.ndarray  # dense person index -> Person.pk
    household_ids: np.ndarray  # dense household index -> Household.pk


def _active_on(queryset: QuerySet, on: dt.date) -> QuerySet:
    return queryset.filter(start_date__lte=on).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=on)
    )


def _fetch(queryset: QuerySet) -> list[tuple]:
    """The rows of a values_list queryset straight from the cursor: the ORM's per-value
    converters cost more than the query itself on hundreds of thousands of rows."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _ids(queryset: QuerySet) -> np.ndarray:
    return np.array([row[0] for row in _fetch(queryset)], dtype=np.int64)


def _mask(all_ids: np.ndarray, hits: QuerySet) -> np.ndarray:
    """True where all_ids is among the ids the queryset returns."""
    return np.isin(all_ids, _ids(hits))


def _sum_by_person(person_ids: np.ndarray, queryset: QuerySet) -> tuple[np.ndarray, np.ndarray]:
    """(sum per person, known mask) from a values_list(person_id, total) queryset."""
    rows = _fetch(queryset)
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    totals = np.array([float(r[1]) for r in rows], dtype=float)
    position = np.minimum(np.searchsorted(person_ids, ids), max(len(person_ids) - 1, 0))
    member = person_ids[position] == ids if len(person_ids) else np.zeros(0, dtype=bool)
    sums = np.zeros(len(person_ids))
    sums[position[member]] = totals[member]
    known = np.zeros(len(person_ids), dtype=bool)
    known[position[member]] = True
    return sums, known


def build_population(on: dt.date) -> ScreeningPopulation:
    rows = _fetch(
        memberships_on(on)
        .order_by("person_id")
        .values_list(
            "person_id",
            "household_id",
            "role",
            "person__birth_date",
            "person__residence_status",
        )
    )
    n = len(rows)
    person_ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=n)
    member_household = np.fromiter((r[1] for r in rows), dtype=np.int64, count=n)
    household_ids, household_index = np.unique(member_household, return_inverse=True)
    births = np.array([r[3] for r in rows], dtype="datetime64[D]")
    age = _age_on(births, on)

    def person_mask(hits):
        return _mask(person_ids, hits)

    def household_mask(hits):
        return _mask(household_ids, hits)

    def household_any(person_level: np.ndarray) -> np.ndarray:
        return np.bincount(household_index, weights=person_level, minlength=len(household_ids)) > 0

    def status_persons(*codes):
        return (
            _active_on(SocialStatus.objects, on)
            .filter(kind__code__in=codes, person__isnull=False)
            .values_list("person_id", flat=True)
        )

    def status_households(*codes):
        return (
            _active_on(SocialStatus.objects, on)
            .filter(kind__code__in=codes, household__isnull=False)
            .values_list("household_id", flat=True)
        )

    def received(services, since: dt.date):
        return Intervention.objects.valid().filter(
            service__code__in=services, date__gt=since, date__lte=on
        )

    leefloon = person_mask(
        received(LEEFLOON_SERVICES, on - RECEIPT_WINDOW).values_list("person_id", flat=True)
    )
    equivalent = person_mask(
        received(EQUIVALENT_LEEFLOON_SERVICES, on - RECEIPT_WINDOW).values_list(
            "person_id", flat=True
        )
    )
    in_budget_guidance = household_mask(
        Trajectory.objects.filter(
            service__code=BUDGET_GUIDANCE_SERVICE,
            status=Trajectory.Status.RUNNING,
            start_date__lte=on,
        ).values_list("dossier__household_id", flat=True)
    )
    debt_settlement = household_any(person_mask(status_persons("collectieve-schuldenregeling")))
    vt = household_any(person_mask(status_persons("verhoogde-tegemoetkoming")))

    # Means: net income of the year, per month. Unknown for an adult without an income
    # record of that year; children's means are not assessed (the rules exclude minors).
    def income_sums(year: int, field: str):
        return _sum_by_person(
            person_ids,
            Income.objects.filter(year=year)
            .values("person_id")
            .annotate(total=Sum(field))
            .values_list("person_id", "total"),
        )

    net_yearly, net_known = income_sums(on.year, "net")
    net_monthly = net_yearly / 12
    net_known |= age < 18

    # Verhoogde tegemoetkoming income test: gross taxable income of the previous year.
    gross_person, gross_person_known = income_sums(on.year - 1, "gross_taxable")
    gross_household = np.bincount(
        household_index, weights=gross_person, minlength=len(household_ids)
    )
    gross_known = household_any(gross_person_known)

    inputs = {
        "leeftijd": age,
        "verblijfsstatus": np.array([RESIDENCE[r[4]] for r in rows]),
        "netto_bestaansmiddelen": net_monthly,
        "ontvangt_leefloon": leefloon,
        "ontvangt_equivalent_leefloon": equivalent,
        "ontvangt_igo": person_mask(status_persons("inkomensgarantie-ouderen")),
        "ontvangt_tegemoetkoming_handicap": person_mask(
            status_persons("inkomensvervangende-tegemoetkoming", "integratietegemoetkoming")
        ),
        # Not registered: a registered resident lives in Belgium; minors' emancipation and
        # pregnancy are assessed by the caseworker, so the screening takes them as absent,
        # and so is willingness to work (checked in the social inquiry, not screened).
        "woont_in_belgie": np.ones(n, dtype=bool),
        "ontvoogd": np.zeros(n, dtype=bool),
        "zwanger": np.zeros(n, dtype=bool),
        "werkbereid": np.ones(n, dtype=bool),
        # Every household in the registry lives in Ghent.
        "woont_in_gent": np.ones(len(household_ids), dtype=bool),
        "in_budgetbegeleiding": in_budget_guidance,
        # The catalogue has one service for budget guidance and management.
        "in_budgetbeheer": np.zeros(len(household_ids), dtype=bool),
        "in_collectieve_schuldenregeling": debt_settlement,
        "sociale_woning_collectieve_verwarming": household_mask(
            status_households("sociale-huurwoning-collectieve-verwarming")
        ),
        "heeft_sociaal_tarief_energie": household_mask(status_households("sociaal-tarief-energie")),
        "heeft_verhoogde_tegemoetkoming": vt,
        "heeft_uitpas_kansentarief": household_mask(
            received([UITPAS_SERVICE], on - UITPAS_VALIDITY).values_list(
                "dossier__household_id", flat=True
            )
        ),
        "ontvangt_ivago_tegemoetkoming": household_mask(
            Intervention.objects.valid()
            .filter(service__code=IVAGO_SERVICE, date__year=on.year)
            .values_list("dossier__household_id", flat=True)
        ),
        "bruto_belastbaar_gezinsinkomen": gross_household,
    }
    missing = {
        "netto_bestaansmiddelen": ~net_known,
        "bruto_belastbaar_gezinsinkomen": ~gross_known,
    }
    population = Population(
        household_index=household_index,
        roles=np.array([r[2] for r in rows]),
        inputs=inputs,
        missing=missing,
        n_households=len(household_ids),
    )
    return ScreeningPopulation(population, person_ids, household_ids)


def _age_on(births: np.ndarray, on: dt.date) -> np.ndarray:
    """Age in whole years on a date, vectorised."""
    years = births.astype("datetime64[Y]").astype(int) + 1970
    months = births.astype("datetime64[M]").astype(int) % 12 + 1
    days = (births - births.astype("datetime64[M]")).astype(int) + 1
    before_birthday = (months > on.month) | ((months == on.month) & (days > on.day))
    return (on.year - years - before_birthday).astype(np.int64)
