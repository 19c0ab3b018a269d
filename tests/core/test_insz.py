import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from welzijn.core.insz import check_insz_matches, make_insz, parse_insz


@pytest.mark.parametrize(
    ("number", "birth_date", "sex"),
    [
        # Born before 2000: 97 - (850730033 mod 97) = 28.
        ("85073003328", dt.date(1985, 7, 30), "M"),
        ("85.07.30-033.28", dt.date(1985, 7, 30), "M"),
        # Born in 2000 or later: 97 - (2170502002 mod 97) = 68.
        ("17050200268", dt.date(2017, 5, 2), "V"),
    ],
)
def test_valid_numbers_give_birth_date_and_sex(number, birth_date, sex):
    parsed = parse_insz(number)
    assert parsed.birth_date == birth_date
    assert parsed.sex == sex
    assert not parsed.is_bis


def test_the_check_digits_decide_the_century():
    # The same nine digits with check digits computed without the 2: born in 1917.
    assert parse_insz("17050200239").birth_date == dt.date(1917, 5, 2)
    assert parse_insz("17050200268").birth_date == dt.date(2017, 5, 2)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("8507300332", "insz_format"),  # 10 digits
        ("850730033289", "insz_format"),  # 12 digits
        ("85O73003328", "insz_format"),  # a letter O
        ("85073003329", "insz_checksum"),
        ("85133003320", "insz_checksum"),  # month 13 with its own valid check digits below
    ],
)
def test_invalid_numbers_are_refused_with_a_dutch_message(number, code):
    with pytest.raises(ValidationError) as exc:
        parse_insz(number)
    assert exc.value.code == code
    assert "INSZ" in exc.value.messages[0] or "controlegetallen" in exc.value.messages[0]


def test_month_13_is_refused_even_with_correct_check_digits():
    first_nine = "851330033"
    with pytest.raises(ValidationError) as exc:
        parse_insz(f"{first_nine}{97 - int(first_nine) % 97:02d}")
    assert exc.value.code == "insz_month"


def test_a_date_that_does_not_exist_is_refused():
    first_nine = "850230033"  # 30 February
    with pytest.raises(ValidationError) as exc:
        parse_insz(f"{first_nine}{97 - int(first_nine) % 97:02d}")
    assert exc.value.code == "insz_date"


def test_bis_number_with_known_sex_has_month_plus_20():
    number = make_insz(dt.date(1979, 4, 12), 17, bis=True)
    assert number[2:4] == "24"
    parsed = parse_insz(number)
    assert parsed.is_bis and parsed.sex == "M" and parsed.birth_date == dt.date(1979, 4, 12)


def test_bis_number_with_unknown_sex_has_month_plus_40():
    number = make_insz(dt.date(2003, 11, 5), 18, bis=True, sex_known=False)
    assert number[2:4] == "51"
    parsed = parse_insz(number)
    assert parsed.is_bis and parsed.sex is None and parsed.birth_date == dt.date(2003, 11, 5)
    check_insz_matches(number, birth_date=dt.date(2003, 11, 5), sex="V")  # sex not checked


def test_unknown_birth_day_is_allowed():
    first_nine = "750000123"  # born in 1975, month and day unknown
    parsed = parse_insz(f"{first_nine}{97 - int(first_nine) % 97:02d}")
    assert parsed.birth_date is None and parsed.birth_year == 1975


def test_birth_date_and_sex_must_agree_with_the_number():
    with pytest.raises(ValidationError) as exc:
        check_insz_matches("85073003328", birth_date=dt.date(1985, 7, 31), sex="V")
    assert set(exc.value.message_dict) == {"birth_date", "sex"}


@given(
    born=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    seq=st.integers(min_value=1, max_value=998),
    bis=st.booleans(),
)
def test_generated_numbers_parse_back(born, seq, bis):
    parsed = parse_insz(make_insz(born, seq, bis=bis))
    assert parsed.birth_date == born
    assert parsed.sex == ("M" if seq % 2 else "V")
    assert parsed.is_bis == bis
