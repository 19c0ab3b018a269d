"""Synthetic meldingen and conflicts, written as the wardens, the teams and Preventie would
have registered them in the year (never totals): the report counts them through
`welzijn.meldingen.measures`.

Volumes are the seed's (calibration.csv): 13,460 meldingen of pollution or defect by the
gemeenschapswachten; 1,685 administrative reports, 905 of them on fly-tipping meldingen and
the rest on nuisance meldingen (wildplassen, afvalaanbieding, peukenafval); 597 rent-arrears
meldingen (to the wooncoaches); 587 conflicts, 68% about noise, of which those closed in the
year with an answer say 'geholpen' in 78%; 12 Noodplanning incidents. How the pollution and
defect meldingen divide over the subcategories, the approaches and the closing times are
assumptions of this generator (the seed gives no figures for them)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from .generator import Generator

#: share of the pollution/defect meldingen per subcategory (an assumption)
POLLUTION_DEFECT = {
    "sluikstorten": 0.30,
    "zwerfvuil": 0.22,
    "volle-vuilnisbak": 0.12,
    "graffiti": 0.06,
    "hondenpoep": 0.05,
    "straatverlichting": 0.09,
    "wegdek-en-voetpad": 0.08,
    "straatmeubilair": 0.05,
    "speeltuig": 0.03,
}
NUISANCE = {"wildplassen": 0.4, "verkeerde-afvalaanbieding": 0.4, "peukenafval": 0.2}
CONFLICT_OTHER = {
    "burenruzie": 0.4,
    "horeca": 0.2,
    "studenten": 0.2,
    "precaire-woonsituatie": 0.1,
    "openbaar-domein": 0.1,
}
APPROACHES = {"advies": 0.45, "coaching": 0.2, "bemiddeling": 0.25, "actieplan": 0.1}
#: share of the meldingen still open at the end of the year, and of conflicts still running
OPEN_SHARE, RUNNING_SHARE, NO_ANSWER_SHARE = 0.04, 0.12, 0.1
MELDING_COLUMNS = [
    "id", "category_id", "team_id", "reporting_office_id", "created_by_id", "reported_at",
    "due_on", "status", "status_changed_at", "closed_at", "street", "house_number",
    "postcode_id", "latitude", "longitude", "place_note", "wijk_id", "description",
    "reporter_kind", "reporter_name", "reporter_email", "reporter_phone", "organisation_id",
    "report_number", "report_on",
]  # fmt: skip
EVENT_COLUMNS = ["id", "melding_id", "status_from", "status_to", "at", "by_id", "team_id", "note"]
CONFLICT_COLUMNS = ["id", "melding_id", "approach", "status", "started_on", "ended_on", "helped"]


def meldingen_refs() -> dict[str, Any]:
    """What the generator needs of the meldingen' reference data (ids, routing, centres)."""
    from welzijn.meldingen.models import Category
    from welzijn.registry.models import Wijk

    return {
        "category": {
            c.code: (c.pk, c.team_id, c.sla_days, c.sla_calendar_days)
            for c in Category.objects.filter(parent__isnull=False)
        },
        "centre": {
            w.code: (float(w.latitude), float(w.longitude))
            for w in Wijk.objects.exclude(latitude=None).exclude(longitude=None)
        },
    }


def _quotas(total: int, shares: dict[str, float]) -> dict[str, int]:
    """Exact counts per key summing to total (largest remainders)."""
    keys = list(shares)
    raw = np.array([shares[k] for k in keys]) * total
    counts = np.floor(raw).astype(int)
    for i in np.argsort(-(raw - counts))[: total - counts.sum()]:
        counts[i] += 1
    return dict(zip(keys, counts.tolist(), strict=True))


def _timestamps(days: np.ndarray, minutes: np.ndarray) -> list[str]:
    """UTC timestamps 'YYYY-MM-DD HH:MM:SS' (days since 1970, minutes in the day)."""
    stamps = days.astype("datetime64[D]") + minutes.astype("timedelta64[m]")
    return [s.replace("T", " ") for s in stamps.astype("datetime64[s]").astype(str).tolist()]


class MeldingenBuilder:
    def __init__(self, gen: Generator):
        self.gen = gen
        self.refs = gen.refs.meldingen
        self.rows: list[tuple] = []
        self.events: list[tuple] = []
        self.conflicts: list[tuple] = []
        self.report_seq = 0

    def office(self, code: str) -> int:
        return self.gen.refs.office[code]

    def add(
        self,
        category: str,
        count: int,
        *,
        office: str,
        reporter_kind: str,
        reports: int = 0,
        open_share: float = OPEN_SHARE,
    ) -> tuple[np.ndarray, np.ndarray]:
        """`count` meldingen of a category over the year; the first `reports` of them (in
        time order) with an administrative report. Returns (ids, report days)."""
        from welzijn.meldingen.sla import due_date

        gen, rng = self.gen, self.gen.rng
        if count <= 0:
            return np.array([], np.int64), np.array([], np.int64)
        category_id, team_id, sla_days, calendar = self.refs["category"][category]
        ids = gen.ids("meldingen_melding", count)
        days = np.sort(gen.days_in_year(count))
        minutes = rng.integers(6 * 60, 19 * 60, count)  # UTC daytime: the local date agrees
        wijken = list(self.refs["centre"])
        wijk_idx = rng.integers(0, len(wijken), count)
        jitter = rng.normal(0, 0.004, (count, 2))
        closing = rng.integers(0, 2 * sla_days + 2, count)
        is_open = rng.random(count) < open_share
        has_report = np.zeros(count, bool)
        if reports:
            has_report[gen.pick(np.arange(count), reports)] = True
        reported = _timestamps(days, minutes)
        closed = _timestamps(days + closing, minutes + 60)
        dates = days.astype("datetime64[D]").astype(object)
        for i in range(count):
            wijk = wijken[wijk_idx[i]]
            lat, lon = self.refs["centre"][wijk]
            report_number = report_on = None
            if has_report[i]:
                self.report_seq += 1
                report_number = f"BV-{gen.year}-{self.report_seq:05d}"
                report_on = dates[i].isoformat()
            status = "in behandeling" if is_open[i] else "afgehandeld"
            at = reported[i] if is_open[i] else closed[i]
            self.rows.append(
                (
                    int(ids[i]), category_id, team_id, self.office(office), None, reported[i],
                    due_date(dates[i], sla_days, calendar_days=calendar).isoformat(), status,
                    at, None if is_open[i] else at, "", "", None,
                    f"{lat + jitter[i, 0]:.6f}", f"{lon + jitter[i, 1]:.6f}", "",
                    gen.refs.wijk[wijk], "Synthetische melding", reporter_kind, "", "", "",
                    None, report_number, report_on,
                )
            )  # fmt: skip
            event_ids = self.gen.ids("meldingen_meldingevent", 2)
            self.events.append(
                (int(event_ids[0]), int(ids[i]), "", "gemeld", reported[i], None, team_id, "")
            )
            self.events.append(
                (int(event_ids[1]), int(ids[i]), "gemeld", status, at, None, team_id, "")
            )
        return ids, days

    def build_conflicts(self, total: int, noise_share: float, helped_share: float) -> None:
        gen, rng = self.gen, self.gen.rng
        noise = round(noise_share * total)
        per_category = {"geluidsoverlast": noise} | _quotas(total - noise, CONFLICT_OTHER)
        melding_ids, start_days = [], []
        for category, count in per_category.items():
            ids, days = self.add(
                category, count, office="team-preventie", reporter_kind="burger", open_share=0
            )
            melding_ids.append(ids)
            start_days.append(days)
        ids = np.concatenate(melding_ids)
        starts = np.concatenate(start_days) + rng.integers(0, 5, total)
        starts = np.minimum(starts, gen.year_end)
        ends = starts + rng.integers(7, 120, total)
        running = (ends > gen.year_end) | (rng.random(total) < RUNNING_SHARE)
        closed = np.flatnonzero(~running)
        no_answer = gen.pick(closed, round(NO_ANSWER_SHARE * len(closed)))
        answered = np.setdiff1d(closed, no_answer)
        yes = gen.pick(answered, round(helped_share * len(answered)))
        helped = np.full(total, "", dtype=object)
        helped[answered] = "nee"
        helped[yes] = "ja"
        helped[no_answer] = "geen antwoord"
        approach = rng.choice(list(APPROACHES), total, p=list(APPROACHES.values()))
        conflict_ids = gen.ids("meldingen_conflict", total)
        start_dates = starts.astype("datetime64[D]").astype(str)
        end_dates = ends.astype("datetime64[D]").astype(str)
        status_of = {int(m): not running[i] for i, m in enumerate(ids.tolist())}
        for i in range(total):
            self.conflicts.append(
                (
                    int(conflict_ids[i]), int(ids[i]), str(approach[i]),
                    "lopend" if running[i] else "afgesloten", start_dates[i],
                    None if running[i] else end_dates[i], helped[i] if not running[i] else "",
                )
            )  # fmt: skip
        # A running conflict keeps its melding in behandeling.
        for n, row in enumerate(self.rows):
            if row[0] in status_of and not status_of[row[0]]:
                r = list(row)
                r[7], r[9] = "in behandeling", None
                self.rows[n] = tuple(r)
        for n, event in enumerate(self.events):
            if event[1] in status_of and not status_of[event[1]] and event[3] == "afgehandeld":
                self.events[n] = (*event[:3], "in behandeling", *event[4:])

    def emit(self) -> None:
        tables = self.gen.tables
        tables.add("meldingen_melding", MELDING_COLUMNS, self.rows)
        tables.add("meldingen_meldingevent", EVENT_COLUMNS, self.events)
        tables.add("meldingen_conflict", CONFLICT_COLUMNS, self.conflicts)


def build_meldingen(gen: Generator) -> None:
    """Every melding and conflict of the year, at the seed's volumes and proportions."""
    builder = MeldingenBuilder(gen)
    target = gen.target
    pollution = gen.n(target("meldingen_vervuiling").value)
    reports = gen.n(target("bestuurlijke_verslagen").value)
    flytipping_reports = gen.n(target("bestuurlijke_verslagen_sluikstort").value)
    quotas = _quotas(pollution, POLLUTION_DEFECT)
    quotas["sluikstorten"] = max(quotas["sluikstorten"], flytipping_reports)
    for category, count in quotas.items():
        builder.add(
            category,
            count,
            office="team-gemeenschapswachten",
            reporter_kind="gemeenschapswacht",
            reports=flytipping_reports if category == "sluikstorten" else 0,
        )
    for category, count in _quotas(max(reports - flytipping_reports, 0), NUISANCE).items():
        builder.add(
            category,
            count,
            office="team-gemeenschapswachten",
            reporter_kind="gemeenschapswacht",
            reports=count,
        )
    builder.add(
        "huurachterstal",
        gen.n(target("huurachterstal").value),
        office="team-wooncoaches",
        reporter_kind="partner",
    )
    builder.build_conflicts(
        gen.n(target("conflicten").value),
        target("conflicten_geluid").value,
        target("conflicten_geholpen").value,
    )
    builder.add(
        "incident",
        gen.n(target("crisisbeheer").value),
        office="team-noodplanning",
        reporter_kind="dienst",
    )
    builder.emit()
