"""Synthetic Ghent's sessions with groups: Repair Cafés, trainings, language cafés, info
sessions, Leefstraat trajectories, ... written as a team registers them (a session on a
date at a place with its participants counted, some by name; series with their outcome),
at the calibrated volumes. The report counts these rows through `activities.measures`.

Per calibrated figure (``calibration.csv``, measure ``activities.*``), exactly:

* ``activities.sessions``: that many sessions of the service;
* ``activities.participants``: participants spread over the service's sessions (a typical
  number of sessions where the seed gives none, `SESSIONS`), summing to the figure;
* ``activities.series_participants``: that many persons of the target's pool, by name, in
  groups of a series (the 40-hour participation trajectory);
* Repair Cafés: the average number of visitors per session exactly, items brought in tens
  and the calibrated share of them repaired; Dag van de Buren in that many different wijken;
  Leefstraten: that many trajectories (series) in the
  year, the given number of them closed with the Leefstraat realised.

The Vrijwilligerspunt's trainings register their participants by name (adults of the
population, each once), the others count them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np

from . import reference as ref
from .rows import dates as _iso
from .rows import day as _day

if TYPE_CHECKING:
    from .generator import Generator
    from .targets import Target

#: Sessions of a service whose number the seed does not give (a typical year).
SESSIONS = {
    "dag-tegen-homo-en-transfobie": 1,
    "lezing-microagressies": 1,
    "amal-nederlands-oefenen": 160,
    "taalcafe-mundial": 48,
    "taalkampen": 8,
    "omstaandertrainingen": 80,
    "opleiding-trainers-haatspraak": 1,
    "online-haatspraak-trainingen": 8,
    "universal-design-opleidingen": 4,
    "groepswerkingen": 30,
    "netwerkdag-middenveld": 1,
    "dag-van-de-buren": 14,
}
#: Participants per session where the seed counts sessions only.
TYPICAL_SIZE = {
    "infosessies-oekraine": 20,
    "digicoaches-u-connect-workshops": 9,
    "zeg-het-met-koffie": 15,
    "dag-van-de-buren": 60,
    "leefstraten": 14,
}
#: The organising team of each service's sessions.
OFFICE = {
    "repair-cafes": "team-buurtwerk",
    "dag-van-de-buren": "team-buurtwerk",
    "zeg-het-met-koffie": "team-buurtwerk",
    "leefstraten": "team-buurtwerk",
    "open-huizen": "team-buurtwerk",
    "infosessies-oekraine": "team-cel-oekraine",
    "groepswerkingen": "team-werk-activering",
    "digicoaches-u-connect-workshops": "team-werk-activering",
    "vormingen-vrijwilligers": "team-vrijwilligerspunt",
}
DEFAULT_OFFICE = "team-gelijke-kansen"
#: Series of support that end in a handover, by service.
HANDOVER_TITLE = {"open-huizen": "Begeleiding vrijwilligers Open Huis"}
LEEFSTRAAT_SESSIONS = 2
#: The participation trajectory: 40 hours in 10 weekly sessions, groups of about 15, who
#: attends 8 of them has completed it.
TRAJECTORY_SESSIONS, TRAJECTORY_GROUP, TRAJECTORY_REQUIRED = 10, 15, 8
NAMED_SERVICES = frozenset({"vormingen-vrijwilligers"})

ACTIVITY_COLUMNS = [
    "id", "service_id", "series_id", "title", "date", "office_id", "partner_id", "place",
    "street", "number", "postcode", "wijk_id", "headcount", "items_brought", "items_repaired",
    "registered_by_id", "cancelled_at", "cancelled_by_id", "cancel_reason",
]  # fmt: skip
SERIES_COLUMNS = [
    "id", "service_id", "title", "office_id", "partner_id", "wijk_id", "start_date",
    "end_date", "sessions_required", "status", "goal_reached", "registered_by_id",
]  # fmt: skip


class ActivitiesBuilder:
    def __init__(self, gen: Generator):
        self.gen, self.rng = gen, gen.rng
        self.wijk_codes = sorted(ref.WIJKEN)
        self.rows: list[tuple] = []
        self.series_rows: list[tuple] = []
        self.participant_rows: list[tuple] = []

    def targets(self) -> dict[tuple[str, str], Target]:
        """(service, measure) -> calibration target of the activities measures."""
        return {
            (t.services[0], t.measure): t
            for t in self.gen.targets
            if t.measure.startswith("activities.") and t.year == self.gen.year
        }

    def split(self, total: int, parts: int) -> np.ndarray:
        """`total` spread over `parts` sessions at random, summing exactly."""
        return self.rng.multinomial(total, np.full(parts, 1 / parts))

    def sessions(
        self,
        service: str,
        headcounts: np.ndarray,
        *,
        wijken: np.ndarray | None = None,
        places: list[str] | None = None,
        days: np.ndarray | None = None,
        series: list[int | None] | None = None,
        brought: np.ndarray | None = None,
        repaired: np.ndarray | None = None,
    ) -> np.ndarray:
        gen, n = self.gen, len(headcounts)
        ids = gen.ids("activities_activity", n)
        if wijken is None:
            wijken = self.rng.integers(0, len(self.wijk_codes), n)
        if days is None:
            days = np.sort(gen.days_in_year(n))
        dates = _iso(days)
        office = gen.refs.office[OFFICE.get(service, DEFAULT_OFFICE)]
        service_id = gen.refs.service[service]
        for i in range(n):
            wijk = self.wijk_codes[int(wijken[i])]
            self.rows.append(
                (
                    int(ids[i]),
                    service_id,
                    series[i] if series else None,
                    "",
                    dates[i],
                    office,
                    None,
                    places[i] if places else "",
                    "",
                    "",
                    ref.WIJKEN[wijk][1],
                    gen.refs.wijk[wijk],
                    int(headcounts[i]),
                    None if brought is None else int(brought[i]),
                    None if repaired is None else int(repaired[i]),
                    None,
                    None,
                    None,
                    "",
                )
            )
        return ids

    def build(self) -> None:
        gen, rng = self.gen, self.rng
        targets = self.targets()
        by_service: dict[str, dict[str, Target]] = {}
        for (service, measure), t in targets.items():
            by_service.setdefault(service, {})[measure.removeprefix("activities.")] = t
        for service, found in sorted(by_service.items()):
            if service == "repair-cafes":
                self.repair_cafes(found)
            elif service == "leefstraten":
                self.leefstraten(found)
            elif set(found) == {"series_goal_reached"}:
                self.handovers(service, found["series_goal_reached"])
            elif "series_participants" in found:
                self.trajectories(service, found["series_participants"])
            elif service == "dag-van-de-buren":
                n_wijken = min(gen.n(found["wijken"].value), len(self.wijk_codes))
                chosen = rng.permutation(len(self.wijk_codes))[:n_wijken]
                n = max(n_wijken, gen.n(SESSIONS[service]))
                wijken = np.concatenate([chosen, rng.choice(chosen, n - n_wijken)])
                may = _day(dt.date(gen.year, 5, 26))
                size = TYPICAL_SIZE[service]
                self.sessions(
                    service, rng.integers(size // 2, 2 * size, n), wijken=wijken,
                    days=np.full(n, may),
                )  # fmt: skip
            else:
                self.counted(service, found)
        gen.tables.add("activities_series", SERIES_COLUMNS, self.series_rows)
        gen.tables.add("activities_activity", ACTIVITY_COLUMNS, self.rows)
        gen.tables.add(
            "activities_participant",
            ["id", "activity_id", "person_id", "name", "registered_by_id"],
            self.participant_rows,
        )

    def counted(self, service: str, found: dict[str, Target]) -> None:
        """Sessions (calibrated or typical) with participants (calibrated or typical)."""
        gen, rng = self.gen, self.rng
        n = gen.n(found["sessions"].value) if "sessions" in found else gen.n(SESSIONS[service])
        if "participants" in found:
            heads = self.split(gen.n(found["participants"].value), n)
        else:
            size = TYPICAL_SIZE[service]
            heads = rng.integers(size // 2, 2 * size, n)
        if service not in NAMED_SERVICES:
            self.sessions(service, heads)
            return
        ids = self.sessions(service, np.zeros(n, np.int64))
        people = gen.pick(gen.pool("population_adult"), int(heads.sum()))
        people = rng.permutation(people)
        pids = gen.ids("activities_participant", len(people))
        at = np.repeat(ids, heads)
        for k in range(len(people)):
            self.participant_rows.append(
                (int(pids[k]), int(at[k]), int(gen.p_id_of[people[k]]), "", None)
            )

    def repair_cafes(self, found: dict[str, Target]) -> None:
        gen, rng = self.gen, self.rng
        n = gen.n(found["sessions"].value)
        average = round(found["average_participants"].value)
        visitors = self.split(average * n, n)  # averages exactly `average`
        share = found["repaired_share"].value
        brought = 10 * rng.integers(2, 5, n)
        repaired = np.round(brought * share).astype(np.int64)
        self.sessions(
            "repair-cafes", visitors, places=[f"Repair Café {i % 12 + 1}" for i in range(n)],
            brought=brought, repaired=repaired,
        )  # fmt: skip

    def series(self, service: str, title: str, starts, ends, wijken, *, required=1, goal=None):
        """Series rows (closed in the year: afgerond when the goal was reached)."""
        gen, n = self.gen, len(starts)
        ids = gen.ids("activities_series", n)
        office = gen.refs.office[OFFICE.get(service, DEFAULT_OFFICE)]
        goal = np.ones(n, bool) if goal is None else goal
        start_s, end_s = _iso(starts), _iso(ends)
        for i in range(n):
            wijk = self.wijk_codes[int(wijken[i])]
            self.series_rows.append(
                (
                    int(ids[i]),
                    gen.refs.service[service],
                    f"{title} {i + 1} ({wijk})",
                    office,
                    None,
                    gen.refs.wijk[wijk],
                    start_s[i],
                    end_s[i],
                    required,
                    "afgerond" if goal[i] else "stopgezet",
                    bool(goal[i]),
                    None,
                )
            )
        return ids

    def trajectories(self, service: str, target: Target) -> None:
        """Groups of newcomers (by name: persons of the target's pool, each in one group)
        in weekly sessions; each attends all but up to two."""
        gen, rng = self.gen, self.rng
        people = rng.permutation(gen.pick(gen.pool(target.pool), gen.n(target.value)))
        n = -(-len(people) // TRAJECTORY_GROUP)
        k = TRAJECTORY_SESSIONS
        last = _day(dt.date(gen.year, 12, 31)) - 7 * k
        starts = rng.integers(_day(dt.date(gen.year, 1, 2)), last, n)
        wijken = rng.integers(0, len(self.wijk_codes), n)
        series = self.series(
            service, "Participatietraject", starts, starts + 7 * k, wijken,
            required=TRAJECTORY_REQUIRED,
        )  # fmt: skip
        days = np.repeat(starts, k) + np.tile(7 * np.arange(k), n)
        sessions = self.sessions(
            service, np.zeros(n * k, np.int64), wijken=np.repeat(wijken, k), days=days,
            series=[int(s) for s in np.repeat(series, k)],
        ).reshape(n, k)  # fmt: skip
        group = np.arange(len(people)) % n
        missed = rng.integers(0, 3, len(people))
        for p, g, m in zip(people.tolist(), group.tolist(), missed.tolist(), strict=True):
            attended = np.sort(rng.permutation(k)[: k - m])
            pids = gen.ids("activities_participant", len(attended))
            for pid, s in zip(pids.tolist(), sessions[g, attended].tolist(), strict=True):
                self.participant_rows.append((pid, s, int(gen.p_id_of[p]), "", None))

    def handovers(self, service: str, target: Target) -> None:
        """Support of a group (the volunteers of an Open Huis) that ran for years and was
        handed over in the year: a series closed with its goal reached."""
        gen, rng = self.gen, self.rng
        n = gen.n(target.value)
        starts = rng.integers(
            _day(dt.date(gen.year - 4, 1, 1)), _day(dt.date(gen.year - 1, 12, 31)), n
        )
        ends = rng.integers(_day(dt.date(gen.year, 1, 15)), _day(dt.date(gen.year, 12, 15)), n)
        self.series(
            service, HANDOVER_TITLE[service], starts, ends,
            rng.integers(0, len(self.wijk_codes), n),
        )  # fmt: skip

    def leefstraten(self, found: dict[str, Target]) -> None:
        gen, rng = self.gen, self.rng
        n = gen.n(found["series"].value)
        reached = min(gen.n(found["series_goal_reached"].value), n)
        starts = rng.integers(_day(dt.date(gen.year, 3, 1)), _day(dt.date(gen.year, 5, 31)), n)
        wijken = rng.integers(0, len(self.wijk_codes), n)
        goal = np.zeros(n, bool)
        goal[rng.permutation(n)[:reached]] = True
        ids = self.series(
            "leefstraten", "Leefstraat", starts, starts + rng.integers(60, 120, n), wijken,
            goal=goal,
        )  # fmt: skip
        k = LEEFSTRAAT_SESSIONS
        days = np.repeat(starts, k) + np.tile(np.arange(k) * 30, n)
        size = TYPICAL_SIZE["leefstraten"]
        self.sessions(
            "leefstraten", rng.integers(size // 2, 2 * size, n * k), wijken=np.repeat(wijken, k),
            days=days, series=[int(s) for s in np.repeat(ids, k)],
        )  # fmt: skip


def build_activities(gen: Generator) -> None:
    """Add the sessions, series and named participants to the generator's tables."""
    ActivitiesBuilder(gen).build()
