"""The records an indicator counts, with their keys (month, wijk, office).

One definition of what an indicator counts yields its total, its breakdown per wijk, per
office and its months: a measure returns `Records` (parts built with `part`) and `tally`
groups them by the key asked for, in one aggregate query over the parts (UNION ALL).

Every part gives the same columns: ``w`` (wijk name), ``o`` (office name), ``m`` (month of
the record's date), ``u`` (the unit counted once, for distinct counts: a person, a
household), ``n`` (what the record adds to the figure, or to a share's base) and ``h``
(what it adds to a share's hits). A period (a trajectory, a stay) also gives ``l``, the last
month of the year it ran in: the months count it in each month from ``m`` to ``l``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Case,
    CharField,
    DateField,
    DateTimeField,
    Expression,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, ExtractMonth, Greatest, Least

#: the keys a breakdown can be asked for, and their column
KEYS = {"wijk": "w", "office": "o", "month": "m"}
UNKNOWN = "onbekend"
#: the twelve month numbers as rows, for a period counted in every month it ran
_MONTH_NUMBERS = " UNION ALL ".join(f"SELECT {m} AS k" for m in range(1, 13))


@dataclass(frozen=True)
class Part:
    rows: QuerySet
    columns: dict[str, Expression]
    wijk: bool
    office: bool

    def sql(self, key: str | None) -> tuple[str, tuple]:
        """The part's rows with the key's column only (no join a total does not need); per
        month, a period is a row for each month it ran in."""
        period = key == "month" and "l" in self.columns
        wanted = ("u", "n", "h", *((KEYS[key],) if key else ()), *(("l",) if period else ()))
        rows = self.rows.order_by().values(**{c: self.columns[c] for c in wanted})
        sql, params = rows.query.sql_with_params()
        if period:
            sql = (
                f"SELECT mo.k AS m, p.u, p.n, p.h FROM ({sql}) p "
                f"JOIN ({_MONTH_NUMBERS}) mo ON mo.k BETWEEN p.m AND p.l"
            )
        return sql, params


@dataclass(frozen=True)
class Records:
    parts: tuple[Part, ...]
    #: count distinct units (``u``); else sum ``n``
    distinct: bool = False
    #: an average: the sum of ``h`` over the sum of ``n`` (days over decisions), withheld
    #: on a base under `privacy.MIN_BASE`, as a share is
    mean: bool = False
    #: a stand (places, organisations in a network): ``parts`` give the year's figure (the
    #: stand at its end), these the stand of each month
    monthly: tuple[Part, ...] | None = None
    #: the figure is the average of the twelve months: a month's cell is its own figure,
    #: the year and a wijk or office the sum over the months divided by 12
    per_month: bool = False
    #: a cell that sums the records of fewer distinct units (associations) is withheld
    min_units: int = 0
    #: a figure a team reports (a monthly total, a stand) or a stand of places: without a
    #: single row it is unknown ("geen gegevens"), not 0
    reported: bool = False

    def has(self, key: str) -> bool:
        """Whether every part knows the key (a breakdown over a part without it would lie)."""
        if key == "month":
            return True
        return all(getattr(p, key) for p in self.parts)

    def parts_for(self, key: str | None) -> tuple[Part, ...]:
        return self.monthly if key == "month" and self.monthly is not None else self.parts


@dataclass(frozen=True)
class Tally:
    value: float  # the count (distinct units or sum of n): a share's or mean's base
    hits: float  # a share's hits, a mean's sum
    units: float = 0  # distinct units, when the records ask for a minimum (`min_units`)
    rows: int = 0  # the records counted


def _column(path: str | Expression) -> Expression:
    return F(path) if isinstance(path, str) else path


def _text(path: str | None) -> Expression:
    return F(path) if path else Value(None, output_field=CharField())


def part(
    rows: QuerySet,
    *,
    date: str | Expression,
    wijk: str | None = None,
    office: str | None = None,
    unit: str | Expression | None = None,
    n: int | str | Expression = 1,
    hit: Q | str | Expression | None = None,
    until: Expression | None = None,
) -> Part:
    """One kind of record: ``date``, ``wijk``, ``office`` and ``unit`` are field paths (or
    expressions); ``n`` what a record adds (1, or a field such as a headcount); ``hit`` a
    condition (a share's hit adds 1) or a field or expression (what it adds); ``until`` the
    last day in the year of a period (`during`)."""
    if isinstance(hit, Q):
        h: Expression = Case(When(hit, then=Value(1)), default=Value(0))
    elif hit is None:
        h = Value(0)
    else:
        h = F(hit) if isinstance(hit, str) else hit
    columns = {
        "w": _text(wijk),
        "o": _text(office),
        "m": Month(_column(date)),
        "u": _column(unit) if unit is not None else Value(None, output_field=IntegerField()),
        "n": F(n) if isinstance(n, str) else (Value(n) if isinstance(n, int) else n),
        "h": h,
    }
    if until is not None:
        columns["l"] = Month(until)
    return Part(rows, columns, bool(wijk), bool(office))


class Month(ExtractMonth):
    """The month number of a date (a part's ``m`` and ``l``). On SQLite a date is its ISO
    text, so the month is its sixth and seventh character, read by SQLite itself: Django's
    own extract there is a Python function called once per row (1.75 million calls, most of
    the dashboard's 6 s at scale 1). A date-time keeps Django's, which converts it to the
    local time zone first."""

    def as_sqlite(self, compiler, connection, **extra):
        if isinstance(self.lhs.output_field, DateTimeField):
            return super().as_sql(compiler, connection, **extra)
        sql, params = compiler.compile(self.lhs)
        return f"CAST(substr({sql}, 6, 2) AS INTEGER)", params


class Days(Func):
    """Whole days from the second date to the first (a part's ``n``: the nights of a stay),
    as an integer on SQLite and PostgreSQL alike."""

    output_field = IntegerField()
    arg_joiner = " - "
    template = "(%(expressions)s)"  # PostgreSQL: date - date is an integer

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


def months(year: int) -> list[tuple[int, dt.date, dt.date]]:
    """(month, its first day, the first day of the next) for every month of the year: the
    parts of a figure counted per month (nights, persons at work, a stand)."""
    return [(m, dt.date(year, m, 1), dt.date(year + m // 12, m % 12 + 1, 1)) for m in range(1, 13)]


def on(day: dt.date) -> Expression:
    """A fixed date as a part's ``date`` (the month a per-month part stands for)."""
    return Value(day, output_field=DateField())


def per_unit_and_month(unit: str, month: int) -> Expression:
    """A unit once per month (a person at work in March and in April counts in each)."""
    return Concat(Value(f"{month}:"), Cast(F(unit), CharField()))


def entered(start_field: str, year: int) -> Expression:
    """A period's date in the year: its start, or 1 January when it began before."""
    return Greatest(F(start_field), Value(dt.date(year, 1, 1), output_field=DateField()))


def during(start_field: str, end_field: str, year: int) -> dict[str, Expression]:
    """A period's ``date`` and ``until`` for `part`: the total, a wijk and an office count it
    once; the months count it in every month it ran in the year (an open one up to December)."""
    last = Value(dt.date(year, 12, 31), output_field=DateField())
    return {"date": entered(start_field, year), "until": Least(Coalesce(F(end_field), last), last)}


def tally(records: Records, by: str | None = None) -> dict[object, Tally]:
    """The figure per value of the key ``by`` (``None``: the total, under key ``None``)."""
    sqls, params = [], []
    key = KEYS[by] if by else "NULL"
    for i, p in enumerate(records.parts_for(by)):
        sql, ps = p.sql(by)
        sqls.append(f"SELECT {key if by else 'NULL'} AS k, u, n, h FROM ({sql}) p{i}")
        params.extend(ps)
    if records.distinct:
        agg = "COUNT(DISTINCT u), COUNT(DISTINCT CASE WHEN h > 0 THEN u END)"
    else:
        agg = "COALESCE(SUM(n), 0), COALESCE(SUM(h), 0)"
    agg += ", COUNT(DISTINCT u)" if records.min_units else ", 0"
    agg += ", COUNT(*)"
    group = " GROUP BY k" if by else ""
    union = " UNION ALL ".join(sqls)
    with connection.cursor() as cursor:
        outer = "k" if by else "NULL"  # PostgreSQL: an ungrouped column must not be selected
        cursor.execute(f"SELECT {outer}, {agg} FROM ({union}) t{group}", params)
        rows = cursor.fetchall()
    out: dict[object, Tally] = {}
    months = 12 if records.per_month and by != "month" else 1
    for k, value, hits, units, count in rows:
        name = (UNKNOWN if k is None else k) if by in ("wijk", "office") else k
        got = out.get(name, Tally(0, 0))
        out[name] = Tally(
            got.value + float(value or 0) / months,
            got.hits + float(hits or 0) / months,
            got.units + float(units or 0),
            got.rows + count,
        )
    return out


def total(records: Records) -> Tally:
    return tally(records).get(None, Tally(0, 0))
