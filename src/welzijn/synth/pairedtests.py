"""Synthetic Ghent for the praktijktesten: one campaign of the year, its agents and paired
tests, with a planted level of net discrimination per characteristic that the statistics must
recover (tests/pairedtests/test_synthetic_recovery.py) and that the report reproduces
(synth/calibration.csv)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np

from welzijn.pairedtests.models import Characteristic

if TYPE_CHECKING:
    from .generator import Generator

#: Planted net discrimination per characteristic (assumption, not in the seed: the 2023
#: report says wheelchair users and people with a migration background meet it most).
PLANTED_NET = {
    "rolstoelgebruiker": 0.30,
    "maghrebijnse-naam": 0.20,
    "vervangingsinkomen": 0.10,
    "koppel-zelfde-geslacht": 0.02,
}
#: Share of the tests per characteristic, and of the pairs where at least one of the two
#: got an invitation (assumptions). The shares are written exactly (up to rounding), in a
#: random order over the agents, so that each characteristic's figures reproduce at any scale.
CHARACTERISTIC_SHARE = (0.30, 0.35, 0.20, 0.15)
AT_LEAST_ONE_INVITED = 0.55
ONLY_TEST_INVITED = 0.05  # of the pairs with an invitation: only the test applicant
TESTS_PER_AGENCY = 14  # 1,225 tests over some 88 estate agents
#: The calibration row of the tests at private landlords; estate agents get the rest of the
#: total, so that the total holds at every scale (the split is off by one at tiny scales).
PRIVATE_TARGET = "praktijktesten_particulier"


def gen_date(day) -> str:
    return (dt.date(1970, 1, 1) + dt.timedelta(days=int(day))).isoformat()


def _allocate(n: int, shares) -> np.ndarray:
    """n split by shares, rounded so that the parts add up to n (largest remainders)."""
    exact = np.asarray(shares) * n
    parts = np.floor(exact).astype(int)
    parts[np.argsort(parts - exact)[: n - parts.sum()]] += 1
    return parts


def build_paired_tests(gen: Generator) -> None:
    rng = gen.rng
    characteristics = dict(Characteristic.objects.values_list("code", "pk"))
    codes = list(PLANTED_NET)
    (campaign,) = gen.ids("pairedtests_campaign", 1)
    gen.tables.add(
        "pairedtests_campaign",
        ["id", "name", "start_date", "end_date", "method", "note"],
        [(int(campaign), f"Praktijktesten huurmarkt {gen.year}", gen_date(gen.year_start),
          gen_date(gen.year_end), "gepaarde correspondentietesten (e-mail)", "")],
    )  # fmt: skip
    agents, agent_rows = [], []
    total = gen.n(gen.target("praktijktesten").value)
    private = min(total, gen.n(gen.target(PRIVATE_TARGET).value))
    for kind, n_tests in (("makelaar", total - private), ("particulier", private)):
        n_agents = max(1, round(n_tests / TESTS_PER_AGENCY)) if kind == "makelaar" else n_tests
        ids = gen.ids("pairedtests_agent", n_agents)
        label = "Immo" if kind == "makelaar" else "Verhuurder"
        agent_rows += [(int(i), f"{label} {i}", kind) for i in ids]
        agents.append(ids[np.arange(n_tests) % n_agents])
    gen.tables.add("pairedtests_agent", ["id", "name", "kind"], agent_rows)
    agent = rng.permutation(np.concatenate(agents))
    n = len(agent)
    which = rng.permutation(np.repeat(np.arange(len(codes)), _allocate(n, CHARACTERISTIC_SHARE)))
    only_test, only_control, both = (np.zeros(n, bool) for _ in range(3))
    for c, code in enumerate(codes):
        # Exactly the planted shares among this characteristic's tests, in random order.
        tests = rng.permutation(np.flatnonzero(which == c))
        invited = round(len(tests) * AT_LEAST_ONE_INVITED)
        n_test = round(invited * ONLY_TEST_INVITED)
        n_control = min(invited - n_test, round(invited * (ONLY_TEST_INVITED + PLANTED_NET[code])))
        only_test[tests[:n_test]] = True
        only_control[tests[n_test : n_test + n_control]] = True
        both[tests[n_test + n_control : invited]] = True
    other = np.where(rng.random(n) < 0.4, "antwoord", "geen")
    test_outcome = np.where(both | only_test, "bezichtiging", other)
    control_outcome = np.where(both | only_control, "bezichtiging", rng.permutation(other))
    rent = np.round(np.exp(rng.normal(np.log(850), 0.3, n)), 0)
    wijken = np.array(sorted(gen.refs.wijk.values()))
    wijk = rng.choice(wijken, n)
    days = np.sort(gen.days_in_year(n))
    ids = gen.ids("pairedtests_pairedtest", n)
    profiles = dict(Characteristic.objects.values_list("code", "test_profile"))
    controls = dict(Characteristic.objects.values_list("code", "control_profile"))
    gen.tables.add(
        "pairedtests_pairedtest",
        ["id", "campaign_id", "agent_id", "characteristic_id", "advert", "rent", "wijk_id",
         "sent_on", "test_profile", "control_profile", "test_outcome", "control_outcome"],
        [
            (int(ids[k]), int(campaign), int(agent[k]), characteristics[codes[which[k]]],
             f"Advertentie {ids[k]}", f"{rent[k]:.2f}", int(wijk[k]), gen_date(days[k]),
             profiles[codes[which[k]]], controls[codes[which[k]]], str(test_outcome[k]),
             str(control_outcome[k]))
            for k in range(n)
        ],
    )  # fmt: skip
