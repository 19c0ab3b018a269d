"""Synthetic Ghent's residents: households, members, ages, residence statuses and
addresses, drawn so that the client base matches the seed (definitions: `generator`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from . import reference as ref

if TYPE_CHECKING:
    from .generator import Generator

ROLE_NAMES = ("referentiepersoon", "partner", "kind", "ander")
REF, PARTNER, KIND, ANDER = range(4)
RES = ("belg", "eu", "derdelander", "vluchteling", "subsidiair", "tijdelijk", "verzoeker", "zonder")
R_BELG, R_EU, R_DERDE, R_VLUCHT, R_SUBS, R_TIJD, R_VERZ, R_ZONDER = range(8)


def _households(gen: Generator, n_adults, n_minors, n_extra) -> tuple[np.ndarray, np.ndarray]:
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
    gen.extra_mask = extra
    return hh, role


def build_population(gen: Generator) -> None:
    rng = gen.rng
    total = gen.n(gen.target("inwoners").value)
    H = gen.n(gen.target("clienten_huishoudens").value)
    P = gen.n(gen.target("clienten_personen").value)
    n_single = round(gen.target("clienten_alleenstaand").value * H)
    n_kids = round(gen.target("clienten_met_kinderen").value * H)
    n_other = H - n_single - n_kids
    minors = round(gen.target("clienten_minderjarig").value * P)
    under30 = round(gen.target("clienten_jonger_dan_30").value * P)
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
    c_hh, c_role = _households(gen, n_adults, n_minors, n_extra)
    c_extra = gen.extra_mask
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
    young_adult = gen.pick(candidates, remaining)
    c_age[young_adult] = rng.integers(18, 30, len(young_adult))
    todo = (c_age == 0) & ~is_minor
    single_old = todo & (htype[c_hh] == 0)
    c_age[single_old] = np.clip(rng.triangular(30, 45, 92, single_old.sum()), 30, 95).astype(int)
    parents = todo & (htype[c_hh] == 1)
    c_age[parents] = rng.integers(30, 56, parents.sum())
    others = todo & (htype[c_hh] == 2)
    c_age[others] = rng.integers(30, 80, others.sum())
    _fix_family_ages(gen, c_hh, c_role, c_age, c_extra, H)

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
    p_hh, p_role = _households(gen, na, nm, nx)
    p_extra = gen.extra_mask
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
    _fix_family_ages(gen, p_hh, p_role, p_age, p_extra & (pk != 4), len(na))
    # partners of couples: age close to the referentiepersoon
    gen.n_client_households = H
    n_hh = H + len(na)
    gen.hh_client = np.zeros(n_hh, bool)
    gen.hh_client[:H] = True
    gen.hh_type = np.concatenate([htype, np.full(len(na), 3, np.int8)])
    gen.p_hh = np.concatenate([c_hh, p_hh + H])
    gen.p_role = np.concatenate([c_role, p_role])
    gen.p_age = np.concatenate([c_age, p_age])
    gen.n_hh, gen.n_p = n_hh, len(gen.p_hh)
    gen.hh_size = np.bincount(gen.p_hh, minlength=n_hh)
    gen.hh_minors = np.bincount(gen.p_hh[gen.p_age < 18], minlength=n_hh)

    # Wijk: clients concentrated in the 19th-century belt.
    codes = list(ref.WIJKEN)
    base = np.array([ref.WIJKEN[c][0] for c in codes], float)
    factor = np.array([ref.WIJKEN[c][3] for c in codes])
    w_client = base * factor / (base * factor).sum()
    w_pop = base / base.sum()
    gen.wijk_codes = codes
    gen.hh_wijk = np.concatenate([rng.choice(25, H, p=w_client), rng.choice(25, n_hh - H, p=w_pop)])
    # Origin (per household) and residence.
    gen.hh_origin = np.concatenate(
        [
            rng.choice(len(ref.ORIGIN_CODES), H, p=ref.CLIENT_ORIGIN_SHARE),
            rng.choice(len(ref.ORIGIN_CODES), n_hh - H, p=ref.POPULATION_ORIGIN_SHARE),
        ]
    )
    origin = gen.hh_origin
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
    gen.p_res = res[gen.p_hh].copy()
    # Without legal residence: client singles of non-EU origin (DMH + Opvang & Oriëntatie).
    n_zonder = gen.n(gen.target("dringende_medische_hulp").value) + gen.n(
        gen.target("oo_verblijf").value
    )
    cand = np.flatnonzero(
        gen.hh_client[gen.p_hh]
        & (gen.hh_type[gen.p_hh] == 0)
        & np.isin(origin[gen.p_hh], [1, 2, 4, 5])
        & (gen.p_age >= 18)
        & (gen.p_age < 60)
    )
    gen.zonder = gen.pick(cand, n_zonder)
    gen.p_res[gen.zonder] = R_ZONDER
    gen.p_sex = np.where(rng.random(gen.n_p) < 0.5, "M", "V").astype("<U1")
    partner = gen.p_role == PARTNER
    ref_of = np.zeros(n_hh, np.int64)
    ref_of[gen.p_hh[gen.p_role == REF]] = np.flatnonzero(gen.p_role == REF)
    hetero = partner & (rng.random(gen.n_p) < 0.95)
    gen.p_sex[hetero] = np.where(gen.p_sex[ref_of[gen.p_hh[hetero]]] == "M", "V", "M")
    gen.ref_of = ref_of


def _fix_family_ages(gen: Generator, hh, role, age, extra, n_hh) -> None:
    """Minors get an age that fits their parents; parents are 18+ older than children."""
    rng = gen.rng
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
