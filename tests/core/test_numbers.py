from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from welzijn.core.numbers import format_eur, parse_amount, parse_decimal


@pytest.mark.parametrize("text", ["1214,13", "1.214,13", "1214.13", "€ 1.214,13", " 1214,13 "])
def test_belgian_and_dot_decimal_amounts_are_read(text):
    assert parse_amount(text) == Decimal("1214.13")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1214", Decimal(1214)), ("0,5", Decimal("0.5")), ("1.214.000", Decimal(1214000))],
)
def test_whole_numbers_and_grouped_thousands(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["1,214.13", "1.214", "1,214", "100.000"])
def test_ambiguous_amounts_are_refused(text):
    with pytest.raises(ValueError, match="dubbelzinnig"):
        parse_amount(text)


@pytest.mark.parametrize("text", ["", "twaalf", "12,5,3", "1.2.3", "--5"])
def test_what_is_no_amount_is_refused_naming_the_value(text):
    with pytest.raises(ValueError, match=f"'{text}' is geen bedrag"):
        parse_amount(text)


def test_more_than_two_decimals_is_refused():
    with pytest.raises(ValueError, match="meer dan 2 cijfers na de komma"):
        parse_amount("12,3456")


def test_format_eur():
    assert format_eur(Decimal("1214.13")) == "€ 1.214,13"
    assert format_eur(Decimal("1234567.8")) == "€ 1.234.567,80"
    assert format_eur(Decimal("0.005")) == "€ 0,01"
    assert format_eur(Decimal("-12")) == "€ -12,00"


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_format_then_parse_round_trips(amount):
    assert parse_amount(format_eur(amount)) == amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1,5", Decimal("1.5")), ("2", Decimal(2)), ("1.250,75", Decimal("1250.75"))],
)
def test_a_quantity_is_read_in_the_same_notation(text, expected):
    assert parse_decimal(text) == expected


@pytest.mark.parametrize(("text", "message"), [("1.250", "dubbelzinnig"), ("€ 5", "geen getal")])
def test_a_quantity_refuses_what_an_amount_refuses_and_a_euro_sign(text, message):
    with pytest.raises(ValueError, match=message):
        parse_decimal(text)
