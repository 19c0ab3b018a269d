"""Dossiers, contacts, trajectories and interventions: the helpers every step uses to
write casework rows, the client dossiers and the leefloon records."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np

from . import reference as ref
from .incomes import (
    leefloon_amounts,
)
from .population import (
    REF,
)
from .rows import dates, day, money

if TYPE_CHECKING:
    from .generator import Generator

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


def office_for(gen: Generator, service: str, household: int) -> int:
    code = ref.SERVICE_OFFICE.get(service)
    if code is None:
        code = ref.WIJKEN[gen.wijk_codes[gen.hh_wijk[household]]][2]
    return gen.refs.office[code]


def dossier(gen: Generator, household: int, office: int, day: int, *, admin: bool = False) -> int:
    """Id of the open dossier of a household at an office, opened on or before day."""
    key = (household, office)
    row = gen.dossiers.get(key)
    if row is None:
        did = int(gen.ids("casework_dossier", 1)[0])
        row = [did, household, office, day, admin]
        gen.dossier_rows.append(row)
        gen.dossiers[key] = len(gen.dossier_rows) - 1
        return did
    record = gen.dossier_rows[row]
    record[3] = min(record[3], day)
    if admin and record[4]:  # an admin dossier gets a second automatic grant
        pass
    elif not admin:
        record[4] = False
    return record[0]


def build_client_dossiers(gen: Generator) -> None:
    rng = gen.rng
    H = gen.n_client_households
    before = rng.random(H) < 0.55
    opened = np.where(
        before,
        rng.integers(day(dt.date(2012, 1, 1)), gen.year_start, H),
        rng.integers(gen.year_start, gen.year_end - 30, H),
    )
    # Households on leefloon for the whole year were already known.
    gen.client_opened = opened
    service = "maatschappelijke-begeleiding"
    sid = gen.refs.service[service]
    dossier_ids = np.array(
        [dossier(gen, h, office_for(gen, service, h), int(opened[h])) for h in range(H)]
    )
    gen.client_dossier = dossier_ids
    ended = (rng.random(H) < 0.18) & ~gen.hh_leefloon[:H]
    end = np.where(ended, np.minimum(opened + rng.integers(60, 400, H), gen.year_end), 0)
    end = np.where(ended & (end < gen.year_start), gen.year_start + 10, end)
    tid = gen.ids("casework_trajectory", H)
    ref_person = gen.ref_of[:H]
    rows = []
    done = gen.refs.outcome[("trajectory", "doel-bereikt")]
    part = gen.refs.outcome[("trajectory", "gedeeltelijk-bereikt")]
    outcome = np.where(rng.random(H) < 0.6, done, part)
    start_s, end_s = dates(opened), dates(end)
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
    add_trajectories(gen, rows)
    # Contacts: a 'dossier-geopend' onthaal contact for dossiers opened in the year.
    new = np.flatnonzero(~before)
    add_contacts(
        gen,
        offices=[office_for(gen, service, h) for h in new],
        days=opened[new],
        persons=ref_person[new],
        households=new,
        dossiers=dossier_ids[new],
        reason="Vraag naar hulp van de Sociale Dienst",
        service=None,
        outcome="dossier-geopend",
    )


def add_trajectories(gen: Generator, rows: list[tuple]) -> None:
    gen.tables.add("casework_trajectory", TRAJ_COLS, rows)


def add_interventions(gen: Generator, rows: list[tuple]) -> None:
    gen.tables.add("casework_intervention", INTV_COLS, rows)


def add_contacts(gen, *, offices, days, persons, households, dossiers, reason, service, outcome):
    n = len(days)
    if not n:
        return
    ids = gen.ids("casework_contact", n)
    channel = gen.rng.choice(
        ["balie", "telefoon", "email", "huisbezoek", "vindplaats"],
        n,
        p=[0.55, 0.28, 0.1, 0.03, 0.04],
    )
    oid = gen.refs.outcome[("contact", outcome)]
    sid = gen.refs.service[service] if service else None
    ds = dates(days)
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
    gen.tables.add(
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
    gen,
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
    rng = gen.rng
    n = len(households)
    if not n:
        return
    sid = gen.refs.service[service]
    unit = gen.refs.service_unit[service]
    if amounts is None and quantities is None:
        if service in ref.AMOUNT_RANGE:
            lo, hi = ref.AMOUNT_RANGE[service]
            amounts = rng.uniform(lo, hi, n)
        else:
            lo, hi = ref.QUANTITY_RANGE.get(service, (1, 1))
            quantities = rng.integers(lo, hi + 1, n).astype(float)
    ids = gen.ids("casework_intervention", n)
    am = money(amounts) if amounts is not None else [None] * n
    qu = money(quantities) if quantities is not None else [None] * n
    ds = dates(days)
    rows = []
    for i in range(n):
        h = int(households[i])
        rows.append(
            (
                int(ids[i]),
                dossier(gen, h, office_for(gen, service, h), int(days[i]), admin=admin),
                int(persons[i]) if persons is not None else None,
                sid,
                ds[i],
                am[i],
                qu[i],
                unit if qu[i] is not None else "",
                int(decisions[i]) if decisions is not None else None,
            )
        )
    add_interventions(gen, rows)


def trajectories_for(
    gen,
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
    rng = gen.rng
    n = len(households)
    if not n:
        return np.array([], np.int64)
    year = year or gen.year
    ys, ye = day(dt.date(year, 1, 1)), day(dt.date(year, 12, 31))
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
    done = gen.refs.outcome[("trajectory", "doel-bereikt")]
    part = gen.refs.outcome[("trajectory", "gedeeltelijk-bereikt")]
    stop = gen.refs.outcome[("trajectory", "stopgezet-door-client")]
    outcome = np.where(status == 3, stop, np.where(rng.random(n) < 0.6, done, part))
    sid = gen.refs.service[service]
    ids = gen.ids("casework_trajectory", n)
    ss, es = dates(start), dates(end)
    names = {1: "lopend", 2: "afgerond", 3: "stopgezet"}
    rows = []
    for i in range(n):
        h = int(households[i])
        ended = status[i] != 1
        rows.append(
            (
                int(ids[i]),
                dossier(gen, h, office_for(gen, service, h), int(start[i])),
                int(persons[i]) if persons is not None else None,
                sid,
                names[int(status[i])],
                ss[i],
                None,
                es[i] if ended else None,
                int(outcome[i]) if ended else None,
            )
        )
    first = len(gen.tables.rows.get("casework_trajectory", []))
    add_trajectories(gen, rows)
    return np.arange(first, first + n)


def set_outcomes(gen, positions: np.ndarray, outcome: str, share: float | None, count: int | None):
    """Give exactly share (or count) of the ended trajectories at positions an outcome."""
    rows = gen.tables.rows["casework_trajectory"]
    ended = [p for p in positions.tolist() if rows[p][7] is not None]
    k = count if count is not None else round(share * len(ended))
    oid = gen.refs.outcome[("trajectory", outcome)]
    other = gen.refs.outcome[("trajectory", "stopgezet-door-client")]
    chosen = set(gen.pick(np.array(ended, np.int64), k).tolist()) if ended else set()
    for p in ended:
        r = list(rows[p])
        if p in chosen:
            r[4], r[8] = "afgerond", oid
        elif r[8] == oid or share is not None:
            r[4], r[8] = "stopgezet", other
        rows[p] = tuple(r)


def add_decisions(gen: Generator, rows: list[tuple]) -> None:
    gen.tables.add("casework_decision", DEC_COLS, rows)


def build_leefloon_records(gen: Generator) -> None:
    """Monthly leefloon interventions at the legal amounts, one grant decision each."""
    rng = gen.rng
    persons = np.flatnonzero(gen.p_leefloon)
    n = len(persons)
    hh = gen.p_hh[persons]
    # Spell: from a start month to December (all receive on the reference date).
    opened_month = np.array(
        [
            1 if d < gen.year_start else np.datetime64(int(d), "D").astype(object).month
            for d in gen.client_opened[hh]
        ]
    )
    start_month = np.where(
        rng.random(n) < 0.6, opened_month, np.maximum(opened_month, rng.integers(1, 12, n))
    )
    months = np.arange(1, 13)
    cats = {m: leefloon_amounts(gen, dt.date(gen.year, m, 1)) for m in months}
    is_single = gen.hh_size[hh] == 1
    is_cat3 = (gen.p_role[persons] == REF) & (gen.hh_minors[hh] > 0)
    cat_index = np.where(is_cat3, 2, np.where(is_single, 1, 0))
    deduct = gen.p_net[persons] / 12
    service = np.where(
        gen.p_student[persons],
        "leefloon-studenten",
        np.where(gen.p_leefloon_eq[persons], "equivalent-leefloon", "leefloon"),
    )
    # decisions
    dec_ids = gen.ids("casework_decision", n)
    dec_days = np.array([day(dt.date(gen.year, int(m), 1)) - 10 for m in start_month])
    dec_days = np.maximum(dec_days, gen.client_opened[hh])
    dd = dates(dec_days)
    dec_rows = []
    for i in range(n):
        h = int(hh[i])
        dec_rows.append(
            (
                int(dec_ids[i]),
                dossier(gen, h, office_for(gen, str(service[i]), h), int(dec_days[i])),
                int(persons[i]),
                gen.refs.service[str(service[i])],
                "toekenning",
                "Voldoet aan de voorwaarden: bestaansmiddelen lager dan het leefloonbedrag.",
                dd[i],
                None,
                None,
                None,
                "",
            )
        )
    add_decisions(gen, dec_rows)
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
        days = np.array([day(dt.date(gen.year, int(m), 1)) for m in month])
        interventions_for(
            gen, svc, persons[idx], hh[idx], days, amounts=amounts, decisions=dec_ids[idx]
        )
