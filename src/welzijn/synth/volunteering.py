"""Synthetic Ghent for the Vrijwilligerspunt: organisations with vacancies, volunteers
(persons of the synthetic population) and the loket's matches of the year, written as the
loket and the organisations would have registered them."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

import numpy as np

from welzijn.volunteering.models import Cause, DayPart, Skill

if TYPE_CHECKING:
    from .generator import Generator

#: Registered volunteers per volunteer matched in the year (assumption, not in the seed).
VOLUNTEERS_PER_MATCH = 1.8
#: Of the matches followed up in the year, the share that became a real match (assumption).
REAL_MATCH_SHARE = 0.75
FOLLOW_UP_DAYS = 42
TITLES = ("Onthaalmedewerker", "Kok", "Chauffeur", "Huiswerkbegeleider", "Buddy", "Klusser",
          "Tuinier", "Animator", "Taalcoach", "Administratief medewerker")  # fmt: skip
INSURERS = ("Ethias", "AG Insurance", "KBC Verzekeringen", "P&V", "Baloise")
DAYS = tuple(DayPart.values)


def _json(values) -> str:
    return json.dumps(sorted(values))


def _picks(rng, n: int, ids: list[int], low: int, high: int) -> list[list[int]]:
    """For n owners, between low and high distinct ids each."""
    return [
        list(rng.choice(ids, size=int(k), replace=False)) for k in rng.integers(low, high + 1, n)
    ]


def _through(gen: Generator, table: str, owner: str, item: str, owners, picks) -> None:
    rows = [(o, i) for o, chosen in zip(owners, picks, strict=True) for i in chosen]
    ids = gen.ids(table, len(rows))
    gen.tables.add(
        table,
        ["id", f"{owner}_id", f"{item}_id"],
        [(int(k), int(o), int(i)) for k, (o, i) in zip(ids, rows, strict=True)],
    )


def build_volunteering(gen: Generator) -> None:
    rng = gen.rng
    causes = list(Cause.objects.values_list("pk", flat=True))
    skills = list(Skill.objects.values_list("pk", flat=True))
    wijken = np.array(sorted(gen.refs.wijk.values()))
    y0, y1 = gen.year_start, gen.year_end
    # Organisations, each with one or more vacancies that were open in the year.
    n_org = gen.n(gen.target("vrijwilligerspunt").value)
    org_ids = gen.ids("registry_organisation", n_org)
    gen.tables.add(
        "registry_organisation",
        ["id", "code", "name", "kind", "enterprise_number", "address_id"],
        [
            (int(i), f"synth-vzw-{i}", f"Vrijwilligersorganisatie {i}", "vereniging", "", None)
            for i in org_ids
        ],
    )
    per_org = 1 + rng.poisson(0.5, n_org)
    n_vac = int(per_org.sum())
    vac_ids = gen.ids("volunteering_vacancy", n_vac)
    vac_org = np.repeat(org_ids, per_org)
    published = y0 - rng.integers(0, 700, n_vac)
    closed = rng.random(n_vac) < 0.2
    closed_on = np.where(closed, rng.integers(y0, y1 + 1, n_vac), 0)
    vac_wijk = np.where(rng.random(n_vac) < 0.1, 0, rng.choice(wijken, n_vac))
    vac_causes = _picks(rng, n_vac, causes, 1, 2)
    vac_days = _picks(rng, n_vac, list(DAYS), 1, 2)
    title = rng.integers(0, len(TITLES), n_vac)
    rows = []
    for k in range(n_vac):
        rows.append(
            (
                int(vac_ids[k]),
                int(vac_org[k]),
                TITLES[title[k]],
                f"{TITLES[title[k]]} voor onze werking.",
                int(vac_wijk[k]) or None,
                "",
                int(rng.integers(2, 9)),
                _json(vac_days[k]),
                int(rng.choice([16, 18])),
                _json(["nl"] if rng.random() < 0.7 else []),
                bool(rng.random() < 0.5),
                "",
                INSURERS[int(rng.integers(0, len(INSURERS)))],
                f"{rng.integers(10**7, 10**8)}",
                "gesloten" if closed[k] else "open",
                gen_date(published[k]),
                gen_date(closed_on[k]) if closed[k] else None,
            )
        )
    gen.tables.add(
        "volunteering_vacancy",
        ["id", "organisation_id", "title", "task", "wijk_id", "place", "hours_per_week",
         "availability", "minimum_age", "languages", "accessible", "accessibility_note",
         "insurer", "policy_number", "status", "published_on", "closed_on"],
        rows,
    )  # fmt: skip
    _through(gen, "volunteering_vacancy_causes", "vacancy", "cause", vac_ids, vac_causes)
    _through(gen, "volunteering_vacancy_skills", "vacancy", "skill", vac_ids,
             _picks(rng, n_vac, skills, 0, 2))  # fmt: skip
    # Volunteers: adults of the synthetic population who registered at the loket.
    n_matched = gen.n(gen.target("vrijwilligersloket").value)
    n_vol = max(n_matched, round(n_matched * VOLUNTEERS_PER_MATCH))
    persons = rng.permutation(gen.pick(gen.pool("population_adult"), n_vol))
    vol_ids = gen.ids("volunteering_volunteer", len(persons))
    registered = y0 - rng.integers(-200, 500, len(persons))
    registered = np.minimum(registered, y1 - 60)
    vol_causes = _picks(rng, len(persons), causes, 1, 2)
    gen.tables.add(
        "volunteering_volunteer",
        ["id", "person_id", "registered_on", "wijk_id", "max_distance_km", "hours_per_week",
         "availability", "languages", "needs_accessible", "note", "active"],
        [
            (int(v), int(gen.p_id_of[p]), gen_date(registered[k]), int(rng.choice(wijken)),
             int(rng.integers(3, 16)), int(rng.integers(2, 11)),
             _json(rng.choice(DAYS, size=int(rng.integers(1, 4)), replace=False)),
             _json(["nl"] + (["en"] if rng.random() < 0.3 else [])), bool(rng.random() < 0.03),
             "", True)
            for k, (v, p) in enumerate(zip(vol_ids, persons, strict=True))
        ],
    )  # fmt: skip
    _through(gen, "volunteering_volunteer_causes", "volunteer", "cause", vol_ids, vol_causes)
    _through(gen, "volunteering_volunteer_skills", "volunteer", "skill", vol_ids,
             _picks(rng, len(persons), skills, 1, 3))  # fmt: skip
    _matches(gen, vol_ids, registered, n_matched, vac_ids, published)


def gen_date(day) -> str:
    return (dt.date(1970, 1, 1) + dt.timedelta(days=int(day))).isoformat()


def _matches(gen: Generator, vol_ids, registered, n_matched, vac_ids, published) -> None:
    """The first n_matched volunteers: a proposal both sides accepted in the year (some after
    a declined one); a tenth of the others: a proposal that was declined."""
    rng = gen.rng
    rows = []
    follow_up_by = gen.year_end - FOLLOW_UP_DAYS
    n_declined = len(vol_ids) // 10
    for k, volunteer in enumerate(vol_ids[: n_matched + n_declined]):
        vacancies = rng.choice(vac_ids, size=2, replace=False)
        start = max(gen.year_start, int(registered[k]))
        confirmed = int(rng.integers(start, gen.year_end - 7))
        proposed = confirmed - int(rng.integers(3, 15))
        answers = [("nee", "ja", "afgewezen", None)] if rng.random() < 0.2 else []
        answers.append(("ja", "ja", "bevestigd", confirmed) if k < n_matched else
                       ("ja", "nee", "afgewezen", None))  # fmt: skip
        for (vol_answer, org_answer, status, on), vacancy in zip(answers, vacancies, strict=False):
            followed = None
            if on is not None and on <= follow_up_by:
                followed = on + FOLLOW_UP_DAYS
                status = "echte-match" if rng.random() < REAL_MATCH_SHARE else "geen-match"
            rows.append(
                (
                    int(gen.ids("volunteering_match", 1)[0]),
                    int(volunteer),
                    int(vacancy),
                    gen_date(max(proposed, int(published[np.searchsorted(vac_ids, vacancy)]))),
                    None,
                    3.0,
                    json.dumps(["+3 engagement"]),
                    vol_answer,
                    org_answer,
                    status,
                    gen_date(on) if on is not None else None,
                    gen_date(on + FOLLOW_UP_DAYS) if on is not None else None,
                    gen_date(followed) if followed is not None else None,
                    "",
                )
            )
    gen.tables.add(
        "volunteering_match",
        ["id", "volunteer_id", "vacancy_id", "proposed_on", "proposed_by_id", "score", "reasons",
         "volunteer_answer", "organisation_answer", "status", "confirmed_on", "follow_up_due",
         "followed_up_on", "note"],
        rows,
    )  # fmt: skip
