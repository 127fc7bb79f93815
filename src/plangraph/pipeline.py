"""Build and validate: sources -> records -> triples -> data/triples/*.ttl, and SHACL over the result."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from ._atomic import write_atomic
from ._errors import SourceError, ValidationError
from ._paths import ProjectPaths
from .extract.genre import GenreProfile
from .extract.mentions import load_gazetteer
from .extract.records import PlanReport
from .extract.report import extract_report
from .extract.source import find_sources
from .link._indicators import IndicatorMatch, resolve_indicators
from .rdf.curation import load_curation
from .rdf.entities import map_gazetteer
from .rdf.mapping import map_report
from .rdf.turtle import to_turtle
from .rdf.vocab import Triple

__all__ = ["BuildResult", "ValidationResult", "build", "load_graph", "load_shapes", "validate"]

#: Output names the build writes itself, and the one graph name the ontology takes.
_RESERVED_STEMS = frozenset({"entities", "ontology"})
_STEM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(slots=True)
class BuildResult:
    reports: list[PlanReport] = field(default_factory=list)
    files: dict[Path, int] = field(default_factory=dict)
    """Output file -> triple count."""
    outputs: dict[Path, str] = field(default_factory=dict)
    """Output file -> its Turtle text."""
    removed: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    triples: set[Triple] = field(default_factory=set)
    indicator_matches: list[IndicatorMatch] = field(default_factory=list)
    """How each indicator name the curated registry lacks was matched to another report's (or not)."""

    @property
    def graph(self) -> Graph:
        """All triples of the build as one rdflib graph (made on demand: validation and tests use it)."""
        graph = Graph()
        for triple in self.triples:
            graph.add(triple)
        return graph


def build(paths: ProjectPaths, *, profile: GenreProfile | None = None, write: bool = True) -> BuildResult:
    """Extract every source and write one Turtle file per source.

    Nothing is written until every source has been read and mapped, and each
    file is replaced atomically, so a bad source leaves data/triples/ as it was.
    """
    started = time.perf_counter()
    result = BuildResult()
    sources = find_sources(paths.sources)
    curation = load_curation(paths.curated)
    gazetteer = load_gazetteer(paths.gazetteer)
    outputs = result.outputs
    entities = map_gazetteer(gazetteer)
    result.triples |= entities
    outputs[paths.triples / "entities.ttl"] = to_turtle(entities)
    result.files[paths.triples / "entities.ttl"] = len(entities)
    for source in sources:
        if source.stem in _RESERVED_STEMS or not _STEM.match(source.stem):
            raise SourceError(
                "the file name must be ASCII letters, digits, '.', '_' or '-' and not "
                + " or ".join(sorted(_RESERVED_STEMS))
                + ": it names the report's graph",
                path=str(source),
            )
        result.reports.append(extract_report(source, profile, gazetteer))
    # Indicator names the curated registry lacks are matched across reports (plangraph.link).
    curations, result.indicator_matches = resolve_indicators(result.reports, curation)
    for source, report in zip(sources, result.reports):
        graph = map_report(report, curations[report.document.meta.doc_id])
        result.triples |= graph
        target = paths.triples / f"{source.stem}.ttl"
        outputs[target] = to_turtle(graph)
        result.files[target] = len(graph)
    if write:
        for target, text in outputs.items():
            write_atomic(target, text)
        if paths.triples.is_dir():
            for stale in sorted(paths.triples.glob("*.ttl")):
                if stale not in outputs:
                    stale.unlink()
                    result.removed.append(stale)
    result.seconds = time.perf_counter() - started
    return result


def load_graph(paths: ProjectPaths) -> Graph:
    """The built data: every ``data/triples/*.ttl``."""
    files = sorted(paths.triples.glob("*.ttl"))
    if not files:
        raise SourceError("no built triples; run `plangraph build` first", path=str(paths.triples))
    graph = Graph()
    for file in files:
        graph.parse(file, format="turtle")
    return graph


def load_shapes(paths: ProjectPaths) -> tuple[Graph, Graph]:
    """``(ontology, shapes)`` from ontology/."""
    ontology = Graph().parse(paths.ontology / "plangraph.ttl", format="turtle")
    shapes = Graph().parse(paths.ontology / "shapes.ttl", format="turtle")
    return ontology, shapes


@dataclass(frozen=True, slots=True)
class ValidationResult:
    conforms: bool
    violations: list[tuple[str, str, str, str]]
    """``(severity, focus node, path, message)`` per result."""
    seconds: float
    triples: int


def validate(data: Graph, paths: ProjectPaths) -> ValidationResult:
    """Run pyshacl over ontology + data with the project's shapes."""
    from pyshacl import validate as shacl_validate
    from rdflib.namespace import SH

    started = time.perf_counter()
    ontology, shapes = load_shapes(paths)
    conforms, report, _ = shacl_validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    if not isinstance(report, Graph):
        raise ValidationError(f"{paths.ontology / 'shapes.ttl'}: the shapes cannot be applied: {report}")
    violations = []
    for result in report.subjects(predicate=SH.resultSeverity):
        severity = str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        focus = str(report.value(result, SH.focusNode))
        path = str(report.value(result, SH.resultPath) or "")
        message = str(report.value(result, SH.resultMessage) or "")
        violations.append((severity, focus, path, message))
    violations.sort()
    return ValidationResult(bool(conforms), violations, time.perf_counter() - started, len(data))


def require_conformance(result: ValidationResult) -> None:
    if not result.conforms:
        raise ValidationError(f"{len(result.violations)} SHACL violations")
