"""Synthetic Ghent: a calibrated, reproducible population and a year of activity.

Everything is drawn with one ``np.random.Generator(PCG64(seed))`` in a fixed order, with
vectorised numpy sampling; the result is a set of tables (column names + row tuples) with
explicit ids, loaded in bulk by `welzijn.synth.loader`. The same seed and scale give the
same rows, byte for byte.

Calibration (``calibration.csv``, one row per figure of the 2023 annual report) is hit by
construction, with exact quotas, never by chance:

* client base = households with a ``maatschappelijke-begeleiding`` trajectory active in the
  year (one per client household, in a dossier at the welzijnsbureau of its wijk);
  client persons = all members of those households (membership active on 31 December).
* "alleenstaand" (single) = a client household with exactly one member (one adult living
  alone, no children, no other members). "met kinderen" = a client household with at least
  one member under 18 on 31 December (single parents count here, not as single). Shares of
  households; "minderjarig" and "jonger dan 30" are shares of client persons, age on
  31 December of the year.
* volumes: N distinct persons/households get exactly one qualifying record (or N records);
  a team's totals (meals, rides, tons) are its monthly figures (`synth.outputs`).

Rights inputs and the planted ground truth (rule set under ``welzijn/rights/rules``,
evaluated by the rights engine itself on the reference date 1 December of the year, so the
ground truth is the rule set applied to exactly the inputs written):

* ``leeftijd``: age on the reference date; ``verblijfsstatus`` from Person.residence_status
  (belg->belg, eu->eu_burger, vluchteling->erkend_vluchteling,
  derdelander->ingeschreven_bevolkingsregister, subsidiair->subsidiaire_bescherming,
  tijdelijk/verzoeker->ander_verblijf, zonder->geen_wettig_verblijf).
* ``netto_bestaansmiddelen`` of an adult = the monthly net of their incomes running on the
  date (every adult has a yearly Income running from 1 January of the year, 0 when without
  income: yearly net / 12).
* ``bruto_belastbaar_gezinsinkomen`` = the sum of the members' gross taxable income of the
  previous year (every adult has a yearly Income of exactly that calendar year).
* ``ontvangt_leefloon`` / ``ontvangt_equivalent_leefloon``: an Intervention of service
  leefloon or leefloon-studenten / equivalent-leefloon in the two months up to the date
  (every leefloon spell runs to December).
* ``ontvangt_igo`` / ``ontvangt_tegemoetkoming_handicap`` / ``in_collectieve_schuldenregeling``
  / ``heeft_verhoogde_tegemoetkoming`` / ``heeft_sociaal_tarief_energie`` /
  ``sociale_woning_collectieve_verwarming``: a SocialStatus of that kind active on the
  reference date (person statuses: any member).
* ``in_budgetbegeleiding``: a running (lopend) Trajectory of ``budget-en-schuldhulpverlening``
  (``in_budgetbeheer`` false: the catalogue has one service for both).
* ``heeft_uitpas_kansentarief``: an Intervention of ``uitpas-kansentarief`` in the year before
  the date; ``ontvangt_ivago_tegemoetkoming``: an Intervention of ``gratis-huisvuilzakken``
  in the calendar year.
* everyone lives in Ghent, in Belgium, is werkbereid, not ontvoogd, not zwanger; members are
  those with a membership on the date (nobody is born or turns 18 in December, so ages on
  1 and 31 December agree where the rules look at them).

These are the definitions of ``welzijn.rights.inputs.build_population`` (the screening).
Every household belongs to one income class, drawn with margins so that no household is
near a threshold:

* A (leefloon level): own net of every leefloon-eligible adult < 75% of the lowest category
  amount (0 for 70% of households; else only the referentiepersoon has a small income);
* B (low income): previous-year gross <= 90% x 0.95 of the VT limit for the household size,
  and every adult the rules could give leefloon has an own net >= 108% of their category
  amount (partners in a household with minors and adults without a qualifying residence
  status may have none);
* C: previous-year gross >= 115% of the VT limit, own nets as in B.
2022 incomes are the 2023 ones x 0.95.

Planted profiles (eligible, not receiving; ``GroundTruth.planted``):

* leefloon: non-client single adults (25-60, Belgian, class A) without leefloon
  (``PLANTED_LEEFLOON_SHARE`` of the leefloon persons); every client household on leefloon
  has all its leefloon-eligible adults on (equivalent) leefloon.
* verhoogde tegemoetkoming: class B households (income test) without the VT status
  (``1 - VT_TAKE_UP_B``); households with an automatic ground (leefloon, IGO, handicap)
  all have it.
* UiTPAS kansentarief / IVAGO: eligible households without the Intervention
  (``1 - UITPAS_TAKE_UP`` / ``1 - IVAGO_TAKE_UP``).
* sociaal tarief energie: eligible households (leefloon, IGO, handicap, social housing with
  collective heating) without the status (``1 - STE_TAKE_UP``). Decoys, not eligible: VT-only
  households whose sociaal tarief ended on 30 June 2023 (end of the temporary extension).

GroundTruth holds a row for every household and right where the household is eligible or
receives; a household without a row for a right is neither. For the person right leefloon
a household is eligible when a member is, receives when a member does, and is planted when
a member is eligible without receiving.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np

from welzijn.core.insz import make_insz
from welzijn.registry.search import search_key, search_name
from welzijn.reporting import measures

from . import reference as ref
from . import shelter
from .activities import build_activities
from .meldingen import build_meldingen
from .outputs import build_outputs
from .pairedtests import build_paired_tests
from .procedure import build_procedure
from .subsidies import build_subsidies
from .volunteering import build_volunteering

CALIBRATION_FILE = Path(__file__).with_name("calibration.csv")
#: Every table a load writes, in insert order: parents before children.
TABLES = [
    "registry_address",
    "registry_organisation",
    "registry_household",
    "registry_person",
    "registry_householdmembership",
    "registry_income",
    "registry_socialstatus",
    "registry_organisation",
    "casework_dossier",
    "casework_contact",
    "casework_decision",
    "casework_trajectory",
    "casework_intervention",
    "shelter_stay",
    "shelter_refusal",
    "shelter_pitcountrecord",
    "procedure_session",
    "procedure_request",
    "procedure_proposal",
    "procedure_agendaitem",
    "procedure_decisionletter",
    "meldingen_melding",
    "meldingen_meldingevent",
    "meldingen_conflict",
    "volunteering_vacancy",
    "volunteering_vacancy_causes",
    "volunteering_vacancy_skills",
    "volunteering_volunteer",
    "volunteering_volunteer_causes",
    "volunteering_volunteer_skills",
    "volunteering_match",
    "pairedtests_campaign",
    "pairedtests_agent",
    "pairedtests_pairedtest",
    "outputs_monthlyoutput",
    "outputs_externalfigure",
    "synth_groundtruth",
    "activities_series",
    "activities_activity",
    "activities_participant",
    "subsidies_application",
    "subsidies_budgetline",
]
CALIBRATED_YEARS = (2023,)
MIN_SCALE, MAX_SCALE = 0.01, 10.0

PLANTED_LEEFLOON_SHARE = 0.04
VT_TAKE_UP_B = 0.85
UITPAS_TAKE_UP = 0.55
IVAGO_TAKE_UP = 0.70
STE_TAKE_UP = 0.90
PREVIOUS_YEAR_FACTOR = 0.95  # incomes of the previous year = this year's x 0.95
HOUSING_FIRST_EARLIER = 110  # earlier Housing First cohort (assumption, not in the seed)
LEEFLOON_REFUSALS = 1500  # leefloon refusals in the year (assumption, not in the seed)

ROLE_NAMES = ("referentiepersoon", "partner", "kind", "ander")
REF, PARTNER, KIND, ANDER = range(4)
RES = ("belg", "eu", "derdelander", "vluchteling", "subsidiair", "tijdelijk", "verzoeker", "zonder")
R_BELG, R_EU, R_DERDE, R_VLUCHT, R_SUBS, R_TIJD, R_VERZ, R_ZONDER = range(8)
RULE_RESIDENCE = (
    "belg",
    "eu_burger",
    "ingeschreven_bevolkingsregister",
    "erkend_vluchteling",
    "subsidiaire_bescherming",
    "ander_verblijf",
    "ander_verblijf",
    "geen_wettig_verblijf",
)
LEEFLOON_RESIDENCE = np.array([1, 1, 1, 1, 0, 0, 0, 0], dtype=bool)

RIGHTS = (
    "leefloon",
    "verhoogde_tegemoetkoming",
    "uitpas_kansentarief",
    "ivago_tegemoetkoming",
    "sociaal_tarief_energie",
)


@dataclass(frozen=True)
class Target:
    name: str
    value: float
    tolerance: float
    measure: str
    services: tuple[str, ...]
    year: int
    pool: str
    detail: str
    source: str

    @property
    def is_share(self) -> bool:
        domain = measures.get(self.measure)
        if domain is not None:
            return domain.share
        return self.measure.startswith("share") or self.measure == "outcome_share"

    def expected(self, scale: float) -> float:
        """The value at a scale: shares keep their value, counts scale (at least 1)."""
        domain = measures.get(self.measure)
        if domain is not None and domain.reference:
            return self.value
        if self.is_share:
            return self.value
        if self.detail.startswith("gemiddeld"):  # an average keeps its value too
            return self.value
        return float(max(1, round(self.value * scale)))


def load_targets(path: Path = CALIBRATION_FILE) -> list[Target]:
    with path.open(encoding="utf-8") as handle:
        return [
            Target(
                name=row["name"],
                value=float(row["value"]),
                tolerance=float(row["tolerance"]),
                measure=row["measure"],
                services=tuple(s for s in row["service"].split("+") if s),
                year=int(row["year"]),
                pool=row["pool"],
                detail=row["detail"],
                source=row["source"],
            )
            for row in csv.DictReader(handle)
        ]


@dataclass
class Tables:
    """Rows per table (in insert order), with their column names."""

    columns: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)

    def add(self, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        if table in self.columns:
            assert self.columns[table] == columns, table
            self.rows[table].extend(rows)
        else:
            self.columns[table] = columns
            self.rows[table] = list(rows)

    def count(self) -> dict[str, int]:
        return {table: len(rows) for table, rows in self.rows.items()}


@dataclass
class Refs:
    """Ids of reference data in the target database, and the first free id per table."""

    wijk: dict[str, int]
    postcode: dict[str, int]
    office: dict[str, int]
    service: dict[str, int]
    service_kind: dict[str, str]
    service_unit: dict[str, str]
    outcome: dict[tuple[str, str], int]
    status_kind: dict[str, int]
    next_id: dict[str, int]
    #: categories and wijk centres of the meldingen (synth.meldingen.meldingen_refs)
    meldingen: dict[str, Any] = field(default_factory=dict)
    subsidy_calls: dict[str, int] = field(default_factory=dict)  # call code -> id


def _money(values: np.ndarray) -> list[str]:
    return [f"{v:.2f}" for v in np.round(values, 2).tolist()]


def _dates(days: np.ndarray) -> list[str]:
    """Days since 1970-01-01 -> ISO date strings."""
    return np.asarray(days, dtype="datetime64[D]").astype(str).tolist()


def _day(date: dt.date) -> int:
    return (date - dt.date(1970, 1, 1)).days


class Generator:
    def __init__(
        self,
        *,
        seed: int,
        scale: float,
        year: int,
        refs: Refs,
        progress: Callable[[str], None] | None = None,
    ):
        self.seed, self.scale, self.year, self.refs = seed, scale, year, refs
        self.rng = np.random.Generator(np.random.PCG64(seed))
        self.targets = load_targets()
        self.tables = Tables()
        self.progress = progress or (lambda step: None)
        self.year_start = _day(dt.date(year, 1, 1))
        self.year_end = _day(dt.date(year, 12, 31))
        self.ref_date = dt.date(year, 12, 1)
        self._ids = dict(refs.next_id)
        self.dossiers: dict[tuple[int, int], int] = {}  # (household, office id) -> row index
        self.dossier_rows: list[list[Any]] = []

    # -- helpers -------------------------------------------------------------------------
    def n(self, value: float) -> int:
        return max(1, round(value * self.scale))

    def target(self, name: str) -> Target:
        return next(t for t in self.targets if t.name == name)

    def ids(self, table: str, count: int) -> np.ndarray:
        start = self._ids[table]
        self._ids[table] = start + count
        return np.arange(start, start + count, dtype=np.int64)

    def pick(self, pool: np.ndarray, count: int) -> np.ndarray:
        """Exactly ``count`` distinct elements of pool (sorted), or all of them if fewer."""
        pool = np.asarray(pool)
        if count >= len(pool):
            return np.sort(pool)
        return np.sort(self.rng.choice(pool, size=count, replace=False))

    def days_in_year(self, count: int, year: int | None = None) -> np.ndarray:
        start = _day(dt.date(year or self.year, 1, 1))
        end = _day(dt.date(year or self.year, 12, 31))
        return self.rng.integers(start, end + 1, count)

    # -- run -------------------------------------------------------------------------------
    def run(self) -> Tables:
        self.progress("bevolking")
        self.build_population()
        self.progress("inkomens en statussen")
        self.build_leefloon_households()
        self.build_incomes_and_statuses()
        self.progress("dossiers en activiteit")
        self.build_client_dossiers()
        self.build_leefloon_records()
        self.build_targets()
        self.build_decisions()
        build_procedure(self)  # requests, proposals, sessions, letters around the decisions
        build_meldingen(self)
        build_subsidies(self)
        self.progress("rechten en grondwaarheid")
        self.build_rights()
        self.progress("rijen")
        self.emit_registry()
        build_activities(self)
        self.emit_dossiers()
        shelter.build(self)
        build_volunteering(self)
        build_paired_tests(self)
        build_outputs(self)
        return self.tables

    # -- population ----------------------------------------------------------------------
    def _households(self, n_adults, n_minors, n_extra) -> tuple[np.ndarray, np.ndarray]:
        """Person rows (household index, role) for households given member counts."""
        sizes = n_adults + n_minors + n_extra
        hh = np.repeat(np.arange(len(sizes)), sizes)
        starts = np.cumsum(sizes) - sizes
        pos = np.arange(len(hh)) - starts[hh]
        role = np.full(len(hh), ANDER, dtype=np.int8)
        role[pos == 0] = REF
        role[(pos == 1) & (n_adults[hh] == 2)] = PARTNER
        minor_lo = n_adults[hh]
        role[(pos >= minor_lo) & (pos < minor_lo + n_minors[hh])] = KIND
        extra = pos >= minor_lo + n_minors[hh]
        role[extra] = KIND  # adult children by default; some become "ander" below
        self._extra_mask = extra
        return hh, role

    def build_population(self) -> None:
        rng = self.rng
        total = self.n(self.target("inwoners").value)
        H = self.n(self.target("clienten_huishoudens").value)
        P = self.n(self.target("clienten_personen").value)
        n_single = round(self.target("clienten_alleenstaand").value * H)
        n_kids = round(self.target("clienten_met_kinderen").value * H)
        n_other = H - n_single - n_kids
        minors = round(self.target("clienten_minderjarig").value * P)
        under30 = round(self.target("clienten_jonger_dan_30").value * P)
        minors = max(minors, n_kids)

        # Client households: singles, households with minors, other multi-person households.
        htype = np.concatenate(
            [np.zeros(n_single, np.int8), np.ones(n_kids, np.int8), np.full(n_other, 2, np.int8)]
        )
        n_adults = np.where(htype == 0, 1, 2)
        n_adults[htype == 1] = np.where(rng.random(n_kids) < 0.45, 1, 2)  # 45% single parents
        n_minors = np.zeros(H, np.int64)
        n_minors[htype == 1] = 1 + np.bincount(
            rng.integers(0, n_kids, minors - n_kids), minlength=n_kids
        )
        rest = P - n_adults.sum() - n_minors.sum()
        multi = np.flatnonzero(htype > 0)
        n_extra = np.zeros(H, np.int64)
        if rest > 0 and len(multi):
            n_extra[multi] = np.bincount(rng.integers(0, len(multi), rest), minlength=len(multi))
        elif rest < 0:  # tiny scales: drop partners to hit the person total
            partners = np.flatnonzero(n_adults == 2)[:-rest]
            n_adults[partners] = 1
        c_hh, c_role = self._households(n_adults, n_minors, n_extra)
        c_extra = self._extra_mask
        c_age = np.zeros(len(c_hh), np.int64)
        is_minor = (c_role == KIND) & ~c_extra
        c_age[is_minor] = -1  # set after parents
        # Young adults (18-29): adult children first, then singles and other adults.
        young_needed = under30 - is_minor.sum()
        extras = np.flatnonzero(c_extra)
        young_extra = extras[: max(0, min(len(extras), young_needed))]
        c_age[young_extra] = rng.integers(18, 30, len(young_extra))
        old_extra = extras[len(young_extra) :]
        c_age[old_extra] = rng.integers(30, 85, len(old_extra))
        c_role[old_extra] = ANDER
        remaining = max(0, young_needed - len(young_extra))
        candidates = np.flatnonzero(
            ((c_role == REF) | (c_role == PARTNER))
            & (htype[c_hh] != 1)
            & (c_age == 0)
            & (n_extra[c_hh] == 0)
        )
        young_adult = self.pick(candidates, remaining)
        c_age[young_adult] = rng.integers(18, 30, len(young_adult))
        todo = (c_age == 0) & ~is_minor
        single_old = todo & (htype[c_hh] == 0)
        c_age[single_old] = np.clip(rng.triangular(30, 45, 92, single_old.sum()), 30, 95).astype(
            int
        )
        parents = todo & (htype[c_hh] == 1)
        c_age[parents] = rng.integers(30, 56, parents.sum())
        others = todo & (htype[c_hh] == 2)
        c_age[others] = rng.integers(30, 80, others.sum())
        self._fix_family_ages(c_hh, c_role, c_age, c_extra, H)

        # Non-client households fill the rest of the population.
        remaining_persons = total - P
        est = int(remaining_persons / 2.0) + 50
        kind = rng.choice(5, size=est, p=[0.42, 0.26, 0.20, 0.07, 0.05])
        na = np.where((kind == 0) | (kind == 3), 1, 2)
        nm = np.where(
            (kind == 2) | (kind == 3), rng.choice([1, 2, 3, 4], est, p=[0.42, 0.38, 0.15, 0.05]), 0
        )
        nx = np.where((kind >= 2) & (rng.random(est) < 0.18), 1, 0)
        nx = np.where(kind == 4, rng.integers(1, 3, est), nx)
        sizes = na + nm + nx
        cut = int(np.searchsorted(np.cumsum(sizes), remaining_persons))
        na, nm, nx, kind = na[: cut + 1], nm[: cut + 1], nx[: cut + 1], kind[: cut + 1]
        over = int((na + nm + nx).sum() - remaining_persons)
        for _ in range(over):  # trim the last household (never its referentiepersoon)
            if nx[-1]:
                nx[-1] -= 1
            elif nm[-1]:
                nm[-1] -= 1
            else:
                na[-1] -= 1
        p_hh, p_role = self._households(na, nm, nx)
        p_extra = self._extra_mask
        p_age = np.zeros(len(p_hh), np.int64)
        pk = kind[p_hh]
        adult = ~((p_role == KIND) & ~p_extra)
        single = adult & (pk == 0)
        band = rng.choice(3, size=single.sum(), p=[0.36, 0.36, 0.28])
        p_age[single] = np.select(
            [band == 0, band == 1],
            [rng.integers(18, 30, single.sum()), rng.integers(30, 65, single.sum())],
            rng.integers(65, 96, single.sum()),
        )
        couple = adult & (pk == 1)
        p_age[couple] = rng.integers(24, 88, couple.sum())
        fam = adult & ((pk == 2) | (pk == 3)) & ~p_extra
        p_age[fam] = rng.integers(26, 56, fam.sum())
        p_age[p_extra & (pk != 4)] = rng.integers(18, 26, (p_extra & (pk != 4)).sum())
        room = adult & (pk == 4)
        p_age[room] = rng.integers(19, 40, room.sum())
        p_role[(pk == 4) & p_extra] = ANDER
        p_age[~adult] = -1
        self._fix_family_ages(p_hh, p_role, p_age, p_extra & (pk != 4), len(na))
        # partners of couples: age close to the referentiepersoon
        self.n_client_households = H
        n_hh = H + len(na)
        self.hh_client = np.zeros(n_hh, bool)
        self.hh_client[:H] = True
        self.hh_type = np.concatenate([htype, np.full(len(na), 3, np.int8)])
        self.p_hh = np.concatenate([c_hh, p_hh + H])
        self.p_role = np.concatenate([c_role, p_role])
        self.p_age = np.concatenate([c_age, p_age])
        self.n_hh, self.n_p = n_hh, len(self.p_hh)
        self.hh_size = np.bincount(self.p_hh, minlength=n_hh)
        self.hh_minors = np.bincount(self.p_hh[self.p_age < 18], minlength=n_hh)

        # Wijk: clients concentrated in the 19th-century belt.
        codes = list(ref.WIJKEN)
        base = np.array([ref.WIJKEN[c][0] for c in codes], float)
        factor = np.array([ref.WIJKEN[c][3] for c in codes])
        w_client = base * factor / (base * factor).sum()
        w_pop = base / base.sum()
        self.wijk_codes = codes
        self.hh_wijk = np.concatenate(
            [rng.choice(25, H, p=w_client), rng.choice(25, n_hh - H, p=w_pop)]
        )
        # Origin (per household) and residence.
        self.hh_origin = np.concatenate(
            [
                rng.choice(len(ref.ORIGIN_CODES), H, p=ref.CLIENT_ORIGIN_SHARE),
                rng.choice(len(ref.ORIGIN_CODES), n_hh - H, p=ref.POPULATION_ORIGIN_SHARE),
            ]
        )
        origin = self.hh_origin
        u = rng.random(n_hh)
        res = np.full(n_hh, R_BELG, np.int8)
        res[(origin == 1) | (origin == 2)] = np.where(
            u[(origin == 1) | (origin == 2)] < 0.55, R_BELG, R_DERDE
        )
        res[origin == 3] = R_EU
        vl = origin == 4
        res[vl] = np.select([u[vl] < 0.55, u[vl] < 0.85], [R_VLUCHT, R_SUBS], R_BELG)
        af = origin == 5
        res[af] = np.where(u[af] < 0.5, R_BELG, R_DERDE)
        res[origin == 6] = R_TIJD
        self.p_res = res[self.p_hh].copy()
        # Without legal residence: client singles of non-EU origin (DMH + Opvang & Oriëntatie).
        n_zonder = self.n(self.target("dringende_medische_hulp").value) + self.n(
            self.target("oo_verblijf").value
        )
        cand = np.flatnonzero(
            self.hh_client[self.p_hh]
            & (self.hh_type[self.p_hh] == 0)
            & np.isin(origin[self.p_hh], [1, 2, 4, 5])
            & (self.p_age >= 18)
            & (self.p_age < 60)
        )
        self.zonder = self.pick(cand, n_zonder)
        self.p_res[self.zonder] = R_ZONDER
        self.p_sex = np.where(rng.random(self.n_p) < 0.5, "M", "V").astype("<U1")
        partner = self.p_role == PARTNER
        ref_of = np.zeros(n_hh, np.int64)
        ref_of[self.p_hh[self.p_role == REF]] = np.flatnonzero(self.p_role == REF)
        hetero = partner & (rng.random(self.n_p) < 0.95)
        self.p_sex[hetero] = np.where(self.p_sex[ref_of[self.p_hh[hetero]]] == "M", "V", "M")
        self.ref_of = ref_of

    def _fix_family_ages(self, hh, role, age, extra, n_hh) -> None:
        """Minors get an age that fits their parents; parents are 18+ older than children."""
        rng = self.rng
        adults = (role == REF) | (role == PARTNER)
        youngest_parent = np.full(n_hh, 200, np.int64)
        np.minimum.at(youngest_parent, hh[adults], age[adults])
        oldest_extra = np.zeros(n_hh, np.int64)
        np.maximum.at(oldest_extra, hh[extra], age[extra])
        need = oldest_extra + 20
        bump = adults & (age < need[hh]) & (oldest_extra[hh] > 0)
        age[bump] = need[hh[bump]] + rng.integers(0, 8, bump.sum())
        youngest_parent[:] = 200
        np.minimum.at(youngest_parent, hh[adults], age[adults])
        minors = age == -1
        upper = np.clip(youngest_parent[hh[minors]] - 18, 1, 18)
        age[minors] = (rng.random(minors.sum()) * upper).astype(np.int64)

    # -- leefloon households ---------------------------------------------------------------
    def _leefloon_candidates(self) -> tuple[np.ndarray, np.ndarray]:
        adult = self.p_age >= 18
        partner_with_minors = (self.p_role == PARTNER) & (self.hh_minors[self.p_hh] > 0)
        eligible = adult & LEEFLOON_RESIDENCE[self.p_res] & ~partner_with_minors
        equivalent = adult & (self.p_res == R_SUBS) & ~partner_with_minors
        return eligible, equivalent

    def build_leefloon_households(self) -> None:
        """Choose client households on leefloon so that exactly the seed's number of
        persons receive (equivalent) leefloon, all eligible adults in them included."""
        rng = self.rng
        target = self.n(self.target("leefloon_personen").value)
        students = self.n(self.target("leefloon_studenten").value)
        eligible, equivalent = self._leefloon_candidates()
        receivers = eligible | equivalent
        per_hh = np.bincount(self.p_hh[receivers], minlength=self.n_hh)
        young = receivers & (self.p_age <= 25) & eligible
        young_hh = np.bincount(self.p_hh[young], minlength=self.n_hh)
        zonder_hh = np.zeros(self.n_hh, bool)
        zonder_hh[self.p_hh[self.zonder]] = True
        ok = self.hh_client & (per_hh > 0) & ~zonder_hh
        order = rng.permutation(np.flatnonzero(ok))
        chosen = np.zeros(self.n_hh, bool)
        count = young_count = 0
        # Pass 1: households with young adults until there are enough students.
        for h in order[young_hh[order] > 0]:
            if young_count >= students or count + per_hh[h] > target:
                break
            chosen[h] = True
            count += per_hh[h]
            young_count += young_hh[h]
        # Pass 2: fill with households of several receivers, then exactly with singles.
        for h in order:
            if count >= target:
                break
            if chosen[h] or (per_hh[h] != 1 and count + per_hh[h] > target - 50 * self.scale):
                continue
            if count + per_hh[h] <= target:
                chosen[h] = True
                count += per_hh[h]
        self.hh_leefloon = chosen
        self.p_leefloon = receivers & chosen[self.p_hh]
        self.p_leefloon_eq = self.p_leefloon & equivalent & ~eligible
        young_rec = np.flatnonzero(self.p_leefloon & young)
        self.p_student = np.zeros(self.n_p, bool)
        self.p_student[self.pick(young_rec, students)] = True
        # Planted: non-client Belgian singles 25-60 on leefloon level without leefloon.
        planted_n = self.n(PLANTED_LEEFLOON_SHARE * self.target("leefloon_personen").value)
        cand = np.flatnonzero(
            ~self.hh_client[self.p_hh]
            & (self.hh_size[self.p_hh] == 1)
            & (self.p_res == R_BELG)
            & (self.p_age >= 25)
            & (self.p_age <= 60)
        )
        planted = self.pick(cand, planted_n)
        self.hh_planted_leefloon = np.zeros(self.n_hh, bool)
        self.hh_planted_leefloon[self.p_hh[planted]] = True

    # -- incomes and statuses ------------------------------------------------------------------
    def _leefloon_amounts(self, date: dt.date) -> tuple[float, float, float]:
        """Monthly leefloon (samenwonende, alleenstaande, gezin ten laste) on a date, from the
        rule set's parameters (basisbedrag x indexcoefficient / 12)."""
        import yaml

        from welzijn.rights.engine import DEFAULT_RULES_DIR

        params = yaml.safe_load(
            (Path(DEFAULT_RULES_DIR) / "parameters" / "leefloon.yaml").read_text()
        )

        def at(values: dict) -> float:
            key = max(k for k in values if dt.date.fromisoformat(str(k)) <= date)
            return float(values[key]["value"])

        index = at(params["indexcoefficient"]["values"])
        result = []
        for cat in ("samenwonende", "alleenstaande", "gezin_ten_laste"):
            base = at(params["basisbedrag"][cat]["values"])
            amount = Decimal(str(base)) * Decimal(str(index)) / 12
            result.append(float(amount.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")))
        return tuple(result)  # type: ignore[return-value]

    def _vt_limit(self, size: np.ndarray) -> np.ndarray:
        import yaml

        from welzijn.rights.engine import DEFAULT_RULES_DIR

        params = yaml.safe_load(
            (Path(DEFAULT_RULES_DIR) / "parameters" / "verhoogde_tegemoetkoming.yaml").read_text()
        )

        def at(values: dict) -> float:
            key = max(k for k in values if dt.date.fromisoformat(str(k)) <= self.ref_date)
            return float(values[key]["value"])

        return at(params["inkomensgrens"]["values"]) + at(
            params["verhoging_per_gezinslid"]["values"]
        ) * (size - 1)

    def build_incomes_and_statuses(self) -> None:
        rng = self.rng
        n_hh = self.n_hh
        cat1, cat2, cat3 = self._leefloon_amounts(self.ref_date)
        self.leefloon_cat = (cat1, cat2, cat3)
        limit = self._vt_limit(self.hh_size)
        # Own yearly net every adult needs to be clearly outside leefloon: 108% of their own
        # category amount; 0 for adults the rules exclude anyway (partner in a household
        # with minors, residence without right to leefloon).
        eligible, _ = self._leefloon_candidates()
        own_cat = np.where(
            (self.p_role == REF) & (self.hh_minors[self.p_hh] > 0),
            cat3,
            np.where(self.hh_size[self.p_hh] == 1, cat2, cat1),
        )
        req = np.where(eligible, 1.08 * own_cat * 12 + 60, 0.0)
        need = np.bincount(self.p_hh, weights=req, minlength=n_hh)
        # classes: 0 = A, 1 = B, 2 = C
        cls = np.full(n_hh, 2, np.int8)
        client = self.hh_client
        u = rng.random(n_hh)
        cls[client & (u < 0.65)] = 1
        cls[~client & (u < 0.10)] = 1
        hi = 0.90 * limit * 0.92  # highest net of class B (gross <= 90% of the VT limit)
        cls[(cls == 1) & (need > hi)] = 2
        cls[self.hh_leefloon | self.hh_planted_leefloon] = 0
        self.hh_class = cls
        net = np.zeros(n_hh)
        b = cls == 1
        net[b] = need[b] + rng.random(b.sum()) * (hi[b] - need[b])
        c = cls == 2
        gross_c = 1.22 * limit[c] * np.exp(np.abs(rng.normal(0, 0.45, c.sum())))
        net[c] = np.maximum(gross_c * 0.70, need[c] * 1.02)
        # Spread the household net: each adult their requirement plus a share of the rest.
        adult = self.p_age >= 18
        weight = (
            np.where(self.p_role == REF, 1.0, np.where(self.p_role == PARTNER, 0.7, 0.15)) * adult
        )
        wsum = np.bincount(self.p_hh, weights=weight, minlength=n_hh)
        share = np.divide(
            weight, wsum[self.p_hh], out=np.zeros(self.n_p), where=wsum[self.p_hh] > 0
        )
        surplus = np.maximum(net - need, 0.0)
        p_net = np.where(cls[self.p_hh] > 0, req + surplus[self.p_hh] * share, 0.0)
        factor = np.where(cls[self.p_hh] == 1, 0.92, 0.70)
        p_gross = p_net / factor
        # Class A: only the referentiepersoon may have a small income (30%).
        some = (cls == 0) & (rng.random(n_hh) < 0.30)
        ref_some = self.ref_of[some]
        p_net[ref_some] = rng.uniform(150, 0.75 * cat1, len(ref_some)) * 12
        p_gross[ref_some] = p_net[ref_some] / 0.95
        self.p_gross = np.round(p_gross, 2)
        self.p_net = np.round(p_net, 2)
        self.hh_net = np.bincount(self.p_hh, weights=self.p_net, minlength=n_hh)
        self.hh_gross = np.bincount(self.p_hh, weights=self.p_gross, minlength=n_hh)
        # Statuses of other institutions (persons).
        p_cls = cls[self.p_hh]
        self.p_igo = np.zeros(self.n_p, bool)
        old_b = np.flatnonzero((self.p_age >= 65) & (p_cls == 1))
        self.p_igo[self.pick(old_b, int(0.30 * len(old_b)))] = True
        self.p_handicap = np.zeros(self.n_p, bool)
        working = np.flatnonzero((self.p_age >= 21) & (self.p_age < 65) & (p_cls > 0))
        self.p_handicap[self.pick(working, int(0.03 * len(working)))] = True
        self.p_csr = np.zeros(self.n_p, bool)
        adults_bc = np.flatnonzero(adult & (p_cls > 0) & (self.p_age < 70) & (self.p_role == REF))
        self.p_csr[self.pick(adults_bc, int(0.008 * len(adults_bc)))] = True
        students = np.flatnonzero(
            (self.p_age >= 18) & (self.p_age <= 24) & (p_cls > 0) & (self.p_role == KIND)
        )
        self.p_student_status = self.p_student.copy()
        self.p_student_status[self.pick(students, int(0.6 * len(students)))] = True
        self.hh_social_housing = (rng.random(n_hh) < 0.035) & (cls < 2)

    # -- dossiers ---------------------------------------------------------------------------
    def office_for(self, service: str, household: int) -> int:
        code = ref.SERVICE_OFFICE.get(service)
        if code is None:
            code = ref.WIJKEN[self.wijk_codes[self.hh_wijk[household]]][2]
        return self.refs.office[code]

    def dossier(self, household: int, office: int, day: int, *, admin: bool = False) -> int:
        """Id of the open dossier of a household at an office, opened on or before day."""
        key = (household, office)
        row = self.dossiers.get(key)
        if row is None:
            did = int(self.ids("casework_dossier", 1)[0])
            row = [did, household, office, day, admin]
            self.dossier_rows.append(row)
            self.dossiers[key] = len(self.dossier_rows) - 1
            return did
        record = self.dossier_rows[row]
        record[3] = min(record[3], day)
        if admin and record[4]:  # an admin dossier gets a second automatic grant
            pass
        elif not admin:
            record[4] = False
        return record[0]

    def build_client_dossiers(self) -> None:
        rng = self.rng
        H = self.n_client_households
        before = rng.random(H) < 0.55
        opened = np.where(
            before,
            rng.integers(_day(dt.date(2012, 1, 1)), self.year_start, H),
            rng.integers(self.year_start, self.year_end - 30, H),
        )
        # Households on leefloon for the whole year were already known.
        self.client_opened = opened
        service = "maatschappelijke-begeleiding"
        sid = self.refs.service[service]
        dossier_ids = np.array(
            [self.dossier(h, self.office_for(service, h), int(opened[h])) for h in range(H)]
        )
        self.client_dossier = dossier_ids
        ended = (rng.random(H) < 0.18) & ~self.hh_leefloon[:H]
        end = np.where(ended, np.minimum(opened + rng.integers(60, 400, H), self.year_end), 0)
        end = np.where(ended & (end < self.year_start), self.year_start + 10, end)
        tid = self.ids("casework_trajectory", H)
        ref_person = self.ref_of[:H]
        rows = []
        done = self.refs.outcome[("trajectory", "doel-bereikt")]
        part = self.refs.outcome[("trajectory", "gedeeltelijk-bereikt")]
        outcome = np.where(rng.random(H) < 0.6, done, part)
        start_s, end_s = _dates(opened), _dates(end)
        for i in range(H):
            rows.append(
                (
                    int(tid[i]),
                    int(dossier_ids[i]),
                    None,
                    sid,
                    "afgerond" if ended[i] else "lopend",
                    start_s[i],
                    None,
                    end_s[i] if ended[i] else None,
                    int(outcome[i]) if ended[i] else None,
                )
            )
        self.add_trajectories(rows)
        # Contacts: a 'dossier-geopend' onthaal contact for dossiers opened in the year.
        new = np.flatnonzero(~before)
        self.add_contacts(
            offices=[self.office_for(service, h) for h in new],
            days=opened[new],
            persons=ref_person[new],
            households=new,
            dossiers=dossier_ids[new],
            reason="Vraag naar hulp van de Sociale Dienst",
            service=None,
            outcome="dossier-geopend",
        )

    # -- record builders ----------------------------------------------------------------------
    TRAJ_COLS = [
        "id",
        "dossier_id",
        "person_id",
        "service_id",
        "status",
        "start_date",
        "planned_end_date",
        "end_date",
        "outcome_id",
    ]
    INTV_COLS = [
        "id",
        "dossier_id",
        "person_id",
        "service_id",
        "date",
        "amount",
        "quantity",
        "unit",
        "decision_id",
    ]

    def add_trajectories(self, rows: list[tuple]) -> None:
        self.tables.add("casework_trajectory", self.TRAJ_COLS, rows)

    def add_interventions(self, rows: list[tuple]) -> None:
        self.tables.add("casework_intervention", self.INTV_COLS, rows)

    def add_contacts(
        self, *, offices, days, persons, households, dossiers, reason, service, outcome
    ):
        n = len(days)
        if not n:
            return
        ids = self.ids("casework_contact", n)
        channel = self.rng.choice(
            ["balie", "telefoon", "email", "huisbezoek", "vindplaats"],
            n,
            p=[0.55, 0.28, 0.1, 0.03, 0.04],
        )
        oid = self.refs.outcome[("contact", outcome)]
        sid = self.refs.service[service] if service else None
        ds = _dates(days)
        rows = [
            (
                int(ids[i]),
                int(offices[i]),
                ds[i],
                str(channel[i]),
                int(persons[i]) if persons is not None else None,
                int(households[i]) if households is not None else None,
                int(dossiers[i]) if dossiers is not None else None,
                reason,
                sid,
                oid,
                None,
                None,
            )
            for i in range(n)
        ]
        self.tables.add(
            "casework_contact",
            [
                "id",
                "office_id",
                "occurred_on",
                "channel",
                "person_id",
                "household_id",
                "dossier_id",
                "reason",
                "service_id",
                "outcome_id",
                "referred_to_id",
                "registered_by_id",
            ],
            rows,
        )

    def interventions_for(
        self,
        service: str,
        persons: np.ndarray | None,
        households: np.ndarray,
        days: np.ndarray,
        *,
        amounts: np.ndarray | None = None,
        quantities: np.ndarray | None = None,
        decisions: np.ndarray | None = None,
        admin: bool = False,
    ) -> None:
        rng = self.rng
        n = len(households)
        if not n:
            return
        sid = self.refs.service[service]
        unit = self.refs.service_unit[service]
        if amounts is None and quantities is None:
            if service in ref.AMOUNT_RANGE:
                lo, hi = ref.AMOUNT_RANGE[service]
                amounts = rng.uniform(lo, hi, n)
            else:
                lo, hi = ref.QUANTITY_RANGE.get(service, (1, 1))
                quantities = rng.integers(lo, hi + 1, n).astype(float)
        ids = self.ids("casework_intervention", n)
        am = _money(amounts) if amounts is not None else [None] * n
        qu = _money(quantities) if quantities is not None else [None] * n
        ds = _dates(days)
        rows = []
        for i in range(n):
            h = int(households[i])
            rows.append(
                (
                    int(ids[i]),
                    self.dossier(h, self.office_for(service, h), int(days[i]), admin=admin),
                    int(persons[i]) if persons is not None else None,
                    sid,
                    ds[i],
                    am[i],
                    qu[i],
                    unit if qu[i] is not None else "",
                    int(decisions[i]) if decisions is not None else None,
                )
            )
        self.add_interventions(rows)

    def trajectories_for(
        self,
        service: str,
        persons: np.ndarray | None,
        households: np.ndarray,
        *,
        started_in_year: bool = False,
        year: int | None = None,
        status: np.ndarray | None = None,
        latest_start: int | None = None,
    ) -> np.ndarray:
        """One trajectory each; returns the row positions in the trajectory table."""
        rng = self.rng
        n = len(households)
        if not n:
            return np.array([], np.int64)
        year = year or self.year
        ys, ye = _day(dt.date(year, 1, 1)), _day(dt.date(year, 12, 31))
        start = rng.integers(ys, ye - 20, n)
        if not started_in_year:
            earlier = rng.random(n) < 0.35
            start[earlier] = rng.integers(ys - 540, ys - 1, earlier.sum())
        if latest_start is not None:
            start = np.minimum(start, latest_start)
        if status is None:
            u = rng.random(n)
            status = np.select([u < 0.5, u < 0.9], [1, 2], 3)  # 1 lopend 2 afgerond 3 stopgezet
        end = np.minimum(start + rng.integers(30, 330, n), ye)
        end = np.maximum(end, ys)
        done = self.refs.outcome[("trajectory", "doel-bereikt")]
        part = self.refs.outcome[("trajectory", "gedeeltelijk-bereikt")]
        stop = self.refs.outcome[("trajectory", "stopgezet-door-client")]
        outcome = np.where(status == 3, stop, np.where(rng.random(n) < 0.6, done, part))
        sid = self.refs.service[service]
        ids = self.ids("casework_trajectory", n)
        ss, es = _dates(start), _dates(end)
        names = {1: "lopend", 2: "afgerond", 3: "stopgezet"}
        rows = []
        for i in range(n):
            h = int(households[i])
            ended = status[i] != 1
            rows.append(
                (
                    int(ids[i]),
                    self.dossier(h, self.office_for(service, h), int(start[i])),
                    int(persons[i]) if persons is not None else None,
                    sid,
                    names[int(status[i])],
                    ss[i],
                    None,
                    es[i] if ended else None,
                    int(outcome[i]) if ended else None,
                )
            )
        first = len(self.tables.rows.get("casework_trajectory", []))
        self.add_trajectories(rows)
        return np.arange(first, first + n)

    def set_outcomes(
        self, positions: np.ndarray, outcome: str, share: float | None, count: int | None
    ):
        """Give exactly share (or count) of the ended trajectories at positions an outcome."""
        rows = self.tables.rows["casework_trajectory"]
        ended = [p for p in positions.tolist() if rows[p][7] is not None]
        k = count if count is not None else round(share * len(ended))
        oid = self.refs.outcome[("trajectory", outcome)]
        other = self.refs.outcome[("trajectory", "stopgezet-door-client")]
        chosen = set(self.pick(np.array(ended, np.int64), k).tolist()) if ended else set()
        for p in ended:
            r = list(rows[p])
            if p in chosen:
                r[4], r[8] = "afgerond", oid
            elif r[8] == oid or share is not None:
                r[4], r[8] = "stopgezet", other
            rows[p] = tuple(r)

    # -- leefloon -------------------------------------------------------------------------------
    def build_leefloon_records(self) -> None:
        """Monthly leefloon interventions at the legal amounts, one grant decision each."""
        rng = self.rng
        persons = np.flatnonzero(self.p_leefloon)
        n = len(persons)
        hh = self.p_hh[persons]
        # Spell: from a start month to December (all receive on the reference date).
        opened_month = np.array(
            [
                1 if d < self.year_start else np.datetime64(int(d), "D").astype(object).month
                for d in self.client_opened[hh]
            ]
        )
        start_month = np.where(
            rng.random(n) < 0.6, opened_month, np.maximum(opened_month, rng.integers(1, 12, n))
        )
        months = np.arange(1, 13)
        cats = {m: self._leefloon_amounts(dt.date(self.year, m, 1)) for m in months}
        is_single = self.hh_size[hh] == 1
        is_cat3 = (self.p_role[persons] == REF) & (self.hh_minors[hh] > 0)
        cat_index = np.where(is_cat3, 2, np.where(is_single, 1, 0))
        deduct = self.p_net[persons] / 12
        service = np.where(
            self.p_student[persons],
            "leefloon-studenten",
            np.where(self.p_leefloon_eq[persons], "equivalent-leefloon", "leefloon"),
        )
        # decisions
        dec_ids = self.ids("casework_decision", n)
        dec_days = np.array([_day(dt.date(self.year, int(m), 1)) - 10 for m in start_month])
        dec_days = np.maximum(dec_days, self.client_opened[hh])
        dd = _dates(dec_days)
        dec_rows = []
        for i in range(n):
            h = int(hh[i])
            dec_rows.append(
                (
                    int(dec_ids[i]),
                    self.dossier(h, self.office_for(str(service[i]), h), int(dec_days[i])),
                    int(persons[i]),
                    self.refs.service[str(service[i])],
                    "toekenning",
                    "Voldoet aan de voorwaarden: bestaansmiddelen lager dan het leefloonbedrag.",
                    dd[i],
                    None,
                    None,
                    None,
                    "",
                )
            )
        self.add_decisions(dec_rows)
        for svc in ("leefloon", "equivalent-leefloon", "leefloon-studenten"):
            sel = np.flatnonzero(service == svc)
            if not len(sel):
                continue
            reps = 13 - start_month[sel]
            idx = np.repeat(sel, reps)
            month = np.concatenate([np.arange(s, 13) for s in start_month[sel]])
            amounts = np.array(
                [
                    max(cats[m][c] - d, 0.0)
                    for m, c, d in zip(month, cat_index[idx], deduct[idx], strict=True)
                ]
            )
            days = np.array([_day(dt.date(self.year, int(m), 1)) for m in month])
            self.interventions_for(
                svc, persons[idx], hh[idx], days, amounts=amounts, decisions=dec_ids[idx]
            )

    DEC_COLS = [
        "id",
        "dossier_id",
        "person_id",
        "service_id",
        "outcome",
        "motivation",
        "decided_on",
        "hearing_requested_on",
        "hearing_held_on",
        "appeal_lodged_on",
        "appeal_outcome",
    ]

    def add_decisions(self, rows: list[tuple]) -> None:
        self.tables.add("casework_decision", self.DEC_COLS, rows)

    def build_decisions(self) -> None:
        """Refusals of leefloon requests; exactly the seed's number got a hearing."""
        rng = self.rng
        n = self.n(LEEFLOON_REFUSALS)
        hearings = self.n(self.target("hoorzittingen").value)
        cand = np.flatnonzero(
            self.hh_client[self.p_hh]
            & (self.p_age >= 18)
            & ~self.p_leefloon
            & (self.p_res != R_ZONDER)
        )
        persons = self.pick(cand, n)
        hh = self.p_hh[persons]
        decided = np.maximum(
            rng.integers(self.year_start - 40, self.year_end - 60, len(persons)),
            self.client_opened[hh],
        )
        heard = np.zeros(len(persons), bool)
        heard[self.pick(np.arange(len(persons)), hearings)] = True
        req = decided + rng.integers(3, 20, len(persons))
        held = req + rng.integers(10, 30, len(persons))
        held = np.where(held > self.year_end, self.year_end, held)
        req = np.where(heard & (decided < self.year_start), decided, req)
        # hearings are held in the year
        decided = np.where(heard & (decided < self.year_start), self.year_start, decided)
        req = np.where(heard, np.maximum(decided, np.minimum(req, held - 5)), req)
        held = np.where(heard, np.maximum(held, np.maximum(req, self.year_start)), held)
        appeal = (rng.random(len(persons)) < 0.08) & ~heard
        appeal_day = decided + rng.integers(10, 60, len(persons))
        appeal_outcome = rng.choice(
            ["lopend", "bevestigd", "hervormd", "ingetrokken"], len(persons), p=[0.5, 0.3, 0.1, 0.1]
        )
        ids = self.ids("casework_decision", len(persons))
        ds, rs, hs, ap = _dates(decided), _dates(req), _dates(held), _dates(appeal_day)
        rows = []
        for i in range(len(persons)):
            h = int(hh[i])
            rows.append(
                (
                    int(ids[i]),
                    self.dossier(h, self.office_for("leefloon", h), int(decided[i])),
                    int(persons[i]),
                    self.refs.service["leefloon"],
                    "weigering",
                    "Bestaansmiddelen hoger dan het leefloonbedrag van de categorie.",
                    ds[i],
                    rs[i] if heard[i] else None,
                    hs[i] if heard[i] else None,
                    ap[i] if appeal[i] else None,
                    str(appeal_outcome[i]) if appeal[i] else "",
                )
            )
        self.add_decisions(rows)

    # -- generic calibration targets ------------------------------------------------------
    def pool(self, name: str) -> np.ndarray:
        """Persons (or households, for *_household pools) a figure's records are drawn from."""
        client = self.hh_client[self.p_hh]
        age = self.p_age
        legal = self.p_res != R_ZONDER
        ukr = self.p_res == R_TIJD
        pools = {
            "client_household": lambda: np.flatnonzero(self.hh_client),
            "client_person": lambda: np.flatnonzero(client & legal),
            "client_adult": lambda: np.flatnonzero(client & legal & (age >= 18)),
            "client_single": lambda: np.flatnonzero(
                client & legal & (self.hh_size[self.p_hh] == 1) & (age >= 18)
            ),
            "client_young": lambda: np.flatnonzero(client & legal & (age >= 17) & (age <= 25)),
            "client_working_age": lambda: np.flatnonzero(client & legal & (age >= 18) & (age < 65)),
            "zonder": lambda: self.zonder[: self.n(self.target("dringende_medische_hulp").value)],
            "ukraine_person": lambda: np.flatnonzero(ukr),
            "population_person": lambda: np.flatnonzero(~client & ~ukr),
            "population_adult": lambda: np.flatnonzero(~client & ~ukr & (age >= 18)),
            "population_minor": lambda: np.flatnonzero(~client & ~ukr & (age < 18)),
            "population_young": lambda: np.flatnonzero(~client & ~ukr & (age >= 12) & (age <= 26)),
            "population_eu": lambda: np.flatnonzero(~client & (self.p_res == R_EU)),
            "population_migrant": lambda: np.flatnonzero(
                ~client & np.isin(self.p_res, [R_DERDE, R_VLUCHT, R_SUBS]) & (age >= 18)
            ),
        }
        return pools[name]()

    def build_targets(self) -> None:
        rng = self.rng
        done: set[str] = set()
        by_service: dict[tuple[str, int], list[Target]] = {}
        for t in self.targets:
            if t.measure in (
                "persons",
                "households",
                "records",
                "persons_started",
            ) and t.pool not in (
                "special",
                "",
            ):
                by_service.setdefault((t.services[0], t.year), []).append(t)
        for (service, year), group in by_service.items():
            kind = self.refs.service_kind[service]
            persons_t = next(
                (t for t in group if t.measure in ("persons", "persons_started")), None
            )
            hh_t = next((t for t in group if t.measure == "households"), None)
            records_t = next((t for t in group if t.measure == "records"), None)
            started = persons_t is not None and persons_t.measure == "persons_started"
            if persons_t is not None:
                persons = self.pick(self.pool(persons_t.pool), self.n(persons_t.value))
                if records_t is not None:
                    extra = self.n(records_t.value) - len(persons)
                    reps = 1 + np.bincount(
                        rng.integers(0, len(persons), max(extra, 0)), minlength=len(persons)
                    )
                    persons = np.repeat(persons, reps)
                households = self.p_hh[persons]
            elif hh_t is not None:
                households = self.pick(self.pool(hh_t.pool), self.n(hh_t.value))
                persons = self.ref_of[households]
            else:
                assert records_t is not None
                households = np.sort(rng.choice(self.pool(records_t.pool), self.n(records_t.value)))
                persons = None
            if kind == "trajectory":
                status = np.ones(len(households), np.int64) if service == "housing-first" else None
                pos = self.trajectories_for(
                    service,
                    persons if persons_t is not None else None,
                    households,
                    started_in_year=started or records_t is not None,
                    year=year,
                    status=status,
                )
                self._outcome_targets(service, pos)
            else:
                days = np.sort(self.days_in_year(len(households), year))
                self.interventions_for(service, persons, households, days)
            done.add(service)
        self._special_targets()
        # Energy scans: the same households as the appliance premium, before it.

    def _outcome_targets(self, service: str, positions: np.ndarray) -> None:
        for t in self.targets:
            if t.services and t.services[0] == service and t.measure == "outcome_share":
                self.set_outcomes(positions, t.detail, t.value, None)
            if t.services and t.services[0] == service and t.measure == "outcome_count":
                self.set_outcomes(positions, t.detail, None, self.n(t.value))

    def _special_targets(self) -> None:
        rng = self.rng
        # Budget guidance: running trajectories, clients (leefloon households first).
        n = self.n(self.target("budget_schuldhulp").value)
        order = np.concatenate(
            [
                rng.permutation(np.flatnonzero(self.hh_client & self.hh_leefloon)),
                rng.permutation(np.flatnonzero(self.hh_client & ~self.hh_leefloon)),
            ]
        )
        k_lf = int(0.45 * n)
        chosen = np.sort(
            np.concatenate(
                [
                    order[: min(k_lf, int(self.hh_leefloon.sum()))],
                    rng.permutation(np.flatnonzero(self.hh_client & ~self.hh_leefloon))[
                        : n - min(k_lf, int(self.hh_leefloon.sum()))
                    ],
                ]
            )
        )
        self.hh_budget = np.zeros(self.n_hh, bool)
        self.hh_budget[chosen] = True
        self.trajectories_for(
            "budget-en-schuldhulpverlening",
            None,
            chosen,
            status=np.ones(len(chosen), np.int64),
            latest_start=_day(self.ref_date) - 1,
        )
        # Energy scan: the households that got an appliance premium.
        sid = self.refs.service["energiepremie-toestellen"]
        prem = [r for r in self.tables.rows["casework_intervention"] if r[3] == sid]
        hh_of_dossier = {row[0]: row[1] for row in self.dossier_rows}
        households = np.array([hh_of_dossier[r[1]] for r in prem], np.int64)
        days = np.array([_day(dt.date.fromisoformat(r[4])) for r in prem]) - 14
        days = np.maximum(days, self.year_start)
        self.interventions_for("energiescan", self.ref_of[households], households, days)
        # Nooddorp, and the stays of Opvang & Oriëntatie: in `synth.shelter`.
        # Opvang & Oriëntatie: 39 adults without legal residence, a trajectory (their stays:
        # synth.shelter).
        oo = self.zonder[-self.n(self.target("oo_verblijf").value) :]
        pos = self.trajectories_for(
            "opvang-en-orientatie-begeleiding",
            oo,
            self.p_hh[oo],
            status=np.where(
                np.arange(len(oo)) < self.n(self.target("oo_wettig_verblijf").value) + 3, 2, 1
            ),
        )
        self._outcome_targets("opvang-en-orientatie-begeleiding", pos)
        # Housing First: an earlier cohort whose trajectories ended in the year.
        cohort = self.n(HOUSING_FIRST_EARLIER)
        persons = self.pick(self.pool("client_single"), cohort)
        pos = self.trajectories_for(
            "housing-first", persons, self.p_hh[persons], status=np.full(cohort, 2)
        )
        rows = self.tables.rows["casework_trajectory"]
        for p in pos.tolist():
            r = list(rows[p])
            r[5] = _dates(np.array([self.year_start - int(rng.integers(400, 1500))]))[0]
            rows[p] = tuple(r)
        self._outcome_targets("housing-first", pos)
        # Onthaal without follow-up: distinct non-client persons.
        n = self.n(self.target("onthaal_zonder_vervolg").value)
        persons = self.pick(
            self.pool("population_person")[self.p_age[self.pool("population_person")] >= 18], n
        )
        hh = self.p_hh[persons]
        self.add_contacts(
            offices=[self.office_for("welzijnsonthaal", h) for h in hh],
            days=np.sort(self.days_in_year(n)),
            persons=persons,
            households=hh,
            dossiers=None,
            reason="Vraag om informatie",
            service="welzijnsonthaal",
            outcome="geen-vervolgtraject",
        )

    # -- rights -------------------------------------------------------------------------------
    def build_rights(self) -> None:
        from welzijn.rights.engine import Population, evaluate, load_rules

        rng = self.rng
        n_hh = self.n_hh
        p_hh = self.p_hh
        any_member = lambda mask: np.bincount(p_hh[mask], minlength=n_hh) > 0  # noqa: E731
        auto = any_member(self.p_leefloon | self.p_igo | self.p_handicap)
        # Eligibility first (receipt inputs do not change any right's eligibility here).
        rules = load_rules()
        adult = self.p_age >= 18
        own = np.where(adult, self.p_net / 12, 0.0)
        base_inputs: dict[str, Any] = {
            "leeftijd": np.maximum(self.p_age, 0),
            "verblijfsstatus": np.array([RULE_RESIDENCE[r] for r in self.p_res]),
            "netto_bestaansmiddelen": np.round(own, 2),
            "ontvangt_leefloon": self.p_leefloon & ~self.p_leefloon_eq,
            "ontvangt_equivalent_leefloon": self.p_leefloon_eq,
            "ontvangt_igo": self.p_igo,
            "ontvangt_tegemoetkoming_handicap": self.p_handicap,
            "ontvoogd": np.zeros(self.n_p, bool),
            "zwanger": np.zeros(self.n_p, bool),
            "woont_in_belgie": np.ones(self.n_p, bool),
            "werkbereid": np.ones(self.n_p, bool),
            "woont_in_gent": np.ones(n_hh, bool),
            "in_budgetbegeleiding": self.hh_budget,
            "in_budgetbeheer": np.zeros(n_hh, bool),
            "in_collectieve_schuldenregeling": any_member(self.p_csr),
            "bruto_belastbaar_gezinsinkomen": np.round(self.hh_gross * PREVIOUS_YEAR_FACTOR, 2),
            "sociale_woning_collectieve_verwarming": self.hh_social_housing,
        }
        # VT receipt: automatic grounds always; income-test households by take-up.
        vt_income = (self.hh_class == 1) | self.hh_planted_leefloon
        vt = auto.copy()
        b = np.flatnonzero(vt_income & ~auto)
        vt[self.pick(b, round(VT_TAKE_UP_B * len(b)))] = True
        self.hh_vt = vt
        inputs = dict(base_inputs, heeft_verhoogde_tegemoetkoming=vt)
        population = Population(
            household_index=p_hh,
            roles=self.p_role.astype(np.int16),
            inputs=inputs,
            n_households=n_hh,
        )
        res = evaluate(rules, population, self.ref_date, absent="default")
        ent_p_leefloon = res["recht_op_leefloon"].astype(bool)
        # The social inquiry registered willingness to work (or an exemption) for everyone
        # the OCMW found entitled or pays: without it the screening says 'informatie ontbreekt'.
        self.p_willing = ent_p_leefloon | self.p_leefloon
        eligible = {
            "leefloon": any_member(ent_p_leefloon),
            "verhoogde_tegemoetkoming": res["recht_op_verhoogde_tegemoetkoming"].astype(bool),
            "uitpas_kansentarief": res["recht_op_uitpas_kansentarief"].astype(bool),
            "ivago_tegemoetkoming": res["recht_op_ivago_tegemoetkoming"].astype(bool),
            "sociaal_tarief_energie": res["recht_op_sociaal_tarief_energie"].astype(bool),
        }

        def take_up(right: str, share: float) -> np.ndarray:
            el = np.flatnonzero(eligible[right])
            got = np.zeros(n_hh, bool)
            got[self.pick(el, round(share * len(el)))] = True
            return got

        uitpas = take_up("uitpas_kansentarief", UITPAS_TAKE_UP)
        ivago = take_up("ivago_tegemoetkoming", IVAGO_TAKE_UP)
        ste = take_up("sociaal_tarief_energie", STE_TAKE_UP)
        receives = {
            "leefloon": any_member(self.p_leefloon & ~self.p_leefloon_eq),
            "verhoogde_tegemoetkoming": vt,
            "uitpas_kansentarief": uitpas,
            "ivago_tegemoetkoming": ivago,
            "sociaal_tarief_energie": ste,
        }
        planted = {
            "leefloon": any_member(ent_p_leefloon & ~(self.p_leefloon & ~self.p_leefloon_eq)),
        }
        for right in RIGHTS[1:]:
            planted[right] = eligible[right] & ~receives[right]
        self.eligible, self.receives, self.planted = eligible, receives, planted
        # Sanity: every receiver is eligible (the generator keeps receipt inside the rules).
        for right in RIGHTS:
            bad = receives[right] & ~eligible[right]
            assert not bad.any(), (right, int(bad.sum()))
        # Records for receipt.
        hh = np.flatnonzero(uitpas)
        ref_day = _day(self.ref_date)
        days = rng.integers(ref_day - 360, ref_day - 1, len(hh))
        self.interventions_for(
            "uitpas-kansentarief",
            self.ref_of[hh],
            hh,
            days,
            quantities=self.hh_size[hh].astype(float),
            admin=True,
        )
        hh = np.flatnonzero(ivago)
        table = {1: 42, 2: 63, 3: 84, 4: 105, 5: 105}
        amounts = np.array([table.get(int(s), 126) for s in self.hh_size[hh]], float)
        days = rng.integers(self.year_start, self.year_end - 31, len(hh))
        self.interventions_for(
            "gratis-huisvuilzakken", self.ref_of[hh], hh, days, amounts=amounts, admin=True
        )
        # STE decoys: VT-only households whose sociaal tarief ended on 30 June.
        decoy = vt & ~eligible["sociaal_tarief_energie"] & (rng.random(n_hh) < 0.4)
        self.hh_ste_decoy = decoy
        # GroundTruth rows.
        rows = []
        for right in RIGHTS:
            sel = np.flatnonzero(eligible[right] | receives[right])
            ids = self.ids("synth_groundtruth", len(sel))
            e, r, p = eligible[right][sel], receives[right][sel], planted[right][sel]
            rows.extend(
                (int(ids[i]), int(sel[i]), right, bool(e[i]), bool(r[i]), bool(p[i]))
                for i in range(len(sel))
            )
        self.groundtruth_rows = rows

    # -- emit ------------------------------------------------------------------------------------
    def emit_registry(self) -> None:
        rng = self.rng
        n_hh, n_p = self.n_hh, self.n_p
        hh_ids = self.ids("registry_household", n_hh)
        addr_ids = self.ids("registry_address", n_hh)
        p_ids = self.ids("registry_person", n_p)
        self.hh_id_of, self.p_id_of = hh_ids, p_ids
        # Names.
        origin_p = self.hh_origin[self.p_hh]
        names = [ref.ORIGINS[c] for c in ref.ORIGIN_CODES]
        hh_last = np.array(
            [
                names[o][4][i % len(names[o][4])]
                for o, i in zip(self.hh_origin, rng.integers(0, 1000, n_hh), strict=True)
            ],
            dtype=object,
        )
        last = hh_last[self.p_hh].copy()
        own = (self.p_role == PARTNER) & (rng.random(n_p) < 0.6)
        pick_last = rng.integers(0, 1000, n_p)
        pick_first = rng.integers(0, 1000, n_p)
        first = np.empty(n_p, dtype=object)
        lang = np.empty(n_p, dtype=object)
        nat = np.empty(n_p, dtype=object)
        lang_pick = rng.random(n_p)
        country_pick = rng.integers(0, 100, n_p)
        for o, (countries, langs, men, women, lasts) in enumerate(names):
            sel = origin_p == o
            idx = np.flatnonzero(sel & own)
            last[idx] = [lasts[i % len(lasts)] for i in pick_last[idx]]
            m = sel & (self.p_sex == "M")
            first[m] = [men[i % len(men)] for i in pick_first[m]]
            w = sel & (self.p_sex == "V")
            first[w] = [women[i % len(women)] for i in pick_first[w]]
            lang[sel] = np.where(lang_pick[sel] < 0.6, langs[0], langs[-1])
            nat[sel] = [countries[i % len(countries)] for i in country_pick[sel]]
        nat[self.p_res == R_BELG] = "BE"
        lang[(self.p_res == R_BELG) & (origin_p == 0)] = "nl"
        # Birth dates: age on 31 December of the year.
        doy = rng.integers(0, 365, n_p)
        edge = (self.p_age == 0) | (self.p_age == 18)
        doy[edge] = doy[edge] % 334
        birth_year = self.year - np.maximum(self.p_age, 0)
        birth = (birth_year - 1970).astype("datetime64[Y]").astype("datetime64[D]") + doy
        too_late = birth > np.datetime64(dt.date(self.year, 12, 31))
        birth[too_late] = np.datetime64(dt.date(self.year, 12, 31))
        birth_days = birth.astype(np.int64)
        # INSZ: distinct sequence numbers per (birth date, sex), from 201 up.
        order = np.lexsort((np.arange(n_p), self.p_sex, birth_days))
        key_b, key_s = birth_days[order], self.p_sex[order]
        new_group = np.ones(n_p, bool)
        new_group[1:] = (key_b[1:] != key_b[:-1]) | (key_s[1:] != key_s[:-1])
        group_start = np.maximum.accumulate(np.where(new_group, np.arange(n_p), 0))
        rank = np.empty(n_p, np.int64)
        rank[order] = np.arange(n_p) - group_start
        birth_s = _dates(birth_days)
        insz: list[str | None] = []
        zonder = self.p_res == R_ZONDER
        for i in range(n_p):
            if zonder[i]:
                insz.append(None)
                continue
            r = int(rank[i])
            bis = r >= 399
            r = r % 399
            seq = 201 + 2 * r + (0 if self.p_sex[i] == "M" else 1)
            insz.append(make_insz(dt.date.fromisoformat(birth_s[i]), seq, bis=bis))
        cache: dict[tuple[str, str], tuple[str, str]] = {}
        person_rows = []
        for i in range(n_p):
            key = (first[i], last[i])
            keys = cache.get(key)
            if keys is None:
                keys = cache[key] = (search_name(*key), search_key(*key))
            person_rows.append(
                (
                    int(p_ids[i]),
                    first[i],
                    last[i],
                    birth_s[i],
                    str(self.p_sex[i]),
                    nat[i],
                    RES[self.p_res[i]],
                    lang[i],
                    insz[i],
                    *keys,
                )
            )
        # Addresses and households.
        wijk_ids = [self.refs.wijk[c] for c in self.wijk_codes]
        pc_ids = [self.refs.postcode[ref.WIJKEN[c][1]] for c in self.wijk_codes]
        street_pick = rng.integers(0, 1000, n_hh)
        number = rng.integers(1, 260, n_hh)
        box = np.where(rng.random(n_hh) < 0.3, rng.integers(1, 12, n_hh), 0)
        addr_rows, hh_rows = [], []
        for h in range(n_hh):
            w = int(self.hh_wijk[h])
            streets = ref.STREETS[self.wijk_codes[w]]
            addr_rows.append(
                (
                    int(addr_ids[h]),
                    streets[street_pick[h] % len(streets)],
                    str(number[h]),
                    str(box[h]) if box[h] else "",
                    pc_ids[w],
                    wijk_ids[w],
                )
            )
            ref_p = int(self.ref_of[h])
            label = "Gezin" if self.hh_size[h] > 1 else "Huishouden"
            hh_rows.append((int(hh_ids[h]), f"{label} {last[ref_p]}", int(addr_ids[h])))
        # Memberships: adults since a move-in date, children since birth (or the move).
        move_in = self.year_start - rng.integers(30, 365 * 15, n_hh)
        start = np.maximum(move_in[self.p_hh], birth_days)
        start = np.minimum(start, self.year_end)
        ms = _dates(start)
        m_ids = self.ids("registry_householdmembership", n_p)
        membership_rows = [
            (
                int(m_ids[i]),
                int(hh_ids[self.p_hh[i]]),
                int(p_ids[i]),
                ROLE_NAMES[self.p_role[i]],
                ms[i],
                None,
            )
            for i in range(n_p)
        ]
        self.tables.add(
            "registry_address",
            ["id", "street", "number", "box", "postcode_id", "wijk_id"],
            addr_rows,
        )
        self.tables.add("registry_household", ["id", "name", "address_id"], hh_rows)
        self.tables.add(
            "registry_person",
            [
                "id",
                "first_name",
                "last_name",
                "birth_date",
                "sex",
                "nationality",
                "residence_status",
                "language",
                "insz",
                "search_name",
                "search_key",
            ],
            person_rows,
        )
        self.tables.add(
            "registry_householdmembership",
            ["id", "household_id", "person_id", "role", "start_date", "end_date"],
            membership_rows,
        )
        self.emit_incomes_and_statuses()

    def emit_incomes_and_statuses(self) -> None:
        adults = np.flatnonzero(self.p_age >= 18)
        cat = np.where(
            self.p_age >= 65,
            "pensioen",
            np.where(self.hh_class[self.p_hh] == 1, "vervangingsinkomen", "beroepsinkomen"),
        )
        cat = np.where(self.p_gross > 0, cat, "ander")
        rows = []
        # The previous year as a closed calendar year (from the tax assessment); this year's
        # income runs on from 1 January (from an attest). Both are yearly amounts.
        periods = (
            (self.year - 1, PREVIOUS_YEAR_FACTOR, f"{self.year - 1}-12-31", "aanslagbiljet"),
            (self.year, 1.0, None, "attest"),
        )
        for year, factor, end, source in periods:
            ids = self.ids("registry_income", len(adults))
            g = _money(self.p_gross[adults] * factor)
            nt = _money(self.p_net[adults] * factor)
            start = f"{year}-01-01"
            rows.extend(
                (
                    int(ids[i]),
                    int(self.p_id_of[p]),
                    str(cat[p]),
                    nt[i],
                    g[i],
                    "jaar",
                    start,
                    end,
                    source,
                    "synthetisch",
                )
                for i, p in enumerate(adults.tolist())
            )
        self.tables.add(
            "registry_income",
            [
                "id",
                "person_id",
                "category",
                "amount_net",
                "amount_gross_taxable",
                "per",
                "start_date",
                "end_date",
                "source",
                "proof",
            ],
            rows,
        )
        rng = self.rng
        kinds = self.refs.status_kind
        rows = []
        start_year = _day(dt.date(self.year - 1, 1, 1))

        def person_status(kind: str, mask: np.ndarray, end: int | None = None) -> None:
            sel = np.flatnonzero(mask)
            ids = self.ids("registry_socialstatus", len(sel))
            starts = _dates(rng.integers(start_year - 365 * 5, start_year, len(sel)))
            end_s = _dates(np.array([end]))[0] if end else None
            rows.extend(
                (int(ids[i]), kinds[kind], int(self.p_id_of[p]), None, starts[i], end_s, "ksz", "")
                for i, p in enumerate(sel.tolist())
            )

        def household_status(kind: str, mask: np.ndarray, end: int | None = None) -> None:
            sel = np.flatnonzero(mask)
            ids = self.ids("registry_socialstatus", len(sel))
            starts = _dates(rng.integers(start_year - 365 * 3, start_year, len(sel)))
            end_s = _dates(np.array([end]))[0] if end else None
            rows.extend(
                (int(ids[i]), kinds[kind], None, int(self.hh_id_of[h]), starts[i], end_s, "ksz", "")
                for i, h in enumerate(sel.tolist())
            )

        person_status("verhoogde-tegemoetkoming", self.hh_vt[self.p_hh])
        person_status("inkomensgarantie-ouderen", self.p_igo)
        split = self.rng.random(self.n_p) < 0.5
        person_status("inkomensvervangende-tegemoetkoming", self.p_handicap & split)
        person_status("integratietegemoetkoming", self.p_handicap & ~split)
        person_status("collectieve-schuldenregeling", self.p_csr)
        person_status("student", self.p_student_status)
        person_status("werkbereid-of-vrijgesteld", self.p_willing)
        household_status("sociaal-tarief-energie", self.receives["sociaal_tarief_energie"])
        household_status(
            "sociaal-tarief-energie", self.hh_ste_decoy, end=_day(dt.date(self.year, 6, 30))
        )
        household_status("sociale-huurwoning-collectieve-verwarming", self.hh_social_housing)
        self.tables.add(
            "registry_socialstatus",
            [
                "id",
                "kind_id",
                "person_id",
                "household_id",
                "start_date",
                "end_date",
                "source",
                "proof",
            ],
            rows,
        )
        self.tables.add(
            "synth_groundtruth",
            ["id", "household_id", "right", "eligible", "receives", "planted"],
            [
                (i, int(self.hh_id_of[h]), r, e, rc, p)
                for i, h, r, e, rc, p in self.groundtruth_rows
            ],
        )

    def emit_dossiers(self) -> None:
        """Dossiers (ids were handed out while records were made); remap index -> id."""
        hh_id, p_id = self.hh_id_of, self.p_id_of
        rows = []
        for did, h, office, opened, admin in self.dossier_rows:
            day = _dates(np.array([opened]))[0]
            if admin:
                rows.append(
                    (
                        did,
                        int(hh_id[h]),
                        office,
                        None,
                        "gesloten",
                        day,
                        day,
                        "automatische toekenning",
                    )
                )
            else:
                rows.append((did, int(hh_id[h]), office, None, "open", day, None, ""))
        self.tables.add(
            "casework_dossier",
            [
                "id",
                "household_id",
                "office_id",
                "caseworker_id",
                "status",
                "opened_on",
                "closed_on",
                "close_reason",
            ],
            rows,
        )
        # Records refer to person/household indexes: turn them into ids.
        for table, cols in (
            ("casework_trajectory", {2: p_id}),
            ("casework_intervention", {2: p_id}),
            ("casework_decision", {2: p_id}),
            ("procedure_request", {2: p_id}),
            ("casework_contact", {4: p_id, 5: hh_id}),
        ):
            rows = self.tables.rows.get(table, [])
            for i, r in enumerate(rows):
                r = list(r)
                for c, lookup in cols.items():
                    if r[c] is not None:
                        r[c] = int(lookup[r[c]])
                rows[i] = tuple(r)
        self.tables.columns = {
            t: self.tables.columns[t] for t in TABLES if t in self.tables.columns
        }
        self.tables.rows = {t: self.tables.rows[t] for t in self.tables.columns}
