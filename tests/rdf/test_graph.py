"""The built graph against what the report says: counts and key facts read from the text."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, URIRef

PG = "https://w3id.org/plangraph/ontology#"
ID = "https://w3id.org/plangraph/id/"
PREFIXES = f"PREFIX pg: <{PG}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"


def rows(graph, query: str) -> list[tuple]:
    return [tuple(row) for row in graph.query(PREFIXES + query)]


def scalar(graph, query: str):
    (row,) = rows(graph, query)
    return row[0].toPython() if row[0] is not None else None


def test_eighteen_tasks_under_six_goals(graph) -> None:
    result = rows(graph, "SELECT ?goal (COUNT(?task) AS ?n) WHERE { ?task a pg:Task ; pg:contributesTo ?goal } GROUP BY ?goal")
    counts = sorted(int(n) for _, n in result)
    assert counts == [3, 3, 3, 3, 3, 3]
    assert scalar(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?g a pg:StrategicGoal }") == 6
    assert scalar(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?t a pg:Task }") == 18
    goal_of_13 = scalar(graph, f"SELECT ?g WHERE {{ <{ID}suzhou/2023/task/13> pg:contributesTo ?g }}")
    assert goal_of_13 == f"{ID}suzhou/2023/goal/5"


def test_every_table_row_has_its_targets(graph, report) -> None:
    # 表1 has 18 rows, 表2 43; each row's target cell gives at least one pg:Target of the row's year
    assert len([r for r in report.indicators if r.table == "表1"]) == 18
    assert len([r for r in report.indicators if r.table == "表2"]) == 43
    by_year = dict(
        rows(graph, "SELECT ?y (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i a pg:Indicator ; pg:hasTarget ?t . ?t pg:targetYear ?y } GROUP BY ?y")
    )
    assert {str(y): int(n) for y, n in by_year.items()} == {"2022": 18, "2023": 43}
    assert scalar(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?i a pg:Indicator }") == 45


def test_one_indicator_one_iri(graph) -> None:
    gdp = URIRef(f"{ID}indicator/gdp")
    years = sorted(str(y) for (y,) in rows(graph, f"SELECT ?y WHERE {{ <{gdp}> pg:hasTarget/pg:targetYear ?y }}"))
    assert years == ["2022", "2023"]
    energy = rows(graph, f"SELECT ?l ?a WHERE {{ <{ID}indicator/energy-intensity-reduction> rdfs:label ?l ; skos:altLabel ?a FILTER(lang(?l)='zh') }}")
    assert energy == [(Literal("单位地区生产总值能源消耗降低", lang="zh"), Literal("单位地区生产总值能耗下降", lang="zh"))]


def test_composite_and_qualitative_targets(graph) -> None:
    population = rows(
        graph,
        f"SELECT ?v ?k WHERE {{ <{ID}indicator/registered-population> pg:hasTarget ?t . ?t pg:targetValue ?v ; pg:valueKind ?k }} ORDER BY ?v",
    )
    assert [(v.toPython(), str(k).rsplit("#")[-1]) for v, k in population] == [(Decimal(260000), "Increase"), (Decimal(8000000), "Level")]
    qualitative = scalar(
        graph,
        "SELECT (COUNT(*) AS ?n) WHERE { ?t pg:comparator pg:Qualitative . FILTER NOT EXISTS { ?t pg:targetValue ?v } ?i pg:hasTarget ?t . ?i a pg:Indicator }",
    )
    # 表1: 1 + 1 + 2 (双下降, 降幅) + 3 (完成省下达任务); 表2: 3 (保持基本稳定, 稳中提质 x2) + 1 (同口径提升) + 1 (全覆盖)
    # + 2 (基本同步, 稳步降低) + 4 (完成省下达任务) + 2 (产量保持稳定, 播种面积任务) + 1 (幅度大于)
    assert qualitative == 21
    assert scalar(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?t pg:comparator pg:Qualitative ; pg:targetValue ?v }") == 0


def test_five_targets_not_met(graph) -> None:
    missed = rows(
        graph,
        "SELECT DISTINCT ?label WHERE { ?i pg:hasTarget ?t ; rdfs:label ?label . ?t pg:hasOutcome/pg:status pg:NotMet . FILTER(lang(?label)='zh') }",
    )
    assert sorted(str(l) for (l,) in missed) == sorted(["地区生产总值", "一般公共预算收入", "固定资产投资", "社会消费品零售总额", "全员劳动生产率"])
    no_data = rows(graph, "SELECT ?i WHERE { ?i pg:hasTarget/pg:hasOutcome/pg:status pg:NoData }")
    assert no_data == [(URIRef(f"{ID}indicator/urban-registered-unemployment"),)]


def test_binding_indicators(graph) -> None:
    binding = rows(graph, "SELECT ?i WHERE { ?i pg:isBinding true }")
    assert len(binding) == 7
    assert scalar(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?i pg:isBinding false }") == 36


def test_numbers_are_normalised_with_units(graph) -> None:
    output = rows(
        graph,
        'SELECT ?v ?u ?t WHERE { ?o a pg:Observation ; pg:measureText "规模以上工业总产值"@zh ; pg:observedValue ?v ; pg:unit ?u ; pg:unitText ?t }',
    )
    assert (Decimal("4360000000000"), URIRef("http://qudt.org/vocab/currency/CNY"), Literal("万亿元", lang="zh")) in [
        (v.toPython(), u, t) for v, u, t in output
    ]
    commitment = rows(
        graph,
        f'SELECT ?v ?c WHERE {{ <{ID}suzhou/2023/task/7> pg:hasTarget ?t . ?t pg:targetValue ?v ; pg:comparator ?c ; pg:measureText ?m FILTER(CONTAINS(STR(?m), "领军人才")) }}',
    )
    assert [(v.toPython(), str(c).rsplit("#")[-1]) for v, c in commitment] == [(Decimal(1500), "AtLeast")]
    platforms = scalar(
        graph,
        f'SELECT ?v WHERE {{ <{ID}suzhou/2023/task/4> pg:hasTarget ?t . ?t pg:targetValue ?v ; pg:measureText "新增省级工业互联网平台"@zh }}',
    )
    assert platforms == Decimal(10)


def test_evidence_points_at_its_quote(graph, source_text) -> None:
    evidence = rows(graph, "SELECT ?e ?q ?s ?end WHERE { ?e a pg:Evidence ; pg:quote ?q ; pg:charStart ?s ; pg:charEnd ?end }")
    assert len(evidence) > 200
    for node, quote, start, end in evidence:
        assert source_text[int(start) : int(end)] == str(quote), node


def test_every_fact_has_evidence_or_is_curated(graph) -> None:
    unsupported = rows(
        graph,
        """SELECT ?s WHERE {
             { ?s a pg:Target } UNION { ?s a pg:Outcome } UNION { ?s a pg:Observation } UNION { ?s a pg:Indicator }
             UNION { ?s a pg:Task } UNION { ?s a pg:StrategicGoal } UNION { ?s a pg:ReviewArea }
             FILTER NOT EXISTS { ?s pg:evidence ?e } }""",
    )
    assert unsupported == []
    alignments = rows(graph, "SELECT ?a WHERE { ?a a pg:GoalAlignment ; pg:curated true ; pg:rationale ?r }")
    assert len(alignments) == 7


def test_indicators_per_goal_is_a_query(graph) -> None:
    per_goal = dict(
        (str(g).rsplit("/", 1)[-1], int(n))
        for g, n in rows(graph, "SELECT ?g (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i pg:inCategory/pg:servesGoal ?g } GROUP BY ?g")
    )
    # 经济发展实力 9 -> goal 1; 现代产业体系 6 -> goal 2; 科教人才支撑 6 -> goal 3;
    # 公共服务能力 9 + 人民共同富裕 3 + 安全保障水平 3 -> goal 6; 绿色转型发展 7 -> goal 5
    assert per_goal == {"1": 9, "2": 6, "3": 6, "5": 7, "6": 15}


def test_every_person_facing_node_has_zh_and_en_labels(graph) -> None:
    missing = rows(
        graph,
        """SELECT ?s ?lang WHERE {
             VALUES ?class { pg:PlanDocument pg:ReviewArea pg:StrategicGoal pg:Task pg:IndicatorCategory pg:Indicator pg:Target pg:Outcome pg:Observation }
             VALUES ?lang { "zh" "en" }
             ?s a ?class .
             FILTER NOT EXISTS { ?s rdfs:label ?l FILTER(lang(?l) = ?lang) } }""",
    )
    assert missing == []


def test_review_figures_per_area(graph) -> None:
    counts = dict(
        (str(a).rsplit("/", 1)[-1], int(n))
        for a, n in rows(graph, "SELECT ?a (COUNT(?o) AS ?n) WHERE { ?o a pg:Observation ; pg:reportedIn ?a . ?a a pg:ReviewArea } GROUP BY ?a")
    )
    assert set(counts) == {"1", "2", "3", "4", "5"}
    assert all(n >= 7 for n in counts.values())
    # figures the text states in area 3, read by hand
    area3 = {
        (str(m), v.toPython())
        for m, v in rows(graph, f"SELECT ?m ?v WHERE {{ ?o pg:reportedIn <{ID}suzhou/2023/review-area/3> ; pg:measureText ?m ; pg:observedValue ?v }}")
    }
    for expected in [
        ("全体居民人均可支配收入", Decimal(54134)),
        ("新增养老机构床位", Decimal(1210)),
        ("空气质量优良天数比例", Decimal("81.4")),
        ("用工备案实有人数", Decimal(5540000)),
    ]:
        assert expected in area3
