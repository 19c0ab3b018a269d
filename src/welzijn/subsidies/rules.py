"""A scheme's rules as data (`rules/<scheme>.yaml`), applied to an application's facts.

Each rule in the YAML names a check below, its parameters, the Dutch reason shown when it
fails (with the figures filled in), the field it is about and its source in the regulation.
The checks are generic (a share cap, a lead time, a yearly maximum); what the amounts,
shares, deadlines and categories are, and why, lives in the data. Pure Python: no Django.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from welzijn.core.numbers import format_eur

RULES_DIR = Path(__file__).parent / "rules"


@dataclass(frozen=True)
class Facts:
    """What the rules look at: the application as typed, plus what the database knows."""

    legal_form: str
    active_in_ghent: bool
    exclusions: tuple[str, ...]
    category: str
    lines: tuple[tuple[str, str, Decimal], ...]  # (kind, description, amount)
    start_date: dt.date | None
    end_date: dt.date | None
    submitted_on: dt.date
    others_in_year: int  # the organisation's other counting applications in the start year
    recognised: bool = False  # a valid recognition of the organisation (doelgroepverenigingen)
    activities_last_year: int | None = None
    members: int | None = None

    @property
    def requested(self) -> Decimal:
        return sum((amount for _, _, amount in self.lines), Decimal("0"))

    def total_of(self, kind: str) -> Decimal:
        return sum((amount for k, _, amount in self.lines if k == kind), Decimal("0"))


@dataclass(frozen=True)
class Rule:
    code: str
    check: str
    field: str
    reason: str
    source: str
    verified: bool
    params: dict[str, Any] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class Verdict:
    rule: Rule
    ok: bool
    reason: str = ""  # the filled-in reason when it fails


@dataclass(frozen=True)
class Ruleset:
    scheme: str
    regulation: str
    version: str
    jury_threshold: Decimal | None
    categories: dict[str, dict[str, Any]]
    exclusions: dict[str, str]
    rules: tuple[Rule, ...]
    #: False for a recognition: granting it pays nothing and needs no budget lines.
    pays: bool = True
    #: Extra fields the application form asks (activities_last_year, members).
    asks: tuple[str, ...] = ()

    def category_choices(self) -> list[tuple[str, str]]:
        return [(code, spec["label"]) for code, spec in self.categories.items()]

    def needs_jury(self, amount: Decimal) -> bool:
        return self.jury_threshold is not None and amount > self.jury_threshold

    def evaluate(self, facts: Facts) -> list[Verdict]:
        verdicts = []
        for rule in self.rules:
            failure = CHECKS[rule.check](self, rule, facts)
            verdicts.append(Verdict(rule, failure is None, failure or ""))
        return verdicts

    def recognition_scheme(self) -> str | None:
        """The scheme whose recognition this one requires, if any."""
        rule = next((r for r in self.rules if r.check == "recognised"), None)
        return rule.params["scheme"] if rule else None

    def jury_deadline(self, submitted_on: dt.date, call_closes_on: dt.date) -> dt.date:
        """The jury date an application falls under: the first of the scheme's deadlines on
        or after the day of submission, or, without deadlines, the end of the call."""
        rule = next((r for r in self.rules if r.check == "jury_deadline"), None)
        if rule is None:
            return call_closes_on
        return _next_deadline(rule.params["deadlines"], submitted_on)


def _pct(value: Decimal) -> str:
    return f"{(value * 100).quantize(Decimal('0.1'))} %".replace(".", ",")


def _next_deadline(deadlines: list[str], day: dt.date) -> dt.date:
    for year in (day.year, day.year + 1):
        for text in deadlines:
            month, dom = (int(part) for part in text.split("-"))
            candidate = dt.date(year, month, dom)
            if candidate >= day:
                return candidate
    raise ValueError("geen indiendatum")  # pragma: no cover - a year always has one


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for dom in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, dom)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


Check = Callable[[Ruleset, Rule, Facts], "str | None"]


def _legal_form_in(rs: Ruleset, rule: Rule, f: Facts) -> str | None:
    return None if f.legal_form in rule.params["allowed"] else rule.reason


def _flag_true(rs: Ruleset, rule: Rule, f: Facts) -> str | None:
    return None if getattr(f, rule.params["flag"]) else rule.reason


def _no_exclusions(rs: Ruleset, rule: Rule, f: Facts) -> str | None:
    found = [
        rs.exclusions[code].rstrip(".").lower() for code in f.exclusions if code in rs.exclusions
    ]
    return rule.reason.format(found="; ".join(found)) if found else None


def _category_known(rs: Ruleset, rule: Rule, f: Facts) -> str | None:
    return None if f.category in rs.categories else rule.reason


def _category_amount(rs: Ruleset, rule: Rule, f: Facts) -> str | None:
    spec = rs.categories.get(f.category)
    if spec is None or not f.lines:
        return None  # category_known and has_lines say so
    requested = f.requested
    if "flat" not in spec and "max" not in spec:
        return None  # the regulation sets no amount per category
    if "flat" in spec:
        flats = [Decimal(a) for a in spec["flat"]]
        if requested in flats:
            return None
        allowed = "het bedrag forfaitair " + " of ".join(format_eur(a) for a in flats)
    else:
        cap = Decimal(spec["max"])
        if requested <= cap:
            return None
        allowed = f"hoogstens {format_eur(cap)}"
    return rule.reason.format(category=f.category, allowed=allowed, requested=format_eur(requested))


def _has_lines(rs: Ruleset, rule: Rule, f: Facts) -> str | None:
    return None if f.lines else rule.reason


def _forbidden_lines(rs: Ruleset, rule: Rule, f: Facts) -> str | None:
    bad = [desc for kind, desc, _ in f.lines if kind in rule.params["kinds"]]
    return rule.reason.format(line=bad[0]) if bad else None


def _share_cap(rs: Ruleset, rule: Rule, f: Facts) -> str | None:
    amount, requested = f.total_of(rule.params["kind"]), f.requested
    share = Decimal(rule.params["share"])
    cap = (requested * share).quantize(Decimal("0.01"))
    if amount <= cap:
        return None
    return rule.reason.format(
        amount=format_eur(amount),
        requested=format_eur(requested),
        percent=_pct(amount / requested),
        cap=format_eur(cap),
    )


def _max_duration(rs: Ruleset, rule: Rule, f: Facts) -> str | None:
    if f.start_date is None or f.end_date is None:
        return None
    if f.end_date < _add_months(f.start_date, rule.params["months"]):
        return None
    return rule.reason.format(start=f"{f.start_date:%d/%m/%Y}", end=f"{f.end_date:%d/%m/%Y}")


def _max_per_year(rs: Ruleset, rule: Rule, f: Facts) -> str | None:
    if f.start_date is None or f.others_in_year < rule.params["count"]:
        return None
    return rule.reason.format(year=f.start_date.year, count=f.others_in_year)


def _lead_time(rs: Ruleset, rule: Rule, f: Facts) -> str | None:
    if f.start_date is None or f.requested > Decimal(rule.params["up_to"]):
        return None
    earliest = f.submitted_on + dt.timedelta(weeks=rule.params["weeks"])
    if f.start_date >= earliest:
        return None
    return rule.reason.format(
        submitted=f"{f.submitted_on:%d/%m/%Y}", earliest=f"{earliest:%d/%m/%Y}"
    )


def _jury_deadline(rs: Ruleset, rule: Rule, f: Facts) -> str | None:
    if f.start_date is None or f.requested <= Decimal(rule.params["above"]):
        return None
    deadline = _next_deadline(rule.params["deadlines"], f.submitted_on)
    earliest = deadline + dt.timedelta(weeks=rule.params["weeks_after"])
    if f.start_date >= earliest:
        return None
    return rule.reason.format(
        submitted=f"{f.submitted_on:%d/%m/%Y}",
        deadline=f"{deadline:%d/%m/%Y}",
        earliest=f"{earliest:%d/%m/%Y}",
    )


def _recognised(rs: Ruleset, rule: Rule, f: Facts) -> str | None:
    year = f.start_date.year if f.start_date else f.submitted_on.year
    return None if f.recognised else rule.reason.format(year=year)


def _minimum_per_category(rs: Ruleset, rule: Rule, f: Facts) -> str | None:
    minimum = rule.params["minimum"].get(f.category)
    value = getattr(f, rule.params["fact"])
    if minimum is None or (value is not None and value >= minimum):
        return None
    return rule.reason.format(minimum=minimum, value=value if value is not None else "geen")


CHECKS: dict[str, Check] = {
    "legal_form_in": _legal_form_in,
    "flag_true": _flag_true,
    "no_exclusions": _no_exclusions,
    "category_known": _category_known,
    "category_amount": _category_amount,
    "has_lines": _has_lines,
    "forbidden_lines": _forbidden_lines,
    "share_cap": _share_cap,
    "max_duration": _max_duration,
    "max_per_year": _max_per_year,
    "lead_time": _lead_time,
    "jury_deadline": _jury_deadline,
    "recognised": _recognised,
    "minimum_per_category": _minimum_per_category,
}


@cache
def ruleset(scheme_code: str) -> Ruleset:
    """The rules of a scheme, read once from its YAML file."""
    data = yaml.safe_load((RULES_DIR / f"{scheme_code}.yaml").read_text(encoding="utf-8"))
    rules = tuple(
        Rule(
            code=r["code"],
            check=r["check"],
            field=r["field"],
            reason=r["reason"],
            source=r["source"],
            verified=bool(r["verified"]),
            params=r.get("params", {}),
            note=r.get("note", ""),
        )
        for r in data["rules"]
    )
    unknown = {r.check for r in rules} - set(CHECKS)
    if unknown:
        raise ValueError(f"{scheme_code}: onbekende controles {sorted(unknown)}")
    threshold = data.get("jury_threshold")
    return Ruleset(
        scheme=data["scheme"],
        regulation=data["regulation"],
        version=str(data["version"]),
        jury_threshold=Decimal(threshold) if threshold is not None else None,
        categories={str(k): v for k, v in (data.get("categories") or {}).items()},
        exclusions=data.get("exclusions") or {},
        rules=rules,
        pays=bool(data.get("pays", True)),
        asks=tuple(data.get("asks") or ()),
    )
