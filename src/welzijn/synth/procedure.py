"""Synthetic Ghent's procedure around the BCSD's decisions that `build_decisions` and
`build_leefloon_records` wrote: for each decision the request it answered (received some
days before, with its legal deadline from procedure/rules/deadlines.yaml), the social report
and proposal, the session that decided it, the letter that notified it; for each hearing
held, a point on the session of that day. Records as a caseworker and teamcoach would have
registered them, never totals."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from welzijn.procedure.deadlines import regime_for

from .casework import DEC_COLS

if TYPE_CHECKING:
    from .generator import Generator

MEMBERS_TOTAL = 9
MEMBERS_PRESENT = "\n".join(f"Lid {n}" for n in range(1, 7))
#: How many days before the decision a request was received (a few past the 30-day term).
RECEIVED_BEFORE = (7, 36)
#: How many days after the decision its letter was sent (a few past the 8-day term).
SENT_AFTER = (1, 10)


def _day(iso: str) -> np.datetime64:
    return np.datetime64(iso, "D")


def build_procedure(gen: Generator) -> None:
    rows = gen.tables.rows.get("casework_decision", [])
    if not rows:
        return
    cols = DEC_COLS
    at = {c: cols.index(c) for c in cols}
    n = len(rows)
    rng = gen.rng
    code_of = {pk: code for code, pk in gen.refs.service.items()}
    decided = np.array([_day(r[at["decided_on"]]) for r in rows])
    received = decided - rng.integers(*RECEIVED_BEFORE, n).astype("timedelta64[D]")
    sent = decided + rng.integers(*SENT_AFTER, n).astype("timedelta64[D]")
    regimes = [regime_for(code_of[r[at["service_id"]]]) for r in rows]
    due = [
        rc.decision_due(d.astype(object)).isoformat()
        for rc, d in zip(regimes, received, strict=True)
    ]
    notify = [
        rc.notification_due(d.astype(object)).isoformat()
        for rc, d in zip(regimes, decided, strict=True)
    ]
    held = [r[at["hearing_held_on"]] for r in rows]
    days = sorted({str(d) for d in decided} | {h for h in held if h})
    session_ids = gen.ids("procedure_session", len(days))
    session_of = dict(zip(days, (int(i) for i in session_ids), strict=True))
    gen.tables.add(
        "procedure_session",
        ["id", "held_on", "members_total", "members_present", "status", "created_by_id"],
        [(session_of[d], d, MEMBERS_TOTAL, MEMBERS_PRESENT, "gehouden", None) for d in days],
    )
    req_ids = gen.ids("procedure_request", n)
    prop_ids = gen.ids("procedure_proposal", n)
    requests, proposals, items, letters = [], [], [], []
    for i, row in enumerate(rows):
        rid, pid, did = int(req_ids[i]), int(prop_ids[i]), row[at["id"]]
        got, on = str(received[i]), str(decided[i])
        motivation = row[at["motivation"]]
        outcome = row[at["outcome"]]
        requests.append(
            (rid, row[at["dossier_id"]], row[at["person_id"]], row[at["service_id"]], got,
             "balie", "Aanvraag van steun", regimes[i].code, due[i], "beslist", did, None,
             f"{got} 09:00:00+00:00")
        )  # fmt: skip
        proposals.append(
            (pid, rid, "Situatie besproken op huisbezoek.", "Bestaansmiddelen nagegaan.",
             "Noden in kaart gebracht.", outcome, None, None, motivation, None,
             f"{got} 15:00:00+00:00", "behandeld", None, f"{on} 08:00:00+00:00", "")
        )  # fmt: skip
        verdict = "zoals-voorgesteld" if outcome == "toekenning" else "geweigerd"
        items.append((session_of[on], pid, None, verdict, motivation, None, None, did, None))
        letters.append((did, rid, notify[i], str(sent[i]), None))
        if held[i]:
            items.append(
                (session_of[held[i]], None, did, "bevestigd", "Gehoord; de beslissing blijft.",
                 None, None, None, None)
            )  # fmt: skip
    gen.tables.add(
        "procedure_request",
        ["id", "dossier_id", "person_id", "service_id", "received_on", "channel", "question",
         "regime", "decision_due_on", "status", "decision_id", "registered_by_id",
         "registered_at"],
        requests,
    )  # fmt: skip
    gen.tables.add(
        "procedure_proposal",
        ["id", "request_id", "situation", "means", "needs", "proposed_result", "proposed_amount",
         "proposed_from", "motivation", "author_id", "written_at", "status", "reviewed_by_id",
         "reviewed_at", "review_note"],
        proposals,
    )  # fmt: skip
    item_ids = gen.ids("procedure_agendaitem", len(items))
    gen.tables.add(
        "procedure_agendaitem",
        ["id", "session_id", "proposal_id", "hearing_on_id", "verdict", "motivation", "amount",
         "effective_from", "decision_id", "decided_by_id"],
        [(int(k), *item) for k, item in zip(item_ids, items, strict=True)],
    )  # fmt: skip
    letter_ids = gen.ids("procedure_decisionletter", n)
    gen.tables.add(
        "procedure_decisionletter",
        ["id", "decision_id", "request_id", "notify_due_on", "sent_on", "sent_by_id"],
        [(int(k), *lt) for k, lt in zip(letter_ids, letters, strict=True)],
    )
