"""The service level of a melding: its due date, n calendar days or n working days after
the day it was reported.

A working day is Monday to Friday except the ten legal public holidays of Belgium (wet van
4 januari 1974 betreffende de feestdagen, art. 1; KB van 18 april 1974): Nieuwjaar,
Paasmaandag, 1 mei, O.L.H.-Hemelvaart, Pinkstermaandag, 21 juli, 15 augustus, 1 november,
11 november, Kerstmis. The holidays that follow Easter are computed from it."""

import datetime as dt
from functools import cache

#: (month, day) of the fixed legal holidays
FIXED_HOLIDAYS = ((1, 1), (5, 1), (7, 21), (8, 15), (11, 1), (11, 11), (12, 25))
#: days after Easter Sunday: Paasmaandag, O.L.H.-Hemelvaart, Pinkstermaandag
EASTER_OFFSETS = (1, 39, 50)


def easter(year: int) -> dt.date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    L = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * L) // 451
    month, day = divmod(h + L - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@cache
def holidays(year: int) -> frozenset[dt.date]:
    sunday = easter(year)
    fixed = {dt.date(year, m, d) for m, d in FIXED_HOLIDAYS}
    return frozenset(fixed | {sunday + dt.timedelta(days=n) for n in EASTER_OFFSETS})


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in holidays(day.year)


def due_date(reported_on: dt.date, days: int, *, calendar_days: bool) -> dt.date:
    """The last day on which a melding reported on `reported_on` is on time."""
    if calendar_days:
        return reported_on + dt.timedelta(days=days)
    day, left = reported_on, days
    while left > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day
