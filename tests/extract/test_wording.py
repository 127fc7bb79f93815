"""Every target and outcome wording of both tables, read to the structure the text states."""

from decimal import Decimal

import pytest

from plangraph.extract.wording import parse_wording

D = Decimal
Q = "qualitative"

# (cell, measure of the cell) -> [(value, unit, comparator, kind, measure or None for the cell's own)]
CASES: list[tuple[str, list[tuple]]] = [
    # 表1 targets
    ("增长5.5%以上", [(D("5.5"), "percent", "at_least", "increase")]),
    ("增长4.5%以上", [(D("4.5"), "percent", "at_least", "increase")]),
    ("增长5%左右", [(D("5"), "percent", "approximately", "increase")]),
    ("增长6.5%左右", [(D("6.5"), "percent", "approximately", "increase")]),
    ("总体稳定、质效提升", [(None, None, Q, "level")]),
    ("3.85%左右", [(D("3.85"), "percent", "approximately", "level")]),
    ("增长10%左右", [(D("10"), "percent", "approximately", "increase")]),
    ("15%左右", [(D("15"), "percent", "approximately", "level")]),
    ("25件以上", [(D("25"), "pieces", "at_least", "level")]),
    ("23%以上", [(D("23"), "percent", "at_least", "level")]),
    ("与GDP增长基本同步", [(None, None, Q, "level")]),
    ("3%左右", [(D("3"), "percent", "approximately", "level")]),
    ("3%以内", [(D("3"), "percent", "at_most", "level")]),
    ("继续保持“双下降”，降幅大于全省平均水平", [(None, None, Q, "level"), (None, None, Q, "level")]),
    ("完成省下达任务", [(None, None, Q, "level")]),
    # 表1 outcomes
    ("2.4万亿元", [(D("2400000000000"), "CNY", "exactly", "level")]),
    ("同口径增长0.1%", [(D("0.1"), "percent", "exactly", "increase")]),
    ("增长1.5%", [(D("1.5"), "percent", "exactly", "increase")]),
    ("基本持平", [(None, None, Q, "level")]),
    ("增长1.6%", [(D("1.6"), "percent", "exactly", "increase")]),
    ("接近4% ", [(D("4"), "percent", "approximately", "level")]),
    ("15.8%左右", [(D("15.8"), "percent", "approximately", "level")]),
    ("26件以上", [(D("26"), "pieces", "at_least", "level")]),
    ("预计与GDP增长基本同步", [(None, None, Q, "level")]),
    ("23.1%", [(D("23.1"), "percent", "exactly", "level")]),
    ("前三季度增长4.2%，预计能够完成预期目标", [(D("4.2"), "percent", "exactly", "increase"), (None, None, Q, "level")]),
    ("2.2%左右", [(D("2.2"), "percent", "approximately", "level")]),
    ("省已调整指标、无数据", [(None, None, Q, "level")]),
    (
        "分别下降51.8%和55.9%，降幅大于全省平均水平",
        [(D("51.8"), "percent", "exactly", "decrease"), (D("55.9"), "percent", "exactly", "decrease"), (None, None, Q, "level")],
    ),
    ("省未下达年度任务、预计0.7%", [(D("0.7"), "percent", "exactly", "level")]),
    # 表2 targets
    ("保持基本稳定", [(None, None, Q, "level")]),
    ("增长6%以上", [(D("6"), "percent", "at_least", "increase")]),
    ("稳中提质", [(None, None, Q, "level")]),
    ("增长5.5%左右", [(D("5.5"), "percent", "approximately", "increase")]),
    (
        "增长26万左右，年末户籍人口\n800万左右",
        [(D("260000"), "persons", "approximately", "increase"), (D("8000000"), "persons", "approximately", "level", "年末户籍人口")],
    ),
    ("53%左右", [(D("53"), "percent", "approximately", "level")]),
    ("46%以上", [(D("46"), "percent", "at_least", "level")]),
    ("同口径提升", [(None, None, Q, "level")]),
    ("新增1600家左右，总量1.5万家", [(D("1600"), "enterprises", "approximately", "level"), (D("15000"), "enterprises", "exactly", "level", "总量")]),
    ("16.5%以上", [(D("16.5"), "percent", "at_least", "level")]),
    (
        "规上企业2500家以上，实现规上企业全覆盖，完成1.2万家中小企业数字化能力评估",
        [
            (D("2500"), "enterprises", "at_least", "level", "规上企业"),
            (None, None, Q, "level"),
            (D("12000"), "enterprises", "exactly", "level", "完成中小企业数字化能力评估"),
        ],
    ),
    ("4%以上（1055亿元左右） ", [(D("4"), "percent", "at_least", "level"), (D("105500000000"), "CNY", "approximately", "level")]),
    ("1015亿元左右，增长10%左右", [(D("101500000000"), "CNY", "approximately", "level"), (D("10"), "percent", "approximately", "increase")]),
    (
        "29件以上（有效发明专利拥有量达11.5万件以上，增长10%以上）",
        [
            (D("29"), "pieces", "at_least", "level"),
            (D("115000"), "pieces", "at_least", "level", "有效发明专利拥有量"),
            (D("10"), "percent", "at_least", "increase", "有效发明专利拥有量"),
        ],
    ),
    ("1180人", [(D("1180"), "persons", "exactly", "level")]),
    ("70.7%", [(D("70.7"), "percent", "exactly", "level")]),
    ("15万人以上", [(D("150000"), "persons", "at_least", "level")]),
    ("90%以上", [(D("90"), "percent", "at_least", "level")]),
    ("98.5%以上", [(D("98.5"), "percent", "at_least", "level")]),
    ("96%", [(D("96"), "percent", "exactly", "level")]),
    ("3.8万户", [(D("38000"), "households", "exactly", "level")]),
    ("3.31个", [(D("3.31"), "items", "exactly", "level")]),
    ("89.5%", [(D("89.5"), "percent", "exactly", "level")]),
    ("19.3%", [(D("19.3"), "percent", "exactly", "level")]),
    ("6.2张", [(D("6.2"), "beds", "exactly", "level")]),
    ("3.11人", [(D("3.11"), "persons", "exactly", "level")]),
    ("与经济增长基本同步", [(None, None, Q, "level")]),
    ("稳步降低", [(None, None, Q, "level")]),
    ("20万人", [(D("200000"), "persons", "exactly", "level")]),
    ("4.6%左右", [(D("4.6"), "percent", "approximately", "level")]),
    ("4.8%左右", [(D("4.8"), "percent", "approximately", "level")]),
    ("93.8%", [(D("93.8"), "percent", "exactly", "level")]),
    ("产量保持稳定，完成省下达粮食播种面积任务", [(None, None, Q, "level"), (None, None, Q, "level")]),
    ("幅度大于全省平均水平", [(None, None, Q, "level")]),
]


@pytest.mark.parametrize(("cell", "expected"), CASES, ids=[c for c, _ in CASES])
def test_wording(cell: str, expected: list[tuple]) -> None:
    measure = "户籍人口" if "户籍人口" in cell else "本指标"
    got = parse_wording(cell, 100, measure=measure)
    assert len(got) == len(expected)
    for quantity, want in zip(got, expected):
        value, unit, comparator, kind, *own_measure = want
        assert (quantity.value, quantity.unit, quantity.comparator, quantity.kind) == (value, unit, comparator, kind)
        assert quantity.measure == (own_measure[0] if own_measure else measure)
        assert cell[quantity.start - 100 : quantity.end - 100] == quantity.text


def test_scope_and_estimate() -> None:
    same_basis, = parse_wording("同口径增长0.1%")
    assert same_basis.scope == "同口径"
    first_three, conclusion = parse_wording("前三季度增长4.2%，预计能够完成预期目标")
    assert first_three.scope == "前三季度" and not first_three.estimate
    assert conclusion.estimate
    estimated, = parse_wording("省未下达年度任务、预计0.7%")
    assert estimated.estimate


def test_every_table_cell_is_covered(report) -> None:
    """The cases above are the tables' own wording: none of the 61 rows is left out."""
    known = {cell.strip() for cell, _ in CASES}
    for row in report.indicators:
        for text in (row.target_text, row.outcome_text):
            if text is not None:
                assert text.strip() in known or text.replace("\n", "").strip() in {k.replace("\n", "") for k in known}


@pytest.mark.parametrize(
    ("cell", "value", "comparator"),
    [
        ("不低于95%", D("95"), "at_least"),
        ("控制在3%以内", D("3"), "at_most"),
        ("约1.2万亿元", D("1200000000000"), "approximately"),
        ("超过3000家", D("3000"), "at_least"),
        ("1.4万余家", D("14000"), "at_least"),
        ("２５件以上", D("25"), "at_least"),
    ],
)
def test_other_genre_wordings(cell: str, value: Decimal, comparator: str) -> None:
    quantity, = parse_wording(cell)
    assert (quantity.value, quantity.comparator) == (value, comparator)
