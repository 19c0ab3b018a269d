"""The LAC's legal terms and texts, read from `rules/lac.yaml` (data with its legal source):
by when the commission advises after the request, who sits on it, what the letter says
about contesting the advice."""

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

RULES = Path(__file__).parent / "rules" / "lac.yaml"


def _text(value: str) -> str:
    return " ".join(value.split())


@dataclass(frozen=True)
class UtilityTerm:
    utility: str
    label: str
    service: str
    advice_within_days: int
    verified: bool
    source: str

    def advice_due(self, received_on: dt.date) -> dt.date:
        return received_on + dt.timedelta(days=self.advice_within_days)


@dataclass(frozen=True)
class LacRules:
    utilities: dict[str, UtilityTerm]
    commission_source: str
    commission_members: str
    hearing: str
    contest_text: str
    ocmw_decisions: frozenset[str]


@cache
def rules() -> LacRules:
    raw = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    utilities = {
        code: UtilityTerm(
            utility=code,
            label=r["label"],
            service=r["service"],
            advice_within_days=int(r["advice_within_days"]),
            verified=bool(r["verified"]),
            source=_text(r["source"]),
        )
        for code, r in raw["utilities"].items()
    }
    return LacRules(
        utilities=utilities,
        commission_source=_text(raw["commission"]["source"]),
        commission_members=_text(raw["commission"]["members"]),
        hearing=_text(raw["commission"]["hearing"]),
        contest_text=_text(raw["contest"]["text"]),
        ocmw_decisions=frozenset(raw["ocmw_decisions"]),
    )


def term_for(utility: str) -> UtilityTerm:
    return rules().utilities[utility]
