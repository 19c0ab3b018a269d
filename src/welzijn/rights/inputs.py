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
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from welzijn.casework.models import Intervention, Trajectory
from welzijn.energy.models import LacDossier, RentGuarantee
from welzijn.registry.models import Income, Person, SocialStatus
from welzijn.registry.selectors import memberships_on
from welzijn.rights.active_rules import rules
from welzijn.rights.engine import Population, period_range

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
STUDENT_LEEFLOON_SERVICES = ("leefloon-studenten",)
#: social status registered after the social inquiry: willing to work, or exempted
WILLING_TO_WORK_STATUS = "werkbereid-of-vrijgesteld"
HEATING_ALLOWANCE_SERVICE = "verwarmingstoelage"
RENT_GUARANTEE_SERVICE = "huurwaarborg"
URGENT_MEDICAL_AID_SERVICE = "dringende-medische-hulp"
STUDY_GRANT_STATUS = "studietoelage"
EQUIVALENT_LEEFLOON_SERVICES = ("equivalent-leefloon",)
BUDGET_GUIDANCE_SERVICE = "budget-en-schuldhulpverlening"
UITPAS_SERVICE = "uitpas-kansentarief"
IVAGO_SERVICE = "gratis-huisvuilzakken"
#: A monthly benefit counts as received when paid in the two months up to the date.
RECEIPT_WINDOW = dt.timedelta(days=62)
#: An UiTPAS kansentarief is valid for a year.
UITPAS_VALIDITY = dt.timedelta(days=365)
#: A rent guarantee registered in the last year covers the lease the household lives in now.
RENT_GUARANTEE_VALIDITY = dt.timedelta(days=365)
#: A LAC request about electricity or gas received in the last year makes the household one
#: the Energiecel knows has energy arrears.
LAC_RECENT = dt.timedelta(days=365)


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


@dataclass
class IncomeInputs:
    """Per person (dense index): the means the rules look at, computed from income periods."""

    net_monthly: np.ndarray  # sum of the monthly net of the incomes running on the date
    net_known: np.ndarray  # an income runs on the date, and every such income has a net
    work_net_monthly: np.ndarray  # the part of net_monthly that is income from work
    gross_in_period: np.ndarray  # gross taxable income over the period the rules ask for
    gross_known: np.ndarray  # an income overlaps that period, every such one has a gross
    gross_incomplete: np.ndarray  # an income overlaps that period without a gross amount


def _income_inputs(
    person_ids: np.ndarray, on: dt.date, gross_period: tuple[dt.date, dt.date]
) -> IncomeInputs:
    """One query for every income that overlaps the gross period or runs on `on`, then numpy.

    * net resources per month on `on`: the sum of the monthly equivalents (per year / 12)
      of the incomes running on that date (start <= on <= end, an open end runs on);
    * gross taxable income per year over `gross_period` (the rules say which period, see
      `engine.period_range`): each income's yearly amount (per month x 12) x the share of
      the period's days its own period covers, summed.
    """
    first_day, last_day = gross_period
    period_start = np.datetime64(first_day, "D")
    period_end = np.datetime64(last_day, "D")
    # Dates as ISO text: numpy parses text (and "NaT") much faster than date objects.
    rows = _fetch(
        Income.objects.filter(start_date__lte=max(on, last_day))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=min(on, first_day)))
        .annotate(start=Cast("start_date", CharField()), end=Cast("end_date", CharField()))
        .values_list(
            "person_id", "amount_net", "amount_gross_taxable", "per", "start", "end", "category"
        )
    )
    n = len(person_ids)
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    position = np.minimum(np.searchsorted(person_ids, ids), max(n - 1, 0))
    member = person_ids[position] == ids if n else np.zeros(len(rows), dtype=bool)
    net = np.array([r[1] for r in rows], dtype=float)  # None -> nan
    gross = np.array([r[2] for r in rows], dtype=float)
    per_year = np.array([r[3] for r in rows], dtype=object) == Income.Per.YEAR
    start = np.array([r[4] for r in rows], dtype="datetime64[D]")
    end = np.array([r[5] or "NaT" for r in rows], dtype="datetime64[D]")
    work = np.array([r[6] for r in rows], dtype=object) == Income.Category.WORK
    open_end = np.isnat(end)

    def per_person(selected: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        chosen = selected & member
        w = None if weights is None else weights[chosen]
        return np.bincount(position[chosen], weights=w, minlength=n)[:n]

    running = (start <= np.datetime64(on, "D")) & (open_end | (end >= np.datetime64(on, "D")))
    monthly_net = np.where(per_year, net / 12, net)
    net_missing = np.isnan(net)
    has_running = per_person(running) > 0
    net_gap = per_person(running & net_missing) > 0

    first = np.maximum(start, period_start)
    last = np.minimum(np.where(open_end, period_end, end), period_end)
    days = (last - first).astype(np.int64) + 1
    in_period = days > 0
    period_days = (period_end - period_start).astype(np.int64) + 1
    share = np.where(in_period, days, 0) / period_days
    yearly_gross = np.where(per_year, gross, gross * 12)
    gross_missing = np.isnan(gross)
    has_in_period = per_person(in_period) > 0
    gross_gap = per_person(in_period & gross_missing) > 0

    return IncomeInputs(
        net_monthly=per_person(running & ~net_missing, monthly_net).astype(float),
        net_known=has_running & ~net_gap,
        work_net_monthly=per_person(running & ~net_missing & work, monthly_net).astype(float),
        gross_in_period=per_person(in_period & ~gross_missing, yearly_gross * share).astype(float),
        gross_known=has_in_period & ~gross_gap,
        gross_incomplete=gross_gap,
    )


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
    willing = person_mask(status_persons(WILLING_TO_WORK_STATUS))
    gpmi_student = person_mask(
        received(STUDENT_LEEFLOON_SERVICES, on - RECEIPT_WINDOW).values_list("person_id", flat=True)
    )
    study_grant = person_mask(status_persons(STUDY_GRANT_STATUS))
    debt_settlement = household_any(person_mask(status_persons("collectieve-schuldenregeling")))
    vt = household_any(person_mask(status_persons("verhoogde-tegemoetkoming")))

    ruleset = rules()
    incomes = _income_inputs(
        person_ids,
        on,
        period_range(ruleset.variables["bruto_belastbaar_gezinsinkomen"].input_period, on),
    )
    net_monthly = incomes.net_monthly
    net_known = incomes.net_known | (age < 18)
    gross_household = np.bincount(
        household_index, weights=incomes.gross_in_period, minlength=len(household_ids)
    )
    # Known when a member's income of that period is known and no member's is only partly
    # known; members without any income in that period (children, say) count for nothing.
    gross_known = household_any(incomes.gross_known) & ~household_any(incomes.gross_incomplete)

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
        # pregnancy are assessed by the caseworker, so the screening takes them as absent.
        "woont_in_belgie": np.ones(n, dtype=bool),
        "ontvoogd": np.zeros(n, dtype=bool),
        "zwanger": np.zeros(n, dtype=bool),
        # Willingness to work is what the social inquiry registered; otherwise unknown
        # (see `missing`), never assumed.
        "werkbereid": willing,
        "netto_arbeidsinkomen": incomes.work_net_monthly,
        # A GPMI for students comes with the student leefloon this OCMW pays and registers.
        "gpmi_student": gpmi_student,
        # A GPMI student's study grant is part of the GPMI the OCMW registers: for them no
        # registered grant is no grant; for anyone else it is unknown (and does not matter).
        "heeft_studietoelage": study_grant,
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
        # What the department registered for the rights it grants itself (the other inputs
        # of these rights, e.g. a new lease or a delivery of heating oil, stay unknown).
        "ontvangt_leefloon_als_student": gpmi_student,
        "heeft_dringende_medische_hulp": person_mask(
            received([URGENT_MEDICAL_AID_SERVICE], on - RECEIPT_WINDOW).values_list(
                "person_id", flat=True
            )
        ),
        "ontving_verwarmingstoelage": household_mask(
            Intervention.objects.valid()
            .filter(service__code=HEATING_ALLOWANCE_SERVICE, date__year=on.year)
            .values_list("dossier__household_id", flat=True)
        ),
        # A rent guarantee is registered by the Sociale Dienst (an intervention) or by the
        # wooncoaches (the guarantee letter or deposit); either one counts.
        "heeft_huurwaarborg_via_ocmw": household_mask(
            received([RENT_GUARANTEE_SERVICE], on - RENT_GUARANTEE_VALIDITY).values_list(
                "dossier__household_id", flat=True
            )
        )
        | household_mask(
            RentGuarantee.objects.filter(
                granted_on__gt=on - RENT_GUARANTEE_VALIDITY, granted_on__lte=on
            ).values_list("household_id", flat=True)
        ),
        "heeft_lac_dossier_energie": household_mask(
            LacDossier.objects.filter(
                utility__in=(LacDossier.Utility.ELECTRICITY, LacDossier.Utility.GAS),
                received_on__gt=on - LAC_RECENT,
                received_on__lte=on,
            ).values_list("household_id", flat=True)
        ),
        "ontvangt_zorgbudget_ouderen": person_mask(status_persons("tegemoetkoming-hulp-bejaarden")),
    }
    missing = {
        "werkbereid": ~willing,
        "heeft_studietoelage": ~gpmi_student & ~study_grant,
        "netto_arbeidsinkomen": ~net_known,
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
