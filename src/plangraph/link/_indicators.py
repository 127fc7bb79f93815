"""Indicators across reports: a wording of one report meets the same indicator of another.

Reports are taken in order of plan year (then document id). A name the
curated registry lacks is matched, by the same :class:`Matcher` as everything
else, against the curated wordings and the names of the reports before it;
a confident match (the matcher's ``match`` flag: no fuzzy matches, no
ambiguity) gives it that indicator's IRI, and the report's own wording
becomes an alias. Names that match nothing get their own pinyin slug, as
before, and are offered to later reports. Within one report nothing is
merged, and adding a later report never changes an earlier one's IRIs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..extract.records import PlanReport
from ..rdf import iri
from ..rdf.curation import Curation, IndicatorEntry
from ..rdf.vocab import PG
from ._matcher import LinkTarget, Matcher

__all__ = ["IndicatorMatch", "resolve_indicators"]


@dataclass(frozen=True, slots=True)
class IndicatorMatch:
    """How one uncurated indicator name of a report was resolved."""

    doc_id: str
    name: str
    slug: str
    """The indicator's slug: the matched one, or the name's own."""
    score: float
    method: str
    matched: str
    """The wording it met ("" when it met none)."""
    accepted: bool
    """False when it got its own slug (the best candidate, if any, is then worth a curator's look)."""


def _target(entry: IndicatorEntry) -> LinkTarget:
    labels = tuple(dict.fromkeys((*entry.zh, *([entry.en] if entry.en else []))))
    return LinkTarget(str(iri.indicator_iri(entry.slug)), entry.zh[0], labels, types=(str(PG.Indicator),))


def resolve_indicators(reports: Sequence[PlanReport], curation: Curation) -> tuple[dict[str, Curation], list[IndicatorMatch]]:
    """Per document id, the curation to map that report with; and how each uncurated name was resolved."""
    known: dict[str, IndicatorEntry] = {}
    for entry in curation.indicators.values():
        known.setdefault(entry.slug, entry)
    curations: dict[str, Curation] = {}
    matches: list[IndicatorMatch] = []
    ordered = sorted(reports, key=lambda r: (r.document.meta.plan_year, r.document.meta.doc_id))
    for report in ordered:
        doc_id = report.document.meta.doc_id
        matcher = Matcher(_target(entry) for entry in known.values())
        wordings: dict[str, IndicatorEntry] = {}
        fresh: dict[str, IndicatorEntry] = {}
        for name in dict.fromkeys(row.name for row in report.indicators):
            if curation.indicator(name) is not None:
                continue
            candidates = matcher.match(name, limit=2)
            best = candidates[0] if candidates else None
            own = iri.slugify(name)
            if best is not None and best.match:
                slug = best.target.iri.rsplit("/", 1)[-1]
                wordings[name] = known[slug]
                matches.append(IndicatorMatch(doc_id, name, slug, best.score, best.method, best.matched, True))
            else:
                fresh.setdefault(own, IndicatorEntry(slug=own, zh=(name,), en=""))
                matches.append(
                    IndicatorMatch(doc_id, name, own, best.score if best else 0.0, best.method if best else "", best.matched if best else "", False)
                )
        curations[doc_id] = curation.with_indicator_wordings(wordings) if wordings else curation
        for slug, entry in fresh.items():
            known.setdefault(slug, entry)
    return curations, matches
