"""Synthetic Ghent's ground truth of the screened rights, encoded apart from the rules engine.

The generator plants under-protection by construction: who is entitled follows from this
module's own reading of the law, on the generator's own arrays (age, residence, role, the
incomes it drew, the statuses it gave), never from ``welzijn.rights``. The screening reads
the records the generator wrote and evaluates the rule set; ``benchmarks/rights_screening.py``
and ``tests/synth`` compare the two, so a mistake in either encoding shows as a disagreement.

The amounts are typed in from their publications (not read from the rule set's parameter
files); where only a derived value was available that is said next to it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

Bools = npt.NDArray[np.bool_]

#: Roles and residence codes as the generator draws them (`generator.ROLE_NAMES`, `RES`).
REF, PARTNER, KIND = 0, 1, 2
#: Wet 26 mei 2002, art. 3, 1°: Belg, EU citizen, recognised refugee, foreigner in the
#: population register (belg, eu, derdelander, vluchteling); not subsidiary protection
#: (equivalent leefloon), temporary stays, applicants or people without legal residence.
LEEFLOON_NATIONALITY = np.array([1, 1, 1, 1, 0, 0, 0, 0], dtype=bool)

#: Leefloon per month (samenwonende, alleenstaande, gezin ten laste) from each date.
LEEFLOON_PER_MONTH: tuple[tuple[dt.date, tuple[float, float, float]], ...] = (
    # Securex Lex4You, "Leefloon: actuele bedragen", bijgewerkt 1 januari 2023
    (dt.date(2023, 1, 1), (809.42, 1214.13, 1640.83)),
    # + 2 % welvaartsaanpassing (1 juli 2023) and + 2 % indexation (1 november 2023):
    # derived, not checked against a published table
    (dt.date(2023, 7, 1), (825.61, 1238.41, 1673.65)),
    (dt.date(2023, 11, 1), (842.11, 1263.17, 1707.11)),
    # centenvoorstudenten.be/info/leefloon/bedrag-leefloon (index 1 mei 2024)
    (dt.date(2024, 5, 1), (858.97, 1288.46, 1741.29)),
    # cpasseraing.be FAQ, "à partir du 1er février 2025" (also bdas-wwsb.brussels)
    (dt.date(2025, 2, 1), (876.13, 1314.20, 1776.07)),
    # + 2 % after the pivot index was exceeded in December 2025, paid from March 2026
    # (Federaal Planbureau; Programmawet 18 juli 2025): computed, no published table found
    (dt.date(2026, 3, 1), (893.65, 1340.47, 1811.57)),
)
#: KB 11 juli 2002, art. 22, § 2: general exemption per year (samenwonende, alleenstaande,
#: gezin ten laste); not indexed.
GENERAL_EXEMPTION_PER_YEAR = (155.0, 250.0, 310.0)
#: Verhoogde tegemoetkoming, KB 15 januari 2014, art. 8: gross taxable household income
#: per year (first person, each further member), as the ziekenfondsen publish it.
VT_LIMIT: tuple[tuple[dt.date, tuple[float, float]], ...] = (
    (dt.date(2022, 12, 1), (25131.03, 4652.44)),
    # statut-bim.be: for a request in 2024; the later ones are that amount x 1.02 at each
    # pivot-index crossing (computed, not published)
    (dt.date(2023, 11, 1), (25630.67, 4744.94)),
    (dt.date(2024, 5, 1), (26143.28, 4839.84)),
    (dt.date(2025, 2, 1), (26666.15, 4936.64)),
    (dt.date(2026, 3, 1), (27199.47, 5035.37)),
)
#: The sociaal tarief's temporary extension to everyone with the verhoogde tegemoetkoming
#: ended on 30 June 2023 (Programmawet 27 april 2007, art. 4, as extended).
STE_EXTENSION_END = dt.date(2023, 6, 30)
LAST_COVERED = dt.date(2026, 12, 31)


class Planted(Protocol):
    """What the generator knows about its people and households (its own arrays)."""

    ref_date: dt.date
    n_hh: int
    p_hh: npt.NDArray[np.int64]
    p_age: npt.NDArray[np.int64]
    p_role: npt.NDArray[Any]
    p_res: npt.NDArray[Any]
    p_net: npt.NDArray[np.float64]  # own net income per year
    hh_gross: npt.NDArray[np.float64]  # gross taxable income of the year, all members
    p_leefloon: Bools  # (equivalent) leefloon
    p_leefloon_eq: Bools
    p_igo: Bools
    p_handicap: Bools
    p_csr: Bools
    hh_budget: Bools
    hh_social_housing: Bools


def _on(table: tuple[tuple[dt.date, Any], ...], date: dt.date) -> Any:
    if not table[0][0] <= date <= LAST_COVERED:
        raise ValueError(f"grondwaarheid: geen bedragen op {date.isoformat()}")
    return [value for start, value in table if start <= date][-1]


def leefloon_entitled(g: Planted) -> Bools:
    """Per person: entitled to leefloon on the reference date (Wet 26 mei 2002, art. 3, 14,
    16; KB 11 juli 2002, art. 22 and 34), assuming the willingness to work that the social
    inquiry registers. Synthetic Ghent registers no student work, so no SPI exemption."""
    n_hh, hh = g.n_hh, g.p_hh
    child = (g.p_role == KIND) & (g.p_age < 18)
    minors = np.bincount(hh[child], minlength=n_hh)[hh] > 0
    size = np.bincount(hh, minlength=n_hh)[hh]
    couple = (g.p_role == REF) | (g.p_role == PARTNER)
    adult_or_parent = (g.p_age >= 18) | (couple & minors)
    # category: 2 = gezin ten laste (reference person with a minor child), 1 = alone, 0 = other
    category = np.where((g.p_role == REF) & minors, 2, np.where(size == 1, 1, 0))
    amounts = np.array(_on(LEEFLOON_PER_MONTH, g.ref_date))
    own = np.where(g.p_age >= 18, g.p_net / 12, 0.0)
    couple_total = np.bincount(hh, weights=np.where(couple, own, 0.0), minlength=n_hh)[hh]
    partner_part = np.where(couple, np.maximum(couple_total - own - amounts[0], 0.0), 0.0)
    exemption = np.array(GENERAL_EXEMPTION_PER_YEAR)[category] / 12
    counted = np.maximum(own + partner_part - exemption, 0.0)
    covered_by_partner = (g.p_role == PARTNER) & minors  # the category-3 amount covers both
    result: Bools = (
        adult_or_parent
        & LEEFLOON_NATIONALITY[g.p_res]
        & ~covered_by_partner
        & (counted < amounts[category])
    )
    return result


def eligibility(g: Planted, previous_year_factor: float) -> tuple[Bools, dict[str, Bools]]:
    """Per person leefloon, and per household each screened right (`planted_rights.RIGHTS`);
    the previous year's gross income is this year's times ``previous_year_factor``."""
    n_hh, hh = g.n_hh, g.p_hh

    def any_member(mask: Bools) -> Bools:
        return np.bincount(hh[mask], minlength=n_hh) > 0

    person_leefloon = leefloon_entitled(g)
    on_leefloon = any_member(g.p_leefloon)  # leefloon or equivalent leefloon
    benefit = on_leefloon | any_member(g.p_igo) | any_member(g.p_handicap)
    base, per_member = _on(VT_LIMIT, g.ref_date)
    size = np.bincount(hh, minlength=n_hh)
    last_year = g.hh_gross * previous_year_factor
    vt = benefit | (last_year <= base + per_member * (size - 1))
    debt = g.hh_budget | any_member(g.p_csr)  # budgetbegeleiding or collectieve schuldenregeling
    ste = benefit | g.hh_social_housing
    if g.ref_date <= STE_EXTENSION_END:
        ste = ste | vt
    return person_leefloon, {
        "leefloon": any_member(person_leefloon),
        "verhoogde_tegemoetkoming": vt,
        # Stad Gent, UiTPAS kansentarief: VT, (equivalent) leefloon or debt counselling
        "uitpas_kansentarief": vt | on_leefloon | debt,
        # Stad Gent, tegemoetkoming IVAGO: VT or debt counselling
        "ivago_tegemoetkoming": vt | debt,
        "sociaal_tarief_energie": ste,
    }
