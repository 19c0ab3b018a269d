"""The Belgian national number (INSZ): rijksregisternummer or bis number.

Layout: YYMMDD SSS CC. The check digits CC are 97 - (the first 9 digits mod 97); for people
born in 2000 or later the 9 digits get a 2 in front before taking the modulo. A bis number
(for people not in the national register) adds 20 to the month when the sex was known at
registration, 40 when it was not. The sequence SSS is odd for men and even for women.
A birth date may be partly unknown: month or day 00.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

_NON_DIGITS = re.compile(r"[\s.\-]")


@dataclass(frozen=True)
class ParsedInsz:
    number: str
    birth_date: dt.date | None  # None when the day or month is unknown (00)
    birth_year: int
    sex: str | None  # "M", "V", or None for a bis number without known sex
    is_bis: bool


def normalise_insz(value: str) -> str:
    """Strip the usual separators (spaces, dots, dashes): '85.07.30-033.28' -> '85073003328'."""
    return _NON_DIGITS.sub("", value or "")


def _check_digits(first_nine: str, born_2000_or_later: bool) -> int:
    base = int(("2" if born_2000_or_later else "") + first_nine)
    return 97 - (base % 97)


def parse_insz(value: str) -> ParsedInsz:
    """Parse and check an INSZ; raise ValidationError with a Dutch message when invalid."""
    number = normalise_insz(value)
    if not re.fullmatch(r"\d{11}", number):
        raise ValidationError("Een INSZ-nummer bestaat uit precies 11 cijfers.", code="insz_format")
    first_nine, check = number[:9], int(number[9:])
    if check == _check_digits(first_nine, born_2000_or_later=False):
        century = 1900
    elif check == _check_digits(first_nine, born_2000_or_later=True):
        century = 2000
    else:
        raise ValidationError(
            "De controlegetallen van dit INSZ-nummer kloppen niet.", code="insz_checksum"
        )
    yy, raw_month, dd, seq = (int(number[a:b]) for a, b in ((0, 2), (2, 4), (4, 6), (6, 9)))
    is_bis = raw_month >= 20
    sex_known = raw_month < 40
    mm = raw_month - (40 if raw_month >= 40 else 20 if is_bis else 0)
    if not 0 <= mm <= 12:
        raise ValidationError(
            "De geboortemaand in dit INSZ-nummer bestaat niet.", code="insz_month"
        )
    if not 1 <= seq <= 998:
        raise ValidationError(
            "Het volgnummer in dit INSZ-nummer moet tussen 001 en 998 liggen.", code="insz_seq"
        )
    year = century + yy
    birth_date = None
    if mm and dd:
        try:
            birth_date = dt.date(year, mm, dd)
        except ValueError:
            raise ValidationError(
                "De geboortedatum in dit INSZ-nummer bestaat niet.", code="insz_date"
            ) from None
    sex = ("M" if seq % 2 else "V") if sex_known else None
    return ParsedInsz(number, birth_date, year, sex, is_bis)


def validate_insz(value: str) -> None:
    """Field validator: the number on its own is well-formed."""
    parse_insz(value)


def check_insz_matches(value: str, *, birth_date: dt.date | None, sex: str | None) -> None:
    """The birth date and sex of a person must agree with their INSZ.

    Raises a ValidationError keyed on the field that disagrees.
    """
    parsed = parse_insz(value)
    errors: dict[str, str] = {}
    if birth_date is not None:
        if parsed.birth_year != birth_date.year:
            errors["birth_date"] = "Het geboortejaar komt niet overeen met het INSZ-nummer."
        elif parsed.birth_date is not None and parsed.birth_date != birth_date:
            errors["birth_date"] = "De geboortedatum komt niet overeen met het INSZ-nummer."
    if sex in ("M", "V") and parsed.sex is not None and parsed.sex != sex:
        errors["sex"] = "Het geslacht komt niet overeen met het INSZ-nummer."
    if errors:
        raise ValidationError(errors)


def make_insz(birth_date: dt.date, seq: int, *, bis: bool = False, sex_known: bool = True) -> str:
    """Build a valid INSZ for a birth date and sequence number (for synthetic data and tests)."""
    month = birth_date.month + ((20 if sex_known else 40) if bis else 0)
    first_nine = f"{birth_date.year % 100:02d}{month:02d}{birth_date.day:02d}{seq:03d}"
    check = _check_digits(first_nine, born_2000_or_later=birth_date.year >= 2000)
    return f"{first_nine}{check:02d}"
