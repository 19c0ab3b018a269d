"""Who is on leefloon, and every adult's incomes and the households' social statuses,
drawn in income classes with margins around the rules' thresholds (see `generator`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .population import (
    KIND,
    PARTNER,
    R_BELG,
    R_SUBS,
    REF,
)

if TYPE_CHECKING:
    from .generator import Generator

PLANTED_LEEFLOON_SHARE = 0.04
PREVIOUS_YEAR_FACTOR = 0.95  # incomes of the previous year = this year's x 0.95
LEEFLOON_RESIDENCE = np.array([1, 1, 1, 1, 0, 0, 0, 0], dtype=bool)


def _leefloon_candidates(gen: Generator) -> tuple[np.ndarray, np.ndarray]:
    adult = gen.p_age >= 18
    partner_with_minors = (gen.p_role == PARTNER) & (gen.hh_minors[gen.p_hh] > 0)
    eligible = adult & LEEFLOON_RESIDENCE[gen.p_res] & ~partner_with_minors
    equivalent = adult & (gen.p_res == R_SUBS) & ~partner_with_minors
    return eligible, equivalent


def build_leefloon_households(gen: Generator) -> None:
    """Choose client households on leefloon so that exactly the seed's number of
    persons receive (equivalent) leefloon, all eligible adults in them included."""
    rng = gen.rng
    target = gen.n(gen.target("leefloon_personen").value)
    students = gen.n(gen.target("leefloon_studenten").value)
    eligible, equivalent = _leefloon_candidates(gen)
    receivers = eligible | equivalent
    per_hh = np.bincount(gen.p_hh[receivers], minlength=gen.n_hh)
    young = receivers & (gen.p_age <= 25) & eligible
    young_hh = np.bincount(gen.p_hh[young], minlength=gen.n_hh)
    zonder_hh = np.zeros(gen.n_hh, bool)
    zonder_hh[gen.p_hh[gen.zonder]] = True
    ok = gen.hh_client & (per_hh > 0) & ~zonder_hh
    order = rng.permutation(np.flatnonzero(ok))
    chosen = np.zeros(gen.n_hh, bool)
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
        if chosen[h] or (per_hh[h] != 1 and count + per_hh[h] > target - 50 * gen.scale):
            continue
        if count + per_hh[h] <= target:
            chosen[h] = True
            count += per_hh[h]
    gen.hh_leefloon = chosen
    gen.p_leefloon = receivers & chosen[gen.p_hh]
    gen.p_leefloon_eq = gen.p_leefloon & equivalent & ~eligible
    young_rec = np.flatnonzero(gen.p_leefloon & young)
    gen.p_student = np.zeros(gen.n_p, bool)
    gen.p_student[gen.pick(young_rec, students)] = True
    # Planted: non-client Belgian singles 25-60 on leefloon level without leefloon.
    planted_n = gen.n(PLANTED_LEEFLOON_SHARE * gen.target("leefloon_personen").value)
    cand = np.flatnonzero(
        ~gen.hh_client[gen.p_hh]
        & (gen.hh_size[gen.p_hh] == 1)
        & (gen.p_res == R_BELG)
        & (gen.p_age >= 25)
        & (gen.p_age <= 60)
    )
    planted = gen.pick(cand, planted_n)
    gen.hh_planted_leefloon = np.zeros(gen.n_hh, bool)
    gen.hh_planted_leefloon[gen.p_hh[planted]] = True


def leefloon_amounts(gen: Generator, date: dt.date) -> tuple[float, float, float]:
    """Monthly leefloon (samenwonende, alleenstaande, gezin ten laste) on a date, from the
    rule set's parameters (basisbedrag x indexcoefficient / 12)."""
    import yaml

    from welzijn.rights.engine import DEFAULT_RULES_DIR

    params = yaml.safe_load((Path(DEFAULT_RULES_DIR) / "parameters" / "leefloon.yaml").read_text())

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


def vt_limit(gen: Generator, size: np.ndarray) -> np.ndarray:
    import yaml

    from welzijn.rights.engine import DEFAULT_RULES_DIR

    params = yaml.safe_load(
        (Path(DEFAULT_RULES_DIR) / "parameters" / "verhoogde_tegemoetkoming.yaml").read_text()
    )

    def at(values: dict) -> float:
        key = max(k for k in values if dt.date.fromisoformat(str(k)) <= gen.ref_date)
        return float(values[key]["value"])

    return at(params["inkomensgrens"]["values"]) + at(
        params["verhoging_per_gezinslid"]["values"]
    ) * (size - 1)


def build_incomes_and_statuses(gen: Generator) -> None:
    rng = gen.rng
    n_hh = gen.n_hh
    cat1, cat2, cat3 = leefloon_amounts(gen, gen.ref_date)
    gen.leefloon_cat = (cat1, cat2, cat3)
    limit = vt_limit(gen, gen.hh_size)
    # Own yearly net every adult needs to be clearly outside leefloon: 108% of their own
    # category amount; 0 for adults the rules exclude anyway (partner in a household
    # with minors, residence without right to leefloon).
    eligible, _ = _leefloon_candidates(gen)
    own_cat = np.where(
        (gen.p_role == REF) & (gen.hh_minors[gen.p_hh] > 0),
        cat3,
        np.where(gen.hh_size[gen.p_hh] == 1, cat2, cat1),
    )
    req = np.where(eligible, 1.08 * own_cat * 12 + 60, 0.0)
    need = np.bincount(gen.p_hh, weights=req, minlength=n_hh)
    # classes: 0 = A, 1 = B, 2 = C
    cls = np.full(n_hh, 2, np.int8)
    client = gen.hh_client
    u = rng.random(n_hh)
    cls[client & (u < 0.65)] = 1
    cls[~client & (u < 0.10)] = 1
    hi = 0.90 * limit * 0.92  # highest net of class B (gross <= 90% of the VT limit)
    cls[(cls == 1) & (need > hi)] = 2
    cls[gen.hh_leefloon | gen.hh_planted_leefloon] = 0
    gen.hh_class = cls
    net = np.zeros(n_hh)
    b = cls == 1
    net[b] = need[b] + rng.random(b.sum()) * (hi[b] - need[b])
    c = cls == 2
    gross_c = 1.22 * limit[c] * np.exp(np.abs(rng.normal(0, 0.45, c.sum())))
    net[c] = np.maximum(gross_c * 0.70, need[c] * 1.02)
    # Spread the household net: each adult their requirement plus a share of the rest.
    adult = gen.p_age >= 18
    weight = np.where(gen.p_role == REF, 1.0, np.where(gen.p_role == PARTNER, 0.7, 0.15)) * adult
    wsum = np.bincount(gen.p_hh, weights=weight, minlength=n_hh)
    share = np.divide(weight, wsum[gen.p_hh], out=np.zeros(gen.n_p), where=wsum[gen.p_hh] > 0)
    surplus = np.maximum(net - need, 0.0)
    p_net = np.where(cls[gen.p_hh] > 0, req + surplus[gen.p_hh] * share, 0.0)
    factor = np.where(cls[gen.p_hh] == 1, 0.92, 0.70)
    p_gross = p_net / factor
    # Class A: only the referentiepersoon may have a small income (30%).
    some = (cls == 0) & (rng.random(n_hh) < 0.30)
    ref_some = gen.ref_of[some]
    p_net[ref_some] = rng.uniform(150, 0.75 * cat1, len(ref_some)) * 12
    p_gross[ref_some] = p_net[ref_some] / 0.95
    gen.p_gross = np.round(p_gross, 2)
    gen.p_net = np.round(p_net, 2)
    gen.hh_net = np.bincount(gen.p_hh, weights=gen.p_net, minlength=n_hh)
    gen.hh_gross = np.bincount(gen.p_hh, weights=gen.p_gross, minlength=n_hh)
    # Statuses of other institutions (persons).
    p_cls = cls[gen.p_hh]
    gen.p_igo = np.zeros(gen.n_p, bool)
    old_b = np.flatnonzero((gen.p_age >= 65) & (p_cls == 1))
    gen.p_igo[gen.pick(old_b, int(0.30 * len(old_b)))] = True
    gen.p_handicap = np.zeros(gen.n_p, bool)
    working = np.flatnonzero((gen.p_age >= 21) & (gen.p_age < 65) & (p_cls > 0))
    gen.p_handicap[gen.pick(working, int(0.03 * len(working)))] = True
    gen.p_csr = np.zeros(gen.n_p, bool)
    adults_bc = np.flatnonzero(adult & (p_cls > 0) & (gen.p_age < 70) & (gen.p_role == REF))
    gen.p_csr[gen.pick(adults_bc, int(0.008 * len(adults_bc)))] = True
    students = np.flatnonzero(
        (gen.p_age >= 18) & (gen.p_age <= 24) & (p_cls > 0) & (gen.p_role == KIND)
    )
    gen.p_student_status = gen.p_student.copy()
    gen.p_student_status[gen.pick(students, int(0.6 * len(students)))] = True
    gen.hh_social_housing = (rng.random(n_hh) < 0.035) & (cls < 2)
