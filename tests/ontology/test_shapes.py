"""The plangraph ontology and SHACL shapes.

What these tests check:

* both files parse, and the ontology documents itself (zh + en labels, an en
  definition, domains and ranges; typed, labelled individuals);
* a small hand-made graph that uses every class, built from real spans of the
  Suzhou report, conforms;
* every constraint of every shape fails on data that breaks that constraint
  and nothing else, and the report names the expected focus node, result path,
  source shape and constraint component.

The constraint cases are derived from the shapes graph itself: every property
shape gets one case per constraint parameter (on its first target, and one more
case on each further target), every node shape an "is an IRI" case. A
constraint added to ``shapes.ttl`` therefore gets a case without editing this
file; a node-level rule (sh:or, sh:xone, sh:sparql on a node shape) needs a
hand-written case in HAND_CASES, and a test fails if one is missing. Where the
generic mutation would break a second rule too, OVERRIDES holds a precise one.

To keep the run short, every case gets its own renamed copy of the sample graph
and all copies are validated in one pyshacl run; results are attributed to
cases by the copy suffix of their focus node.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_PATH = ROOT / "ontology" / "plangraph.ttl"
SHAPES_PATH = ROOT / "ontology" / "shapes.ttl"
SOURCE_PATH = ROOT / "data" / "sources" / "suzhou-2023-plan-report.txt"

ONTOLOGY_IRI = URIRef("https://w3id.org/plangraph/ontology")
PG = Namespace("https://w3id.org/plangraph/ontology#")
PGSH = Namespace("https://w3id.org/plangraph/shapes#")
SH = Namespace("http://www.w3.org/ns/shacl#")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
CURRENCY = Namespace("http://qudt.org/vocab/currency/")
PROV = Namespace("http://www.w3.org/ns/prov#")
QB = Namespace("http://purl.org/linked-data/cube#")
EX = Namespace("https://w3id.org/plangraph/id/test/")

#: Vocabularies the shapes may constrain besides pg:.
EXTERNAL_PATH_NAMESPACES = (str(RDFS), str(SKOS), str(DCTERMS))


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


@cache
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


@cache
def shapes() -> Graph:
    return Graph().parse(SHAPES_PATH, format="turtle")


@cache
def source_text() -> str:
    return SOURCE_PATH.read_text(encoding="utf-8")


def run_validation(data: Graph) -> tuple[bool, Graph, str]:
    """Validate ``data`` (which already holds the ontology) the way the project does."""
    conforms, results, text = validate(
        data,
        shacl_graph=shapes(),
        inference="none",
        advanced=True,
        inplace=True,
        allow_warnings=False,
    )
    return bool(conforms), results, str(text)


def with_ontology(data: Graph) -> Graph:
    merged = Graph()
    for triple in ontology():
        merged.add(triple)
    for triple in data:
        merged.add(triple)
    return merged


# ---------------------------------------------------------------------------
# The sample graph: every class, real spans of the report
# ---------------------------------------------------------------------------


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.integer)


def decimal(value: str) -> Literal:
    return Literal(value, datatype=XSD.decimal)


def year(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.gYear)


class SampleBuilder:
    """Builds the sample graph; every quote is ``text[start:end]`` of the report."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.g = Graph()
        self.doc = EX["report"]

    def add(self, s: Node, p: URIRef, o: Node) -> None:
        self.g.add((s, p, o))

    def span(self, quote: str, after: str | None = None) -> tuple[int, int]:
        offset = 0
        if after is not None:
            offset = self.text.index(after)
        start = self.text.index(quote, offset)
        return start, start + len(quote)

    def evidence(self, subject: URIRef, quote: str, section: URIRef, after: str | None = None) -> URIRef:
        start, end = self.span(quote, after)
        node = EX[f"evidence/{start}-{end}"]
        self.add(node, RDF.type, PG.Evidence)
        self.add(node, PG.quote, zh(quote))
        self.add(node, PG.charStart, integer(start))
        self.add(node, PG.charEnd, integer(end))
        self.add(node, PG.inSection, section)
        self.add(node, PG.inDocument, self.doc)
        self.add(subject, PG.evidence, node)
        return node

    def section(
        self,
        node: URIRef,
        cls: URIRef,
        number: str,
        label_zh: str,
        label_en: str,
        heading: str,
        end_marker: str | None,
        parent: URIRef,
        order: int | None,
    ) -> URIRef:
        start, _ = self.span(heading)
        end = self.text.index(end_marker, start) if end_marker else len(self.text.rstrip())
        self.add(node, RDF.type, cls)
        self.add(node, RDFS.label, zh(label_zh))
        self.add(node, RDFS.label, en(label_en))
        self.add(node, PG.sectionNumber, Literal(number))
        self.add(node, PG.charStart, integer(start))
        self.add(node, PG.charEnd, integer(end))
        self.add(node, DCTERMS.isPartOf, parent)
        self.add(node, PG.inDocument, self.doc)
        if order is not None:
            self.add(node, PG.order, integer(order))
        self.evidence(node, heading, node)
        return node

    def entity(
        self,
        slug: str,
        cls: URIRef,
        label_zh: str,
        label_en: str,
        mentions: Iterable[tuple[str, URIRef, str | None]] = (),
    ) -> URIRef:
        node = EX[f"entity/{slug}"]
        self.add(node, RDF.type, cls)
        self.add(node, RDFS.label, zh(label_zh))
        self.add(node, RDFS.label, en(label_en))
        for quote, section, after in mentions:
            self.mention(node, quote, section, after)
        return node

    def mention(self, entity: URIRef, quote: str, section: URIRef, after: str | None = None) -> URIRef:
        start, end = self.span(quote, after)
        node = EX[f"mention/{start}-{end}"]
        self.add(node, RDF.type, PG.Mention)
        self.add(node, PG.mentionOf, entity)
        self.add(node, PG.quote, zh(quote))
        self.add(node, PG.charStart, integer(start))
        self.add(node, PG.charEnd, integer(end))
        self.add(node, PG.inSection, section)
        self.add(node, PG.inDocument, self.doc)
        return node

    def status(
        self, entity: URIRef, slug: str, value: URIRef, text: str, when: int, quote: str, section: URIRef
    ) -> URIRef:
        node = EX[f"status/{slug}/{when}"]
        self.add(entity, PG.projectStatus, node)
        self.add(node, RDF.type, PG.StatusRecord)
        self.add(node, PG.statusValue, value)
        self.add(node, PG.statusText, zh(text))
        self.add(node, PG.statusYear, year(when))
        self.evidence(node, quote, section)
        return node

    def value(
        self,
        node: URIRef,
        predicate: URIRef,
        number: str | None,
        comparator: URIRef,
        unit: URIRef | None,
        unit_text: str | None,
        value_text: str,
        kind: URIRef | None,
        measure: str | None = None,
    ) -> None:
        self.add(node, PG.comparator, comparator)
        self.add(node, PG.valueText, zh(value_text))
        if number is not None:
            self.add(node, predicate, decimal(number))
        if unit is not None:
            self.add(node, PG.unit, unit)
        if unit_text is not None:
            self.add(node, PG.unitText, zh(unit_text))
        if kind is not None:
            self.add(node, PG.valueKind, kind)
        if measure is not None:
            self.add(node, PG.measureText, zh(measure))


def build_sample(text: str) -> Graph:
    b = SampleBuilder(text)
    doc = b.doc
    table2 = "表2  2023年主要指标预期目标"

    # -- entities the document points at -----------------------------------
    suzhou = b.entity("suzhou", PG.AdministrativeArea, "苏州市", "Suzhou", [("苏州市", EX["table/1"], "表1")])
    b.add(suzhou, PG.adminCode, Literal("320500"))
    b.add(suzhou, SKOS.altLabel, zh("苏州"))
    ndrc = b.entity(
        "suzhou-ndrc", PG.GovernmentBody, "苏州市发展和改革委员会", "Suzhou Municipal Development and Reform Commission"
    )
    b.add(ndrc, PG.curated, Literal(True))  # named only before the first section: curated, no mention

    # -- documents -----------------------------------------------------------
    b.add(doc, RDF.type, PG.PlanDocument)
    b.add(
        doc, DCTERMS.title, zh("关于苏州市2022年国民经济和社会发展计划执行情况与2023年国民经济和社会发展计划草案的报告")
    )
    b.add(
        doc,
        DCTERMS.title,
        en(
            "Report on the Implementation of Suzhou's 2022 Plan for National Economic and Social Development and on the 2023 Draft Plan"
        ),
    )
    b.add(doc, DCTERMS.date, Literal("2023-01-07", datatype=XSD.date))
    b.add(doc, DCTERMS.issued, Literal("2023-01-20", datatype=XSD.date))
    b.add(
        doc,
        DCTERMS.source,
        URIRef("http://fg.suzhou.gov.cn/szfgw/fggmjjjh/202301/235f4fbd823346d6abbea69ab6ef618c.shtml"),
    )
    b.add(doc, DCTERMS.creator, ndrc)
    b.add(doc, DCTERMS.spatial, suzhou)
    b.add(doc, PG.deliveredAt, zh("苏州市第十七届人民代表大会第二次会议"))
    b.add(doc, PG.reviewYear, year(2022))
    b.add(doc, PG.planYear, year(2023))
    other = EX["other-report"]  # a second document, so that "more than one" has a candidate
    b.add(other, RDF.type, PG.PlanDocument)
    b.add(other, DCTERMS.title, zh("测试用的另一份规划报告"))
    b.add(other, DCTERMS.date, Literal("2022-01-07", datatype=XSD.date))
    b.add(other, DCTERMS.source, URIRef("https://example.org/plan-report"))
    b.add(other, DCTERMS.creator, ndrc)
    b.add(other, DCTERMS.spatial, suzhou)
    b.add(other, PG.reviewYear, year(2021))
    b.add(other, PG.planYear, year(2022))

    # -- outline ---------------------------------------------------------------
    s1 = b.section(
        EX["section/1"],
        PG.Section,
        "一",
        "2022年国民经济和社会发展计划执行情况",
        "Execution of the 2022 plan",
        "一、2022年国民经济和社会发展计划执行情况",
        "二、2023年国民经济和社会发展计划安排",
        doc,
        1,
    )
    t1 = b.section(
        EX["table/1"],
        PG.Section,
        "表1",
        "表1 2022年苏州市经济社会发展主要预期目标完成情况",
        "Table 1: main 2022 targets and their completion",
        "表1  2022年苏州市经济社会发展主要预期目标完成情况",
        "（一）主要计划目标完成情况",
        s1,
        1,
    )
    s12 = b.section(
        EX["section/1.2"],
        PG.Section,
        "一（二）",
        "重点任务完成情况",
        "Completion of key tasks",
        "（二）重点任务完成情况",
        "二、2023年国民经济和社会发展计划安排",
        s1,
        2,
    )
    ra1 = b.section(
        EX["review-area/1"],
        PG.ReviewArea,
        "一（二）1",
        "产业实力稳步提升",
        "Industrial strength rose steadily",
        "1．产业实力稳步提升。",
        "2．创新实力巩固增强。",
        s12,
        1,
    )
    ra2 = b.section(
        EX["review-area/2"],
        PG.ReviewArea,
        "一（二）2",
        "创新实力巩固增强",
        "Innovation capacity was consolidated",
        "2．创新实力巩固增强。",
        "3．民生福祉持续改善。",
        s12,
        2,
    )
    ra5 = b.section(
        EX["review-area/5"],
        PG.ReviewArea,
        "一（二）5",
        "城乡统筹扎实推进",
        "Urban-rural integration advanced",
        "5．城乡统筹扎实推进。",
        "二、2023年国民经济和社会发展计划安排",
        s12,
        5,
    )
    s2 = b.section(
        EX["section/2"],
        PG.Section,
        "二",
        "2023年国民经济和社会发展计划安排",
        "Arrangements of the 2023 plan",
        "二、2023年国民经济和社会发展计划安排",
        "三、完成2023年国民经济和社会发展计划的主要措施",
        doc,
        2,
    )
    t2 = b.section(
        EX["table/2"],
        PG.Section,
        "表2",
        "表2 2023年主要指标预期目标",
        "Table 2: main targets for 2023",
        table2,
        "上述目标中",
        s2,
        1,
    )
    s3 = b.section(
        EX["section/3"],
        PG.Section,
        "三",
        "完成2023年国民经济和社会发展计划的主要措施",
        "Main measures to fulfil the 2023 plan",
        "三、完成2023年国民经济和社会发展计划的主要措施",
        None,
        doc,
        3,
    )
    g1 = b.section(
        EX["goal/1"],
        PG.StrategicGoal,
        "三（一）",
        "全力推动经济平稳健康发展",
        "Drive steady and healthy economic development",
        "（一）全力推动经济平稳健康发展",
        "（二）加快构建现代化产业体系",
        s3,
        1,
    )
    g2 = b.section(
        EX["goal/2"],
        PG.StrategicGoal,
        "三（二）",
        "加快构建现代化产业体系",
        "Build a modern industrial system faster",
        "（二）加快构建现代化产业体系",
        "（三）推动教育科技人才一体发展",
        s3,
        2,
    )
    task1 = b.section(
        EX["task/1"],
        PG.Task,
        "三（一）1",
        "促进投资合理增长",
        "Promote reasonable growth of investment",
        "1．促进投资合理增长。",
        "2．推动消费加快复苏。",
        g1,
        1,
    )
    task2 = b.section(
        EX["task/2"],
        PG.Task,
        "三（一）2",
        "推动消费加快复苏",
        "Speed up the recovery of consumption",
        "2．推动消费加快复苏。",
        "3．保障外贸稳量提质。",
        g1,
        2,
    )
    task4 = b.section(
        EX["task/4"],
        PG.Task,
        "三（二）4",
        "聚力打造战略性新兴产业集群",
        "Build strategic emerging industry clusters",
        "4．聚力打造战略性新兴产业集群。",
        "5．持续壮大现代服务业。",
        g2,
        1,
    )
    b.add(task1, PG.contributesTo, g1)
    b.add(task2, PG.contributesTo, g1)
    b.add(task4, PG.contributesTo, g2)

    # -- indicator categories and the curated alignment ------------------------
    economy = EX["category/economy"]
    b.add(economy, RDF.type, PG.IndicatorCategory)
    b.add(economy, RDFS.label, zh("经济发展实力"))
    b.add(economy, RDFS.label, en("Economic strength"))
    b.add(economy, PG.servesGoal, g1)
    b.evidence(economy, "经济\n发展\n实力", t2)
    green = EX["category/green"]
    b.add(green, RDF.type, PG.IndicatorCategory)
    b.add(green, RDFS.label, zh("绿色转型发展"))
    b.add(green, RDFS.label, en("Green transition"))
    b.evidence(green, "绿色\n转型\n发展", t2)
    alignment = EX["alignment/economy"]
    b.add(alignment, RDF.type, PG.GoalAlignment)
    b.add(alignment, PG.alignedCategory, economy)
    b.add(alignment, PG.alignedGoal, g1)
    b.add(
        alignment,
        PG.rationale,
        en("Growth, investment, consumption and trade indicators measure steady and healthy economic development."),
    )
    b.add(alignment, PG.curated, Literal(True))

    # -- indicators, targets, outcomes -------------------------------------------
    gdp = EX["indicator/gdp"]
    b.add(gdp, RDF.type, PG.Indicator)
    b.add(gdp, RDFS.label, zh("地区生产总值"))
    b.add(gdp, RDFS.label, en("Gross regional product"))
    b.add(gdp, SKOS.altLabel, en("GDP"))
    b.add(gdp, PG.inCategory, economy)
    b.add(gdp, PG.isBinding, Literal(False))
    b.evidence(gdp, "地区生产总值", t1, "\t指标名称")
    b.evidence(gdp, "地区生产总值", t2, table2)

    gdp2022 = EX["target/gdp/2022"]
    b.add(gdp, PG.hasTarget, gdp2022)
    b.add(gdp2022, RDF.type, PG.Target)
    b.add(gdp2022, PG.targetYear, year(2022))
    b.add(gdp2022, PG.targetText, zh("增长5.5%以上"))
    b.value(gdp2022, PG.targetValue, "5.5", PG.AtLeast, UNIT.PERCENT, "%", "增长5.5%以上", PG.Increase, "地区生产总值")
    b.add(gdp2022, PG.scope, zh("同比"))
    b.evidence(gdp2022, "增长5.5%以上", t1)

    gdp2022_outcome = EX["outcome/gdp/2022"]
    b.add(gdp2022, PG.hasOutcome, gdp2022_outcome)
    b.add(gdp2022_outcome, RDF.type, PG.Outcome)
    b.add(gdp2022_outcome, PG.outcomeText, zh("2.4万亿元"))
    b.value(
        gdp2022_outcome,
        PG.outcomeValue,
        "2400000000000",
        PG.Exactly,
        CURRENCY.CNY,
        "万亿元",
        "2.4万亿元",
        PG.Level,
        "地区生产总值",
    )
    b.add(gdp2022_outcome, PG.isEstimate, Literal(True))
    b.add(gdp2022_outcome, PG.status, PG.NotMet)
    b.add(gdp2022_outcome, PG.statusNote, en("Named in the review among the 5 indicators that could not be met."))
    b.add(gdp2022_outcome, PG.refYear, year(2022))
    b.evidence(gdp2022_outcome, "2.4万亿元", t1)
    b.evidence(
        gdp2022_outcome,
        "预计地区生产总值、一般公共预算收入、固定资产投资、社会消费品零售总额、全员劳动生产率等5个指标无法完成",
        s1,
    )

    gdp2023 = EX["target/gdp/2023"]
    b.add(gdp, PG.hasTarget, gdp2023)
    b.add(gdp2023, RDF.type, PG.Target)
    b.add(gdp2023, PG.targetYear, year(2023))
    b.add(gdp2023, PG.targetText, zh("增长5%左右"))
    b.value(gdp2023, PG.targetValue, "5", PG.Approximately, UNIT.PERCENT, "%", "增长5%左右", PG.Increase)
    b.evidence(gdp2023, "增长5%左右", t2, table2)

    fai = EX["indicator/fixed-asset-investment"]
    b.add(fai, RDF.type, PG.Indicator)
    b.add(fai, RDFS.label, zh("固定资产投资"))
    b.add(fai, RDFS.label, en("Fixed-asset investment"))
    b.add(fai, PG.inCategory, economy)
    b.add(fai, PG.isBinding, Literal(False))
    b.evidence(fai, "固定资产投资", t2, table2)
    fai2023 = EX["target/fixed-asset-investment/2023"]
    b.add(fai, PG.hasTarget, fai2023)
    b.add(fai2023, RDF.type, PG.Target)
    b.add(fai2023, PG.targetYear, year(2023))
    b.add(fai2023, PG.targetText, zh("增长5%左右"))
    b.value(fai2023, PG.targetValue, "5", PG.Approximately, UNIT.PERCENT, "%", "增长5%左右", PG.Increase)
    start, _ = b.span("固定资产投资", table2)
    b.evidence(fai2023, "增长5%左右", t2, text[start:])

    pm25 = EX["indicator/pm25"]
    b.add(pm25, RDF.type, PG.Indicator)
    b.add(pm25, RDFS.label, zh("PM2.5浓度"))
    b.add(pm25, RDFS.label, en("PM2.5 concentration"))
    b.add(pm25, PG.inCategory, green)
    b.add(pm25, PG.isBinding, Literal(True))
    b.evidence(pm25, "PM2.5浓度", t2, table2)
    pm25_2023 = EX["target/pm25/2023"]
    b.add(pm25, PG.hasTarget, pm25_2023)
    b.add(pm25_2023, RDF.type, PG.Target)
    b.add(pm25_2023, PG.targetYear, year(2023))
    b.add(pm25_2023, PG.targetText, zh("完成省下达任务"))
    b.value(pm25_2023, PG.targetValue, None, PG.Qualitative, None, None, "完成省下达任务", None)
    start, _ = b.span("PM2.5浓度", table2)
    b.evidence(pm25_2023, "完成省下达任务", t2, text[start:])

    # Only in the 2022 table: no category, no isBinding.
    productivity = EX["indicator/labour-productivity"]
    b.add(productivity, RDF.type, PG.Indicator)
    b.add(productivity, RDFS.label, zh("全员劳动生产率"))
    b.add(productivity, RDFS.label, en("Overall labour productivity"))
    b.evidence(productivity, "全员劳动生产率", t1, "\t指标名称")
    productivity2022 = EX["target/labour-productivity/2022"]
    b.add(productivity, PG.hasTarget, productivity2022)
    b.add(productivity2022, RDF.type, PG.Target)
    b.add(productivity2022, PG.targetYear, year(2022))
    b.add(productivity2022, PG.targetText, zh("增长5.5%左右"))
    b.value(productivity2022, PG.targetValue, "5.5", PG.Approximately, UNIT.PERCENT, "%", "增长5.5%左右", PG.Increase)
    b.evidence(productivity2022, "增长5.5%左右", t1, "\t全员劳动生产率")
    productivity_outcome = EX["outcome/labour-productivity/2022"]
    b.add(productivity2022, PG.hasOutcome, productivity_outcome)
    b.add(productivity_outcome, RDF.type, PG.Outcome)
    b.add(productivity_outcome, PG.outcomeText, zh("预计与GDP增长基本同步"))
    b.add(productivity_outcome, PG.comparator, PG.Qualitative)
    b.add(productivity_outcome, PG.isEstimate, Literal(True))
    b.add(productivity_outcome, PG.status, PG.NotMet)
    b.add(productivity_outcome, PG.statusNote, en("Named in the review among the 5 indicators that could not be met."))
    b.evidence(productivity_outcome, "预计与GDP增长基本同步", t1)

    revenue = EX["indicator/public-budget-revenue"]
    b.add(revenue, RDF.type, PG.Indicator)
    b.add(revenue, RDFS.label, zh("一般公共预算收入"))
    b.add(revenue, RDFS.label, en("General public budget revenue"))
    b.add(revenue, PG.inCategory, economy)
    b.add(revenue, PG.isBinding, Literal(False))
    b.evidence(revenue, "一般公共预算收入", t1, "\t指标名称")
    revenue2022 = EX["target/public-budget-revenue/2022"]
    b.add(revenue, PG.hasTarget, revenue2022)
    b.add(revenue2022, RDF.type, PG.Target)
    b.add(revenue2022, PG.targetYear, year(2022))
    b.add(revenue2022, PG.targetText, zh("增长4.5%以上"))
    b.value(revenue2022, PG.targetValue, "4.5", PG.AtLeast, UNIT.PERCENT, "%", "增长4.5%以上", PG.Increase)
    b.evidence(revenue2022, "增长4.5%以上", t1)
    revenue_outcome = EX["outcome/public-budget-revenue/2022"]
    b.add(revenue2022, PG.hasOutcome, revenue_outcome)
    b.add(revenue_outcome, RDF.type, PG.Outcome)
    b.add(revenue_outcome, PG.outcomeText, zh("同口径增长0.1%"))
    b.value(revenue_outcome, PG.outcomeValue, "0.1", PG.Exactly, UNIT.PERCENT, "%", "同口径增长0.1%", PG.Increase)
    b.add(revenue_outcome, PG.scope, zh("同口径"))
    b.add(revenue_outcome, PG.status, PG.NotMet)
    b.add(revenue_outcome, PG.statusNote, en("Named in the review among the 5 indicators that could not be met."))
    b.add(revenue_outcome, PG.refYear, year(2022))
    b.evidence(revenue_outcome, "同口径增长0.1%", t1)

    # A key task's quantified commitment.
    platforms = EX["task/4/target/1"]
    b.add(task4, PG.hasTarget, platforms)
    b.add(platforms, RDF.type, PG.Target)
    b.add(platforms, PG.targetYear, year(2023))
    b.add(platforms, PG.targetText, zh("新增省级工业互联网平台10个"))
    b.value(platforms, PG.targetValue, "10", PG.Exactly, PG.Items, "个", "10个", PG.Increase, "新增省级工业互联网平台")
    b.evidence(platforms, "新增省级工业互联网平台10个", task4)

    # -- observations: numbers the review states as 2022 results ---------------
    output = EX["observation/1.2.1/1"]
    b.add(output, RDF.type, PG.Observation)
    b.value(
        output,
        PG.observedValue,
        "4360000000000",
        PG.Exactly,
        CURRENCY.CNY,
        "万亿元",
        "4.36万亿元",
        PG.Level,
        "规模以上工业总产值",
    )
    b.add(output, PG.refYear, year(2022))
    b.add(output, PG.reportedIn, ra1)
    b.add(output, PG.isEstimate, Literal(False))
    b.evidence(output, "规模以上工业总产值达到4.36万亿元，增长4.1%。", ra1)
    growth = EX["observation/1.2.1/2"]
    b.add(growth, RDF.type, PG.Observation)
    b.value(
        growth, PG.observedValue, "4.1", PG.Exactly, UNIT.PERCENT, "%", "增长4.1%", PG.Increase, "规模以上工业总产值"
    )
    b.add(growth, PG.refYear, year(2022))
    b.add(growth, PG.reportedIn, ra1)
    b.evidence(growth, "增长4.1%", ra1)
    rate = EX["observation/1.2.1/3"]  # a percent above 100 is fine for an observation
    b.add(rate, RDF.type, PG.Observation)
    b.value(rate, PG.observedValue, "112", PG.Exactly, UNIT.PERCENT, "%", "完成率112%", PG.Level, "完成率")
    b.add(rate, PG.scope, zh("全年401个市重点项目"))
    b.add(rate, PG.refYear, year(2022))
    b.add(rate, PG.reportedIn, ra1)
    b.evidence(rate, "全年401个市重点项目完成投资2569亿元，完成率112%", ra1)

    # -- entities: one of every class ---------------------------------------------
    kunshan = b.entity("kunshan", PG.AdministrativeArea, "昆山市", "Kunshan", [("昆山市", ra1, None)])
    b.add(kunshan, PG.adminCode, Literal("320583"))
    b.add(kunshan, PG.partOf, suzhou)
    taihu = b.entity("taihu-new-town", PG.PlanningZone, "太湖新城", "Taihu New Town", [("太湖新城", s12, None)])
    b.add(taihu, PG.partOf, suzhou)
    ring = b.entity(
        "lake-tai-innovation-ring",
        PG.Zone,
        "环太湖科创圈",
        "Lake Tai science and innovation ring",
        [("环太湖科创圈", s12, None)],
    )
    b.add(ring, PG.partOf, suzhou)

    metro = b.entity(
        "metro-line-11",
        PG.RailLine,
        "轨道交通11号线（S1线）",
        "Metro Line 11 (S1)",
        [("轨道交通11号线（S1线）", ra5, None)],
    )
    b.add(metro, PG.locatedIn, suzhou)
    b.status(
        metro,
        "metro-line-11",
        PG.TunnelTrackPowerThrough,
        "洞通轨通电通",
        2022,
        "轨道交通11号线（S1线）实现洞通轨通电通",
        ra5,
    )
    tunnel = b.entity("jinji-lake-tunnel", PG.Tunnel, "金鸡湖隧道", "Jinji Lake Tunnel", [("金鸡湖隧道", ra5, None)])
    b.status(tunnel, "jinji-lake-tunnel", PG.OpenedToTraffic, "建成通车", 2022, "独墅湖南隧道、金鸡湖隧道建成通车", ra5)
    lab = b.entity(
        "suzhou-laboratory",
        PG.Laboratory,
        "苏州实验室",
        "Suzhou Laboratory",
        [("苏州实验室", ra2, None), ("苏州实验室", s3, "三、完成2023年")],
    )
    b.add(lab, PG.locatedIn, suzhou)
    b.add(EX[f"mention/{b.span('苏州实验室')[0]}-{b.span('苏州实验室')[1]}"], PG.surfaceForm, zh("苏州实验室"))
    power = b.entity(
        "guoxin-shazhou-power",
        PG.EnergyProject,
        "国信沙洲支撑性电源项目",
        "Guoxin Shazhou supporting power project",
        [("国信沙洲支撑性电源项目", ra1, None)],
    )
    b.add(power, SKOS.altLabel, zh("国信沙洲"))
    b.add(power, PG.locatedIn, suzhou)
    b.add(power, SKOS.exactMatch, URIRef("https://example.org/kb/guoxin-shazhou-power"))
    b.add(power, SKOS.closeMatch, URIRef("https://example.org/kb/shazhou-power-plant"))
    b.status(
        power,
        "guoxin-shazhou-power",
        PG.ConstructionStarted,
        "开工建设",
        2022,
        "华能太仓、国信沙洲支撑性电源项目开工建设",
        ra1,
    )
    b.entity(
        "wusong-river-regulation",
        PG.WaterProject,
        "吴淞江（江苏段）整治工程",
        "Wusong River (Jiangsu section) regulation project",
        [("吴淞江（江苏段）整治工程", ra5, None)],
    )
    b.entity(
        "translational-medicine-centre",
        PG.HealthFacility,
        "市转化医学中心",
        "Suzhou Translational Medicine Centre",
        [("市转化医学中心", s3, None)],
    )
    b.entity(
        "nju-suzhou-campus",
        PG.EducationFacility,
        "南京大学苏州校区",
        "Nanjing University Suzhou Campus",
        [("南京大学苏州校区", ra2, None)],
    )
    b.entity(
        "cim-platform",
        PG.DigitalPlatform,
        "市级CIM基础平台",
        "Municipal CIM base platform",
        [("CIM基础平台", ra5, None)],
    )
    b.entity(
        "civilisation-origins-project",
        PG.CulturalProject,
        "地域文明探源工程",
        "Regional civilisation origins project",
        [("地域文明探源工程", ra5, None)],
    )
    b.entity("taicang-port", PG.TransportHub, "太仓港", "Taicang Port", [("太仓港", s12, None)])
    b.entity("shantytown-renovation", PG.Project, "棚户区改造", "Shantytown renovation", [("棚户区改造", s12, None)])
    b.entity(
        "china-consumers-association",
        PG.Institution,
        "中国消费者协会",
        "China Consumers Association",
        [("中消协", s12, None)],
    )
    b.entity("soochow-university", PG.University, "苏州大学", "Soochow University", [("苏州大学", s12, None)])
    b.entity("grain-reserve-company", PG.Enterprise, "储备粮公司", "Grain reserve company", [("储备粮公司", s12, None)])
    b.entity("port-shipping-group", PG.StateGroup, "港航集团", "Port and shipping group", [("港航集团", s12, None)])
    b.entity(
        "caict-jiangsu",
        PG.ResearchInstitute,
        "中国信通院江苏分院",
        "CAICT Jiangsu branch",
        [("中国信通院江苏分院", ra2, None)],
    )
    b.entity(
        "maternal-child-health-hospital",
        PG.Hospital,
        "市妇幼保健院",
        "Suzhou Maternal and Child Health Hospital",
        [("市妇幼保健院", s3, None)],
    )
    b.entity(
        "g60-laser-alliance",
        PG.Alliance,
        "长三角G60科创走廊激光产业联盟",
        "G60 science and innovation corridor laser industry alliance",
        [("长三角G60科创走廊激光产业联盟", ra2, None)],
    )
    forum = b.entity(
        "china-real-economy-forum-2022",
        PG.Event,
        "2022中国实体经济论坛",
        "2022 China Real Economy Forum",
        [("2022中国实体经济论坛", ra1, None)],
    )
    policy = b.entity("suzhou-building-ten", PG.Policy, "苏州楼宇十条", "Suzhou ten measures for office buildings", [])
    quoted = b.mention(policy, "“苏州楼宇十条”", ra1)
    b.add(quoted, PG.surfaceForm, zh("苏州楼宇十条"))
    b.entity(
        "deep-time-digital-earth",
        PG.Program,
        "深时数字地球国际大科学计划",
        "Deep-time Digital Earth big science programme",
        [("深时数字地球国际大科学计划", ra2, None)],
    )
    brand = b.entity(
        "made-in-suzhou-brand", PG.Entity, "“苏州制造”品牌", "Made in Suzhou brand", [("“苏州制造”品牌", task4, None)]
    )
    for entity in (power, forum, policy):
        b.add(ra1, PG.involves, entity)
    for entity in (metro, tunnel):
        b.add(ra5, PG.involves, entity)
    b.add(task4, PG.involves, brand)

    # -- vocabulary individuals of the sample's own (the ontology's individuals
    # are shared by all copies, so the constraint cases use these) -------------
    for cls, slug, label_zh, label_en in (
        (PG.Unit, "storeys", "层", "storeys"),
        (PG.Comparator, "comparator", "测试比较方式", "test comparator"),
        (PG.Status, "status", "测试状态", "test status"),
        (PG.ValueKind, "value-kind", "测试数值类型", "test value kind"),
        (PG.ProjectStatus, "trial-operation", "试运行", "trial operation"),
    ):
        node = EX[f"vocabulary/{slug}"]
        b.add(node, RDF.type, cls)
        b.add(node, RDFS.label, zh(label_zh))
        b.add(node, RDFS.label, en(label_en))
    return b.g


@cache
def sample() -> Graph:
    return build_sample(source_text())


# ---------------------------------------------------------------------------
# Reading validation reports and shapes
# ---------------------------------------------------------------------------

PathKey = URIRef | tuple[str, URIRef] | None
ResultKey = tuple[Node, PathKey, Node, URIRef]

#: Stands for the blank node a "must be an IRI" case turns its focus into.
BLANK = EX["blank-node-placeholder"]


def path_key(graph: Graph, path: Node | None) -> PathKey:
    """A comparable form of an sh:path / sh:resultPath: an IRI, ("^", p) or None."""
    if path is None:
        return None
    if isinstance(path, URIRef):
        return path
    inverse = graph.value(path, SH.inversePath)
    if isinstance(inverse, URIRef):
        return ("^", inverse)
    raise AssertionError(f"unexpected path form {path!r}")


@dataclass(frozen=True)
class Result:
    focus: Node | None
    path: PathKey
    shape: Node | None
    component: URIRef
    message: str


def read_results(report: Graph) -> list[Result]:
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        component = report.value(node, SH.sourceConstraintComponent)
        assert isinstance(component, URIRef)
        results.append(
            Result(
                focus=report.value(node, SH.focusNode),
                path=path_key(report, report.value(node, SH.resultPath)),
                shape=report.value(node, SH.sourceShape),
                component=component,
                message=str(report.value(node, SH.resultMessage) or ""),
            )
        )
    return results


PARAMETER_COMPONENT: dict[URIRef, URIRef] = {
    SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH["class"]: SH.ClassConstraintComponent,
    SH["in"]: SH.InConstraintComponent,
    SH.languageIn: SH.LanguageInConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent,
    SH.pattern: SH.PatternConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.maxInclusive: SH.MaxInclusiveConstraintComponent,
    SH.lessThan: SH.LessThanConstraintComponent,
    SH.uniqueLang: SH.UniqueLangConstraintComponent,
    SH.qualifiedMinCount: SH.QualifiedMinCountConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH.hasValue: SH.HasValueConstraintComponent,
    SH["or"]: SH.OrConstraintComponent,
    SH.xone: SH.XoneConstraintComponent,
    SH.sparql: SH.SPARQLConstraintComponent,
}
#: Node-level constraints that need hand-written cases.
NODE_LEVEL_LOGIC = (SH["or"], SH.xone, SH.sparql)
#: Parameters that belong to another parameter's component.
COMPANION_PARAMETERS = {SH.qualifiedValueShape, SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint, SH.flags}
TARGET_PARAMETERS = {SH.targetClass, SH.targetSubjectsOf, SH.target}
#: Parameters that describe a shape rather than constrain it.
NON_CONSTRAINT_PARAMETERS = {
    RDF.type,
    RDFS.label,
    RDFS.comment,
    SH.path,
    SH.message,
    SH.name,
    SH.description,
    SH.severity,
    SH.deactivated,
    *TARGET_PARAMETERS,
}


def _shapes_of_type(kind: URIRef) -> list[URIRef]:
    found = set(shapes().subjects(RDF.type, kind))
    assert all(isinstance(s, URIRef) for s in found), f"every {local(kind)} has an IRI"
    return sorted(found)  # type: ignore[arg-type]


def node_shapes() -> list[URIRef]:
    return _shapes_of_type(SH.NodeShape)


def property_shapes() -> list[URIRef]:
    return _shapes_of_type(SH.PropertyShape)


def targets(shape: URIRef) -> list[URIRef]:
    """What a shape targets, as keys of FOCUS: a class, a property (sh:targetSubjectsOf) or a SPARQL target."""
    g = shapes()
    keys = [*g.objects(shape, SH.targetClass), *g.objects(shape, SH.targetSubjectsOf), *g.objects(shape, SH.target)]
    assert all(isinstance(k, URIRef) for k in keys)
    return sorted(keys)  # type: ignore[arg-type]


def constraint_parameters(shape: URIRef) -> list[URIRef]:
    params: list[URIRef] = []
    for predicate in set(shapes().predicates(shape, None)):
        if predicate in NON_CONSTRAINT_PARAMETERS or predicate in COMPANION_PARAMETERS:
            continue
        assert isinstance(predicate, URIRef) and predicate in PARAMETER_COMPONENT, f"{shape}: no test for {predicate}"
        params.append(predicate)
    return sorted(params)


def local(iri: Node) -> str:
    return re.split(r"[#/]", str(iri))[-1]


@cache
def sample_with_ontology() -> Graph:
    return with_ontology(sample())


@cache
def sparql_target_nodes(target: URIRef) -> frozenset[Node]:
    """The sample nodes a SPARQL target selects."""
    query = str(shapes().value(target, SH.select))
    return frozenset(row[0] for row in sample_with_ontology().query(query))  # type: ignore[index]


def shape_targets_node(shape: URIRef, node: Node) -> bool:
    """Whether ``shape`` has the sample node ``node`` as a focus node."""
    data = sample_with_ontology()
    for key in targets(shape):
        if (key, RDF.type, OWL.Class) in ontology():
            if set(data.objects(node, RDF.type)) & set(ontology().transitive_subjects(RDFS.subClassOf, key)):
                return True
        elif (key, RDF.type, SH.SPARQLTarget) in shapes():
            if node in sparql_target_nodes(key):
                return True
        elif data.value(node, key) is not None:
            return True
    return False


# ---------------------------------------------------------------------------
# Constraint cases
# ---------------------------------------------------------------------------

Mutation = Callable[[Graph, "Context"], object]


@dataclass
class Context:
    """What a mutation may need: fresh IRIs, and the blank node it made (for attribution)."""

    fresh_count: int = 0
    blank: BNode | None = None

    def fresh(self) -> URIRef:
        self.fresh_count += 1
        return EX[f"fresh/{self.fresh_count}"]

    @staticmethod
    def instances(graph: Graph, cls: URIRef) -> list[URIRef]:
        classes = set(ontology().transitive_subjects(RDFS.subClassOf, cls))
        found: set[URIRef] = set()
        for source in (graph, ontology()):
            for c in classes:
                found.update(s for s in source.subjects(RDF.type, c) if isinstance(s, URIRef))
        return sorted(found)


@dataclass(frozen=True)
class Case:
    id: str
    focus: URIRef
    mutate: Mutation
    expected: frozenset[ResultKey] = field(default_factory=frozenset)
    target: URIRef | None = None
    """For coverage: the target (class, property or SPARQL target) whose rule this case breaks."""
    shape: URIRef | None = None
    component: URIRef | None = None


#: The sample node each target's rules are tested on.
FOCUS: dict[URIRef, URIRef] = {
    PG.PlanDocument: EX["report"],
    PG.Section: EX["section/1.2"],
    PG.ReviewArea: EX["review-area/1"],
    PG.StrategicGoal: EX["goal/1"],
    PG.Task: EX["task/1"],
    PG.IndicatorCategory: EX["category/economy"],
    PG.Indicator: EX["indicator/gdp"],
    PG.Target: EX["target/gdp/2022"],
    PG.targetValue: EX["target/gdp/2022"],
    PG.Outcome: EX["outcome/gdp/2022"],
    PG.outcomeValue: EX["outcome/gdp/2022"],
    PGSH.percentTarget: EX["target/gdp/2022"],
    PGSH.targetsWithoutValue: EX["target/pm25/2023"],
    PGSH.uncuratedEntities: EX["entity/guoxin-shazhou-power"],
    PG.Observation: EX["observation/1.2.1/1"],
    PG.Evidence: EX["evidence/1834-1860"],
    PG.GoalAlignment: EX["alignment/economy"],
    PG.Entity: EX["entity/guoxin-shazhou-power"],
    PG.RailLine: EX["entity/metro-line-11"],
    PG.Tunnel: EX["entity/jinji-lake-tunnel"],
    PG.Zone: EX["entity/kunshan"],
    PG.AdministrativeArea: EX["entity/suzhou"],
    PG.Mention: EX["mention/3133-3138"],
    PG.StatusRecord: EX["status/guoxin-shazhou-power/2022"],
    PG.Unit: EX["vocabulary/storeys"],
    PG.Comparator: EX["vocabulary/comparator"],
    PG.Status: EX["vocabulary/status"],
    PG.ValueKind: EX["vocabulary/value-kind"],
    PG.ProjectStatus: EX["vocabulary/trial-operation"],
}
#: Where a property shape is better tested on another node than its target's usual focus.
FOCUS_FOR_PROPERTY_SHAPE: dict[URIRef, URIRef] = {
    PGSH["Percent-outcomeValue"]: EX["outcome/public-budget-revenue/2022"],
}


def values(graph: Graph, focus: URIRef, path: PathKey) -> list[Node]:
    if isinstance(path, tuple):
        return sorted(graph.subjects(path[1], focus), key=str)
    assert isinstance(path, URIRef)
    return sorted(graph.objects(focus, path), key=str)


def set_values(graph: Graph, focus: URIRef, path: URIRef, old: Node, new: Node) -> None:
    graph.remove((focus, path, old))
    graph.add((focus, path, new))
    untype_orphans(graph, [old], focus)


def untype_orphans(graph: Graph, nodes: Iterable[Node], focus: URIRef) -> None:
    """A sample node no triple points at any more is untyped, so that no shape targets it.

    Removing an indicator's targets would otherwise also break "a target belongs to an
    indicator" on each target: a second constraint, not the one under test.
    """
    for node in nodes:
        if (
            isinstance(node, URIRef)
            and node.startswith(str(EX))
            and node != focus
            and not any(graph.subjects(None, node))
        ):
            graph.remove((node, RDF.type, None))


def other_literal(value: Literal) -> Literal:
    """A different, equally valid literal of the same kind."""
    if value.language:
        return Literal(f"{value}（另）", lang=value.language)
    datatype = value.datatype
    if datatype == XSD.integer:
        return integer(int(value) + 1)
    if datatype == XSD.decimal:
        return decimal(str(Decimal(str(value)) + 1))
    if datatype == XSD.gYear:
        return year(int(str(value)) + 1)
    if datatype == XSD.date:
        return Literal("2000-01-01", datatype=XSD.date)
    if datatype == XSD.boolean:
        return Literal(not value.toPython())
    return Literal(f"{value}x")


def wrong_datatype(value: Node | None, expected: URIRef) -> Literal:
    """A literal with the same text and another datatype (``5.5`` as xsd:double for xsd:decimal)."""
    text = str(value) if value is not None else "1"
    if expected in (XSD.integer, XSD.decimal):
        return Literal(text, datatype=XSD.double)
    if expected == XSD.string:
        return Literal(text, lang="zh")
    return Literal(text)  # a plain xsd:string for gYear, date, boolean, langString


def generic_mutation(shape: URIRef, parameter: URIRef, path: PathKey) -> Callable[[Graph, Context, URIRef], None]:
    """Data that breaks ``parameter`` of property shape ``shape`` on the focus node and nothing else.

    A bounded property (sh:maxCount) has its value replaced; an unbounded one gets a bad
    value added, so that no other rule on the same property sees a change.
    """
    sg = shapes()
    argument = sg.value(shape, parameter)
    # Bounded anywhere (another shape may limit the same property): replace, don't add.
    bounded = any(sg.value(other, SH.maxCount) is not None for other in sg.subjects(SH.path, sg.value(shape, SH.path)))

    def mutate(graph: Graph, ctx: Context, focus: URIRef) -> None:
        current = values(graph, focus, path)
        predicate = path[1] if isinstance(path, tuple) else path
        assert isinstance(predicate, URIRef)

        def replace_or_add(new: Node) -> None:
            if current and bounded:
                set_values(graph, focus, predicate, current[0], new)
            else:
                graph.add((focus, predicate, new))

        if parameter == SH.minCount:
            if isinstance(path, tuple):
                for subject in current:
                    graph.remove((subject, predicate, focus))
            else:
                graph.remove((focus, predicate, None))
                untype_orphans(graph, current, focus)
        elif parameter == SH.maxCount:
            if isinstance(path, tuple):
                graph.add((ctx.fresh(), predicate, focus))
                return
            assert current, f"sample: {focus} has no {predicate} to duplicate"
            first = current[0]
            if isinstance(first, Literal):
                graph.add((focus, predicate, other_literal(first)))
                return
            allowed = sg.value(shape, SH["in"])
            cls = sg.value(shape, SH["class"])
            candidates: list[Node]
            if allowed is not None:
                candidates = list(Collection(sg, allowed))
            elif isinstance(cls, URIRef):
                candidates = list(ctx.instances(graph, cls))
            else:
                candidates = list(ctx.instances(graph, PG.Section))
            graph.add((focus, predicate, next(c for c in candidates if c not in current and c != focus)))
        elif parameter == SH.datatype:
            replace_or_add(wrong_datatype(current[0] if current else None, argument))  # type: ignore[arg-type]
        elif parameter in (SH["class"], SH["or"]):
            replace_or_add(ctx.fresh())
        elif parameter == SH["in"]:
            replace_or_add(PG.NotInTheList)
        elif parameter == SH.languageIn:
            replace_or_add(Literal(str(current[0]) if current else "x", lang="de"))
        elif parameter == SH.minLength:
            replace_or_add(Literal("", lang=current[0].language) if isinstance(current[0], Literal) else Literal(""))
        elif parameter == SH.pattern:
            replace_or_add(Literal("32050"))
        elif parameter in (SH.minInclusive, SH.maxInclusive):
            step = -1 if parameter == SH.minInclusive else 1
            datatype = current[0].datatype if current and isinstance(current[0], Literal) else argument.datatype  # type: ignore[union-attr]
            replace_or_add(Literal(str(Decimal(str(argument)) + step), datatype=datatype))
        elif parameter == SH.lessThan:
            end = graph.value(focus, argument)
            set_values(graph, focus, predicate, current[0], end)  # type: ignore[arg-type]
        elif parameter == SH.uniqueLang:
            label = next(v for v in current if isinstance(v, Literal) and v.language == "zh")
            graph.add((focus, predicate, Literal(f"{label}（重复）", lang="zh")))
        elif parameter == SH.qualifiedMinCount:
            qualified = sg.value(shape, SH.qualifiedValueShape)
            languages = [str(x) for x in Collection(sg, sg.value(qualified, SH.languageIn))]  # type: ignore[arg-type]
            for value in current:
                if isinstance(value, Literal) and value.language in languages:
                    graph.remove((focus, predicate, value))
        elif parameter == SH.nodeKind:
            replace_or_add(Literal(str(current[0]) if current else "https://example.org/x"))
        elif parameter == SH.hasValue:
            replace_or_add(Literal(not argument.toPython()))  # type: ignore[union-attr]
        else:  # pragma: no cover - constraint_parameters() rejects unknown parameters
            raise AssertionError(parameter)

    return mutate


def to_blank_node(graph: Graph, ctx: Context, focus: URIRef) -> None:
    """Breaks "is an IRI": the focus node becomes a blank node, with all its triples."""
    blank = BNode()
    ctx.blank = blank
    for s, p, o in list(graph.triples((focus, None, None))):
        graph.remove((s, p, o))
        graph.add((blank, p, o))
    for s, p, o in list(graph.triples((None, None, focus))):
        graph.remove((s, p, o))
        graph.add((s, p, blank))


# Special mutations where the generic one would break a second rule too.
def _goal_without_tasks(graph: Graph, ctx: Context, focus: URIRef) -> None:
    for task in list(graph.subjects(PG.contributesTo, focus)):
        assert isinstance(task, URIRef)
        set_values(graph, task, PG.contributesTo, focus, EX["goal/2"])


def _part_of_document(graph: Graph, ctx: Context, focus: URIRef) -> None:
    # dcterms:isPartOf the document satisfies "part of a section or the document" but not "part of a section".
    set_values(graph, focus, DCTERMS.isPartOf, graph.value(focus, DCTERMS.isPartOf), EX["report"])  # type: ignore[arg-type]


def _second_admin_code(graph: Graph, ctx: Context, focus: URIRef) -> None:
    graph.add((focus, PG.adminCode, Literal("320000")))


def _qualitative_with_value(graph: Graph, ctx: Context, focus: URIRef) -> None:
    # pg:Qualitative is a valid comparator in general, but not with a value.
    graph.remove((focus, PG.comparator, None))
    graph.add((focus, PG.comparator, PG.Qualitative))


def _exact_without_value(graph: Graph, ctx: Context, focus: URIRef) -> None:
    # pg:Exactly is a valid comparator in general, but not without a value.
    graph.remove((focus, PG.comparator, None))
    graph.add((focus, PG.comparator, PG.Exactly))


def _unmentioned(graph: Graph, ctx: Context, focus: URIRef) -> None:
    # Remove the mentions themselves: a mention without pg:mentionOf would break a second rule.
    for mention in list(graph.subjects(PG.mentionOf, focus)):
        graph.remove((mention, None, None))


OVERRIDES: dict[tuple[URIRef, URIRef], Callable[[Graph, Context, URIRef], None]] = {
    (PGSH["StrategicGoal-tasks"], SH.minCount): _goal_without_tasks,
    (PGSH.isPartOfSection, SH["class"]): _part_of_document,
    (PGSH["AdministrativeArea-adminCode"], SH.maxCount): _second_admin_code,
    (PGSH["TargetWithValue-comparator"], SH["in"]): _qualitative_with_value,
    (PGSH["OutcomeWithValue-comparator"], SH["in"]): _qualitative_with_value,
    (PGSH["TargetWithoutValue-comparator"], SH.hasValue): _exact_without_value,
    (PGSH["Entity-mentioned"], SH.minCount): _unmentioned,
}


#: Rules that necessarily fail together: a comparator outside all five is also outside the
#: four a value allows.
ALSO_EXPECTED: dict[tuple[URIRef, URIRef], tuple[URIRef, URIRef]] = {
    (PGSH["Target-comparator"], SH["in"]): (PGSH["TargetWithValue-comparator"], SH.InConstraintComponent),
    (PGSH.comparatorOptional, SH["in"]): (PGSH["OutcomeWithValue-comparator"], SH.InConstraintComponent),
}


def _bind(mutation: Callable[[Graph, Context, URIRef], None], focus: URIRef) -> Mutation:
    return lambda graph, ctx: mutation(graph, ctx, focus)


def generated_cases() -> Iterator[Case]:
    """Cases derived from the shapes.

    A property shape gets one case per constraint on its first target, and one case
    (its first constraint) on every other target, which shows that target is wired up.
    Every node shape gets an "is an IRI" case.
    """
    for shape in property_shapes():
        path = path_key(shapes(), shapes().value(shape, SH.path))
        for position, target in enumerate(targets(shape)):
            focus = FOCUS_FOR_PROPERTY_SHAPE.get(shape, FOCUS[target])
            parameters = constraint_parameters(shape)
            for parameter in parameters if position == 0 else parameters[:1]:
                mutation = OVERRIDES.get((shape, parameter)) or generic_mutation(shape, parameter, path)
                component = PARAMETER_COMPONENT[parameter]
                keys: set[ResultKey] = {(focus, path, shape, component)}
                also = ALSO_EXPECTED.get((shape, parameter))
                if also and shape_targets_node(also[0], focus):
                    keys.add((focus, path, also[0], also[1]))
                yield Case(
                    id=f"{local(target)}:{local(shape)}:{local(component).removesuffix('ConstraintComponent')}",
                    focus=focus,
                    mutate=_bind(mutation, focus),
                    expected=frozenset(keys),
                    target=target,
                    shape=shape,
                    component=component,
                )
    for shape in node_shapes():
        if shapes().value(shape, SH.nodeKind) is None:
            continue
        (target,) = targets(shape)
        focus = FOCUS[target]
        # Every node shape that targets the focus requires an IRI: a subclass's instance breaks its
        # superclasses' shapes too (a pg:Task is a pg:Section).
        blank_keys: frozenset[ResultKey] = frozenset(
            (BLANK, None, other, SH.NodeKindConstraintComponent)
            for other in node_shapes()
            if shapes().value(other, SH.nodeKind) is not None and shape_targets_node(other, focus)
        )
        yield Case(
            id=f"{local(target)}:{local(shape)}:NodeKind",
            focus=focus,
            mutate=_bind(to_blank_node, focus),
            expected=blank_keys,
            target=target,
            shape=shape,
            component=SH.NodeKindConstraintComponent,
        )


def _remove_triple(s: URIRef, p: URIRef) -> Mutation:
    return lambda g, ctx: g.remove((s, p, None))


def _set(s: URIRef, p: URIRef, o: Node) -> Mutation:
    def mutate(g: Graph, ctx: Context) -> None:
        g.remove((s, p, None))
        g.add((s, p, o))

    return mutate


def _chain(*mutations: Mutation) -> Mutation:
    def mutate(g: Graph, ctx: Context) -> None:
        for m in mutations:
            m(g, ctx)

    return mutate


def _drop_mentions(entity: URIRef) -> Mutation:
    def mutate(g: Graph, ctx: Context) -> None:
        for mention in list(g.subjects(PG.mentionOf, entity)):
            g.remove((mention, None, None))

    return mutate


GDP_2022 = EX["target/gdp/2022"]
GDP_2022_OUTCOME = EX["outcome/gdp/2022"]
PM25_2023 = EX["target/pm25/2023"]
POWER = EX["entity/guoxin-shazhou-power"]


#: Cases for node-level logic (sh:or, sh:xone, sh:sparql on a node shape), which the
#: generic mutations cannot produce. The shapes have none at present; a test fails if
#: one is added without a case here.
HAND_CASES: list[Case] = []

#: Data that looks odd but is allowed: each must conform.
ALLOWED_CASES: list[Case] = [
    Case(
        "indicator-without-category",
        EX["indicator/fixed-asset-investment"],
        _chain(
            _remove_triple(EX["indicator/fixed-asset-investment"], PG.inCategory),
            _remove_triple(EX["indicator/fixed-asset-investment"], PG.isBinding),
        ),
    ),
    Case(
        "percent-bounds-0-and-100",
        GDP_2022,
        _chain(
            _set(GDP_2022, PG.targetValue, decimal("100")), _set(EX["target/gdp/2023"], PG.targetValue, decimal("0"))
        ),
    ),
    Case("observation-percent-above-100", EX["observation/1.2.1/3"], lambda g, ctx: None),
    Case(
        "percentage-points-are-not-percent",
        GDP_2022,
        _chain(_set(GDP_2022, PG.unit, PG.PercentagePoint), _set(GDP_2022, PG.targetValue, decimal("120"))),
    ),
    Case("qualitative-target-without-value-or-unit", PM25_2023, lambda g, ctx: None),
    Case(
        "regional-language-tag",
        EX["section/1.2"],
        _chain(
            lambda g, ctx: g.remove((EX["section/1.2"], RDFS.label, zh("重点任务完成情况"))),
            lambda g, ctx: g.add((EX["section/1.2"], RDFS.label, Literal("重点任务完成情况", lang="zh-Hans"))),
        ),
    ),
    Case(
        "curated-entity-without-mention",
        POWER,
        _chain(_drop_mentions(POWER), lambda g, ctx: g.add((POWER, PG.curated, Literal(True)))),
    ),
    Case(
        "outcome-of-two-targets",
        GDP_2022_OUTCOME,
        lambda g, ctx: g.add((EX["target/gdp/2023"], PG.hasOutcome, GDP_2022_OUTCOME)),
    ),
    Case(
        "target-with-two-outcomes",
        EX["target/labour-productivity/2022"],
        lambda g, ctx: g.add((EX["target/labour-productivity/2022"], PG.hasOutcome, GDP_2022_OUTCOME)),
    ),
    Case(
        "task-without-targets",
        EX["task/4"],
        _chain(_remove_triple(EX["task/4"], PG.hasTarget), _remove_triple(EX["task/4/target/1"], RDF.type)),
    ),
    Case(
        "outcome-without-value",
        GDP_2022_OUTCOME,
        _chain(*(_remove_triple(GDP_2022_OUTCOME, p) for p in (PG.outcomeValue, PG.unit, PG.unitText, PG.valueKind))),
    ),
    Case(
        "plain-string-section-number", EX["section/1.2"], _set(EX["section/1.2"], PG.sectionNumber, Literal("一（二）"))
    ),
]


@cache
def all_cases() -> list[Case]:
    cases = [*generated_cases(), *HAND_CASES]
    ids = [c.id for c in cases]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates, duplicates
    return cases


# ---------------------------------------------------------------------------
# One pyshacl run over a renamed copy of the sample per case
# ---------------------------------------------------------------------------


SUFFIX = re.compile(r"--c(\d+)$")


def rename(node: Node, index: int) -> Node:
    """A sample IRI made unique to copy ``index``.

    The copy number goes at the end, so all copies share namespaces: pyshacl
    writes results with prefixed names, and thousands of namespaces would make
    rdflib's namespace manager slow.
    """
    if isinstance(node, URIRef) and node.startswith(str(EX)):
        return URIRef(f"{node}--c{index}")
    return node


def add_copy(data: Graph, triples: Iterable[tuple[Node, Node, Node]], index: int) -> None:
    renamed: dict[Node, Node] = {}

    def name(node: Node) -> Node:
        if node not in renamed:
            renamed[node] = rename(node, index)
        return renamed[node]

    data.addN((name(s), p, name(o), data) for s, p, o in triples)


class UndoableGraph(Graph):
    """A graph whose changes can be undone, so that every case mutates the same copy of the sample."""

    def __init__(self, base: Graph) -> None:
        super().__init__()
        self += base
        self.log: list[tuple[bool, tuple[Node, Node, Node]]] = []

    def add(self, triple: tuple[Node, Node, Node]) -> UndoableGraph:
        if triple not in self:
            self.log.append((True, triple))
            super().add(triple)
        return self

    def remove(self, triple: tuple[Node | None, Node | None, Node | None]) -> UndoableGraph:
        for found in list(self.triples(triple)):
            self.log.append((False, found))
            super().remove(found)
        return self

    def undo(self) -> None:
        for added, triple in reversed(self.log):
            if added:
                super().remove(triple)
            else:
                super().add(triple)
        self.log.clear()


@dataclass
class BatchRun:
    results: dict[str, set[ResultKey]]
    messages: dict[str, list[str]]
    unattributed: list[Result]
    triples: int


@cache
def batch_run() -> BatchRun:
    """Every case's data in one graph (each under its own IRI prefix), validated once."""
    cases = [*all_cases(), *ALLOWED_CASES]
    data = with_ontology(Graph())
    case_of_blank: dict[BNode, str] = {}
    working = UndoableGraph(sample())
    size = len(working)
    for index, case in enumerate(cases):
        ctx = Context()
        case.mutate(working, ctx)
        if ctx.blank is not None:
            case_of_blank[ctx.blank] = case.id
        add_copy(data, list(working), index)
        working.undo()
        assert len(working) == size
    triples = len(data)
    _, report, _ = run_validation(data)
    results: dict[str, set[ResultKey]] = defaultdict(set)
    messages: dict[str, list[str]] = defaultdict(list)
    unattributed = []
    for result in read_results(report):
        match = SUFFIX.search(str(result.focus))
        if isinstance(result.focus, BNode) and result.focus in case_of_blank:
            case_id, focus = case_of_blank[result.focus], BLANK
        elif isinstance(result.focus, URIRef) and result.focus.startswith(str(EX)) and match:
            case_id, focus = cases[int(match.group(1))].id, URIRef(str(result.focus)[: match.start()])
        else:
            unattributed.append(result)
            continue
        assert result.shape is not None
        results[case_id].add((focus, result.path, result.shape, result.component))
        messages[case_id].append(result.message)
    return BatchRun(results, messages, unattributed, triples)


# ---------------------------------------------------------------------------
# Tests: parsing and the ontology's own documentation
# ---------------------------------------------------------------------------


def test_ontology_parses_and_declares_itself() -> None:
    g = ontology()
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    assert not list(g.objects(None, OWL.imports)), "the ontology imports nothing (no network at load time)"
    assert len(g) > 500


def test_shapes_parse() -> None:
    g = shapes()
    assert len(node_shapes()) >= 20
    assert len(property_shapes()) >= 60
    assert not list(g.objects(None, OWL.imports))


def _declared(kind: URIRef) -> list[URIRef]:
    return sorted(s for s in ontology().subjects(RDF.type, kind) if isinstance(s, URIRef) and s.startswith(str(PG)))


def _labels(node: URIRef) -> dict[str | None, list[str]]:
    found: dict[str | None, list[str]] = defaultdict(list)
    for label in ontology().objects(node, RDFS.label):
        assert isinstance(label, Literal)
        found[label.language].append(str(label))
    return found


TERMS = _declared(OWL.Class) + _declared(OWL.ObjectProperty) + _declared(OWL.DatatypeProperty)
INDIVIDUALS = _declared(OWL.NamedIndividual)


@pytest.mark.parametrize("term", TERMS, ids=local)
def test_every_term_has_zh_and_en_labels_and_an_en_definition(term: URIRef) -> None:
    labels = _labels(term)
    assert len(labels["zh"]) == 1 and labels["zh"][0].strip(), f"{term}: one @zh rdfs:label"
    assert len(labels["en"]) == 1 and labels["en"][0].strip(), f"{term}: one @en rdfs:label"
    definitions = [
        d for d in ontology().objects(term, SKOS.definition) if isinstance(d, Literal) and d.language == "en"
    ]
    assert len(definitions) == 1, f"{term}: one @en skos:definition"
    assert len(str(definitions[0]).split()) >= 4, f"{term}: a real definition, not a stub"
    assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in ontology()


def test_the_ontology_declares_the_agreed_terms() -> None:
    classes = {local(c) for c in _declared(OWL.Class)}
    assert classes >= {
        "PlanDocument",
        "Section",
        "ReviewArea",
        "StrategicGoal",
        "Task",
        "IndicatorCategory",
        "Indicator",
        "Target",
        "Outcome",
        "Observation",
        "Evidence",
        "Unit",
        "Comparator",
        "Status",
        "ValueKind",
        "GoalAlignment",
        "Entity",
        "Project",
        "RailLine",
        "Tunnel",
        "Laboratory",
        "EnergyProject",
        "WaterProject",
        "HealthFacility",
        "EducationFacility",
        "DigitalPlatform",
        "CulturalProject",
        "TransportHub",
        "Institution",
        "University",
        "GovernmentBody",
        "Enterprise",
        "StateGroup",
        "ResearchInstitute",
        "Hospital",
        "Alliance",
        "Zone",
        "AdministrativeArea",
        "PlanningZone",
        "Event",
        "Policy",
        "Program",
        "Mention",
        "StatusRecord",
        "ProjectStatus",
    }
    properties = {local(p) for p in _declared(OWL.ObjectProperty) + _declared(OWL.DatatypeProperty)}
    assert properties >= {
        "deliveredAt",
        "reviewYear",
        "planYear",
        "sectionNumber",
        "charStart",
        "charEnd",
        "inDocument",
        "order",
        "contributesTo",
        "inCategory",
        "isBinding",
        "hasTarget",
        "targetYear",
        "targetText",
        "measureText",
        "comparator",
        "targetValue",
        "unit",
        "unitText",
        "valueText",
        "valueKind",
        "scope",
        "hasOutcome",
        "outcomeText",
        "outcomeValue",
        "isEstimate",
        "status",
        "statusNote",
        "observedValue",
        "refYear",
        "reportedIn",
        "evidence",
        "quote",
        "inSection",
        "servesGoal",
        "alignedCategory",
        "alignedGoal",
        "rationale",
        "curated",
        "adminCode",
        "mentionOf",
        "surfaceForm",
        "involves",
        "involvedIn",
        "locatedIn",
        "partOf",
        "projectStatus",
        "statusValue",
        "statusText",
        "statusYear",
    }
    g = ontology()
    for subclass, superclass in (
        (PG.PlanDocument, PROV.Entity),
        (PG.Evidence, PROV.Entity),
        (PG.Observation, QB.Observation),
        (PG.Indicator, SKOS.Concept),
        (PG.IndicatorCategory, SKOS.Concept),
        (PG.ReviewArea, PG.Section),
        (PG.StrategicGoal, PG.Section),
        (PG.Task, PG.Section),
        (PG.RailLine, PG.Project),
        (PG.Project, PG.Entity),
        (PG.AdministrativeArea, PG.Zone),
        (PG.Institution, PG.Entity),
        (PG.Unit, QUDT.Unit),
    ):
        assert (subclass, RDFS.subClassOf, superclass) in g
    assert (PG.involves, OWL.inverseOf, PG.involvedIn) in g


def _union_members(node: Node) -> set[Node]:
    g = ontology()
    if isinstance(node, BNode):
        members = g.value(node, OWL.unionOf)
        assert members is not None, f"{node}: a blank domain/range is an owl:unionOf"
        return set(Collection(g, members))
    return {node}


@pytest.mark.parametrize("prop", _declared(OWL.ObjectProperty) + _declared(OWL.DatatypeProperty), ids=local)
def test_every_property_has_a_domain_and_a_range(prop: URIRef) -> None:
    g = ontology()
    domains = list(g.objects(prop, RDFS.domain))
    ranges = list(g.objects(prop, RDFS.range))
    assert len(domains) == 1 and len(ranges) == 1, f"{prop}: exactly one rdfs:domain and one rdfs:range"
    for cls in _union_members(domains[0]):
        assert cls == OWL.Thing or (cls, RDF.type, OWL.Class) in g, f"{prop}: domain {cls} is a declared class"
    if (prop, RDF.type, OWL.DatatypeProperty) in g:
        assert ranges[0] in (XSD.string, XSD.integer, XSD.decimal, XSD.boolean, XSD.gYear, RDF.langString)
    else:
        for cls in _union_members(ranges[0]):
            assert (cls, RDF.type, OWL.Class) in g or cls == QUDT.Unit, f"{prop}: range {cls} is a declared class"


@pytest.mark.parametrize("individual", INDIVIDUALS, ids=local)
def test_every_individual_is_typed_and_labelled(individual: URIRef) -> None:
    g = ontology()
    types = [t for t in g.objects(individual, RDF.type) if t != OWL.NamedIndividual]
    assert types and all(t in (PG.Comparator, PG.Status, PG.ValueKind, PG.Unit, PG.ProjectStatus) for t in types)
    labels = _labels(individual)
    assert len(labels["zh"]) == 1 and len(labels["en"]) == 1
    assert [d for d in g.objects(individual, SKOS.definition) if isinstance(d, Literal) and d.language == "en"]


def test_the_agreed_individuals_exist() -> None:
    expected = {
        PG.Comparator: {"Approximately", "AtLeast", "AtMost", "Exactly", "Qualitative"},
        PG.Status: {"Met", "NotMet", "NoData", "Unclear"},
        PG.ValueKind: {"Level", "Increase", "Decrease"},
        PG.ProjectStatus: {
            "ConstructionStarted",
            "OpenedToTraffic",
            "TunnelTrackPowerThrough",
            "InService",
            "PreliminaryWork",
            "Accelerating",
            "Completed",
            "UnderConstruction",
            "Planned",
        },
        PG.Unit: {
            "Persons",
            "Enterprises",
            "Items",
            "Pieces",
            "Households",
            "Dwellings",
            "Beds",
            "PersonTimes",
            "Mu",
            "Jin",
            "TEU",
            "PercentagePoint",
            "Projects",
        },
    }
    for cls, names in expected.items():
        assert {local(i) for i in ontology().subjects(RDF.type, cls)} >= names
    assert _labels(PG.TunnelTrackPowerThrough)["zh"] == ["洞通轨通电通"]
    assert _labels(PG.PercentagePoint)["zh"] == ["个百分点"]
    for qudt_unit in (UNIT.PERCENT, UNIT.HA, UNIT.TONNE, UNIT["MicroGM-PER-M3"], CURRENCY.CNY, CURRENCY.USD):
        assert (qudt_unit, RDF.type, QUDT.Unit) in ontology(), f"{qudt_unit} is listed as a qudt:Unit"
        assert len(_labels(qudt_unit)["zh"]) == 1 and len(_labels(qudt_unit)["en"]) == 1


def test_every_pg_term_the_shapes_use_is_declared() -> None:
    declared = {s for s in ontology().subjects() if isinstance(s, URIRef)}
    used = {t for triple in shapes() for t in triple if isinstance(t, URIRef) and t.startswith(str(PG))}
    assert not (used - declared), sorted(used - declared)


def test_every_shape_path_is_a_declared_or_reused_property() -> None:
    g = shapes()
    for path in set(g.objects(None, SH.path)):
        key = path_key(g, path)
        prop = key[1] if isinstance(key, tuple) else key
        assert isinstance(prop, URIRef)
        if prop.startswith(str(PG)):
            assert (prop, RDF.type, OWL.ObjectProperty) in ontology() or (
                prop,
                RDF.type,
                OWL.DatatypeProperty,
            ) in ontology(), prop
        else:
            assert str(prop).startswith(EXTERNAL_PATH_NAMESPACES), prop


def test_every_shape_is_targeted_and_has_a_message() -> None:
    g = shapes()
    for shape in node_shapes() + property_shapes():
        assert targets(shape), f"{shape}: has a target (no shape is reached only through sh:property)"
        assert g.value(shape, SH.property) is None, (
            f"{shape}: property shapes are targeted, not listed with sh:property"
        )
        messages = [m for m in g.objects(shape, SH.message) if isinstance(m, Literal) and m.language == "en"]
        assert len(messages) == 1, f"{shape}: one @en sh:message"


def test_every_class_has_a_node_shape_or_a_superclass_with_one() -> None:
    targeted = {c for n in node_shapes() for c in shapes().objects(n, SH.targetClass)}
    for cls in _declared(OWL.Class):
        ancestors = set(ontology().transitive_objects(cls, RDFS.subClassOf))
        assert ancestors & targeted, f"{cls}: no node shape targets it or a superclass"


def test_the_shapes_use_no_sparql_constraints() -> None:
    """pyshacl parses a SPARQL constraint again for every focus node: too slow for a report graph."""
    assert not list(shapes().objects(None, SH.sparql))


# ---------------------------------------------------------------------------
# Tests: the sample graph conforms
# ---------------------------------------------------------------------------


def test_the_sample_uses_every_class() -> None:
    classes = set(_declared(OWL.Class))
    used = set(sample().objects(None, RDF.type))
    assert classes - used == set(), sorted(classes - used)


def test_the_sample_quotes_are_spans_of_the_source() -> None:
    text = source_text()
    g = sample()
    spans = list(g.subjects(PG.quote, None))
    assert len(spans) > 50
    for node in spans:
        start = int(str(g.value(node, PG.charStart)))
        end = int(str(g.value(node, PG.charEnd)))
        assert text[start:end] == str(g.value(node, PG.quote)), node


def test_the_sample_graph_conforms() -> None:
    conforms, _, text = run_validation(with_ontology(sample()))
    assert conforms, text


def test_the_ontology_alone_conforms() -> None:
    """Its own individuals (units, comparators, statuses ...) satisfy the shapes."""
    conforms, _, text = run_validation(with_ontology(Graph()))
    assert conforms, text


def test_validating_through_ont_graph_is_equivalent() -> None:
    """The mapping may pass the ontology as pyshacl's ont_graph instead of merging it."""
    conforms, _, text = validate(sample(), shacl_graph=shapes(), ont_graph=ontology(), inference="none", advanced=True)
    assert conforms, text


def test_the_percent_rule_needs_advanced_mode() -> None:
    """pgsh:PercentShape has a SHACL-AF SPARQL target: without advanced=True pyshacl skips it."""
    data = with_ontology(sample())
    data.set((GDP_2022, PG.targetValue, decimal("120")))
    assert not run_validation(data)[0]
    conforms, _, _ = validate(data, shacl_graph=shapes(), inference="none", advanced=False)
    assert conforms


# ---------------------------------------------------------------------------
# Tests: every constraint fails on its own
# ---------------------------------------------------------------------------


def test_every_node_level_rule_has_a_case() -> None:
    covered = {(c.shape, c.component) for c in HAND_CASES}
    for shape in node_shapes():
        for parameter in NODE_LEVEL_LOGIC:
            if shapes().value(shape, parameter) is not None:
                assert (shape, PARAMETER_COMPONENT[parameter]) in covered, (shape, parameter)


def test_every_target_has_a_focus_in_the_sample() -> None:
    for shape in node_shapes() + property_shapes():
        for target in targets(shape):
            focus = FOCUS_FOR_PROPERTY_SHAPE.get(shape, FOCUS[target])
            assert shape_targets_node(shape, focus), (shape, target, focus)


def test_the_batch_has_no_stray_results() -> None:
    assert batch_run().unattributed == []


@pytest.mark.parametrize("case", all_cases(), ids=lambda c: c.id)
def test_breaking_one_constraint_is_reported_as_that_constraint(case: Case) -> None:
    run = batch_run()
    got = run.results.get(case.id, set())
    assert got, f"{case.id}: the broken data conforms"
    assert got == set(case.expected), f"{case.id}: expected only {set(case.expected)}, got {got}"
    assert all(m.strip() for m in run.messages[case.id]), "every result carries a message"


@pytest.mark.parametrize("case", ALLOWED_CASES, ids=lambda c: c.id)
def test_allowed_variations_conform(case: Case) -> None:
    assert batch_run().results.get(case.id, set()) == set()


def test_results_carry_the_shapes_messages() -> None:
    messages = batch_run().messages["percentTarget:Percent-targetValue:MaxInclusive"]
    assert messages == ["A target whose pg:unit is unit:PERCENT has a pg:targetValue between 0 and 100."]

