"""Named entities to triples: gazetteer entries as nodes, mentions as evidence of involvement.

Entity nodes and their curated facts (English names, codes, containment) come
from the gazetteer; which task or review area involves an entity, and the
status of a project, come from mentions in the text, each with its sentence.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef

from .._errors import MappingError
from ..extract.figures import sentences
from ..extract.mentions import GazetteerEntry, StatusClaim
from . import iri
from .vocab import PG, RDF, RDFS, SKOS, Triple, en_literal, integer_literal, year_literal, zh_literal

if TYPE_CHECKING:
    from .mapping import _Mapper

__all__ = ["map_gazetteer", "map_mentions"]

WIKIDATA = "http://www.wikidata.org/entity/"
#: Sections whose mentions make an involvement link.
_INVOLVING_ROLES = ("task", "review-area")




def map_gazetteer(entries: tuple[GazetteerEntry, ...]) -> set[Triple]:
    """Entity nodes with their curated labels, codes and containment.

    Curated links (``pg:partOf``, ``pg:locatedIn``) are also stated as ``rdf:Statement``
    nodes marked ``pg:curated true``, so a query can tell them from what the text says.
    """
    triples: set[Triple] = set()
    known = {entry.slug for entry in entries}
    for entry in entries:
        node = iri.entity_iri(entry.slug)
        triples.add((node, RDF.type, PG[entry.type]))
        triples.add((node, RDFS.label, zh_literal(entry.zh)))
        triples.add((node, RDFS.label, en_literal(entry.en)))
        for alias in entry.aliases:
            triples.add((node, SKOS.altLabel, zh_literal(alias)))
        if entry.admin_code:
            triples.add((node, PG.adminCode, Literal(entry.admin_code)))
        if entry.wikidata:
            triples.add((node, SKOS.exactMatch, URIRef(WIKIDATA + entry.wikidata)))
        if entry.note:
            triples.add((node, RDFS.comment, en_literal(entry.note)))
        for predicate, targets in ((PG.partOf, entry.part_of), (PG.locatedIn, entry.located_in)):
            for target in targets:
                if target not in known:
                    raise MappingError(f"gazetteer entry {entry.slug} points to unknown entry {target}")
                other = iri.entity_iri(target)
                triples.add((node, predicate, other))
                statement = iri.curated_statement_iri(entry.slug, str(predicate).rsplit("#", 1)[-1], target)
                triples.add((statement, RDF.type, RDF.Statement))
                triples.add((statement, RDF.subject, node))
                triples.add((statement, RDF.predicate, predicate))
                triples.add((statement, RDF.object, other))
                triples.add((statement, PG.curated, Literal(True)))
                triples.add((statement, RDFS.comment, en_literal("curated in data/gazetteer.toml")))
    return triples


def map_mentions(mapper: _Mapper) -> None:
    """Add the report's mentions, the involvement they show, and project statuses."""
    report = mapper.report
    text = report.text
    spans = sentences(text, 0, len(text))
    starts = [span.start for span in spans]

    def sentence_of(offset: int) -> tuple[int, int]:
        span = spans[max(bisect.bisect_right(starts, offset) - 1, 0)]
        return span.start, span.end

    parents = {s.number: s.parent for s in report.sections}
    for mention in report.mentions:
        entity = iri.entity_iri(mention.slug)
        node = iri.mention_iri(mapper.slug, mention.slug, mention.start)
        section = mapper.section_at(mention.start)
        form = mention.form or mention.surface
        mapper.add(node, RDF.type, PG.Mention)
        mapper.add(node, PG.mentionOf, entity)
        mapper.add(node, PG.surfaceForm, zh_literal(form))
        mapper.add(node, PG.quote, zh_literal(text[mention.start : mention.end]))
        mapper.add(node, PG.charStart, integer_literal(mention.start))
        mapper.add(node, PG.charEnd, integer_literal(mention.end))
        mapper.add(node, PG.inSection, mapper.section_nodes[section.number])
        mapper.add(node, PG.inDocument, mapper.document)
        mapper.add(node, RDFS.label, zh_literal(f"“{form}”（{section.number}）"))
        mapper.add(node, RDFS.label, en_literal(f"mention of {form} in section {section.number}"))
        mapper.evidence(node, *sentence_of(mention.start))
        number: str | None = section.number
        while number is not None and mapper.roles.get(number) not in _INVOLVING_ROLES:
            number = parents[number]
        if number is not None:
            mapper.add(mapper.section_nodes[number], PG.involves, entity)
            mapper.add(entity, PG.involvedIn, mapper.section_nodes[number])
    for claim in report.statuses:
        _map_status(mapper, claim, sentence_of(claim.start))


def _map_status(mapper: _Mapper, claim: StatusClaim, sentence: tuple[int, int]) -> None:
    report = mapper.report
    meta = report.document.meta
    review = next((s for s in report.sections if s.number == report.review_part), None)
    in_review = review is not None and review.start <= claim.start < review.end
    year = meta.review_year if in_review else meta.plan_year
    node = iri.status_iri(mapper.slug, claim.slug, claim.start)
    mapper.add(iri.entity_iri(claim.slug), PG.projectStatus, node)
    mapper.add(node, RDF.type, PG.StatusRecord)
    mapper.add(node, PG.statusValue, PG[claim.status])
    mapper.add(node, PG.statusText, zh_literal(claim.status_text))
    mapper.add(node, PG.statusYear, year_literal(year))
    mapper.add(node, RDFS.label, zh_literal(f"{claim.status_text}（{year}年）"))
    mapper.add(node, RDFS.label, en_literal(f"status in {year}: {claim.status_text}"))
    mapper.evidence(node, *sentence)
