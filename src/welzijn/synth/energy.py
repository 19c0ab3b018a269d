"""Synthetic Ghent for the Energiecel and the wooncoaches: the LAC's weekly sessions with the
dossiers of Fluvius and Farys, decided within the legal term; the debts taken over from those
dossiers; energy scans with the appliance premium after them; financial interventions and
winter premiums; wooncoach and Gent Knapt Op trajectories; rent guarantees with their
repayment; the outcome of the rent-arrears meldingen the wooncoaches closed.

The 2022 debts and interventions (the seed compares them) are written as aid without a 2022
LAC dossier: the previous year's dossiers are not generated."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np

from welzijn.energy.models import LacDossier
from welzijn.energy.terms import term_for

if TYPE_CHECKING:
    from .generator import Generator

OFFICE = "team-energiecel"
HOUSING_OFFICE = "team-wooncoaches"
MEMBERS = "Voorzitter (OCMW Gent)\nMaatschappelijk werker Energiecel\nFluvius\nFarys"
SESSION_WEEKDAY = 1  # Tuesdays (assumption)
#: Among the dossiers where a cut-off is prevented, what the commission decides (assumption;
#: the seed gives only the share prevented and the debts taken over).
PREVENTED_MIX = {
    "afbetalingsplan": 0.45,
    "budgetmeter": 0.25,
    "stroombegrenzer": 0.10,
    "afsluiting-geweigerd": 0.20,
}
TRIGGER_MIX = {
    "plan-niet-nageleefd": 0.45,
    "plan-geweigerd": 0.20,
    "schuld": 0.20,
    "geen-toegang": 0.10,
    "geen-contract": 0.05,
}
RENT_ARREARS_OUTCOME_MIX = {
    "afbetalingsplan": 0.40,
    "bemiddeling": 0.25,
    "huurwaarborg": 0.10,
    "verhuisd": 0.15,
    "uithuiszetting": 0.10,
}  # assumption, not in the seed
#: Requests are received up to 1 December, so that each is decided in the year.
LAST_REQUEST = (12, 1)


def _date(day: dt.date) -> str:
    return day.isoformat()


def _mix(rng, n: int, mix: dict[str, float]) -> np.ndarray:
    return rng.choice(list(mix), size=n, p=np.array(list(mix.values())) / sum(mix.values()))


class _Writer:
    def __init__(self, gen: Generator):
        self.gen, self.rng = gen, gen.rng
        self.office = gen.refs.office[OFFICE]
        self.housing_office = gen.refs.office[HOUSING_OFFICE]
        self.clients = np.flatnonzero(gen.hh_client)

    def hh(self, index) -> int:
        return int(self.gen.hh_id_of[index])

    def days(self, n: int, year: int, last: dt.date | None = None) -> list[dt.date]:
        start = dt.date(year, 1, 1)
        span = ((last or dt.date(year, 12, 31)) - start).days
        return [start + dt.timedelta(days=int(d)) for d in self.rng.integers(0, span + 1, n)]

    def amounts(self, n: int, median: float, spread: float = 0.5) -> np.ndarray:
        return np.round(np.exp(self.rng.normal(np.log(median), spread, n)), 2)


def _sessions(w: _Writer, year: int) -> list[tuple[int, dt.date]]:
    first = dt.date(year, 1, 1)
    first += dt.timedelta(days=(SESSION_WEEKDAY - first.weekday()) % 7)
    days = [first + dt.timedelta(weeks=k) for k in range(53)]
    days = [d for d in days if d.year == year]
    ids = w.gen.ids("energy_lacsession", len(days))
    w.gen.tables.add(
        "energy_lacsession",
        ["id", "office_id", "held_on", "place", "members", "status", "created_by_id"],
        [(int(i), w.office, _date(d), "Sociaal Huis", MEMBERS, "gehouden", None)
         for i, d in zip(ids, days, strict=True)],
    )  # fmt: skip
    return list(zip((int(i) for i in ids), days, strict=True))


def _lac_dossiers(w: _Writer, year: int) -> dict[int, int]:
    """The year's dossiers, each on the first session a week or more after its request;
    returns {dossier id: household index} of the debts to take over."""
    gen, rng = w.gen, w.rng
    sessions = _sessions(w, year)
    energy = gen.n(gen.target("lac_energie").value)
    water = gen.n(gen.target("lac_water").value)
    prevented = gen.target("lac_energie_voorkomen").value
    debts = gen.n(gen.target("energieschulden_2023").value)
    utility = np.array(
        list(rng.choice(["elektriciteit", "aardgas"], energy, p=[0.6, 0.4])) + ["water"] * water
    )
    n = len(utility)
    allowed = np.zeros(n, bool)
    allowed[rng.choice(energy, round(energy * (1 - prevented)), replace=False)] = True
    decision = _mix(rng, n, PREVENTED_MIX).astype(object)
    decision[allowed] = "afsluiting-toegestaan"
    taken_over = rng.choice(np.flatnonzero(~allowed[:energy]), min(debts, energy), replace=False)
    decision[taken_over] = "schuld-ten-laste"
    households = rng.choice(w.clients, n)
    households[taken_over] = gen.pick(w.clients, len(taken_over))  # one debt per family
    received = w.days(n, year, dt.date(year, *LAST_REQUEST))
    trigger = _mix(rng, n, TRIGGER_MIX)
    owed = w.amounts(n, 650)
    ids = gen.ids("energy_lacdossier", n)
    services = {u: gen.refs.service[term_for(u).service] for u in ("elektriciteit", "water")}
    rows = []
    for k in range(n):
        on = received[k]
        session_id, held = next((s, d) for s, d in sessions if d >= on + dt.timedelta(days=7))
        u = str(utility[k])
        rows.append(
            (int(ids[k]), w.office, w.hh(households[k]),
             services["water" if u == "water" else "elektriciteit"],
             "farys" if u == "water" else "fluvius", u, str(trigger[k]), f"{owed[k]:.2f}",
             _date(on), _date(term_for(u).advice_due(on)), "Sociaal onderzoek aan huis.",
             session_id, LacDossier.Status.DECIDED, bool(rng.random() < 0.6), str(decision[k]),
             _date(held), "Besproken in de commissie.", None, f"{_date(on)} 09:00:00+00:00")
        )  # fmt: skip
    gen.tables.add(
        "energy_lacdossier",
        ["id", "office_id", "household_id", "service_id", "requester", "utility", "trigger",
         "amount_owed", "received_on", "advice_due_on", "investigation", "session_id",
         "status", "household_heard", "decision", "decided_on", "motivation",
         "registered_by_id", "registered_at"],
        rows,
    )  # fmt: skip
    return {int(ids[k]): (int(households[k]), rows[k][15]) for k in taken_over}


def _aid(w: _Writer, service: str, households, days, amounts, lac=None, scans=None) -> None:
    n = len(households)
    ids = w.gen.ids("energy_energyaid", n)
    sid = w.gen.refs.service[service]
    w.gen.tables.add(
        "energy_energyaid",
        ["id", "office_id", "household_id", "service_id", "granted_on", "amount",
         "lac_dossier_id", "scan_id", "registered_by_id"],
        [(int(ids[k]), w.office, w.hh(households[k]), sid, _date(days[k]), f"{amounts[k]:.2f}",
          lac[k] if lac is not None else None, scans[k] if scans is not None else None, None)
         for k in range(n)],
    )  # fmt: skip


def _energy_aid(w: _Writer, year: int, debts: dict[int, tuple[int, str]]) -> None:
    gen, rng = w.gen, w.rng
    # Debts taken over: from this year's LAC dossiers, the day after the session.
    lac_ids = list(debts)
    households = [debts[i][0] for i in lac_ids]
    days = [dt.date.fromisoformat(debts[i][1]) + dt.timedelta(days=1) for i in lac_ids]
    days = [min(d, dt.date(year, 12, 31)) for d in days]
    _aid(w, "energieschulden-ten-laste", households, days, w.amounts(len(lac_ids), 900), lac_ids)
    previous = gen.n(gen.target("energieschulden_2022").value)
    hh = gen.pick(w.clients, previous)
    _aid(w, "energieschulden-ten-laste", hh, w.days(previous, year - 1), w.amounts(previous, 850))
    for target, y in (("energie_2023", year), ("energie_2022", year - 1)):
        n = gen.n(gen.target(target).value)
        _aid(w, "tussenkomst-energie", gen.pick(w.clients, n), w.days(n, y), w.amounts(n, 250))
    n = gen.n(gen.target("winterpremie").value)
    _aid(w, "winterpremie", gen.pick(w.clients, n), w.days(n, year), np.full(n, 100.0))
    # Energy scans, and the appliance premium a few weeks after each.
    n = gen.n(gen.target("energiepremie_toestellen").value)
    hh = gen.pick(w.clients, n)
    visited = w.days(n, year, dt.date(year, 11, 30))
    scan_ids = gen.ids("energy_energyscan", n)
    gen.tables.add(
        "energy_energyscan",
        ["id", "office_id", "household_id", "visited_on", "recommendations", "registered_by_id"],
        [(int(scan_ids[k]), w.office, w.hh(hh[k]), _date(visited[k]),
          "Koelkast vervangen; radiatorfolie; ledlampen.", None) for k in range(n)],
    )  # fmt: skip
    granted = [d + dt.timedelta(days=int(rng.integers(7, 30))) for d in visited]
    _aid(w, "energiepremie-toestellen", hh, granted, w.amounts(n, 300, 0.3), None,
         [int(i) for i in scan_ids])  # fmt: skip


def _housing(w: _Writer, year: int) -> None:
    gen, rng = w.gen, w.rng
    rows = []
    n = gen.n(gen.target("wooncoaches").value)
    hh = gen.pick(w.clients, n)
    # Started in the year or the one before, each still running on some day of the year.
    starts = [s - dt.timedelta(days=365 * int(rng.random() < 0.5)) for s in w.days(n, year)]
    for k in range(n):
        end = max(
            starts[k] + dt.timedelta(days=int(rng.integers(120, 540))),
            dt.date(year, 1, 1) + dt.timedelta(days=int(rng.integers(0, 300))),
        )
        rows.append(
            (w.hh(hh[k]), "wooncoach", starts[k], end if end.year == year else None, "", None)
        )
    owners = np.flatnonzero(~gen.hh_client)
    n = gen.n(gen.target("gent_knapt_op").value)
    for k, on in zip(gen.pick(owners, n), w.days(n, year), strict=True):
        steps = "Renovatieadvies\nOffertes\nPremieaanvraag\nWerken"
        rows.append((w.hh(k), "gent-knapt-op", on, None, steps, f"{rng.integers(15, 60)}000.00"))
    ids = gen.ids("energy_housingtrajectory", len(rows))
    gen.tables.add(
        "energy_housingtrajectory",
        ["id", "office_id", "household_id", "kind", "started_on", "ended_on", "steps", "budget",
         "registered_by_id"],
        [(int(i), w.housing_office, h, kind, _date(s), _date(e) if e else None, st, b, None)
         for i, (h, kind, s, e, st, b) in zip(ids, rows, strict=True)],
    )  # fmt: skip
    n = gen.n(gen.target("huurwaarborg").value)
    hh = gen.pick(w.clients, n)
    granted = w.days(n, year)
    amount = np.round(w.amounts(n, 1800, 0.25), 0)
    months = [max(0, (dt.date(year, 12, 31) - g).days // 30) for g in granted]
    ids = gen.ids("energy_rentguarantee", n)
    gen.tables.add(
        "energy_rentguarantee",
        ["id", "office_id", "household_id", "tenants", "form", "granted_on", "amount",
         "monthly_repayment", "repaid", "registered_by_id"],
        [(int(ids[k]), w.housing_office, w.hh(hh[k]), 1,
          "waarborgbrief" if rng.random() < 0.6 else "storting", _date(granted[k]),
          f"{amount[k]:.2f}", "50.00", f"{min(amount[k], 50 * months[k]):.2f}", None)
         for k in range(n)],
    )  # fmt: skip


def _rent_arrears_outcomes(w: _Writer) -> None:
    """An outcome for each rent-arrears melding the wooncoaches closed."""
    gen = w.gen
    columns = gen.tables.columns.get("meldingen_melding", [])
    if not columns:
        return
    category = gen.refs.meldingen["category"]["huurachterstal"][0]
    at = {c: columns.index(c) for c in ("id", "category_id", "status", "closed_at")}
    closed = [
        r for r in gen.tables.rows["meldingen_melding"]
        if r[at["category_id"]] == category and r[at["status"]] == "afgehandeld"
    ]  # fmt: skip
    outcome = _mix(w.rng, len(closed), RENT_ARREARS_OUTCOME_MIX)
    ids = gen.ids("energy_rentarrearsoutcome", len(closed))
    gen.tables.add(
        "energy_rentarrearsoutcome",
        ["id", "melding_id", "outcome", "decided_on", "household_id", "registered_by_id"],
        [(int(i), r[at["id"]], str(o), str(r[at["closed_at"]])[:10], None, None)
         for i, r, o in zip(ids, closed, outcome, strict=True)],
    )  # fmt: skip


def build(gen: Generator) -> None:
    w = _Writer(gen)
    debts = _lac_dossiers(w, gen.year)
    _energy_aid(w, gen.year, debts)
    _housing(w, gen.year)
    _rent_arrears_outcomes(w)
