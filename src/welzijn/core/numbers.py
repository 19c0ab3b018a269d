"""Numbers in the Belgian notation: a comma for decimals, a dot between thousands.

`parse_decimal` accepts what people and legacy exports write ("1214,13", "1.214,13", and
"1214.13" with a dot for decimals) and refuses what can be read two ways: "1.214" is 1214 in
Belgium but 1.214 elsewhere, "1,214.13" is the English notation. `parse_amount` is the same
for money, where a euro sign may stand in front.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

_BELGIAN = re.compile(r"\d{1,3}(\.\d{3})+(,\d+)?|\d+(,\d+)?")
_DOT_DECIMAL = re.compile(r"\d+\.\d{1,2}")
#: "1.214" and "1,214" (a thousand or one?), "1,214.13" (English notation).
_AMBIGUOUS = re.compile(r"\d{1,3}[.,]\d{3}|\d{1,3}(,\d{3})+(\.\d+)?")
_HINT = "schrijf bv. 1214,13 of 1.214,13"


def parse_decimal(text: str, *, decimals: int = 2) -> Decimal:
    """Read a number (a quantity); raise ValueError with a Dutch message naming the value."""
    return _read(str(text), decimals=decimals, what="getal")


def parse_amount(text: str, *, decimals: int = 2) -> Decimal:
    """Read an amount in EUR, with or without the euro sign; raise ValueError with a Dutch
    message naming the value."""
    return _read(str(text), decimals=decimals, what="bedrag", currency="€")


def _read(text: str, *, decimals: int, what: str, currency: str = "") -> Decimal:
    value = text.strip()
    cleaned = re.sub(r"\s", "", value.replace(currency, "") if currency else value)
    sign = "-" if cleaned.startswith("-") else ""
    if cleaned[:1] in ("-", "+"):
        cleaned = cleaned[1:]
    if _AMBIGUOUS.fullmatch(cleaned):
        raise ValueError(f"'{value}' is dubbelzinnig ({_HINT})")
    if _BELGIAN.fullmatch(cleaned):
        whole, _, fraction = cleaned.replace(".", "").partition(",")
    elif _DOT_DECIMAL.fullmatch(cleaned):
        whole, _, fraction = cleaned.partition(".")
    else:
        raise ValueError(f"'{value}' is geen {what} ({_HINT})")
    if len(fraction) > decimals:
        raise ValueError(f"'{value}' heeft meer dan {decimals} cijfers na de komma")
    return Decimal(sign + whole + (f".{fraction}" if fraction else ""))


def format_eur(amount: Decimal) -> str:
    """'€ 1.214,13': euro sign, dot between thousands, comma and two decimals."""
    rounded = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):.2f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"€ {sign}{grouped},{fraction}"
