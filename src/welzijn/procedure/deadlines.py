"""The legal terms of the procedure, read from `rules/deadlines.yaml` (data with its legal
source, per kind of request): when a request must be decided, a decision notified, an
appeal lodged, and the court that hears it."""

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

RULES = Path(__file__).parent / "rules" / "deadlines.yaml"


@dataclass(frozen=True)
class Regime:
    code: str
    label: str
    services: frozenset[str]
    receipt_source: str
    decide_within_days: int
    decide_source: str
    notify_within_days: int
    notify_source: str
    hearing_source: str
    appeal_within_months: int
    appeal_source: str

    def decision_due(self, received_on: dt.date) -> dt.date:
        return received_on + dt.timedelta(days=self.decide_within_days)

    def notification_due(self, decided_on: dt.date) -> dt.date:
        return decided_on + dt.timedelta(days=self.notify_within_days)

    def appeal_until(self, notified_on: dt.date) -> dt.date:
        return add_months(notified_on, self.appeal_within_months)


@dataclass(frozen=True)
class Rules:
    regimes: dict[str, Regime]
    default: str
    court_name: str
    court_address: str
    quorum_rule: str
    quorum_source: str

    def regime_for(self, service_code: str) -> Regime:
        for regime in self.regimes.values():
            if service_code in regime.services:
                return regime
        return self.regimes[self.default]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day where it has fewer days)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _regime(code: str, raw: dict) -> Regime:
    return Regime(
        code=code,
        label=raw["label"],
        services=frozenset(raw.get("services", ())),
        receipt_source=" ".join(raw["receipt"]["source"].split()),
        decide_within_days=int(raw["decide_within_days"]),
        decide_source=" ".join(raw["decide_source"].split()),
        notify_within_days=int(raw["notify_within_days"]),
        notify_source=" ".join(raw["notify_source"].split()),
        hearing_source=" ".join(raw["hearing_source"].split()),
        appeal_within_months=int(raw["appeal_within_months"]),
        appeal_source=" ".join(raw["appeal_source"].split()),
    )


@cache
def rules() -> Rules:
    raw = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    regimes = {code: _regime(code, r) for code, r in raw["regimes"].items()}
    defaults = [code for code, r in raw["regimes"].items() if r.get("default")]
    if len(defaults) != 1:
        raise ValueError(f"{RULES}: precies één regime is 'default', niet {defaults}.")
    return Rules(
        regimes=regimes,
        default=defaults[0],
        court_name=raw["court"]["name"],
        court_address=raw["court"]["address"],
        quorum_rule=raw["quorum"]["rule"],
        quorum_source=" ".join(raw["quorum"]["source"].split()),
    )


def regime_for(service_code: str) -> Regime:
    return rules().regime_for(service_code)
