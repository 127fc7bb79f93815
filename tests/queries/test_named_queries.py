"""Each named query against what the report's text says (counts and key rows read from the text)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from plangraph._errors import InputError, NotFound
from plangraph.queries import load_queries, sparql_term

ID = "https://w3id.org/plangraph/id/"
PG = "https://w3id.org/plangraph/ontology#"


def test_every_query_has_a_header_and_a_test(paths) -> None:
    queries = load_queries(paths.queries)
    assert len(queries) >= 15
    tested = {name.removeprefix("test_").replace("_", "-") for name in globals() if name.startswith("test_")}
    for name, query in queries.items():
        assert query.title_zh and query.title_en and query.description
        assert name in tested, f"queries/{name}.rq has no test named test_{name.replace('-', '_')}"


def test_missed_targets_2022(plan) -> None:
    rows = plan.run("missed-targets-2022")
    # 对照预期目标，预计地区生产总值、一般公共预算收入、固定资产投资、社会消费品零售总额、全员劳动生产率等5个指标无法完成。
    assert sorted(r["label_zh"] for r in rows) == sorted(["地区生产总值", "一般公共预算收入", "固定资产投资", "社会消费品零售总额", "全员劳动生产率"])
    by_name = {r["label_zh"]: r for r in rows}
    assert (by_name["地区生产总值"]["target_text"], by_name["地区生产总值"]["outcome_text"]) == ("增长5.5%以上", "2.4万亿元")
    assert by_name["一般公共预算收入"]["outcome_text"] == "同口径增长0.1%"
    assert all("无法完成" in r["quote"] for r in rows)


def test_binding_targets_2023(plan) -> None:
    rows = plan.run("binding-targets-2023")
    # 上述目标中，绿色转型发展目标是约束性的: rows 34-40 of 表2
    assert {r["label_zh"] for r in rows} == {
        "单位地区生产总值能源消耗降低",
        "单位地区生产总值二氧化碳排放量下降",
        "PM2.5浓度",
        "空气质量优良天数比例",
        "省考地表水达到或优于Ⅲ类水体比例",
        "主要污染物排放总量削减",
        "单位地区生产总值建设用地使用面积下降率",
    }
    values = {r["label_zh"]: r["value"] for r in rows}
    assert values["单位地区生产总值能源消耗降低"] == Decimal("4.6")
    assert values["省考地表水达到或优于Ⅲ类水体比例"] == Decimal("93.8")
    assert values["PM2.5浓度"] is None


def test_indicators_both_years(plan) -> None:
    rows = plan.run("indicators-both-years")
    # 表1's 18 indicators less 全员劳动生产率 and 城镇登记失业率, which 表2 no longer sets
    assert len(rows) == 16
    by_name = {r["label_zh"]: r for r in rows}
    assert (by_name["地区生产总值"]["target_2022"], by_name["地区生产总值"]["target_2023"]) == ("增长5.5%以上", "增长5%左右")
    energy = by_name["单位地区生产总值能源消耗降低"]
    assert (energy["target_2022"], energy["target_2023"]) == ("完成省下达任务", "4.6%左右")
    assert "全员劳动生产率" not in by_name


def test_task_commitments(plan) -> None:
    task8 = plan.run("task-commitments", task=8)
    # 8．积极营造创新生态: 300个产品, 100个产品, 瞪羚企业800家, 独角兽培育企业180家, 省工程技术研究中心200家, 孵化载体550家
    assert sorted(int(r["value"]) for r in task8) == [100, 180, 200, 300, 550, 800]
    task7 = plan.run("task-commitments", task=7)
    assert [(r["value"], r["comparator"]) for r in task7] == [(Decimal(1500), PG + "AtLeast")]
    everything = plan.run("task-commitments")
    assert len(everything) == 24
    assert {r["number"] for r in everything} == {4, 6, 7, 8, 9, 14, 16}


def test_evidence_for(plan) -> None:
    rows = plan.run("evidence-for")
    quotes = {r["quote"] for r in rows}
    assert "2.4万亿元" in quotes
    assert any("5个指标无法完成" in q for q in quotes)
    for row in rows:
        assert row["end"] - row["start"] == len(row["quote"])
    task = plan.run("evidence-for", node=f"{ID}suzhou/2023/task/13")
    assert [r["quote"] for r in task] == ["13．高标准开展城市规划建设。"]
    assert task[0]["section_number"] == "三（五）13"


def test_indicators_per_goal(plan) -> None:
    rows = plan.run("indicators-per-goal")
    counts = {r["category_zh"]: r["indicators"] for r in rows}
    # 表2 rows per category: 1-9, 10-15, 16-21, 22-30, 31-33, 34-40, 41-43
    assert counts == {"经济发展实力": 9, "现代产业体系": 6, "科教人才支撑": 6, "公共服务能力": 9, "人民共同富裕": 3, "绿色转型发展": 7, "安全保障水平": 3}
    goals = {r["category_zh"]: r["goal_zh"] for r in rows}
    assert goals["绿色转型发展"] == "提升城乡融合发展水平"
    assert goals["现代产业体系"] == "加快构建现代化产业体系"


def test_review_figures(plan) -> None:
    area1 = plan.run("review-figures", area=1)
    values = {(r["measure"], r["value"]) for r in area1}
    # 规模以上工业总产值达到4.36万亿元，增长4.1%。完成固定资产投资5774.2亿元
    assert ("规模以上工业总产值", Decimal("4360000000000")) in values
    assert ("规模以上工业总产值", Decimal("4.1")) in values
    assert ("完成固定资产投资", Decimal("577420000000")) in values
    assert {r["area_number"] for r in plan.run("review-figures")} == {1, 2, 3, 4, 5}
    area4 = plan.run("review-figures", area=4)
    fdi = [r for r in area4 if r["measure"] == "实际使用外资" and r["unit"] == "http://qudt.org/vocab/currency/USD"]
    assert [r["value"] for r in fdi] == [Decimal("7420000000")]


def test_label_search(plan) -> None:
    rows = plan.run("label-search", q="户籍人口")
    assert f"{ID}indicator/registered-population" in {r["node"] for r in rows}
    english = plan.run("label-search", q="gross regional")
    assert [r["node"] for r in english if r["class"] == PG + "Indicator"] == [f"{ID}indicator/gdp"]
    alias = plan.run("label-search", q="能耗下降")
    assert f"{ID}indicator/energy-intensity-reduction" in {r["node"] for r in alias}


def test_outcome_status(plan) -> None:
    rows = {r["status"].rsplit("#", 1)[-1]: r for r in plan.run("outcome-status")}
    assert {k: v["indicators"] for k, v in rows.items()} == {"Met": 11, "NotMet": 5, "NoData": 1, "Unclear": 1}
    assert rows["NoData"]["names"] == "城镇登记失业率"
    assert rows["Unclear"]["names"] == "单位地区生产总值能源消耗降低"  # 表1 wording: 单位地区生产总值能耗下降


def test_goals_and_tasks(plan) -> None:
    rows = plan.run("goals-and-tasks")
    assert len(rows) == 18
    assert len({r["goal"] for r in rows}) == 6
    by_task = {r["task_zh"]: r for r in rows}
    assert by_task["高标准开展城市规划建设"]["goal_zh"] == "提升城乡融合发展水平"
    assert by_task["积极营造创新生态"]["commitments"] == 6
    assert by_task["促进投资合理增长"]["commitments"] == 0


def test_unknown_query_lists_the_known_ones(plan) -> None:
    with pytest.raises(NotFound, match="known queries: .*missed-targets-2022"):
        plan.run("no-such-query")


def test_unknown_parameter_is_refused(plan) -> None:
    with pytest.raises(InputError, match="has no parameter"):
        plan.run("missed-targets-2022", year=2022)


@pytest.mark.parametrize(
    ("value", "term"),
    [
        ("太湖新城", '"太湖新城"'),
        ('a"b\\c', '"a\\"b\\\\c"'),
        ("https://w3id.org/plangraph/id/indicator/gdp", "<https://w3id.org/plangraph/id/indicator/gdp>"),
        ("<https://example.org/x>", "<https://example.org/x>"),
        ('"} ; DROP ALL ; #', '"\\"} ; DROP ALL ; #"'),
    ],
)
def test_parameters_become_safe_terms(value: str, term: str) -> None:
    assert sparql_term(value) == term


def test_injection_through_a_parameter_stays_a_literal(plan) -> None:
    rows = plan.run("label-search", q='") } SELECT * WHERE { ?s ?p ?o } #')
    assert rows == []


def test_entities_by_goal(plan) -> None:
    goal3 = {r["entity_zh"] for r in plan.run("entities-by-goal", goal=3)}
    # 8．积极营造创新生态: 支持苏州实验室、“一区两中心”、先进技术成果长三角转化中心、临港实验室苏州基地等重大平台载体建设，
    # 推进深时数字地球国际大科学计划，加快建设纳米真空互联实验站、昆山超级计算中心
    for name in ["苏州实验室", "临港实验室苏州基地", "纳米真空互联实验站", "昆山超级计算中心", "深时数字地球国际大科学计划", "先进技术成果长三角转化中心"]:
        assert name in goal3
    # 9．引育集聚高素质人才: 第十五届苏州国际精英创业周, “百校进苏”“千才留苏”“万企聚苏”
    assert {"第十五届苏州国际精英创业周", "百校进苏", "千才留苏", "万企聚苏"} <= goal3
    goal5 = plan.run("entities-by-goal", goal=5)
    labs = {r["entity_zh"] for r in goal5 if r["class"].endswith("RailLine")}
    # 13．加快建设通苏嘉甬铁路、北沿江高铁苏州段、水乡旅游线城际铁路苏州南站等工程，积极推进苏锡常城际、如通苏湖城际等项目前期工作，建成南沿江城际铁路
    assert labs == {"通苏嘉甬高铁", "北沿江高铁苏州段", "水乡旅游线城际铁路", "苏锡常城际", "如通苏湖城际", "南沿江城际铁路"}
    assert {r["goal_number"] for r in plan.run("entities-by-goal")} == {1, 2, 3, 4, 5, 6}


def test_rail_and_tunnels(plan) -> None:
    rows = plan.run("rail-and-tunnels")
    names = {r["label_zh"] for r in rows}
    # section 一（二）5 and task 13 name six lines being built or planned, three extensions, line 11 and four tunnels
    assert {"东太湖隧道", "苏州湾隧道", "独墅湖南隧道", "金鸡湖隧道"} == {r["label_zh"] for r in rows if r["class"].endswith("Tunnel")}
    assert {"轨道交通2号线延伸线", "轨道交通4号线延伸线", "轨道交通7号线延伸线", "轨道交通11号线", "南沿江城际铁路"} <= names
    by_name = {}
    for row in rows:
        by_name.setdefault(row["label_zh"], set()).add((row["status_text"], str(row["year"])))
    assert by_name["金鸡湖隧道"] == {("建成通车", "2022")}
    assert by_name["北沿江高铁苏州段"] == {("开工建设", "2022"), ("加快建设", "2023")}
    assert by_name["苏锡常城际"] == {("前期工作", "2023")}
    assert all(row["status"] for row in rows)


def test_zone_profile(plan) -> None:
    rows = plan.run("zone-profile")
    mentioned = {r["section_number"] for r in rows if r["relation"] == "mentioned in"}
    # 太湖新城: 一（二）4 (高标准推动太湖新城…片区规划提升和建设) and 三（四）10 (高标准开展太湖新城…规划建设)
    assert mentioned == {"一（二）4", "三（四）10"}
    assert ("located here", "太湖新城规划建设三年行动计划（2023～2025年）") in {(r["relation"], r["other_zh"]) for r in rows}
    english = plan.run("zone-profile", zone="taihu new town")
    assert {r["section_number"] for r in english if r["relation"] == "mentioned in"} == mentioned
    park = plan.run("zone-profile", zone="苏州工业园区")
    assert {"金鸡湖隧道", "独墅湖南隧道"} <= {r["other_zh"] for r in park if r["relation"] == "located here"}


def test_multi_task_entities(plan) -> None:
    rows = plan.run("multi-task-entities")
    in_tasks = [r for r in rows if (r["task_count"] or 0) > 1]
    # only the city itself ("苏州") is named in more than one 2023 task
    assert [(r["label_zh"], sorted(r["tasks"].split(","), key=int)) for r in in_tasks] == [
        ("苏州市", ["2", "5", "6", "11", "12", "16"])
    ]
    both = {r["label_zh"]: r for r in rows}
    # 苏州实验室: 一（二）2 苏州实验室经中央批准成立 and task 8 支持苏州实验室
    assert (both["苏州实验室"]["tasks"], both["苏州实验室"]["areas"]) == ("8", "2")
    assert both["南京大学苏州校区"]["areas"] in ("2,3", "3,2")


def test_institutions_by_type(plan) -> None:
    rows = plan.run("institutions-by-type")
    by_type: dict[str, set[str]] = {}
    for row in rows:
        by_type.setdefault(row["type"].rsplit("#", 1)[-1], set()).add(row["label_zh"])
    # 一（二）4: 相继组建公交集团、名城保护集团、创新投资集团、大数据集团、港航集团、能源集团、储备粮公司，重组合并城投集团和保障房公司，优化调整轨道集团
    assert by_type["StateGroup"] == {"公交集团", "名城保护集团", "创新投资集团", "大数据集团", "港航集团", "能源集团", "储备粮公司", "城投集团", "保障房公司", "轨道集团"}
    assert {"南京大学苏州校区", "中国中医科学院大学", "苏州大学"} <= by_type["University"]
    assert {"国务院", "自然资源部", "人民银行总行"} <= by_type["GovernmentBody"]
    mentions = {r["label_zh"]: r["mentions"] for r in rows}
    assert mentions["南京大学苏州校区"] == 2


def test_projects_per_zone(plan) -> None:
    rows = {r["zone_zh"]: r for r in plan.run("projects-per-zone")}
    assert set(rows["苏州工业园区"]["names"].split("、")) == {"纳米真空互联实验站", "金鸡湖隧道", "独墅湖南隧道"}
    assert rows["昆山市"]["names"] == "昆山超级计算中心" and rows["昆山市"]["admin_code"] == "320583"
    assert rows["太仓市"]["projects"] == 3


# The cross-dataset queries meet a second report or an imported table in tests/link (test_next_report.py,
# test_link_cli.py); on the committed report alone they compare its own tables.
def test_targets_vs_observed(plan) -> None:
    rows = plan.run("targets-vs-observed")
    # every indicator target of 表1 and 表2, none with an observed value yet
    assert len({r["indicator"] for r in rows}) == 45
    assert all(r["observed_value"] is None and r["difference"] is None for r in rows)


def test_targets_vs_reported(plan) -> None:
    rows = plan.run("targets-vs-reported")
    # 表1: the 18 targets of 2022 with the outcomes the same report gives
    assert len(rows) == 18 and {str(r["year"]) for r in rows} == {"2022"}
    assert {r["plan_document"] for r in rows} == {r["review_document"] for r in rows} == {ID + "suzhou/2023/report"}


def test_shared_targets(plan) -> None:
    rows = plan.run("shared-targets")
    # the 16 indicators 表1 (2022) and 表2 (2023) both set targets for, as in indicators-both-years
    assert len({r["indicator"] for r in rows}) == 16
    assert all(r["document_a"] == r["document_b"] and str(r["year_a"]) == "2022" for r in rows)
