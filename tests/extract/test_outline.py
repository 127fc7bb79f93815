"""Sections and tables: the genre's layout, on the real report and on small reports written here."""

from decimal import Decimal

import pytest

from plangraph._errors import ExtractError
from plangraph.extract.genre import GenreProfile
from plangraph.extract.records import DocumentMeta, SourceDocument
from plangraph.extract.report import extract_text
from plangraph.extract.sections import parse_sections
from plangraph.extract.tables import parse_table


def test_outline_of_the_report(report) -> None:
    numbers = [s.number for s in report.sections]
    assert numbers[:5] == ["序", "一", "表1", "一（一）", "一（二）"]
    opening = report.sections[0]
    assert report.text[opening.start : opening.heading_end] == "—— 2023年1月7日在市十七届人大二次会议上"
    assert [s.number for s in report.sections if s.level == 1] == ["序", "一", "二", "三"]
    assert report.review_areas == [f"一（二）{i}" for i in range(1, 6)]
    assert report.headline == "一（一）"
    goals = list(dict.fromkeys(report.goal_of_task.values()))
    assert goals == [f"三（{n}）" for n in "一二三四五六"]
    assert len(report.goal_of_task) == 18
    assert report.goal_of_task["三（五）13"] == "三（五）"
    titles = {s.number: s.title for s in report.sections}
    assert titles["三（五）13"] == "高标准开展城市规划建设"
    assert titles["一（二）5"] == "城乡统筹扎实推进"


def test_section_spans_nest(report) -> None:
    by_number = {s.number: s for s in report.sections}
    for section in report.sections:
        assert report.text[section.start : section.heading_end].strip()
        if section.parent:
            parent = by_number[section.parent]
            assert parent.start <= section.start and section.end <= parent.end


def test_tables_of_the_report(report) -> None:
    table1, table2 = report.tables
    assert (table1.label, len(table1.rows), table1.target_year, table1.outcome_year) == ("表1", 18, 2022, 2022)
    assert (table2.label, len(table2.rows), table2.target_year, table2.outcome_year) == ("表2", 43, 2023, None)
    assert table2.roles == ("category", "number", "name", "target")
    # wrapped cells join without the line break; row numbers are cells; empty category cells inherit
    assert table1.rows[5].cells["name"] == "全社会研究与试验发展经费支出占地区生产总值的比重"
    assert [row.number for row in table2.rows] == list(range(1, 44))
    assert table2.rows[1].category == "经济发展实力"  # an empty cell under 经济\n发展\n实力
    categories = []
    for row in table2.rows:
        if row.category not in categories:
            categories.append(row.category)
    assert categories == ["经济发展实力", "现代产业体系", "科教人才支撑", "公共服务能力", "人民共同富裕", "绿色转型发展", "安全保障水平"]
    for row in table1.rows + table2.rows:
        for role, span in row.spans.items():
            if role != "category":
                assert report.text[span.start : span.end].replace("\n", "") == row.cells[role]


def test_binding_and_missed(report) -> None:
    assert report.binding_categories == ("绿色转型发展",)
    assert set(report.expected_categories) == {"经济发展实力", "现代产业体系", "科教人才支撑", "公共服务能力", "人民共同富裕", "安全保障水平"}
    assert report.missed_indicators == ("地区生产总值", "一般公共预算收入", "固定资产投资", "社会消费品零售总额", "全员劳动生产率")


NEXT_YEAR = """—— 2024年1月在市人大会议上
一、2023年国民经济和社会发展计划执行情况
对照预期目标，预计固定资产投资等1个指标无法完成。
表1  2023年主要指标完成情况
\t指标
分类
\t序号
\t指标名称
\t2023年预期目标
\t完成情况

\t经济
发展
\t1
\t地区生产总值
\t增长5%左右
\t增长5.2%

\t
\t2
\t固定资产投资
\t增长5%左右
\t下降1.2%

\t绿色
发展
\t3
\t单位地区生产总值能源消耗降低
\t完成省下达任务
\t省已调整指标、无数据


（一）主要计划目标完成情况
实现地区生产总值2.5万亿元，增长5.2%。
（二）重点任务完成情况
1．产业实力稳步提升。规模以上工业总产值达到4.4万亿元，增长1.2%。
二、2024年国民经济和社会发展计划安排
上述目标中，绿色发展目标是约束性的，经济发展目标是预期性的。
三、完成2024年国民经济和社会发展计划的主要措施
围绕2024年全市经济社会发展的二大类3项主要预期目标，建议抓好二个方面2项重点任务。
（一）全力推动经济发展
1．促进投资合理增长。新增省级智能工厂二十家，引进人才1200人以上。
（二）加快绿色发展
2．打造优美生态环境。建成城市公园15个。
"""


def _document(text: str) -> SourceDocument:
    meta = DocumentMeta(
        doc_id="testcity-2024",
        title_zh="报告",
        title_en="Report",
        city_zh="测试市",
        city_en="Testcity",
        author_zh="发改委",
        author_en="DRC",
        delivered="2024-01-10",
        delivered_at_zh="会议",
        published=None,
        source_url="http://example.org/report",
        review_year=2023,
        plan_year=2024,
    )
    return SourceDocument(path="testcity-2024.txt", text=text, meta=meta)


def test_next_years_layout_goes_through_the_same_code() -> None:
    """One table with both a 预期目标 and a 完成情况 column, in the layout of next year's report."""
    report = extract_text(_document(NEXT_YEAR), GenreProfile())
    (table,) = report.tables
    assert table.roles == ("category", "number", "name", "target", "outcome")
    assert (table.target_year, table.outcome_year) == (2023, 2023)
    rows = {row.name: row for row in report.indicators}
    assert rows["地区生产总值"].targets[0].value == 5
    assert rows["地区生产总值"].outcomes[0].value == Decimal("5.2")
    assert rows["固定资产投资"].outcomes[0].kind == "decrease"
    assert rows["固定资产投资"].status == "not_met"
    assert rows["地区生产总值"].status == "met"
    assert rows["单位地区生产总值能源消耗降低"].status == "no_data"
    assert rows["固定资产投资"].category == "经济发展"
    assert report.binding_categories == ("绿色发展",)
    assert report.goal_of_task == {"三（一）1": "三（一）", "三（二）2": "三（二）"}
    commitments = [(f.measure, f.quantity.value, f.quantity.unit) for f in report.commitments]
    assert commitments == [("新增省级智能工厂", 20, "enterprises"), ("引进人才", 1200, "persons"), ("建成城市公园", 15, "items")]
    assert [f.quantity.value for f in report.review_figures] == [Decimal("4400000000000"), Decimal("1.2")]


def test_declared_counts_catch_a_report_cut_short() -> None:
    cut = NEXT_YEAR[: NEXT_YEAR.index("（二）加快绿色发展")]
    with pytest.raises(ExtractError, match="announces 2 goals with 2 tasks"):
        extract_text(_document(cut), GenreProfile())


def test_ragged_table_row_is_an_error() -> None:
    text = "表1  2023年目标\n\t指标名称\n\t2023年预期目标\n\n\t地区生产总值\n\n"
    (section,) = parse_sections(text)
    with pytest.raises(ExtractError, match="row 1 has 1 cells, expected 2"):
        parse_table(text, section, doc_id="t")


def test_missing_parts_are_named() -> None:
    with pytest.raises(ExtractError, match="measures part"):
        extract_text(_document("一、2023年计划执行情况\n正文。\n"), GenreProfile())
