"""Decisions of the Bijzonder Comité: grants with their hearings, and leefloon refusals."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .casework import (
    add_decisions,
    dossier,
    office_for,
)
from .population import (
    R_ZONDER,
)
from .rows import dates

if TYPE_CHECKING:
    from .generator import Generator

LEEFLOON_REFUSALS = 1500  # leefloon refusals in the year (assumption, not in the seed)


def build_decisions(gen: Generator) -> None:
    """Refusals of leefloon requests; exactly the seed's number got a hearing."""
    rng = gen.rng
    n = gen.n(LEEFLOON_REFUSALS)
    hearings = gen.n(gen.target("hoorzittingen").value)
    cand = np.flatnonzero(
        gen.hh_client[gen.p_hh] & (gen.p_age >= 18) & ~gen.p_leefloon & (gen.p_res != R_ZONDER)
    )
    persons = gen.pick(cand, n)
    hh = gen.p_hh[persons]
    decided = np.maximum(
        rng.integers(gen.year_start - 40, gen.year_end - 60, len(persons)),
        gen.client_opened[hh],
    )
    heard = np.zeros(len(persons), bool)
    heard[gen.pick(np.arange(len(persons)), hearings)] = True
    req = decided + rng.integers(3, 20, len(persons))
    held = req + rng.integers(10, 30, len(persons))
    held = np.where(held > gen.year_end, gen.year_end, held)
    req = np.where(heard & (decided < gen.year_start), decided, req)
    # hearings are held in the year
    decided = np.where(heard & (decided < gen.year_start), gen.year_start, decided)
    req = np.where(heard, np.maximum(decided, np.minimum(req, held - 5)), req)
    held = np.where(heard, np.maximum(held, np.maximum(req, gen.year_start)), held)
    appeal = (rng.random(len(persons)) < 0.08) & ~heard
    appeal_day = decided + rng.integers(10, 60, len(persons))
    appeal_outcome = rng.choice(
        ["lopend", "bevestigd", "hervormd", "ingetrokken"], len(persons), p=[0.5, 0.3, 0.1, 0.1]
    )
    ids = gen.ids("casework_decision", len(persons))
    ds, rs, hs, ap = dates(decided), dates(req), dates(held), dates(appeal_day)
    rows = []
    for i in range(len(persons)):
        h = int(hh[i])
        rows.append(
            (
                int(ids[i]),
                dossier(gen, h, office_for(gen, "leefloon", h), int(decided[i])),
                int(persons[i]),
                gen.refs.service["leefloon"],
                "weigering",
                "Bestaansmiddelen hoger dan het leefloonbedrag van de categorie.",
                ds[i],
                rs[i] if heard[i] else None,
                hs[i] if heard[i] else None,
                ap[i] if appeal[i] else None,
                str(appeal_outcome[i]) if appeal[i] else "",
            )
        )
    add_decisions(gen, rows)
