"""Target and outcome wording: ``增长5.5%以上``, ``4%以上（1055亿元左右）``, ``基本持平``.

The genre states a value as [scope][change word][prefix]NUMBER[magnitude][unit][suffix]:
``同口径增长0.1%``, ``超554万人``, ``1.5万家``, ``3%以内``, ``接近4%``. Several values
may share one cell or clause; a clause with no number is a qualitative value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from .numbers import NUMBER_PATTERN, normalise_width, parse_chinese_integer, split_unit
from .records import Quantity

__all__ = [
    "CLAUSE_BREAKS",
    "attach_measures",
    "clauses",
    "parse_wording",
    "read_quantities",
]

CLAUSE_BREAKS = "，,；;。（）()"

_INCREASE = ("增长", "提高", "提升", "上升", "增加", "增幅", "增速")
_DECREASE = ("下降", "降低", "减少", "削减", "降幅", "缩小")
_PREFIX_COMPARATORS = {
    "不低于": "at_least",
    "不少于": "at_least",
    "至少": "at_least",
    "超过": "at_least",
    "突破": "at_least",
    "超": "at_least",
    "大于": "at_least",
    "高于": "at_least",
    "不超过": "at_most",
    "不高于": "at_most",
    "低于": "at_most",
    "控制在": "at_most",
    "接近": "approximately",
    "约": "approximately",
}
_SUFFIX_COMPARATORS = {
    "左右": "approximately",
    "以上": "at_least",
    "以内": "at_most",
    "以下": "at_most",
    "余": "at_least",
    "多": "at_least",
}
_SCOPES = ("同口径", "前三季度", "上半年", "一季度", "二季度", "三季度", "四季度", "全年", "1～11月", "1-11月")
_ESTIMATE = "预计"
_COUNT_UNITS = {"个", "家", "项", "件", "所", "座", "条", "名"}
_CHINESE_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千]+")
#: A number glued to these is part of a name or a date, not a value (G60, 5G, 10+3, 2023～2025年).
_NAME_NEIGHBOURS = re.compile(r"[A-Za-z+＋～~\-—/]")
_NOT_UNITS_AFTER = ("年", "月", "日", "季度", "届", "号", "批", "版", "期", "类", "大", "次会议", "周年")
_NOT_COUNTS_BEFORE = ("第", "首", "前", "连续", "每", "近")
#: ``1.4万余家``: 余/多 between the magnitude and the unit means "more than".
_APPROXIMATE_COUNT = re.compile(r"(万亿|亿|万)?[余多](?=[^\s，。；、])")


def clauses(text: str, start: int = 0, *, breaks: str = CLAUSE_BREAKS) -> Iterator[tuple[str, int]]:
    """Split on the genre's clause punctuation, yielding ``(clause, absolute_start)``."""
    begin = 0
    for index, char in enumerate(text):
        if char in breaks:
            if index > begin:
                yield text[begin:index], start + begin
            begin = index + 1
    if begin < len(text):
        yield text[begin:], start + begin


def _number_spans(text: str, *, chinese: bool) -> Iterator[tuple[int, int, Decimal, bool]]:
    """Arabic numbers, and Chinese numerals followed by a count unit when ``chinese``."""
    normal = normalise_width(text)
    for match in NUMBER_PATTERN.finditer(normal):
        yield match.start(), match.end(), Decimal(match.group().replace(",", "")), False
    if chinese:
        for match in _CHINESE_NUMERAL.finditer(text):
            after = text[match.end() : match.end() + 1]
            if after not in _COUNT_UNITS or text[match.start()] in "十百千":
                continue
            try:
                yield match.start(), match.end(), Decimal(parse_chinese_integer(match.group())), True
            except ValueError:
                continue


def read_quantities(
    text: str,
    start: int = 0,
    *,
    chinese_numerals: bool = False,
    require_unit: bool = False,
) -> list[Quantity]:
    """Every value stated in one clause, in order, with absolute offsets.

    ``require_unit`` drops bare numbers (running text names many: years, codes,
    ordinals); table cells allow them because the indicator names the unit.
    """
    found: list[Quantity] = []
    spans = sorted(_number_spans(text, chinese=chinese_numerals), key=lambda item: item[0])
    for number_start, number_end, number, is_chinese in spans:
        before = text[max(0, number_start - 1) : number_start]
        after = text[number_end : number_end + 1]
        if not is_chinese and (_NAME_NEIGHBOURS.match(before or " ") or _NAME_NEIGHBOURS.match(after or " ")):
            continue
        if before and before in "0123456789.０１２３４５６７８９．":
            continue
        if is_chinese and ((before and before in "“「《") or any(text[:number_start].endswith(word) for word in _NOT_COUNTS_BEFORE)):
            continue
        rest = text[number_end:]
        approximate_count = _APPROXIMATE_COUNT.match(rest)
        if approximate_count:
            rest = (approximate_count.group(1) or "") + rest[approximate_count.end() :]
        if any(rest.startswith(word) for word in _NOT_UNITS_AFTER):
            continue
        multiplier, unit, unit_text, unit_length = split_unit(rest)
        if require_unit and unit is None and unit_text is None:
            continue
        end = number_end + unit_length + (1 if approximate_count else 0)
        comparator = "at_least" if approximate_count else "exactly"
        for word, meaning in _SUFFIX_COMPARATORS.items():
            if text.startswith(word, end):
                comparator = meaning
                end += len(word)
                break
        head = text[:number_start]
        value_start = number_start
        for word, meaning in _PREFIX_COMPARATORS.items():
            if head.endswith(word):
                comparator = meaning if comparator == "exactly" else comparator
                value_start -= len(word)
                break
        kind, kind_start = _change_before(text, value_start)
        if kind is None and found and head[found[-1].end - start :].strip() in ("和", "、", "及", "与"):
            kind = found[-1].kind
        value_start = kind_start if kind_start is not None else value_start
        scope = next((word for word in _SCOPES if word in head), None)
        found.append(
            Quantity(
                text=text[value_start:end],
                start=start + value_start,
                end=start + end,
                value=_exact(number * multiplier),
                unit=unit,
                unit_text=unit_text,
                comparator=comparator,
                kind=kind or "level",
                scope=scope,
                estimate=_ESTIMATE in head,
            )
        )
    return found


def _change_before(text: str, position: int) -> tuple[str | None, int | None]:
    """The change word governing a number: directly before it, or before 分别/为/了/达到."""
    head = text[:position]
    for filler in ("", "分别", "为", "了", "达到", "达", "幅度为", "分别为"):
        if filler and not head.endswith(filler):
            continue
        stem = head[: len(head) - len(filler)]
        for word in _INCREASE:
            if stem.endswith(word):
                return "increase", len(stem) - len(word)
        for word in _DECREASE:
            if stem.endswith(word):
                return "decrease", len(stem) - len(word)
    return None, None


def _exact(value: Decimal) -> Decimal:
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


_MEASURE_TRIM_HEAD = ("其中", "同比", "较上年", "比上年", "预计", "分别", "累计", "全市", "首次", "共", "并", "且", *_SCOPES)
_MEASURE_TRIM_TAIL = ("达到", "达", "为", "突破", "超过", "超", "保持在", "保持", "提高到", "增至", "预计", "累计", "共", "分别", "同比")
#: Words that say what happens to a number but not what it measures.
_VERBS_ONLY = {"", "新增", "增长", "提高", "下降", "降低", "完成", "实现", "新建", "建成", "提供", "引进", "培育", "预计", "使用"}


def _clean_measure(head: str) -> str:
    depth = 0
    cut = 0
    for index, char in enumerate(head):
        depth += {"（": 1, "(": 1, "）": -1, ")": -1}.get(char, 0)
        if char == "、" and depth == 0:
            cut = index + 1
    head = head[cut:].strip(" 　\t\n和及与")
    changed = True
    while changed and head:
        changed = False
        for word in _MEASURE_TRIM_HEAD:
            if head.startswith(word):
                head, changed = head[len(word) :], True
        for word in _MEASURE_TRIM_TAIL:
            if head.endswith(word):
                head, changed = head[: -len(word)], True
    return head.strip()


def attach_measures(clause: str, clause_start: int, quantities: list[Quantity], default: str | None) -> list[Quantity]:
    """Give each value of a clause what it measures.

    The measure is the noun phrase before the value (``规上企业2500家以上``); when
    only a verb stands there, the words after the value (``完成1.2万家中小企业数字化能力评估``);
    when neither, the previous value's measure or ``default``.
    """
    measured: list[Quantity] = []
    previous_end = clause_start
    previous_measure = default
    for index, quantity in enumerate(quantities):
        head = clause[previous_end - clause_start : quantity.start - clause_start]
        measure = _clean_measure(head)
        if measure in _VERBS_ONLY:
            next_start = quantities[index + 1].start if index + 1 < len(quantities) else clause_start + len(clause)
            tail = clause[quantity.end - clause_start : next_start - clause_start].strip(" 　\t\n，、")
            tail = re.split(r"[，、和及]", tail, maxsplit=1)[0] if tail else ""
            measure = (measure + tail) if tail and not tail[0].isdigit() else (previous_measure or "")
        unit = quantity.unit or _implied_unit(measure)
        measured.append(replace(quantity, measure=measure or None, unit=unit))
        previous_measure = measure or previous_measure
        previous_end = quantity.end
    return measured


def parse_wording(text: str, start: int = 0, *, measure: str | None = None) -> list[Quantity]:
    """Read a target or outcome cell: one quantity per stated value, a qualitative one per clause without a number.

    ``measure`` is what the whole cell measures (the indicator name); a part that
    names its own measure (``年末户籍人口800万左右``) keeps that instead.
    """
    results: list[Quantity] = []
    stripped = text.strip()
    if not stripped:
        return results
    offset = start + text.index(stripped[0])
    estimate_all = stripped.startswith(_ESTIMATE)
    previous_measure = measure
    for clause, clause_start in clauses(stripped, offset):
        body = clause.strip()
        if not body:
            continue
        body_start = clause_start + clause.index(body[0])
        quantities = read_quantities(body, body_start)
        if not quantities:
            results.append(
                Quantity(
                    text=body,
                    start=body_start,
                    end=body_start + len(body),
                    value=None,
                    unit=None,
                    unit_text=None,
                    comparator="qualitative",
                    kind="level",
                    measure=measure,
                    estimate=estimate_all or _ESTIMATE in body,
                )
            )
            continue
        for quantity in attach_measures(body, body_start, quantities, previous_measure):
            results.append(replace(quantity, estimate=quantity.estimate or estimate_all))
            previous_measure = quantity.measure or previous_measure
    return results


def _implied_unit(measure: str | None) -> str | None:
    """A count with no unit word whose measure is a number of people (``户籍人口增长26万``)."""
    if measure and ("人口" in measure or measure.endswith("人数")):
        return "persons"
    return None
