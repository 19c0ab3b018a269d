"""The rights in Synthetic Ghent: who receives what, and the planted under-protection
(eligible, not receiving), as `GroundTruth` rows; who is eligible comes from the
generator's own encoding of the conditions (`ground_truth`), never from the rules engine."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from . import ground_truth
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

RIGHTS = (
    "leefloon",
    "verhoogde_tegemoetkoming",
    "uitpas_kansentarief",
    "ivago_tegemoetkoming",
    "sociaal_tarief_energie",
)


def build_rights(gen: Generator) -> None:
    rng = gen.rng
    n_hh = gen.n_hh
    p_hh = gen.p_hh
    any_member = lambda mask: np.bincount(p_hh[mask], minlength=n_hh) > 0  # noqa: E731
    auto = any_member(gen.p_leefloon | gen.p_igo | gen.p_handicap)
    # Eligibility by the generator's own encoding, never by the rules engine.
    ent_p_leefloon, eligible = ground_truth.eligibility(gen, PREVIOUS_YEAR_FACTOR)
    # VT receipt: automatic grounds always; income-test households by take-up.
    vt_income = (gen.hh_class == 1) | gen.hh_planted_leefloon
    vt = auto.copy()
    b = np.flatnonzero(vt_income & ~auto)
    vt[gen.pick(b, round(VT_TAKE_UP_B * len(b)))] = True
    gen.hh_vt = vt
    # The social inquiry registered willingness to work (or an exemption) for everyone
    # the OCMW found entitled or pays: without it the screening says 'informatie ontbreekt'.
    gen.p_willing = ent_p_leefloon | gen.p_leefloon

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
