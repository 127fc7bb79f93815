"""``plangraph link``: match one column of a table against the graph and write the links.

For each distinct value of the column the matcher's best candidate is accepted
when it scores at least the threshold, is not ambiguous (no other candidate
within :data:`~plangraph.link._matcher.AMBIGUITY_MARGIN`) and no property
condition contradicts it. Accepted links become ``skos:exactMatch`` (score
:data:`~plangraph.link._matcher.MATCH_SCORE` or more by a non-fuzzy method) or
``skos:closeMatch`` (a lower threshold let a fuzzy one through). Everything
else goes to the review table with its best candidates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef

from .._errors import InputError
from ..rdf import iri
from ..rdf.turtle import to_turtle
from ..rdf.vocab import RDFS, SKOS, Triple
from ..store import Store
from ._matcher import AMBIGUITY_MARGIN, MATCH_SCORE, Candidate, Matcher
from ._normalise import has_han
from ._output import LinkDecision, review_table, sssom_table, void_linksets, write_all
from ._table import read_table

__all__ = ["LinkResult", "decide", "link_table", "links_graph"]

#: Slugs that name something else already.
_RESERVED = frozenset({"plangraph"})
Progress = Callable[[int, int], None]


@dataclass(slots=True)
class LinkResult:
    """What :func:`link_table` did; the file texts are kept so tests and callers can read them."""

    dataset: str
    graph: str
    decisions: list[LinkDecision] = field(default_factory=list)
    files: dict[Path, str] = field(default_factory=dict)
    triples: set[Triple] = field(default_factory=set)
    loaded: int = 0

    @property
    def accepted(self) -> list[LinkDecision]:
        return [d for d in self.decisions if d.predicate is not None]

    @property
    def review(self) -> list[LinkDecision]:
        return [d for d in self.decisions if d.predicate is None]


def links_graph(dataset: str) -> str:
    """The named graph of a dataset's links: ``graph/links/<dataset>``."""
    return str(iri.graph_iri(f"links/{dataset}"))


def decide(candidates: Sequence[Candidate], threshold: float) -> tuple[str | None, str]:
    """``(predicate IRI or None, reason)`` for a value's candidates (best first)."""
    if not candidates:
        return None, "no candidate"
    best = candidates[0]
    if best.score < threshold:
        return None, "below threshold"
    if len(candidates) > 1 and best.score - candidates[1].score < AMBIGUITY_MARGIN:
        return None, "ambiguous"
    if any(value is False for key, value in best.features.items() if key.startswith("property_")):
        return None, "property mismatch"
    exact = best.score >= MATCH_SCORE and best.method != "fuzzy"
    return str(SKOS.exactMatch if exact else SKOS.closeMatch), "accepted"


def _check_slug(dataset: str) -> str:
    if dataset in _RESERVED:
        raise InputError(f"--dataset {dataset!r} is reserved; choose another name")
    try:
        iri.graph_iri(f"links/{dataset}")
    except ValueError:
        raise InputError(f"--dataset {dataset!r}: use lower-case ASCII letters, digits and hyphens") from None
    return dataset


def link_table(
    path: Path,
    column: str,
    matcher: Matcher,
    *,
    types: Sequence[str] = (),
    dataset: str | None = None,
    id_column: str | None = None,
    threshold: float = MATCH_SCORE,
    encoding: str | None = None,
    output: Path | None = None,
    store: Store | None = None,
    progress: Progress | None = None,
    write: bool = True,
) -> LinkResult:
    """Link ``column`` of the table at ``path``; write ``<output>.ttl``, ``.sssom.tsv`` and ``.review.tsv``.

    ``output`` defaults to the table's path without its suffix plus
    ``.links``. With ``store``, the links replace the named graph
    ``graph/links/<dataset>`` there, after the files are written.
    """
    if not 0 < threshold <= 100:
        raise InputError(f"--threshold must be in (0, 100], not {threshold:g}")
    table = read_table(path, encoding=encoding)
    table.require(column, *([id_column] if id_column else []))
    slug = _check_slug(dataset or iri.slugify(path.stem))
    values: dict[str, list[int]] = {}
    keys: dict[str, str] = {}
    for row in table.rows:
        value = row.cells[column]
        if not value:
            continue
        values.setdefault(value, []).append(row.line)
        if id_column:
            key = row.cells[id_column]
            if not key:
                raise InputError(f"{path}, line {row.line}, column {table.position(id_column)} ({id_column}): empty id")
            if keys.setdefault(value, key) != key:
                raise InputError(f"{path}, line {row.line}: {value!r} has ids {keys[value]!r} and {key!r}")
    if not values:
        raise InputError(f"{path}: column {column!r} has no values")
    result = LinkResult(dataset=slug, graph=links_graph(slug))
    subjects = _subjects(slug, values, keys)
    total = len(values)
    for done, (value, lines) in enumerate(values.items(), start=1):
        candidates = tuple(matcher.match(value, types=types, limit=5))
        predicate, reason = decide(candidates, threshold)
        result.decisions.append(LinkDecision(value, subjects[value], tuple(lines), candidates, predicate, reason))
        if progress is not None:
            progress(done, total)
    counts = {str(SKOS.exactMatch): 0, str(SKOS.closeMatch): 0}
    for decision in result.accepted:
        assert decision.predicate is not None and decision.best is not None
        subject = URIRef(decision.subject)
        result.triples.add((subject, URIRef(decision.predicate), URIRef(decision.best.target.iri)))
        result.triples.add((subject, RDFS.label, Literal(decision.value, lang="zh" if has_han(decision.value) else None)))
        counts[decision.predicate] += 1
    description = f"Column {column!r} of {path.name} matched by plangraph link (threshold {threshold:g})"
    result.triples |= void_linksets(slug, path.stem, path.name, counts, description)
    base = output or path.with_name(path.stem + ".links")
    base_text = str(base.with_suffix("")) if base.suffix == ".ttl" else str(base)
    result.files = {
        Path(base_text + ".ttl"): to_turtle(result.triples),
        Path(base_text + ".sssom.tsv"): sssom_table(result.decisions, dataset=slug, column=column, source=path.name, threshold=threshold),
        Path(base_text + ".review.tsv"): review_table(result.decisions),
    }
    if write:
        write_all(result.files)
    if store is not None:
        store.clear(result.graph)
        result.loaded = store.load(result.files[Path(base_text + ".ttl")].encode("utf-8"), format="turtle", graph=result.graph)
    return result


def _subjects(slug: str, values: dict[str, list[int]], keys: dict[str, str]) -> dict[str, str]:
    """An IRI per value: its id column's IRI, else one minted from the id or the value (``-2`` … on a clash)."""
    subjects: dict[str, str] = {}
    taken: set[str] = set()
    for value in values:
        key = keys.get(value, value)
        if key.startswith(("http://", "https://")):
            subjects[value] = key
            continue
        part = 1
        while (candidate := str(iri.dataset_item_iri(slug, key, part))) in taken:
            part += 1
        taken.add(candidate)
        subjects[value] = candidate
    return subjects
