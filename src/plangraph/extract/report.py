"""From a source document to a :class:`PlanReport`: outline, tables, figures and statuses."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .._errors import ExtractError
from .figures import find_figures, sentences
from .genre import GenreProfile
from .mentions import GazetteerEntry, find_candidates, find_mentions, find_statuses
from .numbers import parse_number
from .records import IndicatorRow, PlanReport, Section, SourceDocument, Span, Table
from .sections import parse_sections
from .source import read_source
from .tables import parse_table
from .wording import parse_wording

__all__ = ["extract_report", "extract_text", "normalise_name"]

_DECLARED_TARGETS = re.compile(r"([一二三四五六七八九十\d]+)大类(\d+)项")
_DECLARED_TASKS = re.compile(r"([一二三四五六七八九十\d]+)个方面(\d+)项")


def normalise_name(name: str) -> str:
    """Indicator names compared without spaces, line breaks and full/half-width differences."""
    return re.sub(r"[\s　]", "", name).replace("（", "(").replace("）", ")")


def extract_report(
    path: Path, profile: GenreProfile | None = None, gazetteer: tuple[GazetteerEntry, ...] | None = None
) -> PlanReport:
    """Read ``path`` and everything structured in it; with a gazetteer, also its named entities."""
    return extract_text(read_source(path), profile or GenreProfile(), gazetteer)


def _find_part(sections: list[Section], words: tuple[str, ...], level: int, parent: str | None = None) -> Section | None:
    for section in sections:
        if section.level == level and not section.number.startswith("表") and (parent is None or section.parent == parent):
            if any(word in section.title for word in words):
                return section
    return None


def _children(sections: list[Section], parent: Section | None, level: int) -> list[Section]:
    if parent is None:
        return []
    return [s for s in sections if s.parent == parent.number and s.level == level]


def extract_text(
    document: SourceDocument, profile: GenreProfile, gazetteer: tuple[GazetteerEntry, ...] | None = None
) -> PlanReport:
    text = document.text
    doc_id = document.meta.doc_id
    report = PlanReport(document=document)
    report.sections = parse_sections(text)
    if not report.sections:
        raise ExtractError("no numbered sections (一、 / （一） / 1．) found", doc_id=doc_id)
    sections = report.sections

    review = _find_part(sections, profile.review_part, 1)
    measures = _find_part(sections, profile.measures_part, 1)
    if review is None:
        raise ExtractError(f"no level-1 review part titled with any of {list(profile.review_part)}", doc_id=doc_id)
    if measures is None:
        raise ExtractError(f"no level-1 measures part titled with any of {list(profile.measures_part)}", doc_id=doc_id)

    for section in sections:
        if section.number.startswith("表"):
            report.tables.append(parse_table(text, section, doc_id=doc_id, default_year=document.meta.plan_year))
    report.indicators = [row for table in report.tables for row in _indicator_rows(text, table, profile)]

    headline = _find_part(sections, profile.headline, 2, review.number)
    if headline is not None:
        report.headline = headline.number
        report.headline_figures = find_figures(text, headline)
    areas = _children(sections, _find_part(sections, profile.review_areas, 2, review.number), 3)
    report.review_areas = [area.number for area in areas]
    for area in areas:
        report.review_figures.extend(find_figures(text, area))

    for goal in _children(sections, measures, 2):
        for task in _children(sections, goal, 3):
            report.goal_of_task[task.number] = goal.number
            report.commitments.extend(find_figures(text, task))
    if not report.goal_of_task:
        raise ExtractError("the measures part has no numbered tasks under its goals", doc_id=doc_id, start=measures.start, end=measures.end)

    report.review_part = review.number
    report.measures_part = measures.number
    if gazetteer is not None:
        report.mentions = find_mentions(text, gazetteer)
        report.statuses = find_statuses(text, report.mentions, gazetteer)
        report.candidates = find_candidates(text, gazetteer, mentions=report.mentions)
    _read_binding(report, profile)
    _read_missed(report, profile, review)
    report.indicators = [_with_status(row, report, profile) for row in report.indicators]
    _check_declared_counts(report, measures)
    return report


def _indicator_rows(text: str, table: Table, profile: GenreProfile) -> list[IndicatorRow]:
    rows: list[IndicatorRow] = []
    for row in table.rows:
        name = re.sub(r"[\s　]", "", row.cells.get("name", ""))
        measure = name
        targets: tuple = ()
        outcomes: tuple = ()
        if "target" in row.spans:
            span = row.spans["target"]
            targets = tuple(parse_wording(text[span.start : span.end], span.start, measure=measure))
        if "outcome" in row.spans:
            span = row.spans["outcome"]
            header = next((h for h, r in zip(table.headers, table.roles) if r == "outcome"), "")
            column_estimate = any(word in header for word in profile.estimate_words)
            outcomes = tuple(parse_wording(text[span.start : span.end], span.start, measure=measure))
            if column_estimate:
                outcomes = tuple(replace(q, estimate=True) for q in outcomes)
        rows.append(
            IndicatorRow(
                table=table.label,
                row=row,
                name=measure,
                category=re.sub(r"[\s　]", "", row.category) if row.category else None,
                target_year=table.target_year if targets else None,
                target_text=row.cells.get("target"),
                targets=targets,
                outcome_year=table.outcome_year if outcomes else None,
                outcome_text=row.cells.get("outcome"),
                outcomes=outcomes,
                status=None,
                status_note=None,
            )
        )
    return rows


def _sentence_with(text: str, start: int, end: int, words: tuple[str, ...]) -> Span | None:
    for sentence in sentences(text, start, end):
        if any(word in text[sentence.start : sentence.end] for word in words):
            return sentence
    return None


def _read_binding(report: PlanReport, profile: GenreProfile) -> None:
    """Which categories the text calls binding (约束性) and which expected (预期性)."""
    categories = sorted({row.category for row in report.indicators if row.category}, key=len, reverse=True)
    if not categories:
        return
    sentence = _sentence_with(report.text, 0, len(report.text), profile.binding_words)
    if sentence is None:
        return
    report.binding_evidence = sentence
    binding: list[str] = []
    expected: list[str] = []
    for clause in re.split(r"[，,；;]", report.text[sentence.start : sentence.end]):
        target = binding if any(w in clause for w in profile.binding_words) else expected if any(w in clause for w in profile.expected_words) else None
        if target is None:
            continue
        for category in categories:
            if category in normalise_name(clause):
                target.append(category)
    report.binding_categories = tuple(binding)
    report.expected_categories = tuple(expected)


def _read_missed(report: PlanReport, profile: GenreProfile, review: Section) -> None:
    """The indicators the review says could not be met (预计A、B、C等5个指标无法完成)."""
    sentence = _sentence_with(report.text, review.start, review.end, profile.missed_words)
    if sentence is None:
        return
    quote = report.text[sentence.start : sentence.end]
    names = {row.name for row in report.indicators if row.outcomes}
    missed = [name for name in names if normalise_name(name) in normalise_name(quote)]
    report.missed_indicators = tuple(sorted(missed, key=lambda name: normalise_name(quote).index(normalise_name(name))))
    report.missed_evidence = sentence
    declared = re.search(r"等\s*(\d+|[一二三四五六七八九十]+)\s*[个项]指标", quote)
    if declared:
        count = int(parse_number(declared.group(1)))
        if count != len(missed):
            raise ExtractError(
                f"the review says {count} targets were missed but names {len(missed)} table indicators",
                doc_id=report.document.meta.doc_id,
                start=sentence.start,
                end=sentence.end,
            )


def _with_status(row: IndicatorRow, report: PlanReport, profile: GenreProfile) -> IndicatorRow:
    if not row.outcomes:
        return row
    outcome = row.outcome_text or ""
    if row.name in report.missed_indicators:
        status, note = "not_met", "named in the review among the targets that could not be met"
    elif any(word in outcome for word in profile.no_data_words):
        status, note = "no_data", "the outcome cell says there is no data"
    elif any(word in outcome for word in profile.no_target_words):
        status, note = "unclear", "the outcome cell says no annual target was issued"
    elif report.missed_evidence is not None:
        status, note = "met", f"not among the {len(report.missed_indicators)} targets the review says could not be met"
    elif any(word in outcome for word in profile.met_words):
        status, note = "met", "the outcome cell says the target is met"
    else:
        status, note = "unclear", "the text does not say whether the target was met"
    return replace(row, status=status, status_note=note)


def _check_declared_counts(report: PlanReport, measures: Section) -> None:
    """The measures part announces 七大类43项 targets and 六个方面18项 tasks; a report cut short breaks the count."""
    lead = report.text[measures.start : measures.end]
    doc_id = report.document.meta.doc_id
    targets = _DECLARED_TARGETS.search(lead)
    if targets:
        declared = int(parse_number(targets.group(2)))
        plan_rows = [row for row in report.indicators if row.targets and row.outcome_year is None]
        if plan_rows and declared != len(plan_rows):
            raise ExtractError(
                f"the text announces {declared} targets but the target table has {len(plan_rows)} rows",
                doc_id=doc_id,
                start=measures.start,
            )
    tasks = _DECLARED_TASKS.search(lead)
    if tasks:
        declared_goals = int(parse_number(tasks.group(1)))
        declared_tasks = int(parse_number(tasks.group(2)))
        goals = set(report.goal_of_task.values())
        if declared_tasks != len(report.goal_of_task) or declared_goals != len(goals):
            raise ExtractError(
                f"the text announces {declared_goals} goals with {declared_tasks} tasks but "
                f"{len(goals)} goals with {len(report.goal_of_task)} tasks were found (truncated?)",
                doc_id=doc_id,
                start=measures.start,
            )
