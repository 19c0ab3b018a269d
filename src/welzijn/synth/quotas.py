"""Records per calibration target: exactly N persons, households or records of a service
(drawn from the target's pool), with outcomes, plus the targets that need their own shape."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .casework import (
    add_contacts,
    interventions_for,
    office_for,
    set_outcomes,
    trajectories_for,
)
from .rows import day
from .targets import Target

if TYPE_CHECKING:
    from .generator import Generator


def build_quotas(gen: Generator) -> None:
    rng = gen.rng
    done: set[str] = set()
    by_service: dict[tuple[str, int], list[Target]] = {}
    for t in gen.targets:
        if t.measure in (
            "persons",
            "households",
            "records",
            "persons_started",
        ) and t.pool not in (
            "special",
            "",
        ):
            by_service.setdefault((t.services[0], t.year), []).append(t)
    for (service, year), group in by_service.items():
        kind = gen.refs.service_kind[service]
        persons_t = next((t for t in group if t.measure in ("persons", "persons_started")), None)
        hh_t = next((t for t in group if t.measure == "households"), None)
        records_t = next((t for t in group if t.measure == "records"), None)
        started = persons_t is not None and persons_t.measure == "persons_started"
        if persons_t is not None:
            persons = gen.pick(gen.pool(persons_t.pool), gen.n(persons_t.value))
            if records_t is not None:
                extra = gen.n(records_t.value) - len(persons)
                reps = 1 + np.bincount(
                    rng.integers(0, len(persons), max(extra, 0)), minlength=len(persons)
                )
                persons = np.repeat(persons, reps)
            households = gen.p_hh[persons]
        elif hh_t is not None:
            households = gen.pick(gen.pool(hh_t.pool), gen.n(hh_t.value))
            persons = gen.ref_of[households]
        else:
            assert records_t is not None
            households = np.sort(rng.choice(gen.pool(records_t.pool), gen.n(records_t.value)))
            persons = None
        if kind == "trajectory":
            pos = trajectories_for(
                gen,
                service,
                persons if persons_t is not None else None,
                households,
                started_in_year=started or records_t is not None,
                year=year,
            )
            _outcome_targets(gen, service, pos)
        else:
            days = np.sort(gen.days_in_year(len(households), year))
            interventions_for(gen, service, persons, households, days)
        done.add(service)
    _special_targets(gen)
    # Energy scans: the same households as the appliance premium, before it.


def _outcome_targets(gen: Generator, service: str, positions: np.ndarray) -> None:
    for t in gen.targets:
        if t.services and t.services[0] == service and t.measure == "outcome_share":
            set_outcomes(gen, positions, t.detail, t.value, None)
        if t.services and t.services[0] == service and t.measure == "outcome_count":
            set_outcomes(gen, positions, t.detail, None, gen.n(t.value))


def _special_targets(gen: Generator) -> None:
    rng = gen.rng
    # Budget guidance: running trajectories, clients (leefloon households first).
    n = gen.n(gen.target("budget_schuldhulp").value)
    order = np.concatenate(
        [
            rng.permutation(np.flatnonzero(gen.hh_client & gen.hh_leefloon)),
            rng.permutation(np.flatnonzero(gen.hh_client & ~gen.hh_leefloon)),
        ]
    )
    k_lf = int(0.45 * n)
    chosen = np.sort(
        np.concatenate(
            [
                order[: min(k_lf, int(gen.hh_leefloon.sum()))],
                rng.permutation(np.flatnonzero(gen.hh_client & ~gen.hh_leefloon))[
                    : n - min(k_lf, int(gen.hh_leefloon.sum()))
                ],
            ]
        )
    )
    gen.hh_budget = np.zeros(gen.n_hh, bool)
    gen.hh_budget[chosen] = True
    trajectories_for(
        gen,
        "budget-en-schuldhulpverlening",
        None,
        chosen,
        status=np.ones(len(chosen), np.int64),
        latest_start=day(gen.ref_date) - 1,
    )
    # Nooddorp, and the stays of Opvang & Oriëntatie: in `synth.shelter`.
    # Opvang & Oriëntatie: 39 adults without legal residence, a trajectory (their stays:
    # synth.shelter).
    oo = gen.zonder[-gen.n(gen.target("oo_verblijf").value) :]
    pos = trajectories_for(
        gen,
        "opvang-en-orientatie-begeleiding",
        oo,
        gen.p_hh[oo],
        status=np.where(
            np.arange(len(oo)) < gen.n(gen.target("oo_wettig_verblijf").value) + 3, 2, 1
        ),
    )
    _outcome_targets(gen, "opvang-en-orientatie-begeleiding", pos)
    # Housing First: the tenants' stays in the housing-first homes, in `synth.shelter`.
    # Onthaal without follow-up: distinct non-client persons.
    n = gen.n(gen.target("onthaal_zonder_vervolg").value)
    persons = gen.pick(
        gen.pool("population_person")[gen.p_age[gen.pool("population_person")] >= 18], n
    )
    hh = gen.p_hh[persons]
    add_contacts(
        gen,
        offices=[office_for(gen, "welzijnsonthaal", h) for h in hh],
        days=np.sort(gen.days_in_year(n)),
        persons=persons,
        households=hh,
        dossiers=None,
        reason="Vraag om informatie",
        service="welzijnsonthaal",
        outcome="geen-vervolgtraject",
    )
