from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plangraph.extract.numbers import parse_chinese_integer, parse_number, split_unit, to_chinese_integer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4.36万亿", Decimal("4360000000000")),
        ("2.4万亿", Decimal("2400000000000")),
        ("1055亿", Decimal("105500000000")),
        ("26万", Decimal("260000")),
        ("1.5万", Decimal("15000")),
        ("11.5万", Decimal("115000")),
        ("5774.2亿", Decimal("577420000000")),
        ("3.31", Decimal("3.31")),
        ("１２．５", Decimal("12.5")),
        ("22327", Decimal("22327")),
        ("二十一", Decimal("21")),
        ("十五", Decimal("15")),
        ("两", Decimal("2")),
        ("一万二千", Decimal("12000")),
    ],
)
def test_parse_number(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "万", "4.3.6", "亿亿"])
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "multiplier", "unit", "unit_text"),
    [
        ("万亿元，增长", Decimal(10) ** 12, "CNY", "万亿元"),
        ("亿美元", Decimal(10) ** 8, "USD", "亿美元"),
        ("个百分点", Decimal(1), "percentage_point", "个百分点"),
        ("%左右", Decimal(1), "percent", "%"),
        ("万人次以上", Decimal(10) ** 4, "person_times", "万人次"),
        ("微克/立方米", Decimal(1), "ug_per_m3", "微克/立方米"),
        ("套（间）", Decimal(1), "dwellings", "套（间）"),
        ("万左右", Decimal(10) ** 4, None, "万"),
        ("左右", Decimal(1), None, None),
    ],
)
def test_split_unit(text: str, multiplier: Decimal, unit: str | None, unit_text: str | None) -> None:
    got_multiplier, got_unit, got_text, length = split_unit(text)
    assert (got_multiplier, got_unit, got_text) == (multiplier, unit, unit_text)
    assert length == len(unit_text or "")


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numerals_round_trip(number: int) -> None:
    assert parse_chinese_integer(to_chinese_integer(number)) == number


@given(
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from([("", 1), ("万", 10**4), ("亿", 10**8), ("万亿", 10**12)]),
)
def test_magnitudes_scale_exactly(value: Decimal, magnitude: tuple[str, int]) -> None:
    word, factor = magnitude
    text = format(value, "f")
    assert parse_number(text + word) == value * factor


@given(st.integers(min_value=0, max_value=10**9), st.booleans())
def test_full_width_digits_read_as_half_width(number: int, with_fraction: bool) -> None:
    text = f"{number}.5" if with_fraction else str(number)
    full = text.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    assert parse_number(full) == parse_number(text)
