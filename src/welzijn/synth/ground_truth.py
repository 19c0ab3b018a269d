"""The rights' ground truth: the rule set evaluated on exactly the inputs written, plus
the planted under-protection (eligible, not receiving), as `GroundTruth` rows."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .casework import (
    interventions_for,
)
from .incomes import (
    PREVIOUS_YEAR_FACTOR,
)
from .rows import day

if TYPE_CHECKING:
    from .generator import Generator

VT_TAKE_UP_B = 0.85
UITPAS_TAKE_UP = 0.55
IVAGO_TAKE_UP = 0.70
STE_TAKE_UP = 0.90
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

RIGHTS = (
    "leefloon",
    "verhoogde_tegemoetkoming",
    "uitpas_kansentarief",
    "ivago_tegemoetkoming",
    "sociaal_tarief_energie",
)


def build_ground_truth(gen: Generator) -> None:
    from welzijn.rights.engine import Population, evaluate, load_rules

    rng = gen.rng
    n_hh = gen.n_hh
    p_hh = gen.p_hh
    any_member = lambda mask: np.bincount(p_hh[mask], minlength=n_hh) > 0  # noqa: E731
    auto = any_member(gen.p_leefloon | gen.p_igo | gen.p_handicap)
    # Eligibility first (receipt inputs do not change any right's eligibility here).
    rules = load_rules()
    adult = gen.p_age >= 18
    own = np.where(adult, gen.p_net / 12, 0.0)
    base_inputs: dict[str, Any] = {
        "leeftijd": np.maximum(gen.p_age, 0),
        "verblijfsstatus": np.array([RULE_RESIDENCE[r] for r in gen.p_res]),
        "netto_bestaansmiddelen": np.round(own, 2),
        "ontvangt_leefloon": gen.p_leefloon & ~gen.p_leefloon_eq,
        "ontvangt_equivalent_leefloon": gen.p_leefloon_eq,
        "ontvangt_igo": gen.p_igo,
        "ontvangt_tegemoetkoming_handicap": gen.p_handicap,
        "ontvoogd": np.zeros(gen.n_p, bool),
        "zwanger": np.zeros(gen.n_p, bool),
        "woont_in_belgie": np.ones(gen.n_p, bool),
        "werkbereid": np.ones(gen.n_p, bool),
        "woont_in_gent": np.ones(n_hh, bool),
        "in_budgetbegeleiding": gen.hh_budget,
        "in_budgetbeheer": np.zeros(n_hh, bool),
        "in_collectieve_schuldenregeling": any_member(gen.p_csr),
        "bruto_belastbaar_gezinsinkomen": np.round(gen.hh_gross * PREVIOUS_YEAR_FACTOR, 2),
        "sociale_woning_collectieve_verwarming": gen.hh_social_housing,
    }
    # VT receipt: automatic grounds always; income-test households by take-up.
    vt_income = (gen.hh_class == 1) | gen.hh_planted_leefloon
    vt = auto.copy()
    b = np.flatnonzero(vt_income & ~auto)
    vt[gen.pick(b, round(VT_TAKE_UP_B * len(b)))] = True
    gen.hh_vt = vt
    inputs = dict(base_inputs, heeft_verhoogde_tegemoetkoming=vt)
    population = Population(
        household_index=p_hh,
        roles=gen.p_role.astype(np.int16),
        inputs=inputs,
        n_households=n_hh,
    )
    res = evaluate(rules, population, gen.ref_date, absent="default")
    ent_p_leefloon = res["recht_op_leefloon"].astype(bool)
    # The social inquiry registered willingness to work (or an exemption) for everyone
    # the OCMW found entitled or pays: without it the screening says 'informatie ontbreekt'.
    gen.p_willing = ent_p_leefloon | gen.p_leefloon
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
        got[gen.pick(el, round(share * len(el)))] = True
        return got

    uitpas = take_up("uitpas_kansentarief", UITPAS_TAKE_UP)
    ivago = take_up("ivago_tegemoetkoming", IVAGO_TAKE_UP)
    ste = take_up("sociaal_tarief_energie", STE_TAKE_UP)
    receives = {
        "leefloon": any_member(gen.p_leefloon & ~gen.p_leefloon_eq),
        "verhoogde_tegemoetkoming": vt,
        "uitpas_kansentarief": uitpas,
        "ivago_tegemoetkoming": ivago,
        "sociaal_tarief_energie": ste,
    }
    planted = {
        "leefloon": any_member(ent_p_leefloon & ~(gen.p_leefloon & ~gen.p_leefloon_eq)),
    }
    for right in RIGHTS[1:]:
        planted[right] = eligible[right] & ~receives[right]
    gen.eligible, gen.receives, gen.planted = eligible, receives, planted
    # Sanity: every receiver is eligible (the generator keeps receipt inside the rules).
    for right in RIGHTS:
        bad = receives[right] & ~eligible[right]
        assert not bad.any(), (right, int(bad.sum()))
    # Records for receipt.
    hh = np.flatnonzero(uitpas)
    ref_day = day(gen.ref_date)
    days = rng.integers(ref_day - 360, ref_day - 1, len(hh))
    interventions_for(
        gen,
        "uitpas-kansentarief",
        gen.ref_of[hh],
        hh,
        days,
        quantities=gen.hh_size[hh].astype(float),
        admin=True,
    )
    hh = np.flatnonzero(ivago)
    table = {1: 42, 2: 63, 3: 84, 4: 105, 5: 105}
    amounts = np.array([table.get(int(s), 126) for s in gen.hh_size[hh]], float)
    days = rng.integers(gen.year_start, gen.year_end - 31, len(hh))
    interventions_for(
        gen, "gratis-huisvuilzakken", gen.ref_of[hh], hh, days, amounts=amounts, admin=True
    )
    # STE decoys: VT-only households whose sociaal tarief ended on 30 June.
    decoy = vt & ~eligible["sociaal_tarief_energie"] & (rng.random(n_hh) < 0.4)
    gen.hh_ste_decoy = decoy
    # GroundTruth rows.
    rows = []
    for right in RIGHTS:
        sel = np.flatnonzero(eligible[right] | receives[right])
        ids = gen.ids("synth_groundtruth", len(sel))
        e, r, p = eligible[right][sel], receives[right][sel], planted[right][sel]
        rows.extend(
            (int(ids[i]), int(sel[i]), right, bool(e[i]), bool(r[i]), bool(p[i]))
            for i in range(len(sel))
        )
    gen.groundtruth_rows = rows
