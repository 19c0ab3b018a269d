"""Synthetic Ghent for the Dienst Werk en Activering: the questions its desks answered,
employers and the placements of art. 60, DBSE and wijk-werken trajectories, the Jobteam's
guidance since 2020 and the buyers at Koop Sociaal, written as the team would have
registered them. Runs before the registry is emitted: person columns hold person indexes,
which `Generator.emit_registry` turns into ids."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np

from welzijn.activation.models import Channel, Desk, FollowUp, Sector, Theme

from .casework import add_trajectories, dossier
from .rows import dates, day

if TYPE_CHECKING:
    from .generator import Generator

OFFICE = "team-werk-activering"
JOBTEAM_START = dt.date(2020, 1, 1)
#: Of the art. 60 workers, the share on a private work floor; the others work at the DBSE
#: ("op een privéwerkvloer of in ons eigen Dienstenbedrijf Sociale Economie"; the split is
#: an assumption, not in the seed).
ART60_PRIVATE_SHARE = 0.6
#: The DBSE's sectors (seed: "Bouw, Fiets, Openbaar Domein, Logistiek, Schoonmaak en Horeca").
DBSE_SECTORS = ("bouw", "fiets", "openbaar-domein", "logistiek", "schoonmaak", "horeca")
#: Sectors of the partner companies (seed: "horeca, zorg, verkoop, administratie, productie en
#: logistiek").
COMPANY_SECTORS = ("horeca", "zorg", "verkoop", "administratie", "productie", "logistiek")
#: Of the wijk-werken places, the share that changed hands during the year (assumption).
WIJKWERK_TURNOVER = 0.4
#: Questions still open at the end of the year, per answered one (assumption).
OPEN_SHARE = 0.02
KOOP_SOCIAAL_DAY = dt.date(2023, 10, 12)  # the edition's date in the synthetic year
WERK_THEMES = ("werk", "opleiding", "activering", "taal", "andere")
DIGI_THEMES = ("digitale-vaardigheden", "digitale-dienstverlening")
WERK_FOLLOW_UPS = ("informatie-en-advies", "traject", "jobteam", "vdab", "geholpen")
JOBS = ("Keukenhulp", "Magazijnier", "Schoonmaker", "Onthaalmedewerker", "Winkelbediende",
        "Logistiek medewerker", "Zorgkundige (assistent)", "Administratief medewerker")  # fmt: skip

assert set(WERK_THEMES + DIGI_THEMES) <= set(Theme.values)
assert set(WERK_FOLLOW_UPS) <= set(FollowUp.values)
assert set(DBSE_SECTORS + COMPANY_SECTORS) <= set(Sector.values)


def build_activation(gen: Generator) -> None:
    employers = _employers(gen)
    _placements(gen, employers)
    _wijkwerken(gen)
    _questions(gen)
    _jobteam(gen)
    _buyers(gen)


def _organisations(gen: Generator, prefix: str, kind: str, n: int) -> np.ndarray:
    ids = gen.ids("registry_organisation", n)
    gen.tables.add(
        "registry_organisation",
        ["id", "code", "name", "kind", "enterprise_number", "address_id"],
        [(int(i), f"synth-{prefix}-{i}", f"{prefix.title()} {i}", kind, "", None) for i in ids],
    )
    return ids


def _employer_rows(gen: Generator, orgs: np.ndarray, sectors: list[str]) -> np.ndarray:
    ids = gen.ids("activation_employer", len(orgs))
    since = gen.year_start - gen.rng.integers(0, 2000, len(orgs))
    gen.tables.add(
        "activation_employer",
        ["id", "organisation_id", "sector", "contact_name", "contact_phone", "since"],
        [
            (int(e), int(o), s, "", "", d)
            for e, o, s, d in zip(ids, orgs, sectors, dates(since), strict=True)
        ],
    )
    return ids


def _employers(gen: Generator) -> dict:
    """The DBSE (a city service), the partner companies, the wijk-werken users."""
    rng = gen.rng
    dbse = _organisations(gen, "dbse", "stadsdienst", 1)
    n_companies = gen.n(gen.target("werkervaring_bedrijven").value)
    companies = _organisations(gen, "bedrijf", "bedrijf", n_companies)
    company_sectors = list(rng.choice(COMPANY_SECTORS, n_companies))
    users = _organisations(gen, "wijkwerkgebruiker", "vereniging", max(1, gen.n(60)))
    return {
        "dbse": _employer_rows(gen, dbse, ["schoonmaak"])[0],
        "companies": _employer_rows(gen, companies, company_sectors),
        "company_sectors": company_sectors,
        "users": _employer_rows(gen, users, ["huishoudelijk"] * len(users)),
    }


PLACEMENT_COLS = ["id", "trajectory_id", "employer_id", "sector", "job", "hours_per_week",
                  "start_date", "end_date", "end_reason"]  # fmt: skip


def _trajectory_rows(gen: Generator, service: str) -> list[tuple]:
    sid = gen.refs.service[service]
    return [r for r in gen.tables.rows.get("casework_trajectory", []) if r[3] == sid]


def _placements(gen: Generator, employers: dict) -> None:
    """One placement per art. 60 and DBSE trajectory, over the trajectory's dates: art. 60
    at a partner company (every company at least once) or at the DBSE, DBSE workers in its
    sectors (as many sectors as the scale carries)."""
    rng = gen.rng
    art60 = _trajectory_rows(gen, "artikel-60")
    companies = employers["companies"]
    n_private = min(len(art60), max(len(companies), round(ART60_PRIVATE_SHARE * len(art60))))
    at = np.concatenate(
        [companies, rng.choice(companies, max(0, n_private - len(companies)))]
    ).astype(np.int64)[:n_private]
    sector_of = dict(zip(companies.tolist(), employers["company_sectors"], strict=True))
    n_sectors = min(len(DBSE_SECTORS), gen.n(gen.target("dbse_sectoren").value))
    dbse_rows = _trajectory_rows(gen, "dbse")
    rows = []
    for k, trajectory in enumerate(art60 + dbse_rows):
        if k < n_private:
            employer, sector = int(at[k]), sector_of[int(at[k])]
        else:
            employer = int(employers["dbse"])
            sector = DBSE_SECTORS[(k - n_private) % n_sectors]
        ended = trajectory[7] is not None
        rows.append(
            (
                int(gen.ids("activation_placement", 1)[0]),
                trajectory[0],
                employer,
                sector,
                JOBS[int(rng.integers(0, len(JOBS)))],
                int(rng.choice([19, 26, 30, 38])),
                trajectory[5],
                trajectory[7] if ended else None,
                ("werk-gevonden" if rng.random() < 0.5 else "afgerond") if ended else "",
            )
        )
    gen.tables.add("activation_placement", PLACEMENT_COLS, rows)


def _month_ends(year: int) -> list[int]:
    return [day(dt.date(year + m // 12, m % 12 + 1, 1)) - 1 for m in range(1, 13)]


def _wijkwerken(gen: Generator) -> None:
    """As many places as the monthly average: each is held all year, by one job seeker, or
    by one until the end of a month and the next from the first of the following month (so
    each month counts each place once)."""
    rng = gen.rng
    n_places = gen.n(gen.target("wijkwerken").value)
    turnover = rng.random(n_places) < WIJKWERK_TURNOVER
    persons = gen.pick(gen.pool("client_working_age"), n_places + int(turnover.sum()))
    persons = rng.permutation(persons)
    ends = _month_ends(gen.year)
    users = gen.tables.rows["activation_employer"]
    user_ids = [r[0] for r in users if r[2] == "huishoudelijk"]
    sid = gen.refs.service["wijkwerken"]
    office = gen.refs.office[OFFICE]
    done = gen.refs.outcome[("trajectory", "doel-bereikt")]
    trajectories, placements = [], []
    nxt = iter(persons.tolist())

    def hold(person: int, start: int, end: int | None) -> None:
        tid = int(gen.ids("casework_trajectory", 1)[0])
        household = int(gen.p_hh[person])
        s, e = dates([start, end if end is not None else start])
        trajectories.append(
            (tid, dossier(gen, household, office, start), person, sid,
             "afgerond" if end is not None else "lopend", s, None,
             e if end is not None else None, done if end is not None else None)
        )  # fmt: skip
        placements.append(
            (int(gen.ids("activation_placement", 1)[0]), tid,
             int(user_ids[int(rng.integers(0, len(user_ids)))]), "huishoudelijk", "Wijk-werker",
             int(rng.integers(4, 16)), s, e if end is not None else None,
             "afgerond" if end is not None else "")
        )  # fmt: skip

    for k in range(n_places):
        first = gen.year_start - int(rng.integers(30, 400))
        if turnover[k]:
            month = int(rng.integers(0, 11))
            hold(next(nxt), first, ends[month])
            hold(next(nxt), ends[month] + 1, None)
        else:
            hold(next(nxt), first, None)
    add_trajectories(gen, trajectories)
    gen.tables.add("activation_placement", PLACEMENT_COLS, placements)


QUESTION_COLS = ["id", "person_id", "desk", "asked_on", "channel", "theme", "question",
                 "status", "answered_on", "follow_up", "referred_to_id", "note",
                 "registered_by_id"]  # fmt: skip


def _question_rows(gen, persons, desk: str, themes, follow_ups, n_open: int) -> list[tuple]:
    rng = gen.rng
    n = len(persons)
    y0, y1 = gen.year_start, gen.year_end
    answered = rng.integers(y0, y1 + 1, n)
    asked = np.maximum(answered - rng.integers(0, 15, n), y0 - 10)
    open_asked = rng.integers(y1 - 14, y1 + 1, n_open)
    open_persons = rng.choice(persons, n_open) if n_open else []
    channels = rng.choice(Channel.values, n + n_open, p=[0.6, 0.2, 0.1, 0.1])
    ids = gen.ids("activation_question", n + n_open)
    rows = []
    for k in range(n + n_open):
        is_open = k >= n
        person = int(open_persons[k - n]) if is_open else int(persons[k])
        on = int(open_asked[k - n]) if is_open else int(asked[k])
        theme = str(themes[int(rng.integers(0, len(themes)))])
        rows.append(
            (int(ids[k]), person, desk, dates([on])[0], str(channels[k]), theme,
             f"Vraag rond {Theme(theme).label}.", "open" if is_open else "beantwoord",
             None if is_open else dates([answered[k]])[0],
             "" if is_open else str(follow_ups[int(rng.integers(0, len(follow_ups)))]),
             None, "", None)
        )  # fmt: skip
    return rows


def _questions(gen: Generator) -> None:
    """Werkpunt: the year's answered questions (a person may ask several); U-Connect: each
    person helped individually asked one to three questions."""
    rng = gen.rng
    n_werk = gen.n(gen.target("werk_vragen").value)
    werk_persons = rng.choice(gen.pool("client_working_age"), n_werk)
    rows = _question_rows(
        gen, werk_persons, Desk.WERKPUNT, WERK_THEMES, WERK_FOLLOW_UPS, round(OPEN_SHARE * n_werk)
    )
    helped = gen.pick(
        gen.pool("client_working_age"), gen.n(gen.target("u_connect_individueel").value)
    )
    digi_persons = np.repeat(helped, rng.integers(1, 4, len(helped)))
    rows += _question_rows(gen, digi_persons, Desk.U_CONNECT, DIGI_THEMES, ("geholpen",), 0)
    gen.tables.add("activation_question", QUESTION_COLS, rows)


def _jobteam(gen: Generator) -> None:
    """Persons reached since 2020 (up to the year's end); the first ones of them guided
    intensively from a few weeks later."""
    rng = gen.rng
    n_reached = gen.n(gen.target("jobteam_sinds_2020").value)
    n_intensive = min(n_reached, gen.n(gen.target("jobteam_intensief").value))
    persons = rng.permutation(gen.pick(gen.pool("client_working_age"), n_reached))
    reached = rng.integers(day(JOBTEAM_START), gen.year_end - 60, n_reached)
    intensive = np.minimum(reached + rng.integers(0, 60, n_reached), gen.year_end)
    via = rng.choice(["vindplaats", "sociale-dienst", "vdab", "partner", "zelf"], n_reached)
    ids = gen.ids("activation_jobteamguidance", n_reached)
    gen.tables.add(
        "activation_jobteamguidance",
        ["id", "person_id", "reached_on", "via", "intensive_from", "ended_on", "note"],
        [
            (int(ids[k]), int(persons[k]), dates([reached[k]])[0], str(via[k]),
             dates([intensive[k]])[0] if k < n_intensive else None, None, "")
            for k in range(n_reached)
        ],
    )  # fmt: skip


def _buyers(gen: Generator) -> None:
    n = gen.n(gen.target("koop_sociaal").value)
    orgs = _organisations(gen, "aankoper", "overheid", n)
    ids = gen.ids("activation_koopsociaalbuyer", n)
    day = KOOP_SOCIAAL_DAY.replace(year=gen.year).isoformat()
    gen.tables.add(
        "activation_koopsociaalbuyer",
        ["id", "event_date", "organisation_id", "contact_name"],
        [(int(i), day, int(o), "") for i, o in zip(ids, orgs, strict=True)],
    )
