"""Numbers and units as Chinese plan reports write them.

``parse_number`` reads Arabic (half- or full-width) and Chinese numerals with
the magnitudes 万, 亿 and 万亿; ``split_unit`` reads the unit wording that
follows a number (``万亿元``, ``个百分点``, ``微克/立方米``) into a multiplier
and a unit key. Values are exact ``Decimal``: 4.36万亿元 is 4360000000000.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

__all__ = [
    "CHINESE_DIGITS",
    "MAGNITUDES",
    "NUMBER_PATTERN",
    "UNITS",
    "normalise_width",
    "parse_chinese_integer",
    "parse_number",
    "split_unit",
    "to_chinese_integer",
]

CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_LARGE_UNITS = {"万": 10**4, "亿": 10**8}
MAGNITUDES = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(1000)}

#: Unit wording -> unit key. Longest wording first when matching.
UNITS: dict[str, str] = {
    "元": "CNY",
    "美元": "USD",
    "%": "percent",
    "％": "percent",
    "个百分点": "percentage_point",
    "人次": "person_times",
    "人": "persons",
    "名": "persons",
    "家": "enterprises",
    "个": "items",
    "项": "projects",
    "件": "pieces",
    "户": "households",
    "套（间）": "dwellings",
    "套": "dwellings",
    "张": "beds",
    "亩": "mu",
    "斤": "jin",
    "标箱": "teu",
    "吨": "tonne",
    "公顷": "hectare",
    "微克/立方米": "ug_per_m3",
    "所": "institutions",
    "座": "facilities",
    "条": "lines",
    "台": "units",
    "辆": "vehicles",
    "公里": "kilometre",
    "千米": "kilometre",
    "平方公里": "square_kilometre",
    "平方米": "square_metre",
}
_UNIT_WORDS = sorted(UNITS, key=len, reverse=True)
_MAGNITUDE_WORDS = sorted(MAGNITUDES, key=len, reverse=True)

_WIDTH_TABLE = str.maketrans("０１２３４５６７８９．％，＋", "0123456789.%,+")

#: An Arabic number as written in the genre: thousands separators are rare but occur.
NUMBER_PATTERN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def normalise_width(text: str) -> str:
    """Full-width digits, point and percent sign to half-width; the length stays the same."""
    return text.translate(_WIDTH_TABLE)


def parse_chinese_integer(text: str) -> int:
    """``二十一`` -> 21, ``一万二千`` -> 12000, ``两亿`` -> 200000000, ``十`` -> 10."""
    if not text:
        raise ValueError("empty numeral")
    total = 0
    section = 0
    digit: int | None = None
    for char in text:
        if char in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[char]
        elif char in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[char]
            digit = None
        elif char in _LARGE_UNITS:
            if digit is None and section == 0:
                raise ValueError(f"not a Chinese numeral: {text!r}")
            section += digit or 0
            multiplier = _LARGE_UNITS[char]
            if multiplier == 10**4 and total and total % 10**8 == 0 and section == 0:
                raise ValueError(f"not a Chinese numeral: {text!r}")
            total = (total + section) * multiplier if multiplier > 10**4 else total + section * multiplier
            section = 0
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + section + (digit or 0)


def to_chinese_integer(number: int) -> str:
    """The usual Chinese numeral for a non-negative integer below 10**12 (``21`` -> ``二十一``)."""
    if number < 0 or number >= 10**12:
        raise ValueError("out of range")
    if number == 0:
        return "零"
    digits = "零一二三四五六七八九"

    def below_10000(n: int, leading: bool) -> str:
        out = ""
        zero_pending = False
        for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = n // value
            n %= value
            if d:
                if zero_pending:
                    out += "零"
                    zero_pending = False
                if not (value == 10 and d == 1 and leading and not out):
                    out += digits[d]
                out += name
            elif out:
                zero_pending = True
        return out

    parts: list[str] = []
    groups = [(number // 10**8, "亿"), ((number // 10**4) % 10**4, "万"), (number % 10**4, "")]
    started = False
    for index, (group, name) in enumerate(groups):
        if group:
            if started and group < 1000:
                parts.append("零")
            parts.append(below_10000(group, leading=not started) + name)
            started = True
        elif started and index < len(groups) - 1 and any(g for g, _ in groups[index + 1 :]):
            pass
    text = "".join(parts)
    return re.sub("零+", "零", text).rstrip("零")


def parse_number(text: str) -> Decimal:
    """A number with an optional magnitude: ``4.36万亿`` -> 4360000000000, ``1.5万`` -> 15000.

    Raises ``ValueError`` for anything else.
    """
    text = normalise_width(text.strip())
    magnitude = Decimal(1)
    for word in _MAGNITUDE_WORDS:
        if text.endswith(word) and len(text) > len(word):
            head = text[: -len(word)]
            if NUMBER_PATTERN.fullmatch(head):
                magnitude = MAGNITUDES[word]
                text = head
            break
    if NUMBER_PATTERN.fullmatch(text):
        try:
            value = Decimal(text.replace(",", ""))
        except InvalidOperation as error:
            raise ValueError(f"not a number: {text!r}") from error
    else:
        value = Decimal(parse_chinese_integer(text))
    return _tidy(value * magnitude)


def _tidy(value: Decimal) -> Decimal:
    """Drop exponent noise so 4.36E+12 prints as 4360000000000 and 5.0 as 5.0."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value


def split_unit(text: str) -> tuple[Decimal, str | None, str | None, int]:
    """Read magnitude and unit wording at the start of ``text``.

    Returns ``(multiplier, unit_key, unit_text, length)`` where ``unit_text`` is
    the wording including the magnitude (``万亿元``) and ``length`` how many
    characters it takes. ``(1, None, None, 0)`` when nothing follows.
    """
    text = normalise_width(text)
    multiplier = Decimal(1)
    consumed = 0
    for word in _MAGNITUDE_WORDS:
        if word == "千" and text.startswith("千米"):
            continue
        if text.startswith(word):
            multiplier = MAGNITUDES[word]
            consumed = len(word)
            break
    rest = text[consumed:]
    for word in _UNIT_WORDS:
        if rest.startswith(word):
            return multiplier, UNITS[word], text[: consumed + len(word)], consumed + len(word)
    if consumed:
        return multiplier, None, text[:consumed], consumed
    return multiplier, None, None, 0
