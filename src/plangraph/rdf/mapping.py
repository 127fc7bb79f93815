"""Records to triples: the only module that knows both the records and the ontology's terms."""

from __future__ import annotations


from rdflib import Literal, URIRef

from .._errors import MappingError
from ..extract.records import Figure, IndicatorRow, PlanReport, Quantity, Section
from ..extract.report import normalise_name
from . import iri
from .curation import Curation
from .entities import map_mentions
from .vocab import (
    COMPARATORS,
    DCTERMS,
    PG,
    RDF,
    RDFS,
    SKOS,
    STATUSES,
    UNITS,
    VALUE_KINDS,
    XSD,
    Triple,
    decimal_literal,
    en_literal,
    integer_literal,
    year_literal,
    zh_literal,
)

__all__ = ["map_report"]

_STATUS_EN = {"met": "met", "not_met": "not met", "no_data": "no data", "unclear": "unclear"}







class _Mapper:
    def __init__(self, report: PlanReport, curation: Curation) -> None:
        self.report = report
        self.text = report.text
        self.curation = curation
        self.triples: set[Triple] = set()
        self.english_labels: dict[URIRef, str] = {}
        meta = report.document.meta
        self.doc_entry = curation.documents.get(meta.doc_id)
        self.slug = self.doc_entry.slug if self.doc_entry else f"{iri.slugify(meta.city_en)}/{meta.plan_year}"
        self.document = iri.document_iri(self.slug)
        self.roles: dict[str, str] = {}
        self.section_nodes: dict[str, URIRef] = {}

    def add(self, subject: URIRef, predicate: URIRef, obj: URIRef | Literal) -> None:
        self.triples.add((subject, predicate, obj))

    # -- evidence ---------------------------------------------------------
    def section_at(self, start: int) -> Section:
        section = self.report.section_at(start)
        if section is None:
            raise MappingError(f"{self.report.document.path}: offset {start} lies outside every section")
        return section

    def evidence(self, subject: URIRef, start: int, end: int) -> URIRef:
        quote = self.text[start:end]
        if not quote.strip():
            raise MappingError(f"{self.report.document.path}: empty evidence span {start}-{end}")
        node = iri.evidence_iri(self.slug, start, end)
        if (node, RDF.type, PG.Evidence) not in self.triples:
            self.add(node, RDF.type, PG.Evidence)
            self.add(node, PG.quote, zh_literal(quote))
            self.add(node, PG.charStart, integer_literal(start))
            self.add(node, PG.charEnd, integer_literal(end))
            self.add(node, PG.inSection, self.section_nodes[self.section_at(start).number])
            self.add(node, PG.inDocument, self.document)
        self.add(subject, PG.evidence, node)
        return node

    # -- document and outline ---------------------------------------------
    def map_document(self) -> None:
        meta = self.report.document.meta
        d = self.document
        self.add(d, RDF.type, PG.PlanDocument)
        for predicate in (RDFS.label, DCTERMS.title):
            self.add(d, predicate, zh_literal(meta.title_zh))
            self.add(d, predicate, en_literal(meta.title_en))
        self.add(d, DCTERMS.date, Literal(meta.delivered, datatype=XSD.date))
        if meta.published:
            self.add(d, DCTERMS.issued, Literal(meta.published, datatype=XSD.date))
        self.add(d, DCTERMS.source, URIRef(meta.source_url))
        self.add(d, PG.reviewYear, year_literal(meta.review_year))
        self.add(d, PG.planYear, year_literal(meta.plan_year))
        if meta.delivered_at_zh:
            self.add(d, PG.deliveredAt, zh_literal(meta.delivered_at_zh))
        if self.doc_entry:
            if self.doc_entry.delivered_at_en:
                self.add(d, PG.deliveredAt, en_literal(self.doc_entry.delivered_at_en))
            self.add(d, DCTERMS.creator, iri.entity_iri(self.doc_entry.creator))
            self.add(d, DCTERMS.spatial, iri.entity_iri(self.doc_entry.spatial))

    def assign_roles(self) -> None:
        for task, goal in self.report.goal_of_task.items():
            self.roles[task] = "task"
            self.roles[goal] = "goal"
        for number in self.report.review_areas:
            self.roles[number] = "review-area"
        for section in self.report.sections:
            self.section_nodes[section.number] = iri.section_iri(self.slug, section.number, self.roles.get(section.number))

    def map_sections(self) -> None:
        classes = {"task": PG.Task, "goal": PG.StrategicGoal, "review-area": PG.ReviewArea}
        for section in self.report.sections:
            node = self.section_nodes[section.number]
            self.add(node, RDF.type, classes.get(self.roles.get(section.number, ""), PG.Section))
            self.add(node, RDFS.label, zh_literal(section.title if not section.number.startswith("表") else f"{section.number} {section.title}"))
            english = self.curation.table_labels.get(section.number) if section.number.startswith("表") else None
            english = english or self.curation.section_labels.get(section.title.replace(" ", ""))
            if english:
                self.add(node, RDFS.label, en_literal(english))
                self.english_labels[node] = english
            self.add(node, PG.sectionNumber, Literal(section.number))
            self.add(node, PG.charStart, integer_literal(section.start))
            self.add(node, PG.charEnd, integer_literal(section.end))
            self.add(node, PG.order, integer_literal(section.order))
            parent = self.section_nodes[section.parent] if section.parent else self.document
            self.add(node, DCTERMS.isPartOf, parent)
            self.add(node, PG.inDocument, self.document)
            self.evidence(node, section.start, section.heading_end)
        for task, goal in sorted(self.report.goal_of_task.items()):
            self.add(self.section_nodes[task], PG.contributesTo, self.section_nodes[goal])

    # -- values -------------------------------------------------------------
    def value(self, node: URIRef, quantity: Quantity, value_predicate: URIRef) -> None:
        self.add(node, PG.comparator, COMPARATORS[quantity.comparator])
        self.add(node, PG.valueText, zh_literal(quantity.text.replace("\n", "")))
        if quantity.value is not None:
            self.add(node, value_predicate, decimal_literal(quantity.value))
            self.add(node, PG.valueKind, VALUE_KINDS[quantity.kind])
            if quantity.unit is not None:
                if quantity.unit not in UNITS:
                    raise MappingError(f"unit {quantity.unit!r} has no IRI in plangraph.rdf.vocab.UNITS")
                self.add(node, PG.unit, UNITS[quantity.unit])
            if quantity.unit_text:
                self.add(node, PG.unitText, zh_literal(quantity.unit_text))
        if quantity.measure:
            self.add(node, PG.measureText, zh_literal(quantity.measure.replace("\n", "")))
        if quantity.scope:
            self.add(node, PG.scope, zh_literal(quantity.scope))

    # -- indicators -----------------------------------------------------------
    def indicator_slug(self, name: str) -> str:
        entry = self.curation.indicator(name)
        return entry.slug if entry else iri.slugify(name)

    def map_indicators(self) -> None:
        rows_by_slug: dict[str, list[IndicatorRow]] = {}
        for row in self.report.indicators:
            rows_by_slug.setdefault(self.indicator_slug(row.name), []).append(row)
        for slug, rows in sorted(rows_by_slug.items()):
            node = iri.indicator_iri(slug)
            entry = self.curation.indicator(rows[0].name)
            self.add(node, RDF.type, PG.Indicator)
            newest = max(rows, key=lambda r: (r.target_year or 0, r.table))
            # The first curated wording is the label in every report, so reports in their own graphs agree on it.
            label = entry.zh[0] if entry and entry.zh and normalise_name(entry.zh[0]) != normalise_name(newest.name) else newest.name
            self.add(node, RDFS.label, zh_literal(label))
            for row in rows:
                if row.name != label:
                    self.add(node, SKOS.altLabel, zh_literal(row.name))
                self.evidence(node, row.row.spans["name"].start, row.row.spans["name"].end)
            if entry and entry.en:
                self.add(node, RDFS.label, en_literal(entry.en))
            for row in rows:
                self.map_row(node, slug, entry.en if entry and entry.en else None, row)

    def map_row(self, indicator: URIRef, slug: str, english: str | None, row: IndicatorRow) -> None:
        if row.category:
            category = self.map_category(row)
            self.add(indicator, PG.inCategory, category)
            if row.category in self.report.binding_categories:
                self.add(indicator, PG.isBinding, Literal(True))
            elif row.category in self.report.expected_categories:
                self.add(indicator, PG.isBinding, Literal(False))
        targets: list[URIRef] = []
        for part, quantity in enumerate(row.targets, start=1):
            assert row.target_year is not None
            node = iri.target_iri(self.slug, slug, row.target_year, part)
            targets.append(node)
            self.add(indicator, PG.hasTarget, node)
            self.add(node, RDF.type, PG.Target)
            self.add(node, PG.targetYear, year_literal(row.target_year))
            self.add(node, PG.targetText, zh_literal((row.target_text or "").replace("\n", "")))
            self.value(node, quantity, PG.targetValue)
            self.add(node, RDFS.label, zh_literal(f"{row.name} {row.target_year}年目标：{quantity.text}"))
            if english:
                self.add(node, RDFS.label, en_literal(f"{english}: {row.target_year} target ({quantity.text})"))
            self.evidence(node, quantity.start, quantity.end)
        for part, quantity in enumerate(row.outcomes, start=1):
            assert row.outcome_year is not None and row.status is not None
            node = iri.outcome_iri(self.slug, slug, row.outcome_year, part)
            for target in targets:
                self.add(target, PG.hasOutcome, node)
            self.add(node, RDF.type, PG.Outcome)
            self.add(node, PG.outcomeText, zh_literal((row.outcome_text or "").replace("\n", "")))
            self.add(node, PG.refYear, year_literal(row.outcome_year))
            self.value(node, quantity, PG.outcomeValue)
            self.add(node, PG.isEstimate, Literal(quantity.estimate))
            self.add(node, PG.status, STATUSES[row.status])
            if row.status_note:
                self.add(node, PG.statusNote, en_literal(row.status_note))
            self.add(node, RDFS.label, zh_literal(f"{row.name} {row.outcome_year}年完成情况：{quantity.text}"))
            if english:
                self.add(node, RDFS.label, en_literal(f"{english}: {row.outcome_year} outcome ({_STATUS_EN[row.status]})"))
            self.evidence(node, quantity.start, quantity.end)
            if row.status == "not_met" and self.report.missed_evidence:
                self.evidence(node, self.report.missed_evidence.start, self.report.missed_evidence.end)

    def map_category(self, row: IndicatorRow) -> URIRef:
        assert row.category is not None
        entry = self.curation.category(row.category)
        slug = entry.slug if entry else iri.slugify(row.category)
        node = iri.category_iri(slug)
        if (node, RDF.type, PG.IndicatorCategory) in self.triples:
            return node
        self.add(node, RDF.type, PG.IndicatorCategory)
        self.add(node, RDFS.label, zh_literal(row.category))
        span = row.row.spans.get("category")
        if span:
            self.evidence(node, span.start, span.end)
        if self.report.binding_evidence and row.category in self.report.binding_categories + self.report.expected_categories:
            self.evidence(node, self.report.binding_evidence.start, self.report.binding_evidence.end)
        if entry is None:
            return node
        self.add(node, RDFS.label, en_literal(entry.en))
        goal = next(
            (s for s in self.report.sections if self.roles.get(s.number) == "goal" and s.title.replace(" ", "") == entry.goal),
            None,
        )
        if goal is None:
            return node
        goal_node = self.section_nodes[goal.number]
        self.add(node, PG.servesGoal, goal_node)
        alignment = iri.alignment_iri(self.slug, slug)
        self.add(alignment, RDF.type, PG.GoalAlignment)
        self.add(alignment, PG.alignedCategory, node)
        self.add(alignment, PG.alignedGoal, goal_node)
        self.add(alignment, PG.rationale, en_literal(entry.rationale))
        self.add(alignment, PG.curated, Literal(True))
        self.add(alignment, RDFS.label, zh_literal(f"{entry.zh} → {goal.title}"))
        self.add(alignment, RDFS.label, en_literal(f"{entry.en} serves goal ({goal.order})"))
        return node

    # -- figures in running text --------------------------------------------
    def map_figures(self) -> None:
        year = self.report.document.meta.review_year
        counters: dict[str, int] = {}
        for figure in self.report.headline_figures + self.report.review_figures:
            counters[figure.section] = counters.get(figure.section, 0) + 1
            node = iri.observation_iri(self.slug, figure.section, counters[figure.section])
            self.add(node, RDF.type, PG.Observation)
            self.add(node, PG.refYear, year_literal(year))
            self.add(node, PG.reportedIn, self.section_nodes[figure.section])
            self.value(node, figure.quantity, PG.observedValue)
            self.label_figure(node, figure, f"{year} result")
            self.evidence(node, figure.sentence.start, figure.sentence.end)
        plan_year = self.report.document.meta.plan_year
        counters.clear()
        for figure in self.report.commitments:
            counters[figure.section] = counters.get(figure.section, 0) + 1
            node = iri.commitment_iri(self.slug, figure.section, counters[figure.section])
            self.add(self.section_nodes[figure.section], PG.hasTarget, node)
            self.add(node, RDF.type, PG.Target)
            self.add(node, PG.targetYear, year_literal(plan_year))
            self.add(node, PG.targetText, zh_literal(self.text[figure.clause.start : figure.clause.end]))
            self.value(node, figure.quantity, PG.targetValue)
            self.label_figure(node, figure, f"{plan_year} commitment")
            self.evidence(node, figure.sentence.start, figure.sentence.end)

    def label_figure(self, node: URIRef, figure: Figure, what: str) -> None:
        self.add(node, RDFS.label, zh_literal(f"{figure.measure}：{figure.quantity.text}"))
        section = self.section_nodes[figure.section]
        english = self.english_labels.get(section, figure.section)
        self.add(node, RDFS.label, en_literal(f"{what} in “{english}”: {figure.quantity.text}"))


def map_report(report: PlanReport, curation: Curation) -> set[Triple]:
    """The triples of one report; curated facts are marked as such."""
    mapper = _Mapper(report, curation)
    mapper.map_document()
    mapper.assign_roles()
    mapper.map_sections()
    mapper.map_indicators()
    mapper.map_figures()
    map_mentions(mapper)
    return mapper.triples


