"""Turn the drawn arrays into rows: registry (addresses, households, persons, memberships,
incomes, statuses) and casework (dossiers)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np

from welzijn.core.insz import make_insz
from welzijn.registry.search import search_key, search_name

from . import reference as ref
from .incomes import (
    PREVIOUS_YEAR_FACTOR,
)
from .population import (
    PARTNER,
    R_BELG,
    R_ZONDER,
    RES,
    ROLE_NAMES,
)
from .rows import TABLES, dates, day, money

if TYPE_CHECKING:
    from .generator import Generator


def emit_registry(gen: Generator) -> None:
    rng = gen.rng
    n_hh, n_p = gen.n_hh, gen.n_p
    hh_ids = gen.ids("registry_household", n_hh)
    addr_ids = gen.ids("registry_address", n_hh)
    p_ids = gen.ids("registry_person", n_p)
    gen.hh_id_of, gen.p_id_of = hh_ids, p_ids
    # Names.
    origin_p = gen.hh_origin[gen.p_hh]
    names = [ref.ORIGINS[c] for c in ref.ORIGIN_CODES]
    hh_last = np.array(
        [
            names[o][4][i % len(names[o][4])]
            for o, i in zip(gen.hh_origin, rng.integers(0, 1000, n_hh), strict=True)
        ],
        dtype=object,
    )
    last = hh_last[gen.p_hh].copy()
    own = (gen.p_role == PARTNER) & (rng.random(n_p) < 0.6)
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
        m = sel & (gen.p_sex == "M")
        first[m] = [men[i % len(men)] for i in pick_first[m]]
        w = sel & (gen.p_sex == "V")
        first[w] = [women[i % len(women)] for i in pick_first[w]]
        lang[sel] = np.where(lang_pick[sel] < 0.6, langs[0], langs[-1])
        nat[sel] = [countries[i % len(countries)] for i in country_pick[sel]]
    nat[gen.p_res == R_BELG] = "BE"
    lang[(gen.p_res == R_BELG) & (origin_p == 0)] = "nl"
    # Birth dates: age on 31 December of the year.
    doy = rng.integers(0, 365, n_p)
    edge = (gen.p_age == 0) | (gen.p_age == 18)
    doy[edge] = doy[edge] % 334
    birth_year = gen.year - np.maximum(gen.p_age, 0)
    birth = (birth_year - 1970).astype("datetime64[Y]").astype("datetime64[D]") + doy
    too_late = birth > np.datetime64(dt.date(gen.year, 12, 31))
    birth[too_late] = np.datetime64(dt.date(gen.year, 12, 31))
    birth_days = birth.astype(np.int64)
    # INSZ: distinct sequence numbers per (birth date, sex), from 201 up.
    order = np.lexsort((np.arange(n_p), gen.p_sex, birth_days))
    key_b, key_s = birth_days[order], gen.p_sex[order]
    new_group = np.ones(n_p, bool)
    new_group[1:] = (key_b[1:] != key_b[:-1]) | (key_s[1:] != key_s[:-1])
    group_start = np.maximum.accumulate(np.where(new_group, np.arange(n_p), 0))
    rank = np.empty(n_p, np.int64)
    rank[order] = np.arange(n_p) - group_start
    birth_s = dates(birth_days)
    insz: list[str | None] = []
    zonder = gen.p_res == R_ZONDER
    for i in range(n_p):
        if zonder[i]:
            insz.append(None)
            continue
        r = int(rank[i])
        bis = r >= 399
        r = r % 399
        seq = 201 + 2 * r + (0 if gen.p_sex[i] == "M" else 1)
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
                str(gen.p_sex[i]),
                nat[i],
                RES[gen.p_res[i]],
                lang[i],
                insz[i],
                *keys,
            )
        )
    # Addresses and households.
    wijk_ids = [gen.refs.wijk[c] for c in gen.wijk_codes]
    pc_ids = [gen.refs.postcode[ref.WIJKEN[c][1]] for c in gen.wijk_codes]
    street_pick = rng.integers(0, 1000, n_hh)
    number = rng.integers(1, 260, n_hh)
    box = np.where(rng.random(n_hh) < 0.3, rng.integers(1, 12, n_hh), 0)
    addr_rows, hh_rows = [], []
    for h in range(n_hh):
        w = int(gen.hh_wijk[h])
        streets = ref.STREETS[gen.wijk_codes[w]]
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
        ref_p = int(gen.ref_of[h])
        label = "Gezin" if gen.hh_size[h] > 1 else "Huishouden"
        hh_rows.append((int(hh_ids[h]), f"{label} {last[ref_p]}", int(addr_ids[h])))
    # Memberships: adults since a move-in date, children since birth (or the move).
    move_in = gen.year_start - rng.integers(30, 365 * 15, n_hh)
    start = np.maximum(move_in[gen.p_hh], birth_days)
    start = np.minimum(start, gen.year_end)
    ms = dates(start)
    m_ids = gen.ids("registry_householdmembership", n_p)
    membership_rows = [
        (
            int(m_ids[i]),
            int(hh_ids[gen.p_hh[i]]),
            int(p_ids[i]),
            ROLE_NAMES[gen.p_role[i]],
            ms[i],
            None,
        )
        for i in range(n_p)
    ]
    gen.tables.add(
        "registry_address",
        ["id", "street", "number", "box", "postcode_id", "wijk_id"],
        addr_rows,
    )
    gen.tables.add("registry_household", ["id", "name", "address_id"], hh_rows)
    gen.tables.add(
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
    gen.tables.add(
        "registry_householdmembership",
        ["id", "household_id", "person_id", "role", "start_date", "end_date"],
        membership_rows,
    )
    emit_incomes_and_statuses(gen)


def emit_incomes_and_statuses(gen: Generator) -> None:
    adults = np.flatnonzero(gen.p_age >= 18)
    cat = np.where(
        gen.p_age >= 65,
        "pensioen",
        np.where(gen.hh_class[gen.p_hh] == 1, "vervangingsinkomen", "beroepsinkomen"),
    )
    cat = np.where(gen.p_gross > 0, cat, "ander")
    rows = []
    # The previous year as a closed calendar year (from the tax assessment); this year's
    # income runs on from 1 January (from an attest). Both are yearly amounts.
    periods = (
        (gen.year - 1, PREVIOUS_YEAR_FACTOR, f"{gen.year - 1}-12-31", "aanslagbiljet"),
        (gen.year, 1.0, None, "attest"),
    )
    for year, factor, end, source in periods:
        ids = gen.ids("registry_income", len(adults))
        g = money(gen.p_gross[adults] * factor)
        nt = money(gen.p_net[adults] * factor)
        start = f"{year}-01-01"
        rows.extend(
            (
                int(ids[i]),
                int(gen.p_id_of[p]),
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
    gen.tables.add(
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
    rng = gen.rng
    kinds = gen.refs.status_kind
    rows = []
    start_year = day(dt.date(gen.year - 1, 1, 1))

    def person_status(kind: str, mask: np.ndarray, end: int | None = None) -> None:
        sel = np.flatnonzero(mask)
        ids = gen.ids("registry_socialstatus", len(sel))
        starts = dates(rng.integers(start_year - 365 * 5, start_year, len(sel)))
        end_s = dates(np.array([end]))[0] if end else None
        rows.extend(
            (int(ids[i]), kinds[kind], int(gen.p_id_of[p]), None, starts[i], end_s, "ksz", "")
            for i, p in enumerate(sel.tolist())
        )

    def household_status(kind: str, mask: np.ndarray, end: int | None = None) -> None:
        sel = np.flatnonzero(mask)
        ids = gen.ids("registry_socialstatus", len(sel))
        starts = dates(rng.integers(start_year - 365 * 3, start_year, len(sel)))
        end_s = dates(np.array([end]))[0] if end else None
        rows.extend(
            (int(ids[i]), kinds[kind], None, int(gen.hh_id_of[h]), starts[i], end_s, "ksz", "")
            for i, h in enumerate(sel.tolist())
        )

    person_status("verhoogde-tegemoetkoming", gen.hh_vt[gen.p_hh])
    person_status("inkomensgarantie-ouderen", gen.p_igo)
    split = gen.rng.random(gen.n_p) < 0.5
    person_status("inkomensvervangende-tegemoetkoming", gen.p_handicap & split)
    person_status("integratietegemoetkoming", gen.p_handicap & ~split)
    person_status("collectieve-schuldenregeling", gen.p_csr)
    person_status("student", gen.p_student_status)
    person_status("werkbereid-of-vrijgesteld", gen.p_willing)
    household_status("sociaal-tarief-energie", gen.receives["sociaal_tarief_energie"])
    household_status("sociaal-tarief-energie", gen.hh_ste_decoy, end=day(dt.date(gen.year, 6, 30)))
    household_status("sociale-huurwoning-collectieve-verwarming", gen.hh_social_housing)
    gen.tables.add(
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
    gen.tables.add(
        "synth_groundtruth",
        ["id", "household_id", "right", "eligible", "receives", "planted"],
        [(i, int(gen.hh_id_of[h]), r, e, rc, p) for i, h, r, e, rc, p in gen.groundtruth_rows],
    )


def emit_dossiers(gen: Generator) -> None:
    """Dossiers (ids were handed out while records were made); remap index -> id."""
    hh_id, p_id = gen.hh_id_of, gen.p_id_of
    rows = []
    for did, h, office, opened, admin in gen.dossier_rows:
        day = dates(np.array([opened]))[0]
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
    gen.tables.add(
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
        ("activation_question", {1: p_id}),
        ("activation_jobteamguidance", {1: p_id}),
        ("procedure_request", {2: p_id}),
        ("casework_contact", {4: p_id, 5: hh_id}),
    ):
        rows = gen.tables.rows.get(table, [])
        for i, r in enumerate(rows):
            r = list(r)
            for c, lookup in cols.items():
                if r[c] is not None:
                    r[c] = int(lookup[r[c]])
            rows[i] = tuple(r)
    gen.tables.columns = {t: gen.tables.columns[t] for t in TABLES if t in gen.tables.columns}
    gen.tables.rows = {t: gen.tables.rows[t] for t in gen.tables.columns}
