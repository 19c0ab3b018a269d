"""Synthetic Ghent's own encoding of the screened rights, on households worked out by hand."""

import datetime as dt
from types import SimpleNamespace

import numpy as np
import pytest

from welzijn.synth.ground_truth import eligibility

REF, PARTNER, KIND = 0, 1, 2
BELG, SUBSIDIAIR = 0, 4


def _population(persons, **households):
    """persons: (household, role, age, residence, net per year, leefloon, igo)."""
    hh, role, age, res, net, leefloon, igo = (np.array(c) for c in zip(*persons, strict=True))
    n_hh = int(hh.max()) + 1
    none = np.zeros(len(hh), bool)
    return SimpleNamespace(
        ref_date=dt.date(2023, 12, 1),
        n_hh=n_hh,
        p_hh=hh,
        p_age=age,
        p_role=role,
        p_res=res,
        p_net=net.astype(float),
        hh_gross=np.asarray(households.get("gross", np.zeros(n_hh)), float),
        p_leefloon=leefloon.astype(bool),
        p_leefloon_eq=none,
        p_igo=igo.astype(bool),
        p_handicap=none,
        p_csr=none,
        hh_budget=np.asarray(households.get("budget", np.zeros(n_hh, bool))),
        hh_social_housing=np.zeros(n_hh, bool),
    )


def test_leefloon_counts_the_partner_and_the_category():
    # 1 December 2023: 842.11 / 1,263.17 / 1,707.11 per month (samenwonende, alleen, gezin)
    population = _population(
        [
            (0, REF, 40, BELG, 0, 0, 0),  # alone, no income: entitled
            (1, REF, 40, BELG, 12 * 1300, 0, 0),  # alone, above 1,263.17 + 250/12: not
            (2, REF, 30, BELG, 0, 0, 0),  # couple: the partner's 2,000 minus 842.11 counts
            (2, PARTNER, 30, BELG, 12 * 2000, 0, 0),  # own 2,000 > 842.11 + 155/12: not
            (3, REF, 35, BELG, 12 * 1700, 0, 0),  # parent: 1,700 < 1,707.11 + 310/12
            (3, PARTNER, 35, BELG, 0, 0, 0),  # covered by the parent's category 3
            (3, KIND, 5, BELG, 0, 0, 0),
            (4, REF, 40, SUBSIDIAIR, 0, 0, 0),  # equivalent leefloon, not leefloon
        ],
        gross=[0, 99_000, 99_000, 0, 0],
    )
    person, household = eligibility(population, previous_year_factor=1.0)
    assert person.tolist() == [True, False, False, False, True, False, False, False]
    assert household["leefloon"].tolist() == [True, False, False, True, False]


def test_verhoogde_tegemoetkoming_and_what_follows_from_it():
    population = _population(
        [
            (0, REF, 70, BELG, 12 * 2000, 0, 1),  # IGO: automatic
            (1, REF, 40, BELG, 12 * 2000, 0, 0),  # gross 25,630.67 (limit from 1 Nov 2023)
            (2, REF, 40, BELG, 12 * 2000, 0, 0),  # 1 cent above the limit, in debt counselling
            (3, REF, 40, BELG, 12 * 2000, 0, 0),  # two members: below 25,630.67 + 4,744.94
            (3, PARTNER, 40, BELG, 12 * 2000, 0, 0),
        ],
        gross=[99_000, 25_630.67, 25_630.68, 30_375.60],
        budget=[False, False, True, False],
    )
    _, household = eligibility(population, previous_year_factor=1.0)
    assert household["verhoogde_tegemoetkoming"].tolist() == [True, True, False, True]
    assert household["uitpas_kansentarief"].tolist() == [True, True, True, True]
    assert household["ivago_tegemoetkoming"].tolist() == [True, True, True, True]
    # after 30 June 2023 only the benefits (and social housing) give the sociaal tarief
    assert household["sociaal_tarief_energie"].tolist() == [True, False, False, False]


def test_no_amounts_outside_the_years_it_knows():
    population = _population([(0, REF, 40, BELG, 0, 0, 0)])
    population.ref_date = dt.date(2027, 1, 1)
    with pytest.raises(ValueError, match="geen bedragen op 2027-01-01"):
        eligibility(population, previous_year_factor=1.0)
