"""Synthetic subsidy applications, as associations would have submitted them and officials
decided them: Samen aan Zet, the recognition and subsidy of doelgroepverenigingen and the
Sociaal Innovatiefonds. Volumes come from the calibration rows; the rest are assumptions
noted here (they are not figures of the report):

* Samen aan Zet: the 1000th application of the year is submitted in August (the seed: "in
  augustus vierden we de 1000ste aanvraag", read as the 1000th of 2023), so about 1,600 are
  submitted over the year; the seed's number of them is granted, the others refused. Category
  mix 40 % 1a, 35 % 1b, 15 % 2, 10 % 3; an association submits at most 4 a year.
* Doelgroepverenigingen: each recognised association holds a recognition for 2023; the
  seed's number of them also gets a working subsidy for 2023.
* Sociaal Innovatiefonds: the projects of the 2022-2024 call, selected by the jury in 2022,
  run from September 2022 to August 2024.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .generator import Generator

APP_COLS = [
    "id", "call_id", "organisation_id", "number", "title", "description", "category",
    "legal_form", "active_in_ghent", "exclusions", "target_group", "wijk_id",
    "activities_last_year", "members", "start_date", "end_date", "status", "created_by_id",
    "submitted_on", "jury_deadline", "checked_by_id", "checked_on", "check_note",
    "granted_amount", "decided_on", "decided_by_id", "motivation",
]  # fmt: skip
LINE_COLS = ["id", "application_id", "kind", "description", "amount"]
ORG_COLS = ["id", "code", "name", "kind", "enterprise_number", "address_id"]
ADVICE_COLS = [
    "id", "service_id", "organisation_id", "office_id", "given_on", "topic", "note",
    "registered_by_id",
]  # fmt: skip
ADVICE_TOPICS = ("juridisch", "administratief", "financieel", "ander")
ADVICE_TOPIC_SHARE = (0.35, 0.30, 0.25, 0.10)
#: The Verenigingswijzer started on 1 March 2023 (seed); its team.
ADVICE_FROM = (3, 1)
ADVICE_OFFICE = "team-lokaal-sociaal-beleid"

SAZ_YEAR_FACTOR = 1000 / 0.62  # 1000 applications by mid-August (62 % of the year)
CATEGORIES = ("1a", "1b", "2", "3")
CATEGORY_SHARE = (0.40, 0.35, 0.15, 0.10)
JURY_MONTHS = (1, 3, 5, 7, 9, 11)
TARGET_GROUPS = (
    "ouderen", "etnisch-culturele-minderheden", "handicap", "armoede", "lgbtqia",
)  # fmt: skip


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _jury_deadline(day: dt.date) -> dt.date:
    for year in (day.year, day.year + 1):
        for month in JURY_MONTHS:
            if dt.date(year, month, 15) >= day:
                return dt.date(year, month, 15)
    raise AssertionError(day)


class SubsidyWriter:
    def __init__(self, gen: Generator):
        self.gen, self.rng = gen, gen.rng
        self.apps: list[tuple] = []
        self.lines: list[tuple] = []
        self.wijken = list(gen.refs.wijk.values())
        self.numbers: dict[int, int] = {}  # call id -> last number (one call per scheme here)

    def organisations(self, count: int, prefix: str, code: str) -> np.ndarray:
        ids = self.gen.ids("registry_organisation", count)
        rows = [
            (int(i), f"synth-{code}-{int(i)}", f"{prefix} {int(i)}", "vereniging", "", None)
            for i in ids
        ]
        self.gen.tables.add("registry_organisation", ORG_COLS, rows)
        return ids

    def application(self, *, call, org, title, category, start, end, submitted, status,
                    amount, decided, jury=None, kind="huur", legal_form="feitelijke-vereniging",
                    activities=None, members=None):  # fmt: skip
        pk = int(self.gen.ids("subsidies_application", 1)[0])
        number = self.numbers.get(call, 0) + 1
        self.numbers[call] = number
        granted = status in ("toegekend", "verslag", "afgesloten")
        self.apps.append((
            pk, call, int(org), number, title, "Synthetische aanvraag.", category, legal_form,
            True, "[]", "Gentenaars", int(self.rng.choice(self.wijken)), activities, members,
            _iso(start), _iso(end), status, None, _iso(submitted), _iso(jury), None,
            _iso(submitted + dt.timedelta(days=3)), "", f"{amount:.2f}" if granted and amount
            else None, _iso(decided), None, "Synthetische beslissing.",
        ))  # fmt: skip
        if amount:
            line = int(self.gen.ids("subsidies_budgetline", 1)[0])
            self.lines.append((line, pk, kind, "Kosten van het initiatief", f"{amount:.2f}"))

    # -- Samen aan Zet ---------------------------------------------------------------------
    def samen_aan_zet(self, year: int) -> None:
        gen, rng = self.gen, self.rng
        call = gen.refs.subsidy_calls.get(f"samen-aan-zet-{year}")
        if call is None:
            return
        grants = gen.n(gen.target("samen_aan_zet").value)
        total = max(grants, round(SAZ_YEAR_FACTOR * gen.scale))
        per_org = rng.choice([1, 2, 3, 4], size=total, p=[0.55, 0.25, 0.12, 0.08])
        owners = np.repeat(np.arange(total), per_org)[:total]
        orgs = self.organisations(int(owners.max()) + 1, "Synthetische buurtvereniging", "saz")
        first, last = dt.date(year, 1, 1).toordinal(), dt.date(year, 11, 15).toordinal()
        submitted = np.sort(rng.integers(first, last + 1, total))
        category = rng.choice(len(CATEGORIES), size=total, p=CATEGORY_SHARE)
        flat = rng.choice([150, 300, 500], size=total)
        amount = np.select(
            [category == 0, category == 3],
            [flat, rng.integers(1000, 4001, total)],
            rng.integers(300, 2001, total),
        )
        granted = np.zeros(total, bool)
        granted[rng.choice(total, size=min(grants, total), replace=False)] = True
        for i in range(total):
            day = dt.date.fromordinal(int(submitted[i]))
            jury = _jury_deadline(day) if amount[i] > 500 else None
            start = (jury or day) + dt.timedelta(weeks=6, days=int(rng.integers(0, 60)))
            decided = min((jury or day) + dt.timedelta(days=14), dt.date(year, 12, 31))
            self.application(
                call=call, org=orgs[owners[i]], title=f"Buurtinitiatief {i + 1}",
                category=CATEGORIES[category[i]], start=start, end=start, submitted=day,
                status="toegekend" if granted[i] else "geweigerd", amount=int(amount[i]),
                decided=decided, jury=jury,
            )  # fmt: skip

    # -- doelgroepverenigingen -------------------------------------------------------------
    def doelgroepverenigingen(self, year: int) -> None:
        gen, rng = self.gen, self.rng
        recognition = gen.refs.subsidy_calls.get(f"erkenning-doelgroepverenigingen-{year}")
        subsidy = gen.refs.subsidy_calls.get(f"subsidie-doelgroepverenigingen-{year}")
        if recognition is None or subsidy is None:
            return
        recognised = gen.n(gen.target("doelgroepverenigingen").value)
        subsidised = min(recognised, gen.n(gen.target("doelgroepverenigingen_subsidie").value))
        orgs = self.organisations(recognised, "Synthetische doelgroepvereniging", "dgv")
        groups = rng.choice(len(TARGET_GROUPS), size=recognised)
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        days = np.sort(rng.integers(dt.date(year - 1, 11, 1).toordinal(),
                                    dt.date(year, 2, 28).toordinal(), recognised))  # fmt: skip
        with_subsidy = np.zeros(recognised, bool)
        with_subsidy[rng.choice(recognised, size=subsidised, replace=False)] = True
        for i, org in enumerate(orgs):
            day = max(dt.date.fromordinal(int(days[i])), start)
            group = TARGET_GROUPS[groups[i]]
            self.application(
                call=recognition, org=org, title=f"Erkenning {year}", category=group,
                start=start, end=end, submitted=day, status="toegekend", amount=0,
                decided=day + dt.timedelta(days=10), legal_form="vzw",
                activities=int(rng.integers(6, 30)), members=int(rng.integers(10, 200)),
            )  # fmt: skip
            if with_subsidy[i]:
                ask = day + dt.timedelta(days=20)
                self.application(
                    call=subsidy, org=org, title=f"Werkingssubsidie {year}", category=group,
                    start=start, end=end, submitted=ask, status="toegekend",
                    amount=int(rng.integers(250, 801)), decided=ask + dt.timedelta(days=20),
                    legal_form="vzw",
                )  # fmt: skip

    # -- Sociaal Innovatiefonds ------------------------------------------------------------
    def sociaal_innovatiefonds(self) -> None:
        gen, rng = self.gen, self.rng
        call = gen.refs.subsidy_calls.get("sociaal-innovatiefonds-2022-2024")
        if call is None:
            return
        projects = gen.n(gen.target("sociaal_innovatiefonds").value)
        orgs = self.organisations(projects, "Synthetische innovatieve vzw", "sif")
        for i, org in enumerate(orgs):
            submitted = dt.date(2022, 6, 1) + dt.timedelta(days=int(rng.integers(0, 14)))
            self.application(
                call=call, org=org, title=f"Innovatief project {i + 1}", category="",
                start=dt.date(2022, 9, 1), end=dt.date(2024, 8, 31), submitted=submitted,
                status="toegekend", amount=int(rng.integers(60_000, 100_001)),
                decided=dt.date(2022, 8, 1), jury=dt.date(2022, 6, 15), kind="personeel",
                legal_form="vzw",
            )  # fmt: skip

    def advices(self, year: int) -> None:
        """The Verenigingswijzer: the advised associations (new ones, one to three advices
        each, from 1 March)."""
        gen, rng = self.gen, self.rng
        advised = gen.n(gen.target("verenigingswijzer").value)
        orgs = self.organisations(advised, "Synthetische vereniging (advies)", "vw")
        per_org = rng.integers(1, 4, advised)
        ids = gen.ids("subsidies_advice", int(per_org.sum()))
        first = dt.date(year, *ADVICE_FROM).toordinal()
        days = rng.integers(first, dt.date(year, 12, 31).toordinal() + 1, len(ids))
        topics = rng.choice(len(ADVICE_TOPICS), size=len(ids), p=ADVICE_TOPIC_SHARE)
        service, office = gen.refs.service["verenigingswijzer"], gen.refs.office[ADVICE_OFFICE]
        rows = [
            (int(pk), service, int(org), office, dt.date.fromordinal(int(day)).isoformat(),
             ADVICE_TOPICS[int(topic)], "", None)
            for pk, org, day, topic in zip(
                ids, np.repeat(orgs, per_org), days, topics, strict=True
            )
        ]  # fmt: skip
        gen.tables.add("subsidies_advice", ADVICE_COLS, rows)

    def emit(self) -> None:
        self.gen.tables.add("subsidies_application", APP_COLS, self.apps)
        self.gen.tables.add("subsidies_budgetline", LINE_COLS, self.lines)


def build_subsidies(gen: Generator) -> None:
    """Applications and decisions of the year's calls (and the running SIF projects)."""
    writer = SubsidyWriter(gen)
    writer.samen_aan_zet(gen.year)
    writer.doelgroepverenigingen(gen.year)
    writer.sociaal_innovatiefonds()
    writer.advices(gen.year)
    writer.emit()
