"""Writing link results: the SSSOM mapping table, the review table, the VoID linksets, and all files at once.

:func:`write_all` stages every file beside its target and renames them only
when all are staged, so a failed run leaves the previous outputs as they were.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef

from ..__version__ import __version__
from ..rdf import iri
from ..rdf.vocab import BASE, DCTERMS, RDF, SKOS, XSD, Triple
from ._matcher import Candidate

__all__ = ["LINKSET_NAMES", "METHOD_NOTES", "VOID", "LinkDecision", "review_table", "sssom_table", "void_linksets", "write_all"]

VOID = "http://rdfs.org/ns/void#"
_SEMAPV = "https://w3id.org/semapv/vocab/"
#: What each match method compares, as SSSOM's ``similarity_measure``.
METHOD_NOTES = {
    "id": "identifier equality",
    "exact": "label equality",
    "normalised": "label equality after NFKC width folding, traditional-to-simplified conversion, case folding, punctuation removal",
    "affix": "label equality after removing brackets, a leading place name and an administrative suffix",
    "pinyin": "equality of the toneless pinyin of the label with the Latin-letter name",
    "fuzzy": "Dice coefficient of character bigrams of the normalised labels",
    "properties": "agreement of property values",
}
#: Link predicate -> the name of its linkset (``dataset/<slug>/linkset/<name>``).
LINKSET_NAMES = {
    str(SKOS.exactMatch): "exact-match",
    str(SKOS.closeMatch): "close-match",
    str(iri.cube_dimension_iri("indicator")): "indicator",
    "http://purl.org/linked-data/sdmx/2009/dimension#refArea": "area",
}


@dataclass(frozen=True, slots=True)
class LinkDecision:
    """What became of one distinct value of the linked column."""

    value: str
    subject: str
    """IRI of the thing the table names (its own IRI, or one minted under ``dataset/<slug>/item/``)."""
    lines: tuple[int, ...]
    candidates: tuple[Candidate, ...]
    predicate: str | None
    """``skos:exactMatch`` or ``skos:closeMatch`` when accepted; None when left for review."""
    reason: str
    """``accepted``, ``below threshold``, ``ambiguous``, ``property mismatch`` or ``no candidate``."""

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


def _curie(value: str, prefixes: dict[str, str]) -> str:
    for prefix, namespace in prefixes.items():
        if value.startswith(namespace) and len(value) > len(namespace):
            return f"{prefix}:{value[len(namespace):]}"
    cut = max(value.rfind("/"), value.rfind("#")) + 1
    namespace = value[:cut]
    prefix = f"ext{len([p for p in prefixes if p.startswith('ext')]) + 1}"
    prefixes[prefix] = namespace
    return f"{prefix}:{value[cut:]}"


def sssom_table(decisions: Sequence[LinkDecision], *, dataset: str, column: str, source: str, threshold: float) -> str:
    """The accepted links as an SSSOM/TSV mapping set (metadata block, then one row per link)."""
    prefixes = {"pgid": BASE, "skos": str(SKOS), "semapv": _SEMAPV}
    rows: list[list[str]] = []
    for decision in decisions:
        best = decision.best
        if decision.predicate is None or best is None:
            continue
        rows.append([
            _curie(decision.subject, prefixes), decision.value, _curie(decision.predicate, prefixes),
            _curie(best.target.iri, prefixes), best.target.name, "semapv:LexicalMatching", f"{best.score / 100:.3f}",
            f"{best.score / 100:.3f}", METHOD_NOTES.get(best.method, best.method), best.matched,
            (f"method {best.method}; column {column!r}, line{'s' if len(decision.lines) > 1 else ''} "
             + ", ".join(map(str, decision.lines))),
        ])  # fmt: skip
    header = [
        "subject_id", "subject_label", "predicate_id", "object_id", "object_label", "mapping_justification",
        "confidence", "similarity_score", "similarity_measure", "match_string", "comment",
    ]  # fmt: skip
    meta = [
        "#curie_map:",
        *(f"#  {prefix}: {namespace}" for prefix, namespace in prefixes.items()),
        f"#mapping_set_id: {iri.dataset_iri(dataset)}/mappings",
        (f"#mapping_set_description: Links from column {column!r} of {source} to the plangraph knowledge graph, "
         f"accepted at score {threshold:g} or more"),
        "#license: https://w3id.org/sssom/license/unspecified",
        f"#mapping_tool: plangraph {__version__}",
        f"#subject_source: {iri.dataset_iri(dataset)}",
        f"#object_source: {iri.PLAN_DATASET}",
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return "\n".join(meta) + "\n" + buffer.getvalue()


def review_table(decisions: Sequence[LinkDecision], *, shown: int = 3) -> str:
    """The values not linked, with their best candidates, as TSV for a person to decide."""
    header = ["lines", "value", "reason"]
    for number in range(1, shown + 1):
        header += [f"candidate_{number}_id", f"candidate_{number}_name", f"candidate_{number}_score", f"candidate_{number}_method"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(header)
    for decision in decisions:
        if decision.predicate is not None:
            continue
        row = [",".join(map(str, decision.lines)), decision.value, decision.reason]
        for candidate in decision.candidates[:shown]:
            row += [candidate.target.id, candidate.target.name, f"{candidate.score:g}", candidate.method]
        writer.writerow(row + [""] * (len(header) - len(row)))
    return buffer.getvalue()


def void_linksets(dataset: str, title: str, source: str, counts: Mapping[str, int], description: str) -> set[Triple]:
    """VoID: the linked dataset, the plan dataset, and one ``void:Linkset`` per link predicate used."""
    subject_set = iri.dataset_iri(dataset)
    void = {name: URIRef(VOID + name) for name in ("Dataset", "Linkset", "subset", "linkPredicate", "subjectsTarget",
                                                   "objectsTarget", "triples", "target")}  # fmt: skip
    triples: set[Triple] = {
        (subject_set, RDF.type, void["Dataset"]),
        (subject_set, DCTERMS.title, Literal(title)),
        (subject_set, DCTERMS.source, Literal(source)),
        (iri.PLAN_DATASET, RDF.type, void["Dataset"]),
        (iri.PLAN_DATASET, DCTERMS.title, Literal("plangraph: a knowledge graph of Chinese city development plans", lang="en")),
    }
    for predicate, count in sorted(counts.items()):
        if not count:
            continue
        linkset = iri.linkset_iri(dataset, LINKSET_NAMES[predicate])
        triples |= {
            (linkset, RDF.type, void["Linkset"]),
            (subject_set, void["subset"], linkset),
            (linkset, void["linkPredicate"], URIRef(predicate)),
            (linkset, void["subjectsTarget"], subject_set),
            (linkset, void["objectsTarget"], iri.PLAN_DATASET),
            (linkset, void["target"], subject_set),
            (linkset, void["target"], iri.PLAN_DATASET),
            (linkset, void["triples"], Literal(str(count), datatype=XSD.integer)),
            (linkset, DCTERMS.description, Literal(description, lang="en")),
        }
    return triples


def write_all(files: Mapping[Path, str]) -> None:
    """Write every file or none: stage each beside its target, then rename them all."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((temporary, path))
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(text.encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, 0o644)
    except BaseException:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        raise
    for temporary, path in staged:
        os.replace(temporary, path)
