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

Rights inputs and the planted ground truth. Who is entitled on the reference date
1 December of the year comes from ``synth/ground_truth.py``, the generator's own encoding of
the conditions (never the rights engine); the screening evaluates the rule set on the records
written, by these definitions, and the two are compared (``benchmarks/rights_screening.py``):

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

import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np

from . import energy, shelter
from .activation import build_activation
from .activities import build_activities
from .casework import build_client_dossiers, build_leefloon_records
from .decisions import build_decisions
from .emit import emit_dossiers, emit_registry
from .incomes import build_incomes_and_statuses, build_leefloon_households
from .meldingen import build_meldingen
from .outputs import build_outputs
from .pairedtests import build_paired_tests
from .planted_rights import build_rights
from .population import R_DERDE, R_EU, R_SUBS, R_TIJD, R_VLUCHT, R_ZONDER, build_population
from .procedure import build_procedure
from .quotas import build_quotas
from .rows import Refs, Tables, day
from .subsidies import build_subsidies
from .targets import Target, load_targets
from .volunteering import build_volunteering

CALIBRATED_YEARS = (2023,)
MIN_SCALE, MAX_SCALE = 0.01, 10.0


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
        self.year_start = day(dt.date(year, 1, 1))
        self.year_end = day(dt.date(year, 12, 31))
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
        start = day(dt.date(year or self.year, 1, 1))
        end = day(dt.date(year or self.year, 12, 31))
        return self.rng.integers(start, end + 1, count)

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

    # -- run -------------------------------------------------------------------------------
    def run(self) -> Tables:
        """The steps, in the order they draw from the one random stream."""
        self.progress("bevolking")
        build_population(self)
        self.progress("inkomens en statussen")
        build_leefloon_households(self)
        build_incomes_and_statuses(self)
        self.progress("dossiers en activiteit")
        build_client_dossiers(self)
        build_leefloon_records(self)
        build_quotas(self)
        build_decisions(self)
        build_procedure(self)  # requests, proposals, sessions, letters around the decisions
        build_meldingen(self)
        build_subsidies(self)
        build_activation(self)  # questions, employers, placements, Jobteam, Koop Sociaal
        self.progress("rechten en grondwaarheid")
        build_rights(self)
        self.progress("rijen")
        emit_registry(self)
        build_activities(self)
        emit_dossiers(self)
        shelter.build(self)
        build_volunteering(self)
        build_paired_tests(self)
        energy.build(self)  # LAC dossiers, energy aid and scans, housing, rent guarantees
        build_outputs(self)  # the teams' monthly figures and the external figures
        return self.tables
